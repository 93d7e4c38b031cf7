package dev.qanvas.quantum;

import java.util.Arrays;

/**
 * Everything the live state views show about one pure state, computed once off the UI thread:
 * basis probabilities and amplitudes, each qubit's Bloch vector and entropy against the rest,
 * the entropy across the half/half cut, pairwise concurrence and the Meyer-Wallach Q.
 *
 * <p>An immutable value: arrays are copied in and out, and equality compares contents. Qubit k
 * is bit k of a basis index, as in {@link StateVector}. Entropies are in bits.
 *
 * @param qubits             number of qubits n
 * @param probabilities      2^n basis-state probabilities, index order
 * @param re                 real parts of the 2^n amplitudes; empty for a mixed state ({@link #mixed})
 * @param im                 imaginary parts of the 2^n amplitudes; empty for a mixed state
 * @param bloch              n Bloch vectors {x, y, z}; shorter than 1 when the qubit is entangled
 * @param singleQubitEntropy n entropies S(q_k : rest)
 * @param halfCutEntropy     entropy of the first floor(n/2) qubits against the rest; 0 when n < 2
 * @param halfCut            that cut as text, e.g. "q0 q1 | q2 q3"; empty when n < 2
 * @param concurrence        n×n pairwise concurrence, symmetric, zero diagonal
 * @param meyerWallachQ      Meyer-Wallach global entanglement, 0 (product) to 1
 */
