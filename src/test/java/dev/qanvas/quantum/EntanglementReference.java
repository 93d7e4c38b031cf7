package dev.qanvas.quantum;

import java.util.Arrays;

/**
 * A frozen copy of {@link Entanglement} as it was before the state report got its fast path:
 * the straightforward definitions (one reduced density matrix per measure) the fast path is held to.
 *
 * <p>A state is a pair {@code re, im} of 2^n amplitudes in which qubit k is bit k of the basis
 * index. Batched states keep the batch innermost: amplitude {@code idx} of sample {@code b} sits
 * at {@code idx * batch + b}. States are taken as normalised; entropies are in bits.
 */
final class EntanglementReference {

    /**
     * The report as {@code StateReport.of} computed it before its fast path (commit a189e21), one
     * measure at a time through the plain definitions below; the fast path must give exactly this.
     */
    static StateReport report(StateVector state) {
        int n = state.qubits();
        double[] re = state.re;
        double[] im = state.im;
        double[] entropy = new double[n];
        double[][] concurrence = new double[n][n];
        for (int k = 0; k < n; k++) {
            entropy[k] = vonNeumannEntropy(re, im, n, new int[] {k});
        }
        int[] firstHalf = new int[n / 2];
        Arrays.setAll(firstHalf, q -> q);
        double halfCutEntropy = n < 2 ? 0 : vonNeumannEntropy(re, im, n, firstHalf);
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                concurrence[a][b] = concurrence(re, im, n, a, b);
                concurrence[b][a] = concurrence[a][b];
            }
        }
        StringBuilder cut = new StringBuilder();
        for (int q = 0; n >= 2 && q < n; q++) {
            cut.append(q == n / 2 ? " | " : q > 0 ? " " : "").append('q').append(q);
        }
        return new StateReport(n, state.probabilities(), re, im, blochVectors(re, im, n), entropy,
                halfCutEntropy, cut.toString(), concurrence, meyerWallachQ(re, im, n));
    }


    /** One measure summarised over a batch; {@code std} is the population standard deviation. */
    public record Stats(double mean, double std, double min, double max) {}

    /** Eigenvalues at or below this are round-off around zero and add nothing to an entropy (0 log 0 = 0). */
    private static final double ZERO_EIGENVALUE = 1e-15;

    /** A state of more qubits would need arrays longer than Java allows. */
    private static final int MAX_QUBITS = 30;

    /** Y⊗Y maps basis state j of a qubit pair to 3 - j with this sign (Y|0> = i|1>, Y|1> = -i|0>). */
    private static final double[] YY_SIGN = {-1, 1, 1, -1};

    private EntanglementReference() {}

    /**
     * Reduced density matrix of {@code subsystem}, all other qubits traced out, as
     * {@code {rhoRe, rhoIm}} each flattened row-major d×d with d = 2^subsystem.length; bit j of
     * its index is qubit {@code subsystem[j]}.
     */
    public static double[][] reducedDensityMatrix(double[] re, double[] im, int n, int[] subsystem) {
        checkState(re, im, n);
        int[] rest = complement(n, subsystem);
        if (2 * subsystem.length > MAX_QUBITS) {
            throw new IllegalArgumentException("a reduced density matrix of " + subsystem.length
                    + " qubits is too large; at most " + MAX_QUBITS / 2 + " qubits are supported");
        }
        return traceOut(re, im, subsystem, rest);
    }

    /**
     * Von Neumann entropy S(rho_A) in bits, the entanglement across the cut between
     * {@code subsystem} and the rest; 0 for an empty subsystem or the whole system.
     */
    public static double vonNeumannEntropy(double[] re, double[] im, int n, int[] subsystem) {
        checkState(re, im, n);
        int[][] cut = smallerSide(n, subsystem);
        if (cut[0].length == 0) {
            return 0;
        }
        double[][] rho = traceOut(re, im, cut[0], cut[1]);
        double entropy = 0;
        for (double p : HermitianEigenReference.eigenvalues(rho[0], rho[1], 1 << cut[0].length)) {
            if (p > ZERO_EIGENVALUE) { // also drops round-off negatives
                entropy -= p * log2(p);
            }
        }
        // An eigenvalue a few ulps above 1 gives -6.4e-16; a k-qubit side holds at most k bits.
        return Math.min(Math.max(entropy, 0), cut[0].length);
    }

    /**
     * The von Neumann entropy of a cut costs about 2^(n + k) complex multiply-adds for the reduced
     * density matrix of the smaller side (k qubits), plus 8^k for its eigenvalues; both grow
     * exponentially. Callers that take a cut from a user (the {@code entropy} command) check it
     * here first: at most {@value #MAX_ENTROPY_WORK_LOG2} for log2 of the first, at most
     * {@value #MAX_CUT_QUBITS} qubits on the smaller side. Measured on one shared core: 2^33 at
     * 22 qubits with an 11-qubit side took 9 s; at 27 qubits a 7-qubit side took 52 s in all (the
     * rows no longer fit in cache), so the bound is 2^33 rather than 2^34.
     */
    public static final int MAX_ENTROPY_WORK_LOG2 = 33;

    /** See {@link #MAX_ENTROPY_WORK_LOG2}. */
    public static final int MAX_CUT_QUBITS = 11;

    /** Throws, saying what to do instead, when {@link #vonNeumannEntropy} of this cut would take too long. */
    public static void requireTractableCut(int n, int[] subsystem) {
        int[][] cut = smallerSide(n, subsystem);
        int k = cut[0].length;
        if (k > MAX_CUT_QUBITS || n + k > MAX_ENTROPY_WORK_LOG2) {
            int allowed = Math.min(MAX_CUT_QUBITS, MAX_ENTROPY_WORK_LOG2 - n);
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the entropy of a cut with %d qubits on its smaller side in a %d-qubit state takes about 2^%d operations "
                            + "(plus the eigenvalues of a %dx%d matrix), more than the 2^%d this computes: %s", k, n, n + k,
                    1 << k, 1 << k, MAX_ENTROPY_WORK_LOG2, allowed >= 1
                            ? "choose a subsystem with at most " + allowed + " qubits (or all but " + allowed + ")"
                            : "no cut of a state this large is computed; use fewer qubits"));
        }
        long bytes = Memory.saturatedProduct(16, (1L << n) + (1L << (2 * k)), 1); // amplitude matrix and rho
        Memory.requireHeap(bytes, "the entropy of a " + k + "-qubit cut of " + n + " qubits");
    }

    /**
     * Rényi-2 entropy -log2 Tr(rho_A^2) in bits: a lower bound on the von Neumann entropy that
     * needs no eigenvalues.
     */
    public static double renyi2Entropy(double[] re, double[] im, int n, int[] subsystem) {
        // Round-off can put the purity of an unentangled cut a hair above 1.
        return Math.max(0, -log2(purity(re, im, n, subsystem)));
    }

    /**
     * Purity Tr(rho_A^2) of the reduced state of {@code subsystem}: 1 for no entanglement across
     * the cut, down to 2^-k for a maximally entangled k-qubit side.
     */
    public static double purity(double[] re, double[] im, int n, int[] subsystem) {
        checkState(re, im, n);
        int[][] cut = smallerSide(n, subsystem);
        if (cut[0].length == 0) {
            return 1;
        }
        double[][] rho = traceOut(re, im, cut[0], cut[1]);
        double sum = 0; // Tr(rho^2) = sum |rho_ij|^2 for Hermitian rho
        for (int i = 0; i < rho[0].length; i++) {
            sum += rho[0][i] * rho[0][i] + rho[1][i] * rho[1][i];
        }
        return sum;
    }

    /**
     * Meyer-Wallach global entanglement Q = 2(1 - mean over qubits of Tr(rho_k^2)): 0 for product
     * states, 1 for GHZ states.
     */
    public static double meyerWallachQ(double[] re, double[] im, int n) {
        checkState(re, im, n);
        if (n < 1) {
            throw new IllegalArgumentException("Meyer-Wallach Q needs at least one qubit");
        }
        double puritySum = 0;
        for (int k = 0; k < n; k++) {
            puritySum += purity(re, im, n, new int[] {k});
        }
        return 2 * (1 - puritySum / n);
    }

    /**
     * Wootters concurrence of the two-qubit reduced state of qubits {@code a} and {@code b}:
     * their pairwise entanglement, 0 for separable and 1 for a Bell pair.
     */
    public static double concurrence(double[] re, double[] im, int n, int a, int b) {
        checkState(re, im, n);
        int[] pair = {a, b};
        int[] rest = complement(n, pair);
        // Wootters' lambda_i (square roots of the eigenvalues of rho (Y⊗Y) rho* (Y⊗Y)) are the
        // singular values of tau = F^H (Y⊗Y) F* for any factor rho = F F^H. Taking F from a
        // Householder QR of the amplitude matrix M (rho = M M^H) never squares amplitudes, so a
        // lambda near 0 comes out to ~1e-16 rather than the ~1e-8 a square root of a round-off
        // eigenvalue of rho rhoTilde or of sqrt(rho) gives.
        double[][] m = amplitudeMatrix(re, im, pair, rest);
        double[][] r = upperTriangularFactor(m[0], m[1], 4, 1 << rest.length);
        int rank = r[0].length / 4;
        // tau = R (Y⊗Y) R^T, since F = R^H
        double[] tauRe = new double[rank * rank];
        double[] tauIm = new double[rank * rank];
        for (int p = 0; p < rank; p++) {
            for (int q = 0; q < rank; q++) {
                double sumRe = 0;
                double sumIm = 0;
                for (int j = 0; j < 4; j++) {
                    double xr = r[0][p * 4 + 3 - j];
                    double xi = r[1][p * 4 + 3 - j];
                    double yr = r[0][q * 4 + j];
                    double yi = r[1][q * 4 + j];
                    sumRe += YY_SIGN[j] * (xr * yr - xi * yi);
                    sumIm += YY_SIGN[j] * (xr * yi + xi * yr);
                }
                tauRe[p * rank + q] = sumRe;
                tauIm[p * rank + q] = sumIm;
            }
        }
        double[] lambda = Arrays.copyOf(singularValues(tauRe, tauIm, rank), 4);
        return Math.max(0, lambda[0] - lambda[1] - lambda[2] - lambda[3]);
    }

    /** Bloch vector {<X>, <Y>, <Z>} of qubit k: the direction and length of its reduced state. */
    public static double[] blochVector(double[] re, double[] im, int n, int k) {
        double[][] rho = reducedDensityMatrix(re, im, n, new int[] {k});
        // rho = (I + xX + yY + zZ)/2, so rho[1][0] = (x + iy)/2 and rho[0][0] - rho[1][1] = z.
        return new double[] {2 * rho[0][2], 2 * rho[1][2], rho[0][0] - rho[0][3]};
    }

    /** Bloch vectors of every qubit, indexed by qubit. */
    public static double[][] blochVectors(double[] re, double[] im, int n) {
        checkState(re, im, n);
        double[][] vectors = new double[n][];
        for (int k = 0; k < n; k++) {
            vectors[k] = blochVector(re, im, n, k);
        }
        return vectors;
    }

    /**
     * Von Neumann entropy of {@code subsystem} over a batch of states in the batch-innermost
     * layout; each sample gets exactly the value {@link #vonNeumannEntropy} gives it.
     */
    public static Stats vonNeumannEntropyBatch(double[] re, double[] im, int n, int batch, int[] subsystem) {
        checkBatch(re, im, n, batch);
        double[] sampleRe = new double[1 << n];
        double[] sampleIm = new double[1 << n];
        double[] values = new double[batch];
        for (int b = 0; b < batch; b++) {
            copySample(re, im, batch, b, sampleRe, sampleIm);
            values[b] = vonNeumannEntropy(sampleRe, sampleIm, n, subsystem);
        }
        return stats(values);
    }

    /**
     * Meyer-Wallach Q over a batch of states in the batch-innermost layout; each sample gets
     * exactly the value {@link #meyerWallachQ} gives it.
     */
    public static Stats meyerWallachQBatch(double[] re, double[] im, int n, int batch) {
        checkBatch(re, im, n, batch);
        double[] sampleRe = new double[1 << n];
        double[] sampleIm = new double[1 << n];
        double[] values = new double[batch];
        for (int b = 0; b < batch; b++) {
            copySample(re, im, batch, b, sampleRe, sampleIm);
            values[b] = meyerWallachQ(sampleRe, sampleIm, n);
        }
        return stats(values);
    }

    /** rho of {@code keep} = M M^H, with M the amplitudes arranged by kept and traced-out index. */
    private static double[][] traceOut(double[] re, double[] im, int[] keep, int[] rest) {
        double[][] m = amplitudeMatrix(re, im, keep, rest);
        double[] mRe = m[0];
        double[] mIm = m[1];
        int d = 1 << keep.length;
        int cols = 1 << rest.length;
        double[] rhoRe = new double[d * d];
        double[] rhoIm = new double[d * d];
        // Only the lower triangle is summed; Hermitian symmetry gives the upper one.
        for (int i = 0; i < d; i++) {
            int rowI = i * cols;
            for (int j = 0; j <= i; j++) {
                int rowJ = j * cols;
                double sumRe = 0;
                double sumIm = 0;
                for (int e = 0; e < cols; e++) {
                    double ar = mRe[rowI + e];
                    double ai = mIm[rowI + e];
                    double br = mRe[rowJ + e];
                    double bi = mIm[rowJ + e];
                    sumRe += ar * br + ai * bi; // a conj(b)
                    sumIm += ai * br - ar * bi;
                }
                rhoRe[i * d + j] = sumRe;
                rhoIm[i * d + j] = sumIm;
                rhoRe[j * d + i] = sumRe;
                rhoIm[j * d + i] = -sumIm;
            }
        }
        return new double[][] {rhoRe, rhoIm};
    }

    /**
     * The amplitudes as a 2^keep × 2^rest row-major matrix, entry (i, e) being the amplitude whose
     * kept qubits spell i and whose other qubits spell e; rows are contiguous for fast inner products.
     */
    private static double[][] amplitudeMatrix(double[] re, double[] im, int[] keep, int[] rest) {
        int[] rowOffset = basisOffsets(keep);
        int[] colOffset = basisOffsets(rest);
        double[] mRe = new double[re.length];
        double[] mIm = new double[re.length];
        for (int i = 0; i < rowOffset.length; i++) {
            int base = i * colOffset.length;
            for (int e = 0; e < colOffset.length; e++) {
                mRe[base + e] = re[rowOffset[i] | colOffset[e]];
                mIm[base + e] = im[rowOffset[i] | colOffset[e]];
            }
        }
        return new double[][] {mRe, mIm};
    }

    /** For each index over {@code qubits} (bit j = qubit qubits[j]), the full basis index it sets. */
    private static int[] basisOffsets(int[] qubits) {
        int[] offsets = new int[1 << qubits.length];
        for (int idx = 1; idx < offsets.length; idx++) {
            // Build on the index with its lowest set bit cleared.
            offsets[idx] = offsets[idx & (idx - 1)] | (1 << qubits[Integer.numberOfTrailingZeros(idx)]);
        }
        return offsets;
    }

    /**
     * The upper-triangular R of a Householder QR of M^H for a rows×cols matrix M, so that
     * M M^H = R^H R. Returns {rRe, rIm}, min(rows, cols)×rows row-major.
     */
    private static double[][] upperTriangularFactor(double[] mRe, double[] mIm, int rows, int cols) {
        // Column c of A = M^H is the conjugate of row c of M.
        double[][] aRe = new double[rows][];
        double[][] aIm = new double[rows][];
        for (int c = 0; c < rows; c++) {
            aRe[c] = Arrays.copyOfRange(mRe, c * cols, (c + 1) * cols);
            aIm[c] = Arrays.copyOfRange(mIm, c * cols, (c + 1) * cols);
            for (int e = 0; e < cols; e++) {
                aIm[c][e] = -aIm[c][e];
            }
        }
        int rank = Math.min(rows, cols);
        for (int j = 0; j < rank; j++) {
            double normSq = 0;
            for (int e = j; e < cols; e++) {
                normSq += aRe[j][e] * aRe[j][e] + aIm[j][e] * aIm[j][e];
            }
            if (normSq == 0) {
                continue; // nothing to eliminate below this diagonal entry
            }
            double norm = Math.sqrt(normSq);
            double alphaAbs = Math.hypot(aRe[j][j], aIm[j][j]);
            double phaseRe = alphaAbs == 0 ? 1 : aRe[j][j] / alphaAbs;
            double phaseIm = alphaAbs == 0 ? 0 : aIm[j][j] / alphaAbs;
            // v = x - beta e1 with beta = -phase(alpha) |x|, so v[0] adds magnitudes without cancelling.
            double[] vRe = Arrays.copyOfRange(aRe[j], j, cols);
            double[] vIm = Arrays.copyOfRange(aIm[j], j, cols);
            vRe[0] += phaseRe * norm;
            vIm[0] += phaseIm * norm;
            double vNormSq = 2 * norm * (norm + alphaAbs);
            for (int c = j + 1; c < rows; c++) {
                // column c -= 2 v (v^H column c) / |v|^2
                double dotRe = 0;
                double dotIm = 0;
                for (int e = j; e < cols; e++) {
                    double vr = vRe[e - j];
                    double vi = vIm[e - j];
                    dotRe += vr * aRe[c][e] + vi * aIm[c][e];
                    dotIm += vr * aIm[c][e] - vi * aRe[c][e];
                }
                double fRe = 2 * dotRe / vNormSq;
                double fIm = 2 * dotIm / vNormSq;
                for (int e = j; e < cols; e++) {
                    double vr = vRe[e - j];
                    double vi = vIm[e - j];
                    aRe[c][e] -= vr * fRe - vi * fIm;
                    aIm[c][e] -= vr * fIm + vi * fRe;
                }
            }
            aRe[j][j] = -phaseRe * norm;
            aIm[j][j] = -phaseIm * norm;
        }
        double[] rRe = new double[rank * rows];
        double[] rIm = new double[rank * rows];
        for (int p = 0; p < rank; p++) {
            for (int c = p; c < rows; c++) {
                rRe[p * rows + c] = aRe[c][p];
                rIm[p * rows + c] = aIm[c][p];
            }
        }
        return new double[][] {rRe, rIm};
    }

    /**
     * Singular values of a d×d complex matrix, descending, as the top half of the eigenvalues
     * ±sigma of the Hermitian [[0, T], [T^H, 0]]: accurate to round-off even for tiny sigma.
     */
    private static double[] singularValues(double[] tRe, double[] tIm, int d) {
        int size = 2 * d;
        double[] hRe = new double[size * size];
        double[] hIm = new double[size * size];
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                hRe[p * size + d + q] = tRe[p * d + q];
                hIm[p * size + d + q] = tIm[p * d + q];
                hRe[(d + q) * size + p] = tRe[p * d + q];
                hIm[(d + q) * size + p] = -tIm[p * d + q];
            }
        }
        return Arrays.copyOf(HermitianEigenReference.eigenvalues(hRe, hIm, size), d);
    }

    /** The smaller of {@code subsystem} and its complement first, then the other: both share one spectrum. */
    private static int[][] smallerSide(int n, int[] subsystem) {
        int[] rest = complement(n, subsystem);
        return subsystem.length <= rest.length ? new int[][] {subsystem, rest} : new int[][] {rest, subsystem};
    }

    /** The qubits not in {@code subsystem}, ascending, after checking it lists distinct qubits in range. */
    private static int[] complement(int n, int[] subsystem) {
        if (subsystem == null) {
            throw new IllegalArgumentException("subsystem must not be null");
        }
        boolean[] taken = new boolean[n];
        for (int q : subsystem) {
            if (q < 0 || q >= n) {
                throw new IllegalArgumentException("qubit " + q + " is out of range for a " + n
                        + "-qubit state (subsystem " + Arrays.toString(subsystem) + ")");
            }
            if (taken[q]) {
                throw new IllegalArgumentException("qubit " + q + " appears twice in subsystem "
                        + Arrays.toString(subsystem));
            }
            taken[q] = true;
        }
        int[] rest = new int[n - subsystem.length];
        for (int q = 0, i = 0; q < n; q++) {
            if (!taken[q]) {
                rest[i++] = q;
            }
        }
        return rest;
    }

    private static void checkState(double[] re, double[] im, int n) {
        if (n < 0 || n > MAX_QUBITS) {
            throw new IllegalArgumentException("qubit count " + n + " is outside 0.." + MAX_QUBITS);
        }
        if (re == null || im == null || re.length != 1 << n || im.length != 1 << n) {
            throw new IllegalArgumentException("a " + n + "-qubit state needs " + (1 << n)
                    + " amplitudes in each of re and im, got " + length(re) + " and " + length(im));
        }
    }

    private static void checkBatch(double[] re, double[] im, int n, int batch) {
        if (n < 0 || n > MAX_QUBITS) {
            throw new IllegalArgumentException("qubit count " + n + " is outside 0.." + MAX_QUBITS);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batch);
        }
        long expected = (long) batch << n;
        if (re == null || im == null || re.length != expected || im.length != expected) {
            throw new IllegalArgumentException("a batch of " + batch + " " + n + "-qubit states needs "
                    + expected + " amplitudes in each of re and im, got " + length(re) + " and " + length(im));
        }
    }

    private static String length(double[] a) {
        return a == null ? "null" : String.valueOf(a.length);
    }

    /** Gathers sample b out of the batch-innermost layout. */
    private static void copySample(double[] re, double[] im, int batch, int b, double[] sampleRe, double[] sampleIm) {
        for (int idx = 0; idx < sampleRe.length; idx++) {
            sampleRe[idx] = re[idx * batch + b];
            sampleIm[idx] = im[idx * batch + b];
        }
    }

    private static Stats stats(double[] values) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0; // second pass about the mean: no cancellation
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Stats(mean, Math.sqrt(squares / values.length), min, max);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
