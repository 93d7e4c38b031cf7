package dev.qanvas.quantum;

/**
 * Gate kernels for a batch of states stored batch-innermost as one row per basis state:
 * amplitude {@code idx} of sample {@code b} is {@code re[idx][b]}. The innermost loop runs over
 * samples with the same matrix entries; because the two rows a gate mixes are different arrays,
 * the JIT can prove they do not overlap and vectorises it (measured 2.7x a flat array with
 * offsets, which it cannot prove). Each kernel works on samples [b0, b1) so threads can share a batch.
 *
 * <p>JDK 17's C2 leaves a loop scalar when two of its stores compute the same expression shape
 * from loop-invariant factors, as {@code a = m0 x + m2 y; c = m4 x + m6 y} does (measured 4 to 7x
 * slower than the vectorised loop on this machine). So each kernel writes its second row's sum
 * in the other order ({@code c = m6 y + m4 x}: the same value to the bit, addition commutes), and
 * rows that would still share a shape (the real and imaginary parts of a real gate) go in separate loops.
 *
 * <p>Matrices are either shared by all samples ({@code double[8]} / {@code double[32]}) or per
 * sample, entry-major ({@code m[entry][b]}), for gates whose angle is an input feature.
 */
final class BatchKernels {

    private BatchKernels() {
    }