public record StateReport(int qubits, double[] probabilities, double[] re, double[] im, double[][] bloch,
        double[] singleQubitEntropy, double halfCutEntropy, String halfCut, double[][] concurrence,
        double meyerWallachQ) {

    public StateReport {
        int size = 1 << qubits;
        boolean amplitudes = re.length != 0 || im.length != 0;
        if (qubits < 1 || probabilities.length != size || amplitudes && (re.length != size || im.length != size)
                || bloch.length != qubits || singleQubitEntropy.length != qubits || concurrence.length != qubits) {
            throw new IllegalArgumentException("inconsistent sizes for a " + qubits + "-qubit state report");
        }
        probabilities = probabilities.clone();
        re = re.clone();
        im = im.clone();
        bloch = deepCopy(bloch);
        singleQubitEntropy = singleQubitEntropy.clone();
        concurrence = deepCopy(concurrence);
    }

    /**
     * The report of a state. From 8 qubits on the measures run on two threads (see
     * {@link Entanglement#measures}): at 16 qubits the half cut on one while the 120 concurrences
     * go to whichever is free.
     */
    public static StateReport of(StateVector state) {
        int n = state.qubits();
        Entanglement.Measures m = Entanglement.measures(state.re, state.im, n, n >= 8);
        return new StateReport(n, state.probabilities(), state.re, state.im, m.bloch(), m.singleQubitEntropy(),
                m.halfCutEntropy(), halfCutText(n), m.concurrence(), m.meyerWallachQ());
    }

    /**
     * A mixed state as the shared views take it (noise, see {@link MixedStateReport}): its
     * diagonal, its qubits' Bloch vectors (inside the sphere) and entropies S(rho_k). It has no
     * amplitudes, and the pure-state entanglement measures mean nothing for it: they are NaN, and
     * the views say so.
     */
    public static StateReport mixed(int qubits, double[] probabilities, double[][] bloch, double[] qubitEntropy) {
        double[][] none = new double[qubits][qubits];
        for (double[] row : none) {
            Arrays.fill(row, Double.NaN);
        }
        return new StateReport(qubits, probabilities, new double[0], new double[0], bloch, qubitEntropy, Double.NaN,
                qubits < 2 ? "" : halfCutText(qubits), none, Double.NaN);
    }

    /** Whether this is a mixed state's report: no amplitudes, no entanglement measures ({@link #mixed}). */
    public boolean isMixed() {
        return re.length == 0;
    }

    /** "q0 q1 | q2 q3 q4": the first floor(n/2) qubits against the rest; empty below two qubits. */
    private static String halfCutText(int n) {
        if (n < 2) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (int q = 0; q < n; q++) {
            s.append(q == n / 2 ? " | " : q > 0 ? " " : "").append('q').append(q);
        }
        return s.toString();
    }

    /** Number of basis states, 2^n. */
    public int size() {
        return probabilities.length;
    }

    public double probability(int index) {
        return probabilities[index];
    }

    /** Amplitude index's real part; 0 for a mixed state, which has no amplitudes. */
    public double re(int index) {
        return re.length == 0 ? 0 : re[index];
    }

    public double im(int index) {
        return im.length == 0 ? 0 : im[index];
    }

    /** Bitstring of a basis index, qubit 0 first. */
    public String bitstring(int index) {
        return StateVector.bitstring(index, qubits);
    }

    /**
     * The {@code k} most probable basis indices (all of them when k >= 2^n), most probable first,
     * ties by lower index. O(2^n log k) on plain ints (the views call it on the UI thread at every
     * redraw, and at 20 qubits boxing a million indices took a tenth of a second).
     */
    public int[] topStates(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0: " + k);
        }
        k = Math.min(k, probabilities.length);
        // A binary heap whose root is the least wanted of the k kept so far.
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < probabilities.length && k > 0; i++) {
            if (size < k) {
                heap[size] = i;
                for (int c = size++; c > 0 && before(heap[(c - 1) / 2], heap[c]); c = (c - 1) / 2) {
                    swap(heap, c, (c - 1) / 2);
                }
            } else if (before(i, heap[0])) {
                heap[0] = i;
                siftDown(heap, size);
            }
        }
        // Heap sort: the least wanted goes to the end, so the array ends up most probable first.
        for (int end = size - 1; end > 0; end--) {
            swap(heap, 0, end);
            siftDown(heap, end);
        }
        return heap;
    }

    /** Whether basis index i comes before j in {@link #topStates}: more probable, or as probable and lower. */
    private boolean before(int i, int j) {
        int c = Double.compare(probabilities[j], probabilities[i]);
        return c < 0 || c == 0 && i < j;
    }

    /** Restores the heap below the root, whose first {@code size} entries it holds. */
    private void siftDown(int[] heap, int size) {
        for (int p = 0;;) {
            int c = 2 * p + 1;
            if (c >= size) {
                return;
            }
            if (c + 1 < size && before(heap[c], heap[c + 1])) {
                c++;
            }
            if (!before(heap[p], heap[c])) {
                return;
            }
            swap(heap, p, c);
            p = c;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public double[] re() {
        return re.clone();
    }

    @Override
    public double[] im() {
        return im.clone();
    }

    @Override
    public double[][] bloch() {
        return deepCopy(bloch);
    }

    @Override
    public double[] singleQubitEntropy() {
        return singleQubitEntropy.clone();
    }

    @Override
    public double[][] concurrence() {
        return deepCopy(concurrence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateReport r && qubits == r.qubits
                && Arrays.equals(re, r.re) && Arrays.equals(im, r.im)
                // the rest follows from the amplitudes, except for reports built by hand
                && Arrays.equals(probabilities, r.probabilities) && Arrays.deepEquals(bloch, r.bloch)
                && Arrays.equals(singleQubitEntropy, r.singleQubitEntropy)
                && Double.compare(halfCutEntropy, r.halfCutEntropy) == 0 && halfCut.equals(r.halfCut)
                && Arrays.deepEquals(concurrence, r.concurrence)
                && Double.compare(meyerWallachQ, r.meyerWallachQ) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(re) + Arrays.hashCode(im);
    }

    @Override
    public String toString() {
        return String.format("StateReport[%d qubits, S(%s) = %.4f, Q = %.4f]", qubits, halfCut, halfCutEntropy, meyerWallachQ);
    }

    /** A copy of every row (the reports' arrays are never shared). */
    static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }
}
