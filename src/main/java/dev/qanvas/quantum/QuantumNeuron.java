package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The repeat-until-success quantum neuron of Cao, Guerreschi and Aspuru-Guzik (2017,
 * arXiv:1711.11240) as a real circuit (docs/qrnn.md). Its input angle theta is a polynomial of
 * control qubits: each {@link Term} adds its parameter to theta when all its controls read 1 (a
 * term without controls is the bias). Order 1: an ancilla is rotated by RY(2 theta) (one
 * controlled RY per term), controls -iY = RY(pi) on the target, is rotated back by RY(-2 theta)
 * and measured; reading 0 (probability cos^4 theta + sin^4 theta for a target in |0>) leaves the
 * target rotated by RY(2 q(theta)), q(theta) = arctan(tan^2 theta). Order k nests it: the order
 * k-1 circuit prepares ancilla k, which controls -iY on the target, and the order k-1 circuit with
 * +iY in its middle (its adjoint on the ancilla) un-prepares it; ancilla k is then measured. The
 * target gets RY(2 q^k(theta)) when every measurement reads 0 (2^k - 1 of them).
 *
 * <p>A neuron emits its circuit as {@link Step}s: gates and postselections, either on k reused
 * ancillas (as a device runs it, each measured mid-circuit: {@link #emit}) or on a fresh ancilla per
 * measurement ({@link #emitDeferred}, all postselected at the end: one unitary, as amplitude
 * amplification needs). Angles come from {@link ParameterShift.Angles}, so anything computed
 * from the circuit can be differentiated by the shift rule.
 */
public record QuantumNeuron(int target, List<Integer> ancillas, List<Term> terms) {

    /** The most nested rounds: order k measures 2^k - 1 times. */
    public static final int MAX_ORDER = 4;

    /** Adds {@code parameters[parameter]} to theta when every control qubit reads 1. */
    public record Term(List<Integer> controls, int parameter) {
        public Term {
            controls = List.copyOf(controls);
        }
    }

    /** One step of a neuron's circuit. */
    public sealed interface Step permits GateStep, Postselect {
    }

    /**
     * A gate with constant angles; its one angle is {@code coefficient * parameters[parameter]}
     * when {@code parameter >= 0} (what adjoint differentiation needs to know), else fixed.
     */
    public record GateStep(Operation operation, int parameter, double coefficient) implements Step {
        /** A gate whose angles are fixed. */
        public GateStep(Operation operation) {
            this(operation, -1, 0);
        }
    }

    /** Keep only the part of the state where {@code qubit} reads 0 (a measurement that must succeed). */
    public record Postselect(int qubit) implements Step {
    }

    public QuantumNeuron {
        ancillas = List.copyOf(ancillas);
        terms = List.copyOf(terms);
        if (ancillas.isEmpty() || ancillas.size() > MAX_ORDER) {
            throw new IllegalArgumentException("a quantum neuron has order 1.." + MAX_ORDER + " (one ancilla per order), not "
                    + ancillas.size());
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a quantum neuron needs at least one term (a bias or a weight)");
        }
        for (Term t : terms) {
            if (t.controls().contains(target) || t.controls().stream().anyMatch(ancillas::contains)) {
                throw new IllegalArgumentException("a neuron's controls are neither its target nor its ancillas: " + t);
            }
        }
    }

    public int order() {
        return ancillas.size();
    }

    /** The circuit with its k ancillas reused, each measurement a postselection right after its block. */
    public void emit(List<Step> out, ParameterShift.Angles angles) {
        block(order(), target, false, out, angles, level -> ancillas.get(level - 1));
    }

    /**
     * The same circuit with a fresh ancilla for each of its 2^k - 1 measurements, taken from
     * {@code freshQubit} (which must hand out qubits in |0> that nothing else uses); the
     * postselections are emitted last, so the gates before them are one unitary.
     */
    public void emitDeferred(List<Step> out, ParameterShift.Angles angles, IntSupplier freshQubit) {
        List<Step> gates = new ArrayList<>();
        block(order(), target, false, gates, angles, level -> freshQubit.getAsInt());
        gates.stream().filter(s -> s instanceof GateStep).forEach(out::add);
        gates.stream().filter(s -> s instanceof Postselect).forEach(out::add);
    }

    private interface AncillaChoice {
        int ancillaFor(int level);
    }

    /**
     * Level 0: RY(2 theta) on {@code on} (RY(-2 theta) when {@code adjoint}). Level j: the order-j
     * circuit, whose postselected action on {@code on} is the operator A_j, or A_j^dagger when
     * {@code adjoint} (only the middle -iY becomes +iY: A_j = <0| A_(j-1)^dagger CY A_(j-1) |0>).
     */
    private void block(int level, int on, boolean adjoint, List<Step> out, ParameterShift.Angles angles, AncillaChoice choice) {
        if (level == 0) {
            for (Term t : terms) {
                double angle = angles.angle(t.parameter(), adjoint ? -2 : 2, Gate.RY, !t.controls().isEmpty());
                out.add(new GateStep(new Operation(Gate.RY, List.of(on), t.controls(), List.of(new Angle.Constant(angle))),
                        t.parameter(), adjoint ? -2 : 2));
            }
            return;
        }
        int a = choice.ancillaFor(level);
        block(level - 1, a, false, out, angles, choice);
        // -iY = RY(pi) exactly; its adjoint +iY = RY(-pi)
        out.add(new GateStep(Operation.of(Gate.RY, adjoint ? -Math.PI : Math.PI, on).controlledBy(a)));
        block(level - 1, a, true, out, angles, choice);
        out.add(new Postselect(a));
    }

    /** Qubits a circuit of these steps touches: 1 + the largest index. */
    public static int qubitsOf(List<Step> steps) {
        int max = -1;
        for (Step s : steps) {
            max = Math.max(max, s instanceof GateStep g ? g.operation().maxQubit() : ((Postselect) s).qubit());
        }
        return max + 1;
    }

    /**
     * Runs the steps on {@code psi} in place without renormalising: a postselection zeroes the
     * amplitudes where its qubit reads 1, so the squared norm afterwards is the probability that
     * every postselection so far succeeded (times the norm before).
     */
    public static void run(List<Step> steps, StateVector psi) {
        for (Step s : steps) {
            if (s instanceof GateStep g) {
                Operation op = g.operation();
                psi.apply(op, Program.angles(op));
            } else {
                project(psi, ((Postselect) s).qubit());
            }
        }
    }

    /** psi -> (|0><0| on {@code qubit}) psi, not renormalised. */
    public static void project(StateVector psi, int qubit) {
        int bit = 1 << qubit;
        for (int i = 0; i < psi.re.length; i++) {
            if ((i & bit) != 0) {
                psi.re[i] = 0;
                psi.im[i] = 0;
            }
        }
    }

    /**
     * The steps as a program as a device runs it: each postselection a mid-circuit measurement into
     * its own classical bit (bit j = the j-th measurement), so success is classical value 0.
     */
    public static Program program(List<Step> steps, int qubits) {
        List<Program.Instruction> list = new ArrayList<>();
        int clbits = 0;
        for (Step s : steps) {
            if (s instanceof GateStep g) {
                list.add(Program.Apply.of(g.operation()));
            } else {
                list.add(new Program.Measure(((Postselect) s).qubit(), clbits++));
            }
        }
        List<Program.Register> cregs = clbits == 0 ? List.of() : List.of(new Program.Register("c", clbits, 0));
        return new Program(qubits, List.of(new Program.Register("q", qubits, 0)), cregs, list);
    }

    /**
     * The steps as circuit operations, each postselection a postselection on 0 (what the Circuit
     * workspace draws and its live state runs, renormalised, with the success probability beside it).
     */
    public static List<Operation> operations(List<Step> steps) {
        List<Operation> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(s instanceof GateStep g ? g.operation() : Operation.postselect(((Postselect) s).qubit(), 0));
        }
        return out;
    }

    /**
     * What one neuron with input angle theta does to a target in |0>: the target ends in
     * RY(2 outputAngle)|0> when the circuit succeeds, which it does with {@code successProbability}.
     */
    public record Outcome(double theta, int order, double outputAngle, double successProbability) {
    }

    /** The neuron of {@link #simulate}: target 0, ancillas 1..k, theta as its one term (a bias). */
    private static QuantumNeuron single(int order) {
        List<Integer> ancillas = new ArrayList<>();
        for (int j = 1; j <= order; j++) {
            ancillas.add(j);
        }
        return new QuantumNeuron(0, ancillas, List.of(new Term(List.of(), 0)));
    }

    /**
     * Runs the order-k circuit as a device would (k ancillas, each measured mid-circuit into a
     * classical bit) on the exact density-matrix simulator, and reads the branch in which every
     * measurement gave 0: its trace is the success probability, its normalised target state gives
     * the output angle (atan2(<X>, <Z>) / 2).
     */
    public static Outcome simulate(double theta, int order) {
        QuantumNeuron n = single(order);
        List<Step> steps = new ArrayList<>();
        n.emit(steps, ParameterShift.Angles.of(new double[] {theta}));
        DensityMatrix success = ProgramRunner.branches(program(steps, order + 1), NoiseModel.NONE).get(0L);
        if (success == null) {
            throw new IllegalArgumentException("the neuron never succeeds at theta = " + theta);
        }
        double p = success.trace();
        double x = success.expectation(PauliString.x(0)) / p, z = success.expectation(PauliString.z(0)) / p;
        return new Outcome(theta, order, Math.atan2(x, z) / 2, p);
    }

    /**
     * The same neuron with exact amplitude amplification (Brassard, Hoyer, Mosca and Tapp 2002):
     * A is the deferred circuit (a fresh ancilla per measurement) plus one more qubit rotated so
     * that the success amplitude becomes sin(pi / (2(2m + 1))) with m = ceil(pi / (4 phi) - 1/2),
     * sin^2 phi the plain success probability; m rounds of A S_0 A^dagger S_good (reflections
     * built from X and a multi-controlled Z) then make success certain up to rounding. Returns the
     * probability of success after amplification and the output angle read from the good part.
     */
    public static Outcome simulateAmplified(double theta, int order) {
        QuantumNeuron n = single(order);
        int[] next = {order + 1};
        List<Step> steps = new ArrayList<>();
        n.emitDeferred(steps, ParameterShift.Angles.of(new double[] {theta}), () -> next[0]++);
        List<Operation> a = new ArrayList<>();
        List<Integer> good = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof GateStep g) {
                a.add(g.operation());
            } else {
                good.add(((Postselect) s).qubit());
            }
        }
        int damping = next[0];
        int qubits = damping + 1;
        double p = goodProbability(unitary(a, qubits), good);
        double phi = Math.asin(Math.sqrt(Math.min(1, p)));
        int rounds = (int) Math.max(0, Math.ceil(Math.PI / (4 * phi) - 0.5));
        double target = Math.sin(Math.PI / (2 * (2 * rounds + 1)));
        // cos(beta) = target / sin(phi) <= 1: the damping qubit reads 0 with that amplitude
        a.add(Operation.of(Gate.RY, 2 * Math.acos(Math.min(1, target / Math.sqrt(p))), damping));
        good.add(damping);
        StateVector psi = unitary(a, qubits);
        List<Integer> all = new ArrayList<>();
        for (int q = 0; q < qubits; q++) {
            all.add(q);
        }
        for (int r = 0; r < rounds; r++) {
            reflectAboutZero(psi, good); // S_good
            for (int k = a.size() - 1; k >= 0; k--) {
                psi.applyInverse(a.get(k), Program.angles(a.get(k)));
            }
            reflectAboutZero(psi, all); // S_0
            for (Operation op : a) {
                psi.apply(op, Program.angles(op));
            }
        }
        StateVector success = psi.copy();
        good.forEach(q -> project(success, q));
        double norm2 = success.norm() * success.norm();
        double x = success.expectation(PauliString.x(0)) / norm2, z = success.expectation(PauliString.z(0)) / norm2;
        // amplified to certainty, the norm can exceed 1 by rounding (1e-15)
        return new Outcome(theta, order, Math.atan2(x, z) / 2, Math.min(1, norm2));
    }

    private static StateVector unitary(List<Operation> ops, int qubits) {
        StateVector psi = StateVector.zero(qubits);
        for (Operation op : ops) {
            psi.apply(op, Program.angles(op));
        }
        return psi;
    }

    private static double goodProbability(StateVector psi, List<Integer> good) {
        StateVector s = psi.copy();
        good.forEach(q -> project(s, q));
        return s.norm() * s.norm();
    }

    /** Multiplies by -1 the states in which every listed qubit reads 0: X on each, a multi-controlled Z, X on each. */
    private static void reflectAboutZero(StateVector psi, List<Integer> qubits) {
        qubits.forEach(q -> psi.apply(Operation.of(Gate.X, q)));
        int last = qubits.get(qubits.size() - 1);
        int[] controls = qubits.subList(0, qubits.size() - 1).stream().mapToInt(Integer::intValue).toArray();
        psi.apply(Operation.of(Gate.Z, last).controlledBy(controls));
        qubits.forEach(q -> psi.apply(Operation.of(Gate.X, q)));
    }
}
