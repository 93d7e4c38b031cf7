package dev.qanvas.quantum;

/**
 * Gate kernels for a batch of states stored batch-innermost: amplitude {@code idx} of sample
 * {@code b} is at {@code idx * B + b}. The innermost loop runs over samples with the same
 * matrix entries, which the JIT turns into vector instructions (DESIGN.md: about 6x a loop over
 * single states). Each kernel works on the sample range [b0, b1) so threads can share a batch.
 *
 * <p>Matrices are either shared by all samples ({@code double[8]} / {@code double[32]}) or per
 * sample, entry-major ({@code m[entry][b]}), for gates whose angle is an input feature.
 */
final class BatchKernels {

    private BatchKernels() {
    }

    static void shared1(double[] re, double[] im, int n, int B, int b0, int b1, int t, int cmask, Gate.Kind kind, double[] m) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        for (int k = 0; k < half; k++) {
            int i = Kernels.insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            int oi = i * B, oj = (i | tb) * B;
            switch (kind) {
                case DIAGONAL -> {
                    for (int b = b0; b < b1; b++) {
                        double ar = re[oi + b], ai = im[oi + b], br = re[oj + b], bi = im[oj + b];
                        re[oi + b] = m0 * ar - m1 * ai;
                        im[oi + b] = m0 * ai + m1 * ar;
                        re[oj + b] = m6 * br - m7 * bi;
                        im[oj + b] = m6 * bi + m7 * br;
                    }
                }
                case PERMUTATION -> {
                    for (int b = b0; b < b1; b++) {
                        double r = re[oi + b], s = im[oi + b];
                        re[oi + b] = re[oj + b];
                        im[oi + b] = im[oj + b];
                        re[oj + b] = r;
                        im[oj + b] = s;
                    }
                }
                case REAL -> {
                    for (int b = b0; b < b1; b++) {
                        double ar = re[oi + b], ai = im[oi + b], br = re[oj + b], bi = im[oj + b];
                        re[oi + b] = m0 * ar + m2 * br;
                        im[oi + b] = m0 * ai + m2 * bi;
                        re[oj + b] = m4 * ar + m6 * br;
                        im[oj + b] = m4 * ai + m6 * bi;
                    }
                }
                default -> {
                    for (int b = b0; b < b1; b++) {
                        double ar = re[oi + b], ai = im[oi + b], br = re[oj + b], bi = im[oj + b];
                        re[oi + b] = m0 * ar - m1 * ai + m2 * br - m3 * bi;
                        im[oi + b] = m0 * ai + m1 * ar + m2 * bi + m3 * br;
                        re[oj + b] = m4 * ar - m5 * ai + m6 * br - m7 * bi;
                        im[oj + b] = m4 * ai + m5 * ar + m6 * bi + m7 * br;
                    }
                }
            }
        }
    }

    static void perSample1(double[] re, double[] im, int n, int B, int b0, int b1, int t, int cmask, double[][] m) {
        int tb = 1 << t;
        int half = 1 << (n - 1);
        double[] m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        for (int k = 0; k < half; k++) {
            int i = Kernels.insertZero(k, t);
            if ((i & cmask) != cmask) {
                continue;
            }
            int oi = i * B, oj = (i | tb) * B;
            for (int b = b0; b < b1; b++) {
                double ar = re[oi + b], ai = im[oi + b], br = re[oj + b], bi = im[oj + b];
                re[oi + b] = m0[b] * ar - m1[b] * ai + m2[b] * br - m3[b] * bi;
                im[oi + b] = m0[b] * ai + m1[b] * ar + m2[b] * bi + m3[b] * br;
                re[oj + b] = m4[b] * ar - m5[b] * ai + m6[b] * br - m7[b] * bi;
                im[oj + b] = m4[b] * ai + m5[b] * ar + m6[b] * bi + m7[b] * br;
            }
        }
    }

    /** Two-target gate; {@code m} is shared ({@code perSample} null) or per sample. */
    static void twoQubit(double[] re, double[] im, int n, int B, int b0, int b1, int a, int bq, int cmask,
                         double[] m, double[][] perSample) {
        int lo = Math.min(a, bq), hi = Math.max(a, bq);
        int quarter = 1 << (n - 2);
        int[] off = new int[4];
        double[] vr = new double[4], vi = new double[4];
        for (int k = 0; k < quarter; k++) {
            int i = Kernels.insertZero(Kernels.insertZero(k, lo), hi);
            if ((i & cmask) != cmask) {
                continue;
            }
            off[0] = i * B;
            off[1] = (i | (1 << a)) * B;
            off[2] = (i | (1 << bq)) * B;
            off[3] = (i | (1 << a) | (1 << bq)) * B;
            for (int b = b0; b < b1; b++) {
                for (int c = 0; c < 4; c++) {
                    vr[c] = re[off[c] + b];
                    vi[c] = im[off[c] + b];
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
                    re[off[r] + b] = sr;
                    im[off[r] + b] = si;
                }
            }
        }
    }

    /**
     * Per sample b in [b0, b1): {@code out[b] += Re <left_b| D_b |right_b>} for a per-sample
     * matrix {@code d[entry][b]} of the operation's shape, on its control-satisfied subspace.
     */
    static void sandwichReal(double[] lr, double[] li, double[] rr, double[] ri, int n, int B, int b0, int b1,
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
                int oi = i * B, oj = (i | tb) * B;
                for (int b = b0; b < b1; b++) {
                    double xr = d[0][b] * rr[oi + b] - d[1][b] * ri[oi + b] + d[2][b] * rr[oj + b] - d[3][b] * ri[oj + b];
                    double xi = d[0][b] * ri[oi + b] + d[1][b] * rr[oi + b] + d[2][b] * ri[oj + b] + d[3][b] * rr[oj + b];
                    double yr = d[4][b] * rr[oi + b] - d[5][b] * ri[oi + b] + d[6][b] * rr[oj + b] - d[7][b] * ri[oj + b];
                    double yi = d[4][b] * ri[oi + b] + d[5][b] * rr[oi + b] + d[6][b] * ri[oj + b] + d[7][b] * rr[oj + b];
                    out[b] += lr[oi + b] * xr + li[oi + b] * xi + lr[oj + b] * yr + li[oj + b] * yi;
                }
            }
            return;
        }
        int a = op.targets().get(0), bq = op.targets().get(1);
        int lo = Math.min(a, bq), hi = Math.max(a, bq);
        int quarter = 1 << (n - 2);
        int[] off = new int[4];
        for (int k = 0; k < quarter; k++) {
            int i = Kernels.insertZero(Kernels.insertZero(k, lo), hi);
            if ((i & cmask) != cmask) {
                continue;
            }
            off[0] = i * B;
            off[1] = (i | (1 << a)) * B;
            off[2] = (i | (1 << bq)) * B;
            off[3] = (i | (1 << a) | (1 << bq)) * B;
            for (int b = b0; b < b1; b++) {
                for (int r = 0; r < 4; r++) {
                    double xr = 0, xi = 0;
                    for (int c = 0; c < 4; c++) {
                        int e = 2 * (r * 4 + c);
                        xr += d[e][b] * rr[off[c] + b] - d[e + 1][b] * ri[off[c] + b];
                        xi += d[e][b] * ri[off[c] + b] + d[e + 1][b] * rr[off[c] + b];
                    }
                    out[b] += lr[off[r] + b] * xr + li[off[r] + b] * xi;
                }
            }
        }
    }
}
