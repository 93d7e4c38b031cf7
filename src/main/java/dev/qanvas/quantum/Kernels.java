package dev.qanvas.quantum;

/**
 * The in-place gate kernels of the single-state simulator. Each gate becomes a loop over the
 * pairs (or quadruples) of amplitudes it mixes; diagonal gates, permutations and real matrices
 * get their own loops, which the JIT compiles to fewer operations than a general complex 2x2.
 */
final class Kernels {

    private Kernels() {
    }

    /** Applies {@code op} with matrix {@code m} (or its conjugate transpose when {@code dagger}). */
    static void apply(double[] re, double[] im, int n, Operation op, double[] m, boolean dagger) {
        apply(re, im, n, op, m, dagger, Vectors.ENABLED);
    }

    /**
     * {@link #apply(double[], double[], int, Operation, double[], boolean)}, with the Vector API
     * kernels for uncontrolled one-qubit gates when {@code vectors} (and {@link Vectors#ENABLED}).
     */
    static void apply(double[] re, double[] im, int n, Operation op, double[] m, boolean dagger, boolean vectors) {
        boolean vector = vectors && Vectors.ENABLED && VectorKernels.fits(n);
        double[] mat = dagger ? dagger(m) : m;
        int cmask = op.controlMask();
        if (op.gate().qubits() == 1) {
            int t = op.targets().get(0);
            switch (op.gate().kind()) {
                case DIAGONAL -> {
                    if (vector && VectorKernels.handles(t, cmask)) {
                        VectorKernels.diagonal1(re, im, n, t, cmask, mat);
                    } else {
                        diagonal1(re, im, n, t, cmask, mat);
                    }
                }
                case PERMUTATION -> {
                    if (vector && vectorPermutes(cmask, Integer.lowestOneBit(cmask | 1 << t))) { // long runs: copied, faster still
                        VectorKernels.permute(re, im, n, t, -1, cmask);
                    } else {
                        swapPairs(re, im, n, t, cmask);
                    }
                }
                case REAL -> {
                    if (vector && VectorKernels.handles(t, cmask)) {
                        VectorKernels.real1(re, im, n, t, cmask, mat);
                    } else {
                        real1(re, im, n, t, cmask, mat);
                    }
                }
                default -> {
                    if (vector && VectorKernels.handles(t, cmask)) {
                        VectorKernels.general1(re, im, n, t, cmask, mat);
                    } else {
                        general1(re, im, n, t, cmask, mat);
                    }
                }
            }
        } else {
            int a = op.targets().get(0), b = op.targets().get(1);
            switch (op.gate().kind()) {
                case PERMUTATION -> { // the SWAP
                    if (vector && vectorPermutes(cmask, Integer.lowestOneBit(cmask | 1 << a | 1 << b))) {
                        VectorKernels.permute(re, im, n, a, b, cmask);
                    } else {
                        swapQubits(re, im, n, a, b, cmask);
                    }
                }
                case DIAGONAL -> diagonal2(re, im, n, a, b, cmask, mat, vector);
                default -> {
                    if (flipsBoth(mat)) { // RXX, RYY, iSWAP: two 2x2s, not a 4x4
                        if (vector && VectorKernels.handlesFlip(a, b, cmask)) {
                            VectorKernels.flipBoth(re, im, n, a, b, cmask, mat);
                        } else {
                            flipBoth(re, im, n, a, b, cmask, mat);
                        }
                    } else if (vector && VectorKernels.handles2(a, b, cmask)) {
                        VectorKernels.general2(re, im, n, a, b, cmask, mat);
                    } else {
                        general2(re, im, n, a, b, cmask, mat);
                    }
                }
            }
        }
    }

