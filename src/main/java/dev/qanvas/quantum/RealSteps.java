package dev.qanvas.quantum;

import dev.qanvas.quantum.QuantumNeuron.GateStep;
import dev.qanvas.quantum.QuantumNeuron.Postselect;
import dev.qanvas.quantum.QuantumNeuron.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Step}s whose gates are all one-qubit real rotations or bit flips (RY, X, controlled or
 * not), compiled once into flat arrays: each gate's matrix and derivative evaluated, its qubits as
 * bit masks. From |0...0> such a circuit keeps every amplitude real, so
 * {@link PostselectedAdjoint} can run it on one array of 2^n doubles with the same arithmetic, term
 * for term, as the complex kernels (their imaginary parts are all zero and drop out exactly).
 * A QRNN repeats the same neurons at every step of every sequence: compiled once per weight
 * vector, they are appended by {@link Builder} (by reference: blocks are shared, never copied)
 * instead of being built again as objects.
 */
public final class RealSteps {

    static final byte ROTATE = 0, FLIP = 1, POSTSELECT = 2;
    /** Doubles per step: the matrix's real entries (row-major), the derivative's, the coefficient. */
    static final int D = 9;

    /** A run of compiled steps in flat arrays. */
    static final class Block {
        final int size;
        /** How many of the steps are postselections (a state is kept before each on the way forward). */
        int postselections;
        final byte[] kind;
        /** Per step: the target's bit, the control mask, the parameter (or -1). */
        final int[] bit, cmask, parameter;
        final double[] numbers;
        /** The steps themselves, for the general path when the real one cannot give the same bits. */
        final Step[] steps;

        private Block(List<Step> list) {
            size = list.size();
            kind = new byte[size];
            bit = new int[size];
            cmask = new int[size];
            parameter = new int[size];
            numbers = new double[size * D];
            steps = list.toArray(new Step[0]);
        }

        /** Compiles step {@code at}; false when it does not keep real amplitudes real. */
        private boolean compile(int at) {
            Step s = steps[at];
            parameter[at] = -1;
            if (s instanceof Postselect p) {
                kind[at] = POSTSELECT;
                bit[at] = 1 << p.qubit();
                postselections++;
                return true;
            }
            GateStep g = (GateStep) s;
            Operation op = g.operation();
            Gate gate = op.gate();
            if (gate.qubits() != 1) {
                return false;
            }
            bit[at] = 1 << op.targets().get(0);
            cmask[at] = op.controlMask();
            if (gate.kind() == Gate.Kind.PERMUTATION && g.parameter() < 0) {
                kind[at] = FLIP; // the kernels swap the pair, whatever the matrix
                return true;
            }
            if (gate.kind() != Gate.Kind.REAL) {
                return false;
            }
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
            return true;
        }
    }

    final int size;
    final Block[] blocks;

    private RealSteps(int size, Block[] blocks) {
        this.size = size;
        this.blocks = blocks;
    }

    public int size() {
        return size;
    }

    /** The steps as a list, in order (what the general {@link PostselectedAdjoint} path runs). */
    public List<Step> steps() {
        List<Step> out = new ArrayList<>(size);
        for (Block b : blocks) {
            out.addAll(Arrays.asList(b.steps));
        }
        return out;
    }

    /**
     * The steps compiled, or null when a gate is not a one-qubit gate of kind REAL (with a real
     * derivative) or PERMUTATION, which are what keep real amplitudes real.
     */
    public static RealSteps of(List<Step> list) {
        Block b = new Block(list);
        for (int i = 0; i < b.size; i++) {
            if (!b.compile(i)) {
                return null;
            }
        }
        return new RealSteps(b.size, new Block[] {b});
    }

    /** Compiled step lists one after another. */
    public static final class Builder {
        private final List<Block> blocks;
        private int size;

        public Builder(int capacity) {
            blocks = new ArrayList<>(capacity);
        }

        public int size() {
            return size;
        }

        public Builder append(RealSteps s) {
            for (Block b : s.blocks) {
                if (b.size > 0) {
                    blocks.add(b);
                }
            }
            size += s.size;
            return this;
        }

        public RealSteps build() {
            return new RealSteps(size, blocks.toArray(new Block[0]));
        }
    }
}
