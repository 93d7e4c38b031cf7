package dev.qanvas.quantum;

import java.util.Arrays;

/**
 * Entanglement and single-qubit measures of pure n-qubit states.
 *
 * <p>A state is a pair {@code re, im} of 2^n amplitudes in which qubit k is bit k of the basis
 * index. Batched states keep the batch innermost: amplitude {@code idx} of sample {@code b} sits
 * at {@code idx * batch + b}. States are taken as normalised; entropies are in bits.
 */
public final class Entanglement {

    /** One measure summarised over a batch; {@code std} is the population standard deviation. */
    public record Stats(double mean, double std, double min, double max) {}

    /** Eigenvalues at or below this are round-off around zero and add nothing to an entropy (0 log 0 = 0). */
    private static final double ZERO_EIGENVALUE = 1e-15;

    /** A state of more qubits would need arrays longer than Java allows. */
    private static final int MAX_QUBITS = 30;

    /** Y⊗Y maps basis state j of a qubit pair to 3 - j with this sign (Y|0> = i|1>, Y|1> = -i|0>). */
    private static final double[] YY_SIGN = {-1, 1, 1, -1};

    private Entanglement() {}

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
        return entropy(traceOut(re, im, cut[0], cut[1]), cut[0].length);
    }

    /** Von Neumann entropy in bits of a k-qubit reduced state {rhoRe, rhoIm}. */
    private static double entropy(double[][] rho, int k) {
        double entropy = 0;
        for (double p : HermitianEigen.eigenvalues(rho[0], rho[1], 1 << k)) {
            if (p > ZERO_EIGENVALUE) { // also drops round-off negatives
                entropy -= p * log2(p);
            }
        }
        // An eigenvalue a few ulps above 1 gives -6.4e-16; a k-qubit side holds at most k bits.
        return Math.min(Math.max(entropy, 0), k);
    }

    /** What {@link #measures} returns; concurrence is n×n, symmetric, zero diagonal. */
    record Measures(double[][] bloch, double[] singleQubitEntropy, double halfCutEntropy, double[][] concurrence,
            double meyerWallachQ) {}

    /**
     * Every measure {@link StateReport} shows of one state, computed together: each qubit's Bloch
     * vector, entropy and purity from one reduced density matrix (all n of them in one sweep per
     * qubit), the half/half cut, and every pairwise concurrence with one workspace per thread.
     * Each value is exactly (to the bit) what the single-measure methods of this class give.
     *
     * @param parallel spread the measures over two threads (the calling one and one of the
     *                 common pool): the half cut on one while the pairs go to whichever is free
     */
    static Measures measures(double[] re, double[] im, int n, boolean parallel) {
        checkState(re, im, n);
        if (n < 1) {
            throw new IllegalArgumentException("a state report needs at least one qubit");
        }
        double[][] concurrence = new double[n][n];
        if (n < 2) {
            return new Measures(blochVectors(re, im, n), new double[] {vonNeumannEntropy(re, im, n, new int[] {0})}, 0,
                    concurrence, meyerWallachQ(re, im, n));
        }
        double[][] bloch = new double[n][];
        double[] entropy = new double[n];
        double[] scalars = new double[2]; // half cut entropy, Meyer-Wallach Q
        int[] pairA = new int[n * (n - 1) / 2];
        int[] pairB = new int[pairA.length];
        for (int a = 0, p = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++, p++) {
                pairA[p] = a;
                pairB[p] = b;
            }
        }
        // Task 0: the half cut (the largest single task); 1: the single-qubit measures; then one per pair.
        int tasks = 2 + pairA.length;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.IntConsumer worker = w -> {
            double[][][] work = null;
            for (int task = next.getAndIncrement(); task < tasks; task = next.getAndIncrement()) {
                if (task == 0) {
                    int[] firstHalf = new int[n / 2];
                    Arrays.setAll(firstHalf, q -> q);
                    scalars[0] = vonNeumannEntropy(re, im, n, firstHalf);
                } else if (task == 1) {
                    double puritySum = 0;
                    double[][][] rho = singleQubitDensityMatrices(re, im, n);
                    for (int k = 0; k < n; k++) {
                        double[] rhoRe = rho[k][0];
                        double[] rhoIm = rho[k][1];
                        // rho = (I + xX + yY + zZ)/2, so rho[1][0] = (x + iy)/2 and rho[0][0] - rho[1][1] = z.
                        bloch[k] = new double[] {2 * rhoRe[2], 2 * rhoIm[2], rhoRe[0] - rhoRe[3]};
                        entropy[k] = entropy(rho[k], 1);
                        double purity = 0; // Tr(rho^2) = sum |rho_ij|^2 for Hermitian rho
                        for (int i = 0; i < 4; i++) {
                            purity += rhoRe[i] * rhoRe[i] + rhoIm[i] * rhoIm[i];
                        }
                        puritySum += purity;
                    }
                    scalars[1] = 2 * (1 - puritySum / n);
                } else {
                    if (work == null) {
                        work = new double[2][4][1 << (n - 2)];
                    }
                    int a = pairA[task - 2], b = pairB[task - 2];
                    concurrence[a][b] = concurrence(re, im, a, b, work);
                    concurrence[b][a] = concurrence[a][b];
                }
            }
        };
        if (parallel) {
            java.util.stream.IntStream.range(0, 2).parallel().forEach(worker);
        } else {
            worker.accept(0);
        }
        return new Measures(bloch, entropy, scalars[0], concurrence, scalars[1]);
    }

    /**
     * The reduced density matrix of each single qubit, {rhoRe, rhoIm} (2×2 row-major) per qubit,
     * each exactly as {@link #traceOut} gives it for that qubit against the rest: the sums run
     * over the other qubits' index in the same order, in one sweep over the pairs of amplitudes
     * per qubit instead of a gathered copy of the state per qubit.
     */
    private static double[][][] singleQubitDensityMatrices(double[] re, double[] im, int n) {
        double[][][] rho = new double[n][][];
        for (int k = 0; k < n; k++) {
            int bit = 1 << k;
            double s00r = 0, s00i = 0, s10r = 0, s10i = 0, s11r = 0, s11i = 0;
            for (int base = 0; base < re.length; base += bit << 1) {
                for (int i = base, end = base + bit; i < end; i++) {
                    double yr = re[i], yi = im[i]; // row 0: qubit k is 0
                    double xr = re[i | bit], xi = im[i | bit]; // row 1
                    s00r += yr * yr + yi * yi;
                    s00i += yi * yr - yr * yi;
                    s10r += xr * yr + xi * yi;
                    s10i += xi * yr - xr * yi;
                    s11r += xr * xr + xi * xi;
                    s11i += xi * xr - xr * xi;
                }
            }
            // As traceOut stores them: entry (i, j) for j <= i, then its mirror (j, i).
            double[] rhoRe = new double[4];
            double[] rhoIm = new double[4];
            rhoRe[0] = s00r;
            rhoIm[0] = -s00i;
            rhoRe[2] = s10r;
            rhoIm[2] = s10i;
            rhoRe[1] = s10r;
            rhoIm[1] = -s10i;
            rhoRe[3] = s11r;
            rhoIm[3] = -s11i;
            rho[k] = new double[][] {rhoRe, rhoIm};
        }
        return rho;
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
        complement(n, new int[] {a, b}); // checks the pair, so n >= 2
        return concurrence(re, im, a, b, new double[2][4][1 << (n - 2)]);
    }

    /**
     * {@link #concurrence(double[], double[], int, int, int)} of a checked pair, with the amplitude
     * matrix gathered into {@code work}: {real rows, imaginary rows}, 4 rows of 2^(n-2) each,
     * overwritten (so that a caller doing many pairs allocates them once).
     */
    private static double concurrence(double[] re, double[] im, int a, int b, double[][][] work) {
        // Wootters' lambda_i (square roots of the eigenvalues of rho (Y⊗Y) rho* (Y⊗Y)) are the
        // singular values of tau = F^H (Y⊗Y) F* for any factor rho = F F^H. Taking F from a
        // Householder QR of the amplitude matrix M (rho = M M^H) never squares amplitudes, so a
        // lambda near 0 comes out to ~1e-16 rather than the ~1e-8 a square root of a round-off
        // eigenvalue of rho rhoTilde or of sqrt(rho) gives.
        double[][] cRe = work[0];
        double[][] cIm = work[1];
        int cols = cRe[0].length;
        // Column c of A = M^H is the conjugate of row c of M: the amplitudes whose qubits a and b
        // spell c (bit 0 = a), ordered by the index of the other qubits, i.e. by basis index.
        int offA = 1 << a, offB = 1 << b, offAB = offA | offB;
        int lo = Math.min(a, b), hi = Math.max(a, b);
        double[] c0r = cRe[0], c0i = cIm[0], c1r = cRe[1], c1i = cIm[1], c2r = cRe[2], c2i = cIm[2], c3r = cRe[3], c3i = cIm[3];
        double normSq; // of column 0, which the first Householder step needs
        if (lo >= LONG_RUNS) {
            normSq = gatherByColumn(re, im, new int[] {0, offA, offB, offAB}, lo, hi, cRe, cIm);
        } else {
            normSq = 0;
            int e = 0;
            for (int h = 0; h < re.length; h += 2 << hi) {
                for (int m = h, mEnd = h + (1 << hi); m < mEnd; m += 2 << lo) {
                    for (int i = m, end = m + (1 << lo); i < end; i++, e++) {
                        double r0 = re[i], i0 = -im[i];
                        c0r[e] = r0;
                        c0i[e] = i0;
                        normSq += r0 * r0 + i0 * i0;
                        c1r[e] = re[i | offA];
                        c1i[e] = -im[i | offA];
                        c2r[e] = re[i | offB];
                        c2i[e] = -im[i | offB];
                        c3r[e] = re[i | offAB];
                        c3i[e] = -im[i | offAB];
                    }
                }
            }
        }
        double[][] r = upperTriangularFactor(cRe, cIm, cols, normSq);
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

    /** From runs of this many (log2) amplitudes on, {@link #gatherByColumn} gathers a pair's columns. */
    private static final int LONG_RUNS = 6;

    /**
     * The gather of {@link #concurrence(double[], double[], int, int, double[][][])}, one column
     * after the other, run by run: the same numbers and |column 0|^2 (summed in the same order).
     * Gathering all four columns in one loop reads eight streams and writes eight whose addresses
     * differ by large powers of two, which conflict in the caches: for the pair (18, 19) of 20
     * qubits that loop took 7.3-9.0 ms, this 3.2-3.5 (docs/benchmarks.md). With short runs (low
     * qubits) the copies' overhead loses, so it serves runs of 2^{@link #LONG_RUNS} on.
     */
    private static double gatherByColumn(double[] re, double[] im, int[] offsets, int lo, int hi, double[][] cRe, double[][] cIm) {
        int run = 1 << lo;
        for (int k = 0; k < 4; k++) {
            double[] cr = cRe[k], ci = cIm[k];
            int e = 0;
            for (int h = 0; h < re.length; h += 2 << hi) {
                for (int m = h, mEnd = h + (1 << hi); m < mEnd; m += 2 << lo, e += run) {
                    int from = m | offsets[k];
                    System.arraycopy(re, from, cr, e, run);
                    for (int t = 0; t < run; t++) {
                        ci[e + t] = -im[from + t];
                    }
                }
            }
        }
        double normSq = 0;
        double[] r0 = cRe[0], i0 = cIm[0];
        for (int e = 0; e < r0.length; e++) {
            normSq += r0[e] * r0[e] + i0[e] * i0[e];
        }
        return normSq;
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
        int d = 1 << keep.length;
        if (d >= WIDE_RHO) {
            return traceOutWide(re, im, keep, rest);
        }
        double[][] m = amplitudeMatrix(re, im, keep, rest);
        double[] mRe = m[0];
        double[] mIm = m[1];
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

    /** From this many rows of rho on, {@link #traceOutWide} sums them. */
    private static final int WIDE_RHO = 16;

    /**
     * {@link #traceOut} for a wide rho (a half cut: 256×256 at 16 qubits), the same to the bit:
     * each entry is still summed over e in ascending order, but the sums of one row i advance
     * together, e by e, over the transposed amplitude matrix, so that the loop over j is
     * elementwise and the JIT vectorises it (the textbook order, one entry's sum after the
     * other, is a chain of dependent additions).
     */
    private static double[][] traceOutWide(double[] re, double[] im, int[] keep, int[] rest) {
        int[] rowOffset = basisOffsets(keep);
        int[] colOffset = basisOffsets(rest);
        int d = rowOffset.length;
        int cols = colOffset.length;
        // Entry (i, e) of M at [e][i]: one array per e, so that every access in the j loop below
        // indexes its array by j alone, which C2 needs to vectorise it.
        double[][] tRe = new double[cols][d];
        double[][] tIm = new double[cols][d];
        for (int e = 0; e < cols; e++) {
            for (int i = 0; i < d; i++) {
                tRe[e][i] = re[rowOffset[i] | colOffset[e]];
                tIm[e][i] = im[rowOffset[i] | colOffset[e]];
            }
        }
        double[] rhoRe = new double[d * d];
        double[] rhoIm = new double[d * d];
        double[] sRe = new double[d];
        double[] sIm = new double[d];
        for (int i = 0; i < d; i++) {
            Arrays.fill(sRe, 0);
            Arrays.fill(sIm, 0);
            for (int e = 0; e < cols; e++) {
                double[] bRe = tRe[e];
                double[] bIm = tIm[e];
                double ar = bRe[i];
                double ai = bIm[i];
                for (int j = 0; j <= i; j++) {
                    sRe[j] += ar * bRe[j] + ai * bIm[j]; // a conj(b)
                    sIm[j] += ai * bRe[j] - ar * bIm[j];
                }
            }
            for (int j = 0; j <= i; j++) {
                rhoRe[i * d + j] = sRe[j];
                rhoIm[i * d + j] = sIm[j];
                rhoRe[j * d + i] = sRe[j];
                rhoIm[j * d + i] = -sIm[j];
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
     * The upper-triangular R of a Householder QR of the cols×4 matrix A whose columns are
     * {@code aRe[c] + i aIm[c]} (A = M^H for the 4×cols amplitude matrix M, so that
     * M M^H = R^H R), computed in place; {@code firstNormSq} is |column 0|^2. Returns
     * {rRe, rIm}, min(4, cols)×4 row-major.
     *
     * <p>Each sum runs over the rows in the same order as the textbook loop (one column at a
     * time, which this replaced), so the result is the same to the bit; the columns are only
     * visited together, so that the independent sums overlap.
     */
    private static double[][] upperTriangularFactor(double[][] aRe, double[][] aIm, int cols, double firstNormSq) {
        int rows = 4;
        int rank = Math.min(rows, cols);
        double normSq = firstNormSq; // of column j from row j on
        double[] dots = new double[2 * (rows - 1)];
        for (int j = 0; j < rank; j++) {
            double[] xr = aRe[j];
            double[] xi = aIm[j];
            if (normSq == 0) {
                // nothing to eliminate below this diagonal entry
                normSq = j + 1 < rank ? normSq(aRe[j + 1], aIm[j + 1], j + 1, cols) : 0;
                continue;
            }
            double norm = Math.sqrt(normSq);
            double alphaAbs = Math.hypot(xr[j], xi[j]);
            double phaseRe = alphaAbs == 0 ? 1 : xr[j] / alphaAbs;
            double phaseIm = alphaAbs == 0 ? 0 : xi[j] / alphaAbs;
            // v = x - beta e1 with beta = -phase(alpha) |x|, so v[0] adds magnitudes without cancelling;
            // v is column j itself below row j.
            double v0r = xr[j] + phaseRe * norm;
            double v0i = xi[j] + phaseIm * norm;
            double vNormSq = 2 * norm * (norm + alphaAbs);
            // every later column c -= 2 v (v^H column c) / |v|^2
            dotsWithV(aRe, aIm, j, cols, v0r, v0i, dots);
            for (int c = j + 1; c < rows; c++) {
                double fRe = 2 * dots[2 * (c - j - 1)] / vNormSq;
                double fIm = 2 * dots[2 * (c - j - 1) + 1] / vNormSq;
                double[] yr = aRe[c];
                double[] yi = aIm[c];
                yr[j] -= v0r * fRe - v0i * fIm;
                yi[j] -= v0r * fIm + v0i * fRe;
                if (c == j + 1 && c < rank) {
                    // the next step's |column j+1|^2 from row j+1 on, summed as the column is updated
                    double sum = 0;
                    for (int e = j + 1; e < cols; e++) {
                        double ur = yr[e] - (xr[e] * fRe - xi[e] * fIm);
                        double ui = yi[e] - (xr[e] * fIm + xi[e] * fRe);
                        yr[e] = ur;
                        yi[e] = ui;
                        sum += ur * ur + ui * ui;
                    }
                    normSq = sum;
                } else {
                    for (int e = j + 1; e < cols; e++) {
                        yr[e] -= xr[e] * fRe - xi[e] * fIm;
                        yi[e] -= xr[e] * fIm + xi[e] * fRe;
                    }
                }
            }
            xr[j] = -phaseRe * norm;
            xi[j] = -phaseIm * norm;
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

    /** |column|^2 from row {@code from} on. */
    private static double normSq(double[] re, double[] im, int from, int cols) {
        double sum = 0;
        for (int e = from; e < cols; e++) {
            sum += re[e] * re[e] + im[e] * im[e];
        }
        return sum;
    }

    /**
     * v^H column c for every column c after j (v is column j below row j, with v[j] = v0), into
     * {@code dots} as {re, im} pairs; the three, two or one sums share one pass over the rows.
     */
    private static void dotsWithV(double[][] aRe, double[][] aIm, int j, int cols, double v0r, double v0i, double[] dots) {
        double[] xr = aRe[j];
        double[] xi = aIm[j];
        int later = aRe.length - 1 - j;
        if (later == 3) {
            double[] ar = aRe[j + 1], ai = aIm[j + 1], br = aRe[j + 2], bi = aIm[j + 2], cr = aRe[j + 3], ci = aIm[j + 3];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
            s0 += v0r * ar[j] + v0i * ai[j];
            s1 += v0r * ai[j] - v0i * ar[j];
            s2 += v0r * br[j] + v0i * bi[j];
            s3 += v0r * bi[j] - v0i * br[j];
            s4 += v0r * cr[j] + v0i * ci[j];
            s5 += v0r * ci[j] - v0i * cr[j];
            for (int e = j + 1; e < cols; e++) {
                double vr = xr[e], vi = xi[e];
                s0 += vr * ar[e] + vi * ai[e];
                s1 += vr * ai[e] - vi * ar[e];
                s2 += vr * br[e] + vi * bi[e];
                s3 += vr * bi[e] - vi * br[e];
                s4 += vr * cr[e] + vi * ci[e];
                s5 += vr * ci[e] - vi * cr[e];
            }
            dots[0] = s0; dots[1] = s1; dots[2] = s2; dots[3] = s3; dots[4] = s4; dots[5] = s5;
        } else if (later == 2) {
            double[] ar = aRe[j + 1], ai = aIm[j + 1], br = aRe[j + 2], bi = aIm[j + 2];
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            s0 += v0r * ar[j] + v0i * ai[j];
            s1 += v0r * ai[j] - v0i * ar[j];
            s2 += v0r * br[j] + v0i * bi[j];
            s3 += v0r * bi[j] - v0i * br[j];
            for (int e = j + 1; e < cols; e++) {
                double vr = xr[e], vi = xi[e];
                s0 += vr * ar[e] + vi * ai[e];
                s1 += vr * ai[e] - vi * ar[e];
                s2 += vr * br[e] + vi * bi[e];
                s3 += vr * bi[e] - vi * br[e];
            }
            dots[0] = s0; dots[1] = s1; dots[2] = s2; dots[3] = s3;
        } else if (later == 1) {
            double[] ar = aRe[j + 1], ai = aIm[j + 1];
            double s0 = 0, s1 = 0;
            s0 += v0r * ar[j] + v0i * ai[j];
            s1 += v0r * ai[j] - v0i * ar[j];
            for (int e = j + 1; e < cols; e++) {
                double vr = xr[e], vi = xi[e];
                s0 += vr * ar[e] + vi * ai[e];
                s1 += vr * ai[e] - vi * ar[e];
            }
            dots[0] = s0; dots[1] = s1;
        }
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
        return Arrays.copyOf(HermitianEigen.eigenvalues(hRe, hIm, size), d);
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

    /**
     * Logarithmic negativity (bits) of a possibly mixed state across {@code subsystem} against the
     * other qubits: log2 of the trace norm of the partial transpose, over the trace (Vidal and
     * Werner 2002). It is an entanglement monotone that noise cannot raise; 0 for every separable
     * state (and for PPT-entangled ones, which two qubits never are); for a pure state it is the
     * Renyi-1/2 entropy of the cut, 2 log2 of the sum of the Schmidt coefficients (a Bell pair: 1).
     * Unlike the entropy of a reduced state, it does not count classical mixing as entanglement.
     */
    public static double logNegativity(DensityMatrix rho, int[] subsystem) {
        int n = rho.qubits();
        if (n > MAX_CUT_QUBITS) {
            throw new IllegalArgumentException("log negativity takes the eigenvalues of a 2^n x 2^n matrix: up to "
                    + MAX_CUT_QUBITS + " qubits, not " + n);
        }
        int mask = 0;
        for (int q : subsystem) {
            if (q < 0 || q >= n) {
                throw new IllegalArgumentException("qubit " + q + " is not one of the state's " + n);
            }
            mask |= 1 << q;
        }
        int dim = 1 << n;
        double[] tRe = new double[dim * dim];
        double[] tIm = new double[dim * dim];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                // (rho^T_A)[r][c] = rho[r'][c'] with the subsystem's bits of row and column swapped.
                int r2 = (c & mask) | (r & ~mask);
                int c2 = (r & mask) | (c & ~mask);
                tRe[r * dim + c] = rho.re[r2 + dim * c2];
                tIm[r * dim + c] = rho.im[r2 + dim * c2];
            }
        }
        double norm = 0;
        for (double lambda : HermitianEigen.eigenvalues(tRe, tIm, dim)) {
            norm += Math.abs(lambda);
        }
        return Math.max(0, log2(norm / rho.trace()));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