    /**
     * Whether a 4x4 only mixes each local basis state r with r ^ 3 (both target bits flipped):
     * every entry off the diagonal and the anti-diagonal is zero, as for RXX, RYY and iSWAP at any
     * angle. Read from the matrix itself, so {@link Gate} stays the one place a gate is defined.
     */
    static boolean flipsBoth(double[] m) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                if (c != r && c != (r ^ 3) && (m[2 * (r * 4 + c)] != 0 || m[2 * (r * 4 + c) + 1] != 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The 2x2 that a {@link #flipsBoth} 4x4 applies to local states (r, r ^ 3), r = 0 or 1, as
     * {{M[r][r], M[r][r^3]}, {M[r^3][r], M[r^3][r^3]}}: the lower local state is the pair's first
     * amplitude, so each sum runs in the 4x4's own column order and gives its bits.
     */
    static double[] flipPair(double[] m, int r) {
        int s = r ^ 3;
        return new double[] {
            m[2 * (r * 4 + r)], m[2 * (r * 4 + r) + 1], m[2 * (r * 4 + s)], m[2 * (r * 4 + s) + 1],
            m[2 * (s * 4 + r)], m[2 * (s * 4 + r) + 1], m[2 * (s * 4 + s)], m[2 * (s * 4 + s) + 1]};
    }

    /**
     * A {@link #flipsBoth} 4x4 on targets (a, b) as two 2x2s over pairs of amplitudes: i (a and b
     * clear) with i + 2^a + 2^b, and i + 2^a with i + 2^b. Over runs of consecutive indices that
     * share the target and control bits, each pair is the one-qubit pair loop at another distance.
     */
    static void flipBoth(double[] re, double[] im, int n, int a, int b, int cmask, double[] m) {
        int run = Integer.lowestOneBit(cmask | 1 << a | 1 << b);
        if (run < SHORT_RUN) {
            flipBothOneByOne(re, im, n, a, b, cmask, flipPair(m, 0), flipPair(m, 1));
        } else {
            flipBothInRuns(re, im, n, a, b, cmask, run, flipPair(m, 0), flipPair(m, 1));
        }
    }

    private static void flipBothOneByOne(double[] re, double[] im, int n, int a, int b, int cmask, double[] p, double[] q) {
        int ba = 1 << a, bb = 1 << b;
        int lo = Math.min(a, b), hi = Math.max(a, b);
        int quarter = 1 << (n - 2);
        for (int k = 0; k < quarter; k++) {
            int i = insertZero(insertZero(k, lo), hi);
            if ((i & cmask) == cmask) {
                mixPair(re, im, i, i + ba + bb, p);
                mixPair(re, im, i + ba, i + bb, q);
            }
        }
    }

    private static void mixPair(double[] re, double[] im, int i, int j, double[] m) {
        double ar = re[i], ai = im[i], br = re[j], bi = im[j];
        re[i] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
        im[i] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
        re[j] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
        im[j] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
    }

    private static void flipBothInRuns(double[] re, double[] im, int n, int a, int b, int cmask, int run, double[] p, double[] q) {
        int ba = 1 << a, bb = 1 << b;
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & (ba | bb)) == 0 && (start & cmask) == cmask) {
                mixRun(re, im, start, start + run, ba + bb, p);
                mixRun(re, im, start + ba, start + ba + run, bb - ba, q);
            }
        }
    }

    /**
     * Each i of [from, to) with i + d by the complex 2x2 m. The one-qubit kernels keep their own
     * copy of this loop: called from them, U3 measured up to 1.3x slower at 20 qubits (plain, under load).
     */
    static void mixRun(double[] re, double[] im, int from, int to, int d, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        for (int i = from; i < to; i++) {
            int j = i + d;
            double ar = re[i], ai = im[i], br = re[j], bi = im[j];
            re[i] = m0 * ar - m1 * ai + m2 * br - m3 * bi;
            im[i] = m0 * ai + m1 * ar + m2 * bi + m3 * br;
            re[j] = m4 * ar - m5 * ai + m6 * br - m7 * bi;
            im[j] = m4 * ai + m5 * ar + m6 * bi + m7 * br;
        }
    }

