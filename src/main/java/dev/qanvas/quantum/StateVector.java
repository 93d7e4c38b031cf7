package dev.qanvas.quantum;

import java.util.Arrays;
import java.util.Random;

/**
 * The state of n qubits: 2^n complex amplitudes, real and imaginary parts in separate arrays,
 * in double precision, changed in place by gates. Qubit k is bit k of the index.
 *
 * <p>This is the single-state path (one input, up to about 28 qubits as memory allows); many
 * inputs through one circuit go through {@link BatchState}.
 */
public final class StateVector {

    private final int n;
    final double[] re;
    final double[] im;

    private StateVector(int n, double[] re, double[] im) {
        this.n = n;
        this.re = re;
        this.im = im;
    }

    /** |0...0> on n qubits; fails with the memory it would need when that is more than the JVM's heap allows. */
    public static StateVector zero(int n) {
        requireMemory(n, 1);
        int size = 1 << n;
        double[] re, im;
        try {
            re = new double[size];
            im = new double[size];
        } catch (OutOfMemoryError e) {
            // Passed the check against the heap's ceiling, but too much else is live.
            throw new IllegalArgumentException(Memory.tooLarge(Memory.stateBytes(n, 1), what(n, 1)), e);
        }
        re[0] = 1;
        return new StateVector(n, re, im);
    }

    /** The basis state with the given index. */
    public static StateVector basis(int n, int index) {
        StateVector s = zero(n);
        s.re[0] = 0;
        s.re[index] = 1;
        return s;
    }

    /** A state from amplitudes (copied); they must have length 2^n and unit norm (1e-9). */
    public static StateVector of(double[] re, double[] im) {
        int n = Integer.numberOfTrailingZeros(re.length);
        if (re.length != 1 << n || im.length != re.length || n == 0) {
            throw new IllegalArgumentException("amplitude arrays must have equal power-of-two lengths >= 2");
        }
        StateVector s = new StateVector(n, re.clone(), im.clone());
        if (Math.abs(s.norm() - 1) > 1e-9) {
            throw new IllegalArgumentException("state is not normalised: norm " + s.norm());
        }
        return s;
    }

    /**
     * Throws when {@code states} state vectors of n qubits would take more than
     * {@link Memory#HEAP_FRACTION} of this JVM's maximum heap (see {@link Memory} for why the
     * ceiling and not the free memory), with a message naming the bytes needed and -Xmx.
     */
    static void requireMemory(int n, int states) {
        if (n < 1 || n > Circuit.MAX_QUBITS) {
            throw new IllegalArgumentException("number of qubits must be 1.." + Circuit.MAX_QUBITS + ": " + n);
        }
        if (states < 1) {
            throw new IllegalArgumentException("number of states must be at least 1: " + states);
        }
        Memory.requireHeap(Memory.stateBytes(n, states), what(n, states));
    }

    /** "the state vector of 27 qubits", "64 state vectors of 20 qubits". */
    static String what(int n, int states) {
        return (states == 1 ? "the state vector" : states + " state vectors") + " of " + n + " qubits";
    }

    public int qubits() { return n; }

    /** Copies of the amplitudes: {re, im}. */
    public double[][] amplitudes() {
        return new double[][] {re.clone(), im.clone()};
    }

    public double re(int index) { return re[index]; }
    public double im(int index) { return im[index]; }

    public StateVector copy() {
        return new StateVector(n, re.clone(), im.clone());
    }

    public double norm() {
        double s = 0;
        for (int i = 0; i < re.length; i++) {
            s += re[i] * re[i] + im[i] * im[i];
        }
        return Math.sqrt(s);
    }

    /** Applies one operation with the given angle values. */
    public StateVector apply(Operation op, double... angles) {
        Kernels.apply(re, im, n, op, op.gate().matrix(angles), false);
        return this;
    }

    /** Applies the inverse (conjugate transpose) of one operation. */
    public StateVector applyInverse(Operation op, double... angles) {
        Kernels.apply(re, im, n, op, op.gate().matrix(angles), true);
        return this;
    }

    /** Probability of every basis state, index order. */
    public double[] probabilities() {
        double[] p = new double[re.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = re[i] * re[i] + im[i] * im[i];
        }
        return p;
    }

    /** Probabilities of the basis states of the listed qubits only (bit j of the result index = qubits[j]). */
    public double[] marginalProbabilities(int... qubits) {
        double[] out = new double[1 << qubits.length];
        for (int i = 0; i < re.length; i++) {
            int k = 0;
            for (int j = 0; j < qubits.length; j++) {
                k |= ((i >> qubits[j]) & 1) << j;
            }
            out[k] += re[i] * re[i] + im[i] * im[i];
        }
        return out;
    }

    /**
     * Von Neumann entropy in bits of {@code subsystem} against the rest (see
     * {@link Entanglement#vonNeumannEntropy}), read in place: no copy of the amplitudes.
     */
    public double entropy(int... subsystem) {
        return Entanglement.vonNeumannEntropy(re, im, n, subsystem);
    }

    /** Expectation value of a Pauli product. */
    public double expectation(PauliString p) {
        if (p.maxQubit() >= n) {
            throw new IllegalArgumentException(p + " acts on qubit " + p.maxQubit() + " of a " + n + "-qubit state");
        }
        return Kernels.expectation(re, im, p);
    }

    /**
     * {@code shots} measurements of all qubits, seeded: how often each basis index came up.
     * Uses the cumulative distribution and binary search (O(2^n + shots log 2^n)).
     */
    public int[] sample(int shots, long seed) {
        double[] cumulative = probabilities();
        for (int i = 1; i < cumulative.length; i++) {
            cumulative[i] += cumulative[i - 1];
        }
        double total = cumulative[cumulative.length - 1];
        int[] counts = new int[re.length];
        Random random = new Random(seed);
        for (int s = 0; s < shots; s++) {
            double u = random.nextDouble() * total;
            int k = Arrays.binarySearch(cumulative, u);
            k = k >= 0 ? k : -k - 1;
            counts[Math.min(k, counts.length - 1)]++;
        }
        return counts;
    }

    /** Bitstring of a basis index with qubit 0 first (leftmost). */
    public static String bitstring(int index, int n) {
        char[] c = new char[n];
        for (int q = 0; q < n; q++) {
            c[q] = ((index >> q) & 1) == 1 ? '1' : '0';
        }
        return new String(c);
    }

    /** The inner product <this|other>: {re, im}. */
    public double[] inner(StateVector other) {
        double r = 0, i = 0;
        for (int k = 0; k < re.length; k++) {
            r += re[k] * other.re[k] + im[k] * other.im[k];
            i += re[k] * other.im[k] - im[k] * other.re[k];
        }
        return new double[] {r, i};
    }
}
