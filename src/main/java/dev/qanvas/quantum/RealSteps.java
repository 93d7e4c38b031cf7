package dev.qanvas.quantum;

import dev.qanvas.quantum.QuantumNeuron.GateStep;
import dev.qanvas.quantum.QuantumNeuron.Postselect;
import dev.qanvas.quantum.QuantumNeuron.Step;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Step}s whose gates are all one-qubit real rotations or bit flips (RY, X, controlled or
 * not), compiled once into flat arrays: each gate's matrix and derivative evaluated, its qubits as
 * bit masks. From |0...0> such a circuit keeps every amplitude real, so
 * {@link PostselectedAdjoint} can run it on one array of 2^n doubles with the same arithmetic, term
 * for term, as the complex kernels (their imaginary parts are all zero and drop out exactly).
 * A QRNN repeats the same neurons at every step of every sequence: compiled once per weight
 * vector, they are appended by {@link Builder} instead of being built again as objects.
 */
public final class RealSteps {

    static final byte ROTATE = 0, FLIP = 1, POSTSELECT = 2;
    /** Doubles per step: the matrix's real entries (row-major), the derivative's, the coefficient. */
    static final int D = 9;

    final int size;
    final byte[] kind;
    /** Per step: the target's bit, the control mask, the parameter (or -1). */
    final int[] bit, cmask, parameter;
    final double[] numbers;
    /** The steps themselves, for the general path when the real one cannot give the same bits. */
    final Step[] steps;

    private RealSteps(int size, byte[] kind, int[] bit, int[] cmask, int[] parameter, double[] numbers, Step[] steps) {
        this.size = size;
        this.kind = kind;
        this.bit = bit;
        this.cmask = cmask;
        this.parameter = parameter;
        this.numbers = numbers;
        this.steps = steps;
    }

    public int size() {
        return size;
    }

    /** The steps as a list, in order (what the general {@link PostselectedAdjoint} path runs). */
    public List<Step> steps() {
        return Arrays.asList(Arrays.copyOf(steps, size));
    }

    /**
     * The steps compiled, or null when a gate is not a one-qubit gate of kind REAL (with a real
     * derivative) or PERMUTATION, which are what keep real amplitudes real.
     */
    public static RealSteps of(List<Step> list) {
        Builder b = new Builder(list.size());
        for (Step s : list) {
            if (!b.add(s)) {
                return null;
            }
        }
        return b.build();
    }

    /** Appends steps and compiled step lists. */
    public static final class Builder {
        private int size;
        private byte[] kind;
        private int[] bit, cmask, parameter;
        private double[] numbers;
        private Step[] steps;

        public Builder(int capacity) {
            int c = Math.max(capacity, 16);
            kind = new byte[c];
            bit = new int[c];
            cmask = new int[c];
            parameter = new int[c];
            numbers = new double[c * D];
            steps = new Step[c];
        }

        private void room(int more) {
            if (size + more <= kind.length) {
                return;
            }
            int c = Math.max(kind.length * 2, size + more);
            kind = Arrays.copyOf(kind, c);
            bit = Arrays.copyOf(bit, c);
            cmask = Arrays.copyOf(cmask, c);
            parameter = Arrays.copyOf(parameter, c);
            numbers = Arrays.copyOf(numbers, c * D);
            steps = Arrays.copyOf(steps, c);
        }

        public int size() {
            return size;
        }

        public Builder append(RealSteps s) {
            room(s.size);
            System.arraycopy(s.kind, 0, kind, size, s.size);
            System.arraycopy(s.bit, 0, bit, size, s.size);
            System.arraycopy(s.cmask, 0, cmask, size, s.size);
            System.arraycopy(s.parameter, 0, parameter, size, s.size);
            System.arraycopy(s.numbers, 0, numbers, size * D, s.size * D);
            System.arraycopy(s.steps, 0, steps, size, s.size);
            size += s.size;
            return this;
        }

        /** Adds one step; false (and nothing added) when it does not keep real amplitudes real. */
        boolean add(Step s) {
            room(1);
            int at = size;
            if (s instanceof Postselect p) {
                kind[at] = POSTSELECT;
                bit[at] = 1 << p.qubit();
                parameter[at] = -1;
            } else {
                GateStep g = (GateStep) s;
                Operation op = g.operation();
                Gate gate = op.gate();
                if (gate.qubits() != 1) {
                    return false;
                }
                bit[at] = 1 << op.targets().get(0);
                cmask[at] = op.controlMask();
                parameter[at] = -1;
                if (gate.kind() == Gate.Kind.PERMUTATION && g.parameter() < 0) {
                    kind[at] = FLIP; // the kernels swap the pair, whatever the matrix
                } else if (gate.kind() == Gate.Kind.REAL) {
                    kind[at] = ROTATE;
                    double[] angles = Program.angles(op);
                    double[] m = gate.matrix(angles);
                    int o = at * D;
                    // the real kernels read only the real parts
                    numbers[o] = m[0];
                    numbers[o + 1] = m[2];
                    numbers[o + 2] = m[4];
                    numbers[o + 3] = m[6];
                    if (g.parameter() >= 0) {
                        double[] d = gate.derivative(0, angles);
                        if (d[1] != 0 || d[3] != 0 || d[5] != 0 || d[7] != 0) {
                            return false;
                        }
                        numbers[o + 4] = d[0];
                        numbers[o + 5] = d[2];
                        numbers[o + 6] = d[4];
                        numbers[o + 7] = d[6];
                        numbers[o + 8] = g.coefficient();
                        parameter[at] = g.parameter();
                    }
                } else {
                    return false;
                }
            }
            steps[at] = s;
            size++;
            return true;
        }

        public RealSteps build() {
            return new RealSteps(size, Arrays.copyOf(kind, size), Arrays.copyOf(bit, size), Arrays.copyOf(cmask, size),
                    Arrays.copyOf(parameter, size), Arrays.copyOf(numbers, size * D), Arrays.copyOf(steps, size));
        }

        /** The steps so far, without copying: the builder must not be used afterwards. */
        public RealSteps buildInPlace() {
            return new RealSteps(size, kind, bit, cmask, parameter, numbers, steps);
        }
    }
}