    /** Conjugate transpose of a 2x2 or 4x4 interleaved matrix. */
    static double[] dagger(double[] m) {
        int d = m.length == 8 ? 2 : 4;
        double[] out = new double[m.length];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                out[2 * (r * d + c)] = m[2 * (c * d + r)];
                out[2 * (r * d + c) + 1] = -m[2 * (c * d + r) + 1];
            }
        }
        return out;
    }

    /** The product a x b of two 2x2 or 4x4 interleaved complex matrices (b acts first). */
    static double[] multiply(double[] a, double[] b) {
        int d = a.length == 8 ? 2 : 4;
        double[] out = new double[a.length];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double re = 0, im = 0;
                for (int k = 0; k < d; k++) {
                    double ar = a[2 * (r * d + k)], ai = a[2 * (r * d + k) + 1];
                    double br = b[2 * (k * d + c)], bi = b[2 * (k * d + c) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                out[2 * (r * d + c)] = re;
                out[2 * (r * d + c) + 1] = im;
            }
        }
        return out;
    }

    /** Index k (0 .. 2^(n-1)-1) with a zero bit inserted at position {@code bit}. */
    static int insertZero(int k, int bit) {
        int low = k & ((1 << bit) - 1);
        return ((k >> bit) << (bit + 1)) | low;
    }

    /**
     * Runs of 2^low consecutive indices share the target and control bits (low = the lowest of
     * them): within a run the pairs (i, i + 2^t) need no index arithmetic or control test. Without
     * controls a run is the 2^t pairs of a block; with controls, runs shorter than
     * {@link #SHORT_RUN} go pair by pair instead.
     */
    static void general1(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        int run = Integer.lowestOneBit(cmask | 1 << t);
        if (cmask == 0 || run >= SHORT_RUN) {
            general1Runs(re, im, n, t, cmask, run, m);
        } else {
            general1Pairs(re, im, n, t, cmask, m);
        }
    }

    private static void general1Runs(double[] re, double[] im, int n, int t, int cmask, int run, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        int tb = 1 << t;
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & tb) != 0 || (start & cmask) != cmask) {
                continue;
            }
            for (int i = start, end = start + run; i < end; i++) {
                int j = i + tb;
                double ar = re[i], ai = im[i], br = re[j], bi = im[j];
                re[i] = m0 * ar - m1 * ai + m2 * br - m3 * bi;
                im[i] = m0 * ai + m1 * ar + m2 * bi + m3 * br;
                re[j] = m4 * ar - m5 * ai + m6 * br - m7 * bi;
                im[j] = m4 * ai + m5 * ar + m6 * bi + m7 * br;
            }
        }
    }

    private static void general1Pairs(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        int tb = 1 << t;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k++) {
            int i = insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            int j = i | tb;
            double ar = re[i], ai = im[i], br = re[j], bi = im[j];
            re[i] = m0 * ar - m1 * ai + m2 * br - m3 * bi;
            im[i] = m0 * ai + m1 * ar + m2 * bi + m3 * br;
            re[j] = m4 * ar - m5 * ai + m6 * br - m7 * bi;
            im[j] = m4 * ai + m5 * ar + m6 * bi + m7 * br;
        }
    }

    /** A real 2x2 {{a, b}, {c, d}} (imaginary parts of {@code m} ignored), in runs as {@link #general1}. */
    static void real1(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        int run = Integer.lowestOneBit(cmask | 1 << t);
        if (cmask == 0 || run >= SHORT_RUN) {
            real1Runs(re, im, n, t, cmask, run, m);
        } else {
            real1Pairs(re, im, n, t, cmask, m);
        }
    }

    private static void real1Runs(double[] re, double[] im, int n, int t, int cmask, int run, double[] m) {
        double a = m[0], b = m[2], c = m[4], d = m[6];
        int tb = 1 << t;
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & tb) != 0 || (start & cmask) != cmask) {
                continue;
            }
            for (int i = start, end = start + run; i < end; i++) {
                int j = i + tb;
                double ar = re[i], ai = im[i], br = re[j], bi = im[j];
                re[i] = a * ar + b * br;
                im[i] = a * ai + b * bi;
                re[j] = c * ar + d * br;
                im[j] = c * ai + d * bi;
            }
        }
    }

    private static void real1Pairs(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        double a = m[0], b = m[2], c = m[4], d = m[6];
        int tb = 1 << t;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k++) {
            int i = insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            int j = i | tb;
            double ar = re[i], ai = im[i], br = re[j], bi = im[j];
            re[i] = a * ar + b * br;
            im[i] = a * ai + b * bi;
            re[j] = c * ar + d * br;
            im[j] = c * ai + d * bi;
        }
    }

    /**
     * Runs of consecutive indices shorter than this are not worth a loop of their own (at n = 16,
     * 8 was no faster than going pair by pair). Each form is a method of its own: in one method
     * behind a branch, both ran slower.
     */
    static final int SHORT_RUN = 16;
    /**
     * Runs shorter than this take the Vector API's two-qubit diagonal, longer ones the run loop C2
     * vectorises: at 16 qubits RZZ on (4, 5) (runs of 16) took 53 us in runs, 21 lane by lane; on
     * (6, 7) (runs of 64) 16.5 and 21 (docs/benchmarks.md, 2026-12-08, later).
     */
    static final int VECTOR_DIAGONAL2_BELOW = 64;

    /**
     * Whether {@link VectorKernels#permute} moves a permutation's amplitudes, by the runs of
     * consecutive amplitudes that share its target and control bits: up to 16 with controls, up
     * to 32 without; longer runs go through {@link System#arraycopy}. The vector loop visits
     * every vector and tests it, which costs with controls above the lanes (half or more visited
     * for nothing); the copies pay a call per run, which costs with short runs (an X on target
     * 4 of 16 qubits: 46 us copied, 22 exchanged, the floor 14; docs/benchmarks.md).
     */
    private static boolean vectorPermutes(int cmask, int run) {
        return run <= (cmask == 0 ? 32 : 16);
    }

    static void diagonal1(double[] re, double[] im, int n, int t, int cmask, double[] m) {
        double d0r = m[0], d0i = m[1], d1r = m[6], d1i = m[7];
        boolean touch0 = d0r != 1 || d0i != 0;
        int tb = 1 << t;
        // Runs of 2^low consecutive indices share the target and control bits: one test per run,
        // and each run's loop touches one index of re and im, which C2 vectorises. Runs shorter
        // than SHORT_RUN go pair by pair (at n = 16, t = 0: 62 us pair by pair, 143 in runs of one).
        int run = Integer.lowestOneBit(cmask | tb);
        if (run < SHORT_RUN) {
            diagonalPairs(re, im, n, t, cmask, d0r, d0i, d1r, d1i, touch0);
        } else {
            diagonalRuns(re, im, n, t, cmask, run, d0r, d0i, d1r, d1i, touch0);
        }
    }

    private static void diagonalPairs(double[] re, double[] im, int n, int t, int cmask,
            double d0r, double d0i, double d1r, double d1i, boolean touch0) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k++) {
            int i = insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            int j = i | tb;
            if (touch0) {
                double ar = re[i], ai = im[i];
                re[i] = d0r * ar - d0i * ai;
                im[i] = d0r * ai + d0i * ar;
            }
            double br = re[j], bi = im[j];
            re[j] = d1r * br - d1i * bi;
            im[j] = d1r * bi + d1i * br;
        }
    }

    private static void diagonalRuns(double[] re, double[] im, int n, int t, int cmask, int run,
            double d0r, double d0i, double d1r, double d1i, boolean touch0) {
        int tb = 1 << t;
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & cmask) != cmask) {
                continue;
            }
            int end = start + run;
            if ((start & tb) == 0) {
                if (touch0) {
                    for (int i = start; i < end; i++) {
                        double ar = re[i], ai = im[i];
                        re[i] = d0r * ar - d0i * ai;
                        im[i] = d0r * ai + d0i * ar;
                    }
                }
            } else {
                for (int j = start; j < end; j++) {
                    double br = re[j], bi = im[j];
                    re[j] = d1r * br - d1i * bi;
                    im[j] = d1r * bi + d1i * br;
                }
            }
        }
    }

    static void swapPairs(double[] re, double[] im, int n, int t, int cmask) {
        int tb = 1 << t;
        // Runs of 2^low consecutive pairs share the control bits: one test per run; shorter runs
        // than SHORT_RUN go pair by pair.
        int run = Integer.lowestOneBit(cmask | tb);
        if (run < SHORT_RUN) {
            swapPairsOneByOne(re, im, n, t, cmask);
        } else {
            swapPairsInRuns(re, im, n, t, cmask, run);
        }
    }

    private static void swapPairsOneByOne(double[] re, double[] im, int n, int t, int cmask) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k++) {
            int i = insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            int j = i | tb;
            double r = re[i];
            re[i] = re[j];
            re[j] = r;
            double s = im[i];
            im[i] = im[j];
            im[j] = s;
        }
    }

    /**
     * Swaps each run with its partner run 2^t further on through a small buffer, by
     * {@link System#arraycopy}: C2 does not vectorise a swap loop within one array at a distance it
     * cannot see (docs/bench/PairLoop.java), and the copy intrinsic is vectorised. The buffer is
     * small enough to stay in the first-level cache, so memory sees one read and one write of each
     * amplitude, as in a swap.
     */
    private static void swapPairsInRuns(double[] re, double[] im, int n, int t, int cmask, int run) {
        int tb = 1 << t;
        double[] buffer = new double[Math.min(run, SWAP_BUFFER)];
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & tb) != 0 || (start & cmask) != cmask) {
                continue;
            }
            swapRuns(re, im, start, start + tb, run, buffer);
        }
    }

    /** Swaps amplitudes [x, x + run) with [y, y + run) in both arrays, {@code buffer.length} at a time. */
    private static void swapRuns(double[] re, double[] im, int x, int y, int run, double[] buffer) {
        for (int done = 0; done < run; done += buffer.length) {
            int length = Math.min(buffer.length, run - done);
            swapRuns(re, x + done, y + done, length, buffer);
            swapRuns(im, x + done, y + done, length, buffer);
        }
    }

    /** Doubles in {@link #swapPairsInRuns}'s buffer: 8 KiB. */
    private static final int SWAP_BUFFER = 1024;

    private static void swapRuns(double[] a, int i, int j, int length, double[] buffer) {
        System.arraycopy(a, i, buffer, 0, length);
        System.arraycopy(a, j, a, i, length);
        System.arraycopy(buffer, 0, a, j, length);
    }

    /**
     * The two-qubit kernels go over runs of 2^low consecutive indices that share the target and
     * control bits (low = the lowest of them), testing the controls once per run; the four
     * amplitudes a gate mixes are i, i + 2^a, i + 2^b and i + 2^a + 2^b for each i of a run whose
     * target bits are clear. Runs shorter than {@link #SHORT_RUN} go quadruple by quadruple, in a
     * method of their own (the JIT compiles a run loop for the lengths it saw first).
     */
    static void swapQubits(double[] re, double[] im, int n, int a, int b, int cmask) {
        int run = Integer.lowestOneBit(cmask | 1 << a | 1 << b);
        if (run < SHORT_RUN) {
            swapQubitsOneByOne(re, im, n, a, b, cmask);
        } else {
            swapQubitsInRuns(re, im, n, a, b, cmask, run);
        }
    }

    private static void swapQubitsOneByOne(double[] re, double[] im, int n, int a, int b, int cmask) {
        int lo = Math.min(a, b), hi = Math.max(a, b);
        int quarter = 1 << (n - 2);
        for (int k = 0; k < quarter; k++) {
            int i = insertZero(insertZero(k, lo), hi);
            if ((i & cmask) != cmask) {
                continue;
            }
            int x = i | (1 << a), y = i | (1 << b);
            double r = re[x];
            re[x] = re[y];
            re[y] = r;
            double s = im[x];
            im[x] = im[y];
            im[y] = s;
        }
    }

    /** The run of |..1..0..> against the run of |..0..1..>, through a buffer as in {@link #swapPairsInRuns} (C2 leaves the swap loop scalar). */
    private static void swapQubitsInRuns(double[] re, double[] im, int n, int a, int b, int cmask, int run) {
        int ba = 1 << a, bb = 1 << b;
        double[] buffer = new double[Math.min(run, SWAP_BUFFER)];
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & (ba | bb)) != 0 || (start & cmask) != cmask) {
                continue;
            }
            swapRuns(re, im, start + ba, start + bb, run, buffer);
        }
    }

    /** A diagonal 4x4 (RZZ): a complex scale of each amplitude by the entry its target bits pick. */
    static void diagonal2(double[] re, double[] im, int n, int a, int b, int cmask, double[] m, boolean vector) {
        int run = Integer.lowestOneBit(cmask | 1 << a | 1 << b);
        if (run < VECTOR_DIAGONAL2_BELOW && vector) {
            VectorKernels.diagonal2(re, im, n, a, b, cmask, m); // short runs: lane by lane
        } else if (run < SHORT_RUN) {
            diagonal2OneByOne(re, im, n, a, b, cmask, m);
        } else {
            diagonal2InRuns(re, im, n, a, b, cmask, run, m);
        }
    }

    private static void diagonal2OneByOne(double[] re, double[] im, int n, int a, int b, int cmask, double[] m) {
        for (int i = 0; i < 1 << n; i++) {
            if ((i & cmask) != cmask) {
                continue;
            }
            int k = (i >> a & 1) | (i >> b & 1) << 1;
            double dr = m[10 * k], di = m[10 * k + 1]; // entry (k, k) of the interleaved 4x4
            double xr = re[i], xi = im[i];
            re[i] = dr * xr - di * xi;
            im[i] = dr * xi + di * xr;
        }
    }

    /** Every run shares one diagonal entry: a complex scale over consecutive indices, which C2 vectorises. */
    private static void diagonal2InRuns(double[] re, double[] im, int n, int a, int b, int cmask, int run, double[] m) {
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & cmask) != cmask) {
                continue;
            }
            int k = (start >> a & 1) | (start >> b & 1) << 1;
            double dr = m[10 * k], di = m[10 * k + 1];
            for (int i = start, end = start + run; i < end; i++) {
                double xr = re[i], xi = im[i];
                re[i] = dr * xr - di * xi;
                im[i] = dr * xi + di * xr;
            }
        }
    }

    /** A general 4x4 on targets (a, b): local index bit(a) + 2 bit(b). */
    static void general2(double[] re, double[] im, int n, int a, int b, int cmask, double[] m) {
        int run = Integer.lowestOneBit(cmask | 1 << a | 1 << b);
        if (run < SHORT_RUN) {
            general2OneByOne(re, im, n, a, b, cmask, m);
        } else {
            general2InRuns(re, im, n, a, b, cmask, run, m);
        }
    }

    private static void general2OneByOne(double[] re, double[] im, int n, int a, int b, int cmask, double[] m) {
        int lo = Math.min(a, b), hi = Math.max(a, b);
        int quarter = 1 << (n - 2);
        int[] idx = new int[4];
        double[] vr = new double[4], vi = new double[4];
        for (int k = 0; k < quarter; k++) {
            int i = insertZero(insertZero(k, lo), hi);
            if ((i & cmask) != cmask) {
                continue;
            }
            idx[0] = i;
            idx[1] = i | 1 << a;
            idx[2] = i | 1 << b;
            idx[3] = i | 1 << a | 1 << b;
            for (int c = 0; c < 4; c++) {
                vr[c] = re[idx[c]];
                vi[c] = im[idx[c]];
            }
            for (int r = 0; r < 4; r++) {
                double sr = 0, si = 0;
                for (int c = 0; c < 4; c++) {
                    double mr = m[2 * (r * 4 + c)], mi = m[2 * (r * 4 + c) + 1];
                    // left to right, as in the run loops, so that every form gives the same bits
                    sr = sr + mr * vr[c] - mi * vi[c];
                    si = si + mr * vi[c] + mi * vr[c];
                }
                re[idx[r]] = sr;
                im[idx[r]] = si;
            }
        }
    }

    private static void general2InRuns(double[] re, double[] im, int n, int a, int b, int cmask, int run, double[] m) {
        int ba = 1 << a, bb = 1 << b;
        // The 16 entries as locals: row a.. d = output 0 .. 3, digit = input (interleaved re, im in m).
        double a0r = m[0], a0i = m[1], a1r = m[2], a1i = m[3], a2r = m[4], a2i = m[5], a3r = m[6], a3i = m[7];
        double b0r = m[8], b0i = m[9], b1r = m[10], b1i = m[11], b2r = m[12], b2i = m[13], b3r = m[14], b3i = m[15];
        double c0r = m[16], c0i = m[17], c1r = m[18], c1i = m[19], c2r = m[20], c2i = m[21], c3r = m[22], c3i = m[23];
        double d0r = m[24], d0i = m[25], d1r = m[26], d1i = m[27], d2r = m[28], d2i = m[29], d3r = m[30], d3i = m[31];
        for (int start = 0; start < 1 << n; start += run) {
            if ((start & (ba | bb)) != 0 || (start & cmask) != cmask) {
                continue;
            }
            for (int i0 = start, end = start + run; i0 < end; i0++) {
                int i1 = i0 + ba, i2 = i0 + bb, i3 = i1 + bb;
                double v0r = re[i0], v0i = im[i0], v1r = re[i1], v1i = im[i1];
                double v2r = re[i2], v2i = im[i2], v3r = re[i3], v3i = im[i3];
                re[i0] = a0r * v0r - a0i * v0i + a1r * v1r - a1i * v1i + a2r * v2r - a2i * v2i + a3r * v3r - a3i * v3i;
                im[i0] = a0r * v0i + a0i * v0r + a1r * v1i + a1i * v1r + a2r * v2i + a2i * v2r + a3r * v3i + a3i * v3r;
                re[i1] = b0r * v0r - b0i * v0i + b1r * v1r - b1i * v1i + b2r * v2r - b2i * v2i + b3r * v3r - b3i * v3i;
                im[i1] = b0r * v0i + b0i * v0r + b1r * v1i + b1i * v1r + b2r * v2i + b2i * v2r + b3r * v3i + b3i * v3r;
                re[i2] = c0r * v0r - c0i * v0i + c1r * v1r - c1i * v1i + c2r * v2r - c2i * v2i + c3r * v3r - c3i * v3i;
                im[i2] = c0r * v0i + c0i * v0r + c1r * v1i + c1i * v1r + c2r * v2i + c2i * v2r + c3r * v3i + c3i * v3r;
                re[i3] = d0r * v0r - d0i * v0i + d1r * v1r - d1i * v1i + d2r * v2r - d2i * v2i + d3r * v3r - d3i * v3i;
                im[i3] = d0r * v0i + d0i * v0r + d1r * v1i + d1i * v1r + d2r * v2i + d2i * v2r + d3r * v3i + d3i * v3r;
            }
        }
    }

    /**
     * {@code <left| D |right>} for the matrix {@code d} of {@code op}'s shape (not necessarily
     * unitary), restricted to the control-satisfied subspace: what adjoint differentiation needs
     * for dU/d(angle) without copying a state.
     */
    static double[] sandwich(double[] lr, double[] li, double[] rr, double[] ri, int n, Operation op, double[] d) {
        int cmask = op.controlMask();
        double sr = 0, si = 0;
        if (op.gate().qubits() == 1) {
            int t = op.targets().get(0);
            int tb = 1 << t;
            int half = 1 << (n - 1);
            for (int k = 0; k < half; k++) {
                int i = insertZero(k, t);
                if ((i & cmask) != cmask) {
                    continue;
                }
                int j = i | tb;
                // (D r)_i and (D r)_j, then conj(l) times them
                double xr = d[0] * rr[i] - d[1] * ri[i] + d[2] * rr[j] - d[3] * ri[j];
                double xi = d[0] * ri[i] + d[1] * rr[i] + d[2] * ri[j] + d[3] * rr[j];
                double yr = d[4] * rr[i] - d[5] * ri[i] + d[6] * rr[j] - d[7] * ri[j];
                double yi = d[4] * ri[i] + d[5] * rr[i] + d[6] * ri[j] + d[7] * rr[j];
                sr += lr[i] * xr + li[i] * xi + lr[j] * yr + li[j] * yi;
                si += lr[i] * xi - li[i] * xr + lr[j] * yi - li[j] * yr;
            }
            return new double[] {sr, si};
        }
        int a = op.targets().get(0), b = op.targets().get(1);
        int lo = Math.min(a, b), hi = Math.max(a, b);
        int quarter = 1 << (n - 2);
        int[] idx = new int[4];
        for (int k = 0; k < quarter; k++) {
            int i = insertZero(insertZero(k, lo), hi);
            if ((i & cmask) != cmask) {
                continue;
            }
            idx[0] = i;
            idx[1] = i | (1 << a);
            idx[2] = i | (1 << b);
            idx[3] = i | (1 << a) | (1 << b);
            for (int r = 0; r < 4; r++) {
                double xr = 0, xi = 0;
                for (int c = 0; c < 4; c++) {
                    double mr = d[2 * (r * 4 + c)], mi = d[2 * (r * 4 + c) + 1];
                    xr += mr * rr[idx[c]] - mi * ri[idx[c]];
                    xi += mr * ri[idx[c]] + mi * rr[idx[c]];
                }
                sr += lr[idx[r]] * xr + li[idx[r]] * xi;
                si += lr[idx[r]] * xi - li[idx[r]] * xr;
            }
        }
        return new double[] {sr, si};
    }

    /** <psi| P |psi> for a Pauli product P, in one pass without copying the state. */
    static double expectation(double[] re, double[] im, PauliString p) {
        int flip = p.xMask();
        int signMask = p.zMask();
        // P|j> = i^{#Y} (-1)^{popcount(j & zMask)} |j ^ xMask>
        double sum = 0;
        double sumImag = 0;
        for (int j = 0; j < re.length; j++) {
            int k = j ^ flip;
            double sign = (Integer.bitCount(j & signMask) & 1) == 0 ? 1 : -1;
            // conj(psi_k) * psi_j
            double cr = re[k] * re[j] + im[k] * im[j];
            double ci = re[k] * im[j] - im[k] * re[j];
            sum += sign * cr;
            sumImag += sign * ci;
        }
        // multiply by i^{#Y}; the result is real for a Hermitian P
        switch (p.yCount() & 3) {
            case 0: return sum;
            case 1: return -sumImag;
            case 2: return -sum;
            default: return sumImag;
        }
    }

    /** out += coefficient * P psi (builds the adjoint start state H|psi> term by term). */
    static void addPauliTimes(double[] re, double[] im, PauliString p, double coefficient, double[] outRe, double[] outIm) {
        int flip = p.xMask();
        int signMask = p.zMask();
        int y = p.yCount() & 3;
        for (int j = 0; j < re.length; j++) {
            double sign = (Integer.bitCount(j & signMask) & 1) == 0 ? coefficient : -coefficient;
            double vr = sign * re[j], vi = sign * im[j];
            // times i^y
            double wr, wi;
            switch (y) {
                case 0 -> { wr = vr; wi = vi; }
                case 1 -> { wr = -vi; wi = vr; }
                case 2 -> { wr = -vr; wi = -vi; }
                default -> { wr = vi; wi = -vr; }
            }
            int k = j ^ flip;
            outRe[k] += wr;
            outIm[k] += wi;
        }
    }
}
