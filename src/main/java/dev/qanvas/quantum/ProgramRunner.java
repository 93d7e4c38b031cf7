package dev.qanvas.quantum;

import dev.qanvas.quantum.Program.Apply;
import dev.qanvas.quantum.Program.Barrier;
import dev.qanvas.quantum.Program.Conditional;
import dev.qanvas.quantum.Program.Instruction;
import dev.qanvas.quantum.Program.Measure;
import dev.qanvas.quantum.Program.Postselect;
import dev.qanvas.quantum.Program.Reset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a {@link Program} exactly under a {@link NoiseModel}: the final state's basis-state
 * probabilities and the exact distribution of the classical bits.
 *
 * <p>A unitary program measured only at its end, without gate noise, takes one state vector
 * ({@link Method#STATE_VECTOR}, up to {@link Circuit#MAX_QUBITS} qubits as memory allows); readout
 * error then only mixes the classical distribution. Anything else takes density matrices
 * ({@link Method#DENSITY_MATRIX}, up to {@link DensityMatrix#MAX_QUBITS}): one unnormalised
 * matrix per classical value reached (a branch, whose trace is its probability), split by each
 * measurement and merged when two branches reach the same classical value.
 */
public final class ProgramRunner {

    /**
     * The most classical values an exact distribution holds (about 100 MB of map): 30 measured
     * qubits in a uniform state would otherwise take a billion entries.
     */
    public static final int MAX_OUTCOMES = 1 << 20;

    private ProgramRunner() {
    }

    /** How a run was computed. */
    public enum Method {
        STATE_VECTOR("state vector"), DENSITY_MATRIX("density matrix"), TRAJECTORIES("trajectories");

        private final String text;

        Method(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * An exact result: {@code probabilities[i]} of basis state i of the final (possibly mixed)
     * state, and the probability of each classical value reached (bit j = classical bit j), both
     * given that every postselection succeeded; {@code successProbability} is the probability that
     * they all did (1 without postselection).
     */
    public record Exact(Method method, double[] probabilities, Map<Long, Double> classical, double successProbability) {
    }

    /**
     * The final state's branches by classical value, renormalised after postselection, and the
     * probability that every postselection succeeded (1 without postselection).
     */
    public record Branches(Map<Long, DensityMatrix> byValue, double successProbability) {

        /** The mixture over every classical value: the final state (a new matrix; the branches are left as they are). */
        public DensityMatrix state() {
            DensityMatrix sum = null;
            for (DensityMatrix rho : byValue.values()) {
                sum = sum == null ? rho.copy() : sum.add(rho); // add sums in place: never into a branch
            }
            return sum;
        }
    }

    /** Whether an exact run of {@code program} under {@code noise} needs density matrices. */
    public static boolean needsDensityMatrix(Program program, NoiseModel noise) {
        return noise.hasGateNoise() || !program.measuresOnlyAtTheEnd();
    }

    /**
     * The exact result.
     *
     * @throws IllegalArgumentException when the program needs density matrices and has more than
     *     {@link DensityMatrix#MAX_QUBITS} qubits, or the branches would not fit the heap (the
     *     message says so and suggests sampling with shots)
     */
    public static Exact exact(Program program, NoiseModel noise) {
        // The measurements at the very end need no branches: the final diagonal decides them.
        List<Instruction> list = program.instructions();
        int last = list.size();
        while (last > 0 && (list.get(last - 1) instanceof Measure || list.get(last - 1) instanceof Barrier)) {
            last--;
        }
        Program body = new Program(program.qubits(), program.qregs(), program.cregs(), list.subList(0, last));
        Map<Long, double[]> diagonals = new LinkedHashMap<>();
        Method method;
        double success = 1;
        if (needsDensityMatrix(program, noise)) {
            method = Method.DENSITY_MATRIX;
            Branches run = run(body, noise);
            run.byValue().forEach((value, rho) -> diagonals.put(value, rho.probabilities()));
            success = run.successProbability();
        } else {
            method = Method.STATE_VECTOR;
            StateVector psi = StateVector.zero(program.qubits()); // refuses a state that cannot fit, saying what it needs
            // the state plus its probabilities (8 bytes a basis state) must fit too, not the state alone
            Memory.requireHeap(Memory.saturatedProduct(24, 1L << program.qubits(), 1), program.qubits() + " qubits' state and probabilities");
            for (Instruction i : body.instructions()) {
                if (i instanceof Apply a) {
                    for (Operation op : a.operations()) {
                        psi.apply(op, Program.angles(op));
                    }
                } else if (i instanceof Postselect s) {
                    success *= postselect(psi, s);
                }
            }
            diagonals.put(0L, psi.probabilities());
        }
        double[] p;
        if (diagonals.size() == 1) {
            p = diagonals.values().iterator().next(); // one branch: its diagonal is the answer, no second 2^n array
        } else {
            p = new double[1 << program.qubits()];
            for (double[] d : diagonals.values()) {
                for (int k = 0; k < p.length; k++) {
                    p[k] += d[k];
                }
            }
        }
        Map<Long, Double> classical = new LinkedHashMap<>();
        if (program.measures()) {
            Map<Integer, Measure> lastWrite = new TreeMap<>();
            for (Instruction i : list.subList(last, list.size())) {
                if (i instanceof Measure m) {
                    lastWrite.put(m.clbit(), m);
                }
            }
            long written = 0;
            for (int clbit : lastWrite.keySet()) {
                written |= 1L << clbit;
            }
            for (Map.Entry<Long, double[]> branch : diagonals.entrySet()) {
                double[] d = branch.getValue();
                for (int index = 0; index < d.length; index++) {
                    if (d[index] == 0) {
                        continue;
                    }
                    long value = branch.getKey() & ~written;
                    for (Measure m : lastWrite.values()) {
                        value |= (long) ((index >> m.qubit()) & 1) << m.clbit();
                    }
                    addOutcome(classical, value, d[index]);
                }
            }
            // Each written bit is misread independently, after the state has been measured.
            for (Measure m : lastWrite.values()) {
                double r = noise.readout(m.qubit());
                if (r > 0) {
                    classical = flip(classical, m.clbit(), r);
                }
            }
        }
        return new Exact(method, p, sorted(classical), success);
    }

    private static void addOutcome(Map<Long, Double> dist, long value, double p) {
        dist.merge(value, p, Double::sum);
        if (dist.size() > MAX_OUTCOMES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "more than %,d values of the classical"
                    + " bits have a nonzero probability, more than an exact distribution holds; sample them with shots",
                    MAX_OUTCOMES));
        }
    }

    private static Map<Long, Double> flip(Map<Long, Double> dist, int bit, double r) {
        Map<Long, Double> out = new LinkedHashMap<>();
        dist.forEach((v, q) -> {
            addOutcome(out, v, (1 - r) * q);
            addOutcome(out, v ^ (1L << bit), r * q);
        });
        return out;
    }

    /**
     * The final state of the program, the mixture over every classical outcome: the sum of
     * {@link #branches} (given that every postselection succeeded).
     */
    public static DensityMatrix finalState(Program program, NoiseModel noise) {
        return run(program, noise).state();
    }

    /**
     * The program's final state split by classical value: for each value of the classical bits
     * that can occur, the unnormalised density matrix of the runs that end with it (its trace is
     * the value's probability, given that every postselection succeeded).
     */
    public static Map<Long, DensityMatrix> branches(Program program, NoiseModel noise) {
        return run(program, noise).byValue();
    }

    /**
     * The branches and the probability that every postselection succeeded.
     *
     * @throws IllegalArgumentException when a postselection never succeeds (its outcome has probability 0)
     */
    public static Branches run(Program program, NoiseModel noise) {
        int n = program.qubits();
        DensityMatrix.requireSize(n, 1);
        Map<Long, DensityMatrix> branches = new LinkedHashMap<>();
        branches.put(0L, DensityMatrix.zero(n));
        double success = 1;
        for (Instruction i : program.instructions()) {
            if (i instanceof Postselect s) {
                // One projection across all branches, renormalised by their total: the branches keep their relative weights.
                double kept = 0;
                for (DensityMatrix rho : branches.values()) {
                    kept += rho.project(s.qubit(), s.outcome());
                }
                if (!(kept > POSTSELECTION_FLOOR)) {
                    throw neverSucceeds(s);
                }
                Map<Long, DensityMatrix> next = new LinkedHashMap<>();
                for (Map.Entry<Long, DensityMatrix> b : branches.entrySet()) {
                    if (b.getValue().trace() > 0) {
                        next.put(b.getKey(), b.getValue().scale(1 / kept));
                    }
                }
                branches = next;
                success *= kept;
                continue;
            }
            Map<Long, DensityMatrix> next = new LinkedHashMap<>();
            for (Map.Entry<Long, DensityMatrix> b : branches.entrySet()) {
                long value = b.getKey();
                Instruction step = i;
                if (i instanceof Conditional c) {
                    step = c.holds(value) ? c.body() : null;
                }
                if (step instanceof Measure m) {
                    measure(b.getValue(), value, m, noise.readout(m.qubit()), next, branches.size());
                    continue;
                }
                if (step instanceof Apply a) {
                    apply(b.getValue(), a, noise);
                } else if (step instanceof Reset r) {
                    b.getValue().reset(r.qubit());
                }
                merge(next, value, b.getValue());
            }
            branches = next;
        }
        return new Branches(branches, success);
    }

    /**
     * Below this a postselection's success probability is rounding, not an outcome: an outcome that
     * cannot occur leaves about 1e-32 behind after a few gates, and renormalising that would amplify noise.
     */
    static final double POSTSELECTION_FLOOR = 1e-14;

    static IllegalArgumentException neverSucceeds(Postselect s) {
        return new IllegalArgumentException("postselecting qubit " + s.qubit() + " on " + s.outcome()
                + " never succeeds: that outcome has probability 0 there");
    }

    /** Projects a pure state onto the postselected outcome and renormalises it; returns the outcome's probability. */
    static double postselect(StateVector psi, Postselect s) {
        int bit = 1 << s.qubit();
        double kept = 0;
        for (int i = 0; i < psi.re.length; i++) {
            if (((i & bit) != 0) == (s.outcome() == 1)) {
                kept += psi.re[i] * psi.re[i] + psi.im[i] * psi.im[i];
            }
        }
        if (!(kept > POSTSELECTION_FLOOR)) {
            throw neverSucceeds(s);
        }
        double f = 1 / Math.sqrt(kept);
        for (int i = 0; i < psi.re.length; i++) {
            boolean keep = ((i & bit) != 0) == (s.outcome() == 1);
            psi.re[i] = keep ? psi.re[i] * f : 0;
            psi.im[i] = keep ? psi.im[i] * f : 0;
        }
        return kept;
    }

    /** Applies one gate and the noise after it. */
    static void apply(DensityMatrix rho, Apply a, NoiseModel noise) {
        for (Operation op : a.operations()) {
            rho.apply(op, Program.angles(op));
        }
        for (int q : a.qubits()) {
            // The channels after one gate on one qubit, composed: one pass over the matrix.
            double[] s = noise.composedAfter(a.name(), a.qubits().size(), q);
            if (s != null) {
                rho.applySuperoperator(s, q);
            }
        }
    }

    /** Splits a branch by the outcome of {@code m}, each outcome written (maybe misread) into the classical bit. */
    private static void measure(DensityMatrix rho, long value, Measure m, double readout, Map<Long, DensityMatrix> next,
            int branches) {
        DensityMatrix one = rho.copy();
        double p1 = one.project(m.qubit(), 1);
        double p0 = rho.project(m.qubit(), 0);
        long v0 = value & ~(1L << m.clbit()), v1 = value | (1L << m.clbit());
        if (readout > 0) {
            // The state collapses to the true outcome; the bit written is the misread one.
            DensityMatrix read0 = rho.copy().scale(1 - readout).add(one.copy().scale(readout));
            DensityMatrix read1 = rho.scale(readout).add(one.scale(1 - readout));
            rho = read0;
            one = read1;
            p0 = rho.trace();
            p1 = one.trace();
        }
        if (p0 > 0) {
            merge(next, v0, rho);
        }
        if (p1 > 0) {
            DensityMatrix.requireSize(rho.qubits(), (long) next.size() + branches + 1);
            merge(next, v1, one);
        }
    }

    private static void merge(Map<Long, DensityMatrix> next, long value, DensityMatrix rho) {
        DensityMatrix old = next.get(value);
        if (old == null) {
            next.put(value, rho);
        } else {
            old.add(rho);
        }
    }

    private static Map<Long, Double> sorted(Map<Long, Double> m) {
        Map<Long, Double> out = new TreeMap<>((a, b) -> Long.compareUnsigned(Long.reverse(a), Long.reverse(b)));
        out.putAll(m);
        return out;
    }
}