    static void shared1(double[][] re, double[][] im, int n, int b0, int b1, int t, int cmask, Gate.Kind kind, double[] m) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k++) {
            int i = Kernels.insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            double[] ar = re[i], ai = im[i], br = re[i | tb], bi = im[i | tb];
            switch (kind) {
                case DIAGONAL -> diagonalRows(ar, ai, br, bi, b0, b1, m);
                case PERMUTATION -> swapRows(ar, ai, br, bi, b0, b1);
                case REAL -> realRows(ar, ai, br, bi, b0, b1, m);
                default -> generalRows(ar, ai, br, bi, b0, b1, m);
            }
        }
    }

    private static void generalRows(double[] ar, double[] ai, double[] br, double[] bi, int b0, int b1, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        for (int b = b0; b < b1; b++) {
            double xr = ar[b], xi = ai[b], yr = br[b], yi = bi[b];
            ar[b] = m0 * xr - m1 * xi + m2 * yr - m3 * yi;
            ai[b] = m0 * xi + m1 * xr + m2 * yi + m3 * yr;
            br[b] = m6 * yr - m7 * yi + m4 * xr - m5 * xi; // y first: see the class comment
            bi[b] = m6 * yi + m7 * yr + m4 * xi + m5 * xr;
        }
    }

    private static void realRows(double[] ar, double[] ai, double[] br, double[] bi, int b0, int b1, double[] m) {
        realPair(ar, br, b0, b1, m[0], m[2], m[4], m[6]);
        realPair(ai, bi, b0, b1, m[0], m[2], m[4], m[6]);
    }

    /** {@code (a, c) <- (m0 a + m2 c, m4 a + m6 c)} for samples [b0, b1): a real 2x2 matrix on one pair of rows. */
    private static void realPair(double[] a, double[] c, int b0, int b1, double m0, double m2, double m4, double m6) {
        for (int b = b0; b < b1; b++) {
            double x = a[b], y = c[b];
            a[b] = m0 * x + m2 * y;
            c[b] = m6 * y + m4 * x; // the other order: see the class comment
        }
    }

    private static void diagonalRows(double[] ar, double[] ai, double[] br, double[] bi, int b0, int b1, double[] m) {
        phase(ar, ai, b0, b1, m[0], m[1]);
        phase(br, bi, b0, b1, m[6], m[7]);
    }

    /** {@code (re + i im) <- (pr + i pi)(re + i im)} for samples [b0, b1). */
    static void phase(double[] re, double[] im, int b0, int b1, double pr, double pi) {
        for (int b = b0; b < b1; b++) {
            double xr = re[b], xi = im[b];
            re[b] = pr * xr - pi * xi;
            im[b] = pr * xi + pi * xr;
        }
    }

    private static void swapRows(double[] ar, double[] ai, double[] br, double[] bi, int b0, int b1) {
        for (int b = b0; b < b1; b++) {
            double r = ar[b], s = ai[b];
            ar[b] = br[b];
            ai[b] = bi[b];
            br[b] = r;
            bi[b] = s;
        }
    }

    static void perSample1(double[][] re, double[][] im, int n, int b0, int b1, int t, int cmask, double[][] m) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        double[] m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        for (int k = 0; k < half; k++) {
            int i = Kernels.insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            double[] ar = re[i], ai = im[i], br = re[i | tb], bi = im[i | tb];
            for (int b = b0; b < b1; b++) {
                double xr = ar[b], xi = ai[b], yr = br[b], yi = bi[b];
                ar[b] = m0[b] * xr - m1[b] * xi + m2[b] * yr - m3[b] * yi;
                ai[b] = m0[b] * xi + m1[b] * xr + m2[b] * yi + m3[b] * yr;
                br[b] = m4[b] * xr - m5[b] * xi + m6[b] * yr - m7[b] * yi;
                bi[b] = m4[b] * xi + m5[b] * xr + m6[b] * yi + m7[b] * yr;
            }
        }
    }

    /** {@link #perSample1} for a real matrix (RY fed by an input): reads only the real entries. */
    static void perSampleReal1(double[][] re, double[][] im, int n, int b0, int b1, int t, int cmask, double[][] m) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        double[] m0 = m[0], m2 = m[2], m4 = m[4], m6 = m[6];
        for (int k = 0; k < half; k++) {
            int i = Kernels.insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            double[] ar = re[i], ai = im[i], br = re[i | tb], bi = im[i | tb];
            for (int b = b0; b < b1; b++) {
                double xr = ar[b], xi = ai[b], yr = br[b], yi = bi[b];
                ar[b] = m0[b] * xr + m2[b] * yr;
                ai[b] = m0[b] * xi + m2[b] * yi;
                br[b] = m4[b] * xr + m6[b] * yr;
                bi[b] = m4[b] * xi + m6[b] * yi;
            }
        }
    }

    /**
     * A real one-qubit matrix, per sample ({@code m0[b]} ...), on real amplitudes (the imaginary
     * rows are zero and stay so): the real rows only.
     */
    static void realOnly1(double[][] re, int n, int b0, int b1, int t, int cmask, double[] m0, double[] m2, double[] m4, double[] m6) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k++) {
            int i = Kernels.insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            double[] ar = re[i], br = re[i | tb];
            for (int b = b0; b < b1; b++) {
                double xr = ar[b], yr = br[b];
                ar[b] = m0[b] * xr + m2[b] * yr;
                br[b] = m4[b] * xr + m6[b] * yr;
            }
        }
    }

    /**
     * A real one-qubit gate on wire {@code t} of a state whose only non-zero amplitudes are on
     * the wires of {@code touched} (t not among them): for each such row, the partner row with
     * bit t set is zero, so the gate's a' = m0 a + m2 * 0, b' = m4 a + m6 * 0 become
     * a' = m0 a, b' = m4 a (the same products). Per-sample entries {@code m0[b]}, {@code m4[b]}.
     */
    static void fromZero(double[][] re, int len, int t, int touched, double[] m0, double[] m4) {
        int tb = 1 << t;
        for (int idx = touched; ; idx = (idx - 1) & touched) { // every subset of touched
            double[] a = re[idx], c = re[idx | tb];
            for (int b = 0; b < len; b++) {
                double v = a[b];
                c[b] = m4[b] * v;
                a[b] = m0[b] * v;
            }
            if (idx == 0) {
                return;
            }
        }
    }

    /** {@link #fromZero(double[][], int, int, int, double[], double[])} with entries shared by all samples. */
    static void fromZero(double[][] re, int len, int t, int touched, double m0, double m4) {
        int tb = 1 << t;
        for (int idx = touched; ; idx = (idx - 1) & touched) {
            double[] a = re[idx], c = re[idx | tb];
            for (int b = 0; b < len; b++) {
                double v = a[b];
                c[b] = m4 * v;
                a[b] = m0 * v;
            }
            if (idx == 0) {
                return;
            }
        }
    }

    /** A shared real one-qubit matrix on real amplitudes: the real rows only. */
    static void realOnly1(double[][] re, int n, int b0, int b1, int t, int cmask, double m0, double m2, double m4, double m6) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        for (int k = 0; k < half; k++) {
            int i = Kernels.insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            realPair(re[i], re[i | tb], b0, b1, m0, m2, m4, m6);
        }
    }

    /**
     * The lower row of each pair of rows a one-qubit gate on wire {@code t} with controls
     * {@code cmask} mixes (rows i with bit t clear and every control set, and i | 1 << t).
     */
    static int[] pairs(int n, int t, int cmask) {
        int[] out = new int[1 << (n - 1)];
        int count = 0;
        for (int k = 0; k < out.length; k++) {
            int i = Kernels.insertZero(k, t);
            if ((i & cmask) == cmask) {
                out[count++] = i;
            }
        }
        return count == out.length ? out : java.util.Arrays.copyOf(out, count);
    }

    /**
     * The pairs an uncontrolled gate on a wire outside {@code touched} mixes in a product state
     * from |0...0> whose only non-zero amplitudes are on the wires of {@code touched}: every
     * subset of touched (the other pairs are zero on both sides, see {@link #fromZero}).
     */
    static int[] pairsWithin(int touched) {
        int[] out = new int[1 << Integer.bitCount(touched)];
        int count = 0;
        for (int idx = touched; ; idx = (idx - 1) & touched) {
            out[count++] = idx;
            if (idx == 0) {
                return out;
            }
        }
    }

    /**
     * One step of the real adjoint pass over the given pairs of rows ({@link #pairs}), for a
     * real one-qubit gate on the wire of bit {@code tb} shared by all samples ({@code u} its
     * inverse, {@code g} its inverse times its derivative, U^-1 D, or null for a fixed gate):
     * {@code psi <- U^-1 psi}, {@code lambda <- U^-1 lambda} and {@code out[b] += <lambda_b| G |psi_b>}
     * (the derivative's sandwich, read at the states before the gate), pair of rows by pair of rows
     * in short loops. For G = [[0, -h], [h, 0]] (every rotation exp(-i t Y / 2): h = 1/2)
     * {@code out[b]} gets {@code <lambda_b| G |psi_b> / h}, two products fewer; the caller scales by h.
     */
    static void adjointRealOnly1(double[][] psi, double[][] lambda, int[] pairs, int tb, int len, double[] u, double[] g, double[] out) {
        // one kernel per kind of step: with two kinds' loops hot in one compiled method, C2 vectorised neither (measured)
        if (g == null) {
            undoBoth(psi, lambda, pairs, tb, len, u[0], u[2], u[4], u[6]);
        } else if (isRotationGenerator(g[0], g[2], g[4], g[6])) {
            undoAndReadRotation(psi, lambda, pairs, tb, len, u[0], u[2], u[4], u[6], out);
        } else {
            undoAndRead(psi, lambda, pairs, tb, len, u[0], u[2], u[4], u[6], g[0], g[2], g[4], g[6], out);
        }
    }

    /**
     * {@code psi <- U^-1 psi} and {@code lambda <- U^-1 lambda} on the pairs: a fixed step, in two
     * sweeps (both pairs in one sweep took twice as long, measured).
     */
    private static void undoBoth(double[][] psi, double[][] lambda, int[] pairs, int tb, int len, double u0, double u2, double u4, double u6) {
        realPairs(psi, pairs, tb, len, u0, u2, u4, u6);
        realPairs(lambda, pairs, tb, len, u0, u2, u4, u6);
    }

    private static void realPairs(double[][] rows, int[] pairs, int tb, int len, double u0, double u2, double u4, double u6) {
        for (int i : pairs) {
            realPair(rows[i], rows[i | tb], 0, len, u0, u2, u4, u6);
        }
    }

    /**
     * A rotation's step: psi undone, then lambda undone and {@code out[b] += lj'[b] pi[b] - li'[b] pj[b]}
     * in one loop, which C2 vectorises (three stores of different shapes).
     */
    private static void undoAndReadRotation(double[][] psi, double[][] lambda, int[] pairs, int tb, int len,
                                            double u0, double u2, double u4, double u6, double[] out) {
        for (int i : pairs) {
            double[] pi = psi[i], pj = psi[i | tb], li = lambda[i], lj = lambda[i | tb];
            realPair(pi, pj, 0, len, u0, u2, u4, u6);
            for (int b = 0; b < len; b++) {
                double x = li[b], y = lj[b];
                double p = u0 * x + u2 * y, q = u6 * y + u4 * x; // the other order: see the class comment
                li[b] = p;
                lj[b] = q;
                out[b] += q * pi[b] - p * pj[b];
            }
        }
    }

    /** A general step: psi and lambda undone, then {@code out[b] += <l_b| G |p_b>} (with G in the undoing loop, it is not vectorised). */
    private static void undoAndRead(double[][] psi, double[][] lambda, int[] pairs, int tb, int len,
                                    double u0, double u2, double u4, double u6, double g0, double g2, double g4, double g6, double[] out) {
        for (int i : pairs) {
            double[] pi = psi[i], pj = psi[i | tb], li = lambda[i], lj = lambda[i | tb];
            realPair(pi, pj, 0, len, u0, u2, u4, u6);
            realPair(li, lj, 0, len, u0, u2, u4, u6);
            sandwichPair(li, lj, pi, pj, len, g0, g2, g4, g6, out);
        }
    }

    /** {@code out[b] += <(li, lj)_b| D |(ri, rj)_b>} for one pair of rows and a real D shared by all samples. */
    private static void sandwichPair(double[] li, double[] lj, double[] ri, double[] rj, int len,
                                     double d0, double d2, double d4, double d6, double[] out) {
        double minusD2 = -d2; // a difference where a sum would give the two halves one shape: see the class comment
        for (int b = 0; b < len; b++) {
            double x = ri[b], y = rj[b];
            out[b] = out[b] + li[b] * (d0 * x - minusD2 * y) + lj[b] * (d6 * y + d4 * x);
        }
    }

    /** Whether the real 2x2 matrix g is [[0, -h], [h, 0]], for {@link #adjointRealOnly1}. */
    static boolean isRotationGenerator(double g0, double g2, double g4, double g6) {
        return g0 == 0 && g6 == 0 && g2 == -g4;
    }

    /**
     * {@link #adjointRealOnly1} with a matrix and derivative per sample ({@code u0[b]}, ...: a gate
     * fed by an input): the sandwich is {@code <lambda_b| D_b |psi_b>} with lambda after the gate
     * and psi before it, so it shares the loop that undoes lambda.
     */
    static void adjointRealOnly1(double[][] psi, double[][] lambda, int[] pairs, int tb, int len, double[][] u, double[][] d,
                                 double[] out) {
        double[] u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], d0 = d[0], d2 = d[2], d4 = d[4], d6 = d[6];
        for (int i : pairs) {
            double[] pi = psi[i], pj = psi[i | tb], li = lambda[i], lj = lambda[i | tb];
            realPair(pi, pj, len, u0, u2, u4, u6);
            for (int b = 0; b < len; b++) {
                double x = li[b], y = lj[b], p = pi[b], q = pj[b];
                out[b] += x * (d0[b] * p + d2[b] * q) + y * (d6[b] * q + d4[b] * p);
                li[b] = u0[b] * x + u2[b] * y;
                lj[b] = u6[b] * y + u4[b] * x;
            }
        }
    }

    /**
     * {@link #adjointRealOnly1} for a rotation (G = [[0, -h], [h, 0]]) with its inverse per sample
     * ({@code u[entry][b]}: RY fed by an input): psi undone, then lambda undone and
     * {@code out[b] += <lambda_b| G |psi_b> / h} in one loop.
     */
    static void adjointRotation(double[][] psi, double[][] lambda, int[] pairs, int tb, int len, double[][] u, double[] out) {
        double[] u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6];
        for (int i : pairs) {
            double[] pi = psi[i], pj = psi[i | tb], li = lambda[i], lj = lambda[i | tb];
            realPair(pi, pj, len, u0, u2, u4, u6);
            for (int b = 0; b < len; b++) {
                double x = li[b], y = lj[b];
                double p = u0[b] * x + u2[b] * y, q = u6[b] * y + u4[b] * x;
                li[b] = p;
                lj[b] = q;
                out[b] += q * pi[b] - p * pj[b];
            }
        }
    }

    /** {@link #realPair(double[], double[], int, int, double, double, double, double)} with a matrix per sample. */
    private static void realPair(double[] a, double[] c, int len, double[] m0, double[] m2, double[] m4, double[] m6) {
        for (int b = 0; b < len; b++) {
            double x = a[b], y = c[b];
            a[b] = m0[b] * x + m2[b] * y;
            c[b] = m6[b] * y + m4[b] * x;
        }
    }



    /** Two-target gate; {@code m} is shared ({@code perSample} null) or per sample. */
    static void twoQubit(double[][] re, double[][] im, int n, int b0, int b1, int a, int bq, int cmask,
                         double[] m, double[][] perSample) {
        int lo = Math.min(a, bq), hi = Math.max(a, bq);
        int quarter = 1 << (n - 2);
        double[][] rr = new double[4][], ri = new double[4][];
        double[] vr = new double[4], vi = new double[4];
        for (int k = 0; k < quarter; k++) {
            int i = Kernels.insertZero(Kernels.insertZero(k, lo), hi);
            if ((i & cmask) != cmask) {
                continue;
            }
            int[] idx = {i, i | (1 << a), i | (1 << bq), i | (1 << a) | (1 << bq)};
            for (int c = 0; c < 4; c++) {
                rr[c] = re[idx[c]];
                ri[c] = im[idx[c]];
            }
            for (int b = b0; b < b1; b++) {
                for (int c = 0; c < 4; c++) {
                    vr[c] = rr[c][b];
                    vi[c] = ri[c][b];
                }
                for (int r = 0; r < 4; r++) {
                    double sr = 0, si = 0;
                    for (int c = 0; c < 4; c++) {
                        int e = 2 * (r * 4 + c);
                        double mr = perSample == null ? m[e] : perSample[e][b];
                        double mi = perSample == null ? m[e + 1] : perSample[e + 1][b];
                        sr += mr * vr[c] - mi * vi[c];
                        si += mr * vi[c] + mi * vr[c];
                    }
                    rr[r][b] = sr;
                    ri[r][b] = si;
                }
            }
        }
    }

    /**
     * Per sample b in [b0, b1): {@code out[b] += Re <left_b| D_b |right_b>} for a per-sample
     * matrix {@code d[entry][b]} of the operation's shape, on its control-satisfied subspace.
     */
    static void sandwichReal(double[][] lr, double[][] li, double[][] rr, double[][] ri, int n, int b0, int b1,
                             Operation op, double[][] d, double[] out) {
        int cmask = op.controlMask();
        if (op.gate().qubits() == 1) {
            int t = op.targets().get(0);
            int tb = 1 << t;
            int half = 1 << (n - 1);
            for (int k = 0; k < half; k++) {
                int i = Kernels.insertZero(k, t);
                if ((i & cmask) != cmask) {
                    continue;
                }
                int j = i | tb;
                double[] lri = lr[i], lii = li[i], lrj = lr[j], lij = li[j];
                double[] rri = rr[i], rii = ri[i], rrj = rr[j], rij = ri[j];
                for (int b = b0; b < b1; b++) {
                    double xr = d[0][b] * rri[b] - d[1][b] * rii[b] + d[2][b] * rrj[b] - d[3][b] * rij[b];
                    double xi = d[0][b] * rii[b] + d[1][b] * rri[b] + d[2][b] * rij[b] + d[3][b] * rrj[b];
                    double yr = d[4][b] * rri[b] - d[5][b] * rii[b] + d[6][b] * rrj[b] - d[7][b] * rij[b];
                    double yi = d[4][b] * rii[b] + d[5][b] * rri[b] + d[6][b] * rij[b] + d[7][b] * rrj[b];
                    out[b] += lri[b] * xr + lii[b] * xi + lrj[b] * yr + lij[b] * yi;
                }
            }
            return;
        }
        int a = op.targets().get(0), bq = op.targets().get(1);
        int lo = Math.min(a, bq), hi = Math.max(a, bq);
        int quarter = 1 << (n - 2);
        for (int k = 0; k < quarter; k++) {
            int i = Kernels.insertZero(Kernels.insertZero(k, lo), hi);
            if ((i & cmask) != cmask) {
                continue;
            }
            int[] idx = {i, i | (1 << a), i | (1 << bq), i | (1 << a) | (1 << bq)};
            for (int b = b0; b < b1; b++) {
                for (int r = 0; r < 4; r++) {
                    double xr = 0, xi = 0;
                    for (int c = 0; c < 4; c++) {
                        int e = 2 * (r * 4 + c);
                        xr += d[e][b] * rr[idx[c]][b] - d[e + 1][b] * ri[idx[c]][b];
                        xi += d[e][b] * ri[idx[c]][b] + d[e + 1][b] * rr[idx[c]][b];
                    }
                    out[b] += lr[idx[r]][b] * xr + li[idx[r]][b] * xi;
                }
            }
        }
    }
}
