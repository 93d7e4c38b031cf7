package dev.qanvas.quantum;

import dev.qanvas.quantum.QuantumNeuron.GateStep;
import dev.qanvas.quantum.QuantumNeuron.Postselect;
import dev.qanvas.quantum.QuantumNeuron.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Adjoint differentiation through postselection: values read at several points of a circuit of
 * gates and postselections ({@link QuantumNeuron.Step}) on an unnormalised state vector, and the
 * gradient of sum_r u_r value_r over the gates' parameters in one backward pass. Each value is
 * <phi| O |phi> for the state phi after the first {@code after} steps (never renormalised, so it
 * includes the probability that every postselection so far succeeded) and O the projector onto
 * the basis states whose bits under {@code mask} equal {@code value} (mask 0: the squared norm).
 *
 * <p>Going backwards, lambda = sum of u_r O_r phi_r over the readouts already passed, carried back
 * through each step's adjoint (a projector is its own); each parameterised gate adds
 * 2 Re <lambda| dU |phi_before>. A projection cannot be undone, so the forward pass keeps the
 * state before each one (one copy per postselection). Checked against {@link ParameterShift} and
 * finite differences (PostselectedAdjointTest).
 */
public final class PostselectedAdjoint {

    private PostselectedAdjoint() {
    }

    /** The smallest norm the unnormalised state may reach (its square, 1e-250, is far above double's underflow). */
    private static final double MIN_NORM = 1e-125;

    /** Read <phi|O|phi> after the first {@code after} steps; O projects onto basis states with (index & mask) == value. */
    public record Readout(int after, int mask, int value) {
    }

    /** The readouts' values and the gradient of sum_r u_r value_r. */
    public record Result(double[] values, double[] gradient) {
    }

    /**
     * Runs the steps from |0...0> on {@code qubits} qubits, reads the readouts, and returns their
     * values with the gradient of sum_r u_r value_r over {@code parameters} parameters, u being
     * {@code upstream} of the values.
     */
    public static Result vectorJacobian(int qubits, List<Step> steps, List<Readout> readouts, int parameters,
            Function<double[], double[]> upstream) {
        Map<Integer, List<Integer>> readAt = new HashMap<>();
        for (int r = 0; r < readouts.size(); r++) {
            Readout ro = readouts.get(r);
            if (ro.after() < 0 || ro.after() > steps.size()) {
                throw new IllegalArgumentException("readout after " + ro.after() + " of " + steps.size() + " steps");
            }
            readAt.computeIfAbsent(ro.after(), k -> new ArrayList<>()).add(r);
        }
        StateVector psi = StateVector.zero(qubits);
        double[] values = new double[readouts.size()];
        Map<Integer, StateVector> beforeProjection = new HashMap<>();
        int postselections = 0;
        for (int i = 0; i <= steps.size(); i++) {
            for (int r : readAt.getOrDefault(i, List.of())) {
                values[r] = read(psi, readouts.get(r));
            }
            if (i == steps.size()) {
                break;
            }
            Step s = steps.get(i);
            if (s instanceof GateStep g) {
                psi.apply(g.operation(), Program.angles(g.operation()));
            } else {
                postselections++;
                if (upstream != null) {
                    beforeProjection.put(i, psi.copy());
                }
                QuantumNeuron.project(psi, ((Postselect) s).qubit());
                if (!(psi.norm() > MIN_NORM)) {
                    throw tooUnlikely(postselections, i);
                }
            }
        }
        if (upstream == null) {
            return new Result(values, new double[parameters]); // values only
        }
        double[] u = upstream.apply(values.clone());
        if (u.length != values.length) {
            throw new IllegalArgumentException(values.length + " values but " + u.length + " upstream weights");
        }
        double[] gradient = new double[parameters];
        int size = 1 << qubits;
        double[] lr = new double[size], li = new double[size];
        for (int i = steps.size(); i >= 0; i--) {
            for (int r : readAt.getOrDefault(i, List.of())) {
                Readout ro = readouts.get(r);
                for (int k = 0; k < size; k++) {
                    if ((k & ro.mask()) == ro.value()) {
                        lr[k] += u[r] * psi.re[k];
                        li[k] += u[r] * psi.im[k];
                    }
                }
            }
            if (i == 0) {
                break;
            }
            Step s = steps.get(i - 1);
            if (s instanceof GateStep g) {
                Operation op = g.operation();
                double[] angles = Program.angles(op);
                double[] m = op.gate().matrix(angles);
                Kernels.apply(psi.re, psi.im, qubits, op, m, true);
                if (g.parameter() >= 0) {
                    double[] z = Kernels.sandwich(lr, li, psi.re, psi.im, qubits, op, op.gate().derivative(0, angles));
                    gradient[g.parameter()] += g.coefficient() * 2 * z[0];
                }
                Kernels.apply(lr, li, qubits, op, m, true);
            } else {
                psi = beforeProjection.get(i - 1);
                int bit = 1 << ((Postselect) s).qubit();
                for (int k = 0; k < size; k++) {
                    if ((k & bit) != 0) {
                        lr[k] = 0;
                        li[k] = 0;
                    }
                }
            }
        }
        return new Result(values, gradient);
    }

    /** The readouts' values alone (no backward pass). */
    public static double[] values(int qubits, List<Step> steps, List<Readout> readouts) {
        return vectorJacobian(qubits, steps, readouts, 0, null).values();
    }

    private static IllegalArgumentException tooUnlikely(int postselections, int step) {
        return new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the chance that all %d postselections"
                + " up to step %d succeed is below %.0e (or zero): too small for an unnormalised simulation;"
                + " use a shorter sequence or fewer neurons", postselections, step + 1, MIN_NORM * MIN_NORM));
    }

    /** {@link #values(int, List, List)} for compiled steps. */
    public static double[] values(int qubits, RealSteps steps, List<Readout> readouts) {
        return vectorJacobian(qubits, steps, readouts, 0, null).values();
    }

    /**
     * {@link #vectorJacobian(int, List, List, int, Function)} for compiled steps, on real
     * amplitudes alone: the same values and gradient to the bit. Each expression is the complex
     * kernels' ({@link Kernels#real1}, {@link Kernels#sandwich}) with the imaginary terms, all
     * zeros, left out, and every sum runs in the same order; adding a zero changes no nonzero sum,
     * and the gradient starts at +0, so no sign of zero shows either. The one exception is a
     * non-finite upstream weight (infinity times an imaginary zero is NaN in the complex pass):
     * then the general pass runs.
     */
    public static Result vectorJacobian(int qubits, RealSteps c, List<Readout> readouts, int parameters,
            Function<double[], double[]> upstream) {
        Forward f = forward(qubits, c, readouts, upstream != null);
        return upstream == null ? new Result(f.values, new double[parameters]) : f.backward(parameters, upstream);
    }

    /**
     * The forward pass of compiled steps: the readouts' values and, when {@code keepStates}, the
     * states that {@link Forward#backward} needs (the final one and one before each postselection).
     */
    public static Forward forward(int qubits, RealSteps c, List<Readout> readouts, boolean keepStates) {
        int n = c.size;
        // readouts by step, in list order within a step: first[i] .. first[i + 1] - 1 index byStep
        int[] first = new int[n + 2];
        for (Readout ro : readouts) {
            if (ro.after() < 0 || ro.after() > n) {
                throw new IllegalArgumentException("readout after " + ro.after() + " of " + n + " steps");
            }
            first[ro.after() + 1]++;
        }
        for (int i = 0; i <= n; i++) {
            first[i + 1] += first[i];
        }
        int[] byStep = new int[readouts.size()];
        int[] fill = first.clone();
        int[] mask = new int[readouts.size()], value = new int[readouts.size()];
        for (int r = 0; r < readouts.size(); r++) {
            Readout ro = readouts.get(r);
            byStep[fill[ro.after()]++] = r;
            mask[r] = ro.mask();
            value[r] = ro.value();
        }
        int size = 1 << qubits;
        int posts = 0;
        for (RealSteps.Block b : c.blocks) {
            posts += b.postselections;
        }
        double[] psi = new double[size];
        psi[0] = 1;
        double[] saved = keepStates ? new double[posts * size] : null;
        double[] values = new double[readouts.size()];
        int postselections = 0;
        int i = 0; // steps done
        for (int q = first[0]; q < first[1]; q++) {
            values[byStep[q]] = read(psi, mask[byStep[q]], value[byStep[q]]);
        }
        for (RealSteps.Block b : c.blocks) {
            double[] num = b.numbers;
            for (int s = 0; s < b.size; s++, i++) {
                int tb = b.bit[s], cm = b.cmask[s];
                switch (b.kind[s]) {
                    case RealSteps.ROTATE -> {
                        int o = s * RealSteps.D;
                        rotate(psi, tb, cm, num[o], num[o + 1], num[o + 2], num[o + 3]);
                    }
                    case RealSteps.FLIP -> flip(psi, tb, cm);
                    default -> {
                        if (saved != null) {
                            System.arraycopy(psi, 0, saved, postselections * size, size);
                        }
                        postselections++;
                        zero(psi, tb);
                        double sum = 0;
                        for (int k = 0; k < size; k++) {
                            sum += psi[k] * psi[k];
                        }
                        if (!(Math.sqrt(sum) > MIN_NORM)) {
                            throw tooUnlikely(postselections, i);
                        }
                    }
                }
                for (int q = first[i + 1]; q < first[i + 2]; q++) {
                    values[byStep[q]] = read(psi, mask[byStep[q]], value[byStep[q]]);
                }
            }
        }
        return new Forward(qubits, c, readouts, first, byStep, mask, value, values, keepStates ? psi : null, saved);
    }

    /** A forward pass of compiled steps ({@link #forward}); with its states kept, it can go backwards any number of times. */
    public static final class Forward {
        private final int qubits;
        private final RealSteps c;
        private final List<Readout> readouts;
        private final int[] first, byStep, mask, value;
        private final double[] values, last, saved;

        private Forward(int qubits, RealSteps c, List<Readout> readouts, int[] first, int[] byStep, int[] mask, int[] value,
                double[] values, double[] last, double[] saved) {
            this.qubits = qubits;
            this.c = c;
            this.readouts = readouts;
            this.first = first;
            this.byStep = byStep;
            this.mask = mask;
            this.value = value;
            this.values = values;
            this.last = last;
            this.saved = saved;
        }

        /** The readouts' values (not a copy). */
        public double[] values() {
            return values;
        }

        /** {@link PostselectedAdjoint#vectorJacobian(int, RealSteps, List, int, Function)} from this forward pass. */
        public Result backward(int parameters, Function<double[], double[]> upstream) {
            if (saved == null) {
                throw new IllegalStateException("a forward pass without its states cannot go backwards");
            }
            return PostselectedAdjoint.backward(this, parameters, upstream);
        }
    }

    private static Result backward(Forward f, int parameters, Function<double[], double[]> upstream) {
        RealSteps c = f.c;
        int[] first = f.first, byStep = f.byStep, mask = f.mask, value = f.value;
        double[] values = f.values, saved = f.saved;
        int n = c.size, size = 1 << f.qubits, i = n;
        int postselections = saved.length / size;
        double[] psi = f.last.clone();
        double[] u = upstream.apply(values.clone());
        if (u.length != values.length) {
            throw new IllegalArgumentException(values.length + " values but " + u.length + " upstream weights");
        }
        for (double x : u) {
            if (!Double.isFinite(x)) {
                double[] again = u;
                return vectorJacobian(f.qubits, c.steps(), f.readouts, parameters, v -> again);
            }
        }
        double[] gradient = new double[parameters];
        double[] lambda = new double[size];
        for (int q = first[n]; q < first[n + 1]; q++) {
            int r = byStep[q];
            addRead(lambda, psi, u[r], mask[r], value[r]);
        }
        for (int bi = c.blocks.length - 1; bi >= 0; bi--) {
            RealSteps.Block b = c.blocks[bi];
            double[] num = b.numbers;
            for (int s = b.size - 1; s >= 0; s--) {
                i--;
                int tb = b.bit[s], cm = b.cmask[s];
                switch (b.kind[s]) {
                    case RealSteps.ROTATE -> {
                        int o = s * RealSteps.D;
                        int p = b.parameter[s];
                        // the inverse is the transpose
                        if (p >= 0) {
                            gradient[p] += num[o + 8] * 2 * unrotate(psi, lambda, tb, cm, num[o], num[o + 2], num[o + 1], num[o + 3],
                                    num[o + 4], num[o + 5], num[o + 6], num[o + 7]);
                        } else {
                            rotate(psi, tb, cm, num[o], num[o + 2], num[o + 1], num[o + 3]);
                            rotate(lambda, tb, cm, num[o], num[o + 2], num[o + 1], num[o + 3]);
                        }
                    }
                    case RealSteps.FLIP -> {
                        flip(psi, tb, cm);
                        flip(lambda, tb, cm);
                    }
                    default -> {
                        System.arraycopy(saved, --postselections * size, psi, 0, size);
                        zero(lambda, tb);
                    }
                }
                for (int q = first[i]; q < first[i + 1]; q++) {
                    int r = byStep[q];
                    addRead(lambda, psi, u[r], mask[r], value[r]);
                }
            }
        }
        return new Result(values, gradient);
    }

    // The loops below visit only the indices they change, in ascending order (so every sum runs
    // as in the kernels): x walks the subsets of the free bits ((x - free) & free is the next one),
    // i = x | the bits that are fixed.

    /** {{a, b}, {c, d}} on each pair (i, i + tb) whose controls are set: {@link Kernels#real1}'s expression. */
    private static void rotate(double[] v, int tb, int cmask, double a, double b, double c, double d) {
        int free = (v.length - 1) & ~(cmask | tb);
        int x = 0;
        do {
            int i = x | cmask, j = i | tb;
            double vi = v[i], vj = v[j];
            v[i] = a * vi + b * vj;
            v[j] = c * vi + d * vj;
            x = (x - free) & free;
        } while (x != 0);
    }

    private static void flip(double[] v, int tb, int cmask) {
        int free = (v.length - 1) & ~(cmask | tb);
        int x = 0;
        do {
            int i = x | cmask, j = i | tb;
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
            x = (x - free) & free;
        } while (x != 0);
    }

    /**
     * The inverse {{a, b}, {c, d}} on psi and on lambda, pair by pair, and between the two
     * <lambda| D |psi> ({@link Kernels#sandwich}'s grouping and order) with D = {{d0, d1}, {d2, d3}}.
     */
    private static double unrotate(double[] psi, double[] lambda, int tb, int cmask, double a, double b, double c, double d,
            double d0, double d1, double d2, double d3) {
        int free = (psi.length - 1) & ~(cmask | tb);
        int x = 0;
        double sum = 0;
        do {
            int i = x | cmask, j = i | tb;
            double pi = psi[i], pj = psi[j];
            double ri = a * pi + b * pj, rj = c * pi + d * pj;
            psi[i] = ri;
            psi[j] = rj;
            double li = lambda[i], lj = lambda[j];
            double dx = d0 * ri + d1 * rj, dy = d2 * ri + d3 * rj;
            sum += li * dx + lj * dy;
            lambda[i] = a * li + b * lj;
            lambda[j] = c * li + d * lj;
            x = (x - free) & free;
        } while (x != 0);
        return sum;
    }

    /** Zeroes the amplitudes where bit tb is set (projects onto 0). */
    private static void zero(double[] v, int tb) {
        int free = (v.length - 1) & ~tb;
        int x = 0;
        do {
            v[x | tb] = 0;
            x = (x - free) & free;
        } while (x != 0);
    }

    /** Whether no basis state k of the state has (k & mask) == value. */
    private static boolean noneMatch(int size, int mask, int value) {
        return (value & ~mask) != 0 || (value & ~(size - 1)) != 0;
    }

    /** <psi| O |psi> for the projector of (mask, value): the basis states in ascending order. */
    private static double read(double[] psi, int mask, int value) {
        if (noneMatch(psi.length, mask, value)) {
            return 0;
        }
        int free = (psi.length - 1) & ~mask;
        int x = 0;
        double v = 0;
        do {
            int k = x | value;
            v += psi[k] * psi[k];
            x = (x - free) & free;
        } while (x != 0);
        return v;
    }

    /** lambda += w O psi. */
    private static void addRead(double[] lambda, double[] psi, double w, int mask, int value) {
        if (noneMatch(psi.length, mask, value)) {
            return;
        }
        int free = (psi.length - 1) & ~mask;
        int x = 0;
        do {
            int k = x | value;
            lambda[k] += w * psi[k];
            x = (x - free) & free;
        } while (x != 0);
    }

    private static double read(StateVector psi, Readout ro) {
        double v = 0;
        for (int k = 0; k < psi.re.length; k++) {
            if ((k & ro.mask()) == ro.value()) {
                v += psi.re[k] * psi.re[k] + psi.im[k] * psi.im[k];
            }
        }
        return v;
    }
}
