package dev.qanvas.quantum;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The batch sweeps written with the incubator Vector API, loaded only when {@link Vectors#ENABLED}:
 * the real adjoint pass's and the forward pass's, several gates per sweep. A sweep holds the rows
 * of a group in registers, so each row is loaded and stored once for all the group's gates; C2
 * leaves the same loops written in plain Java scalar (102 us against 26 us for two adjoint gates,
 * docs/benchmarks.md), so they exist only here.
 *
 * <p>The adjoint sweeps undo a rotation {@code [[c, s], [-s, c]]} as {@code [[1, t], [-t, 1]]},
 * {@code t = s / c}: two multiplies per pair instead of four, and few enough temporaries that three
 * gates' rows of psi and lambda fit in the registers (the unscaled three-gate sweep spilled). The
 * caller keeps the scale the states then carry ({@code BatchSimulator.backwardReal}); the rounding
 * error in true units is the unscaled form's. Per gate, at n = 8 and 256 samples (rows in L2):
 * 13.2 us two gates per sweep unscaled, 11.1 scaled, 9.7 three per sweep scaled, against 5.0 for
 * the forward's three-gate sweep (docs/bench/ScaledAdjoint.java).
 *
 * <p>Every kernel here, as {@link VectorKernels}, subtracts as well as adds and multiplies, the
 * forward ones as {@code x m0 - y (-m2)} (the same bits as {@code x m0 + y m2}: negation is
 * exact). The JDK's vector methods that all kernels share are also compiled on their own, from
 * the operators seen so far; a new operator class after that (SUB after only ADD and MUL) traps
 * in them, and C2 sums those traps over the dozens of operations it inlines into a kernel: past
 * 100 it compiled the kernel with no intrinsic stores, 8 to 10 times slower (the adjoint at 100
 * parameters went from 2.8 to 18 ms when the forward kernels only added; docs/benchmarks.md).
 */
final class VectorBatchKernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorBatchKernels() {
    }

    /**
     * Two steps of the real adjoint pass for rotations exp(-i t Y / 2)-like gates on different
     * uncontrolled wires, shared by all samples, undone in one sweep, four rows at a time held in
     * registers: first the later gate, on wire {@code a}, whose inverse is
     * {@code [[c, s], [-s, c]]}, as {@code [[1, ta], [-ta, 1]]} with {@code ta = s / c}; then the
     * earlier one, on wire {@code b}, likewise with {@code tb}. So psi and lambda come out divided
     * by {@code ca cb} (the caller keeps that scale), for two multiplies per pair instead of four.
     * {@code outA[s] += <lambda_s| G_a |psi_s> / h} and {@code outB} likewise, both read from the
     * rows as loaded: each gate commutes with its own generator and with the other's.
     */
    static void undoRotations(double[][] psi, double[][] lambda, int n, int len,
                              int a, double ta, double[] outA, int b, double tb, double[] outB) {
        int ab = 1 << a, bb = 1 << b, lo = Math.min(a, b), hi = Math.max(a, b);
        int vectorEnd = len - len % L;
        for (int k = 0; k < 1 << (n - 2); k++) {
            int i = Kernels.insertZero(Kernels.insertZero(k, lo), hi);
            double[] p0 = psi[i], p1 = psi[i | ab], p2 = psi[i | bb], p3 = psi[i | ab | bb];
            double[] l0 = lambda[i], l1 = lambda[i | ab], l2 = lambda[i | bb], l3 = lambda[i | ab | bb];
            for (int s = 0; s < vectorEnd; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector y0 = DoubleVector.fromArray(S, l0, s), y1 = DoubleVector.fromArray(S, l1, s);
                DoubleVector y2 = DoubleVector.fromArray(S, l2, s), y3 = DoubleVector.fromArray(S, l3, s);
                // the gradients: gate a's pairs (0, 1) and (2, 3), gate b's (0, 2) and (1, 3)
                DoubleVector.fromArray(S, outA, s).add(y1.mul(x0).sub(y0.mul(x1)).add(y3.mul(x2).sub(y2.mul(x3)))).intoArray(outA, s);
                DoubleVector.fromArray(S, outB, s).add(y2.mul(x0).sub(y0.mul(x2)).add(y3.mul(x1).sub(y1.mul(x3)))).intoArray(outB, s);
                DoubleVector a0 = x0.add(x1.mul(ta)), a1 = x1.sub(x0.mul(ta)), a2 = x2.add(x3.mul(ta)), a3 = x3.sub(x2.mul(ta));
                a0.add(a2.mul(tb)).intoArray(p0, s);
                a2.sub(a0.mul(tb)).intoArray(p2, s);
                a1.add(a3.mul(tb)).intoArray(p1, s);
                a3.sub(a1.mul(tb)).intoArray(p3, s);
                DoubleVector c0 = y0.add(y1.mul(ta)), c1 = y1.sub(y0.mul(ta)), c2 = y2.add(y3.mul(ta)), c3 = y3.sub(y2.mul(ta));
                c0.add(c2.mul(tb)).intoArray(l0, s);
                c2.sub(c0.mul(tb)).intoArray(l2, s);
                c1.add(c3.mul(tb)).intoArray(l1, s);
                c3.sub(c1.mul(tb)).intoArray(l3, s);
            }
            for (int s = vectorEnd; s < len; s++) { // the same expressions, sample by sample
                double x0 = p0[s], x1 = p1[s], x2 = p2[s], x3 = p3[s], y0 = l0[s], y1 = l1[s], y2 = l2[s], y3 = l3[s];
                outA[s] = outA[s] + ((y1 * x0 - y0 * x1) + (y3 * x2 - y2 * x3));
                outB[s] = outB[s] + ((y2 * x0 - y0 * x2) + (y3 * x1 - y1 * x3));
                double a0 = x0 + x1 * ta, a1 = x1 - x0 * ta, a2 = x2 + x3 * ta, a3 = x3 - x2 * ta;
                p0[s] = a0 + a2 * tb;
                p2[s] = a2 - a0 * tb;
                p1[s] = a1 + a3 * tb;
                p3[s] = a3 - a1 * tb;
                double c0 = y0 + y1 * ta, c1 = y1 - y0 * ta, c2 = y2 + y3 * ta, c3 = y3 - y2 * ta;
                l0[s] = c0 + c2 * tb;
                l2[s] = c2 - c0 * tb;
                l1[s] = c1 + c3 * tb;
                l3[s] = c3 - c1 * tb;
            }
        }
    }

    /**
     * {@link #undoRotations(double[][], double[][], int, int, int, double, double[], int, double, double[])}
     * for three rotations on three different wires, undone {@code a}, then {@code b}, then
     * {@code c}, eight rows of psi and eight of lambda at a time: psi and lambda come out divided
     * by {@code ca cb cc}. Per gate it loads and stores each row two thirds as often as the
     * two-gate sweep.
     */
    static void undoRotations(double[][] psi, double[][] lambda, int n, int len, int a, double ta, double[] outA,
                              int b, double tb, double[] outB, int c, double tc, double[] outC) {
        int ab = 1 << a, bb = 1 << b, cb = 1 << c;
        int lo = Math.min(a, Math.min(b, c)), hi = Math.max(a, Math.max(b, c)), mid = a + b + c - lo - hi;
        int vectorEnd = len - len % L;
        for (int k = 0; k < 1 << (n - 3); k++) {
            int i = Kernels.insertZero(Kernels.insertZero(Kernels.insertZero(k, lo), mid), hi);
            double[] p0 = psi[i], p1 = psi[i | ab], p2 = psi[i | bb], p3 = psi[i | ab | bb];
            double[] p4 = psi[i | cb], p5 = psi[i | ab | cb], p6 = psi[i | bb | cb], p7 = psi[i | ab | bb | cb];
            double[] l0 = lambda[i], l1 = lambda[i | ab], l2 = lambda[i | bb], l3 = lambda[i | ab | bb];
            double[] l4 = lambda[i | cb], l5 = lambda[i | ab | cb], l6 = lambda[i | bb | cb], l7 = lambda[i | ab | bb | cb];
            for (int s = 0; s < vectorEnd; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector x4 = DoubleVector.fromArray(S, p4, s), x5 = DoubleVector.fromArray(S, p5, s);
                DoubleVector x6 = DoubleVector.fromArray(S, p6, s), x7 = DoubleVector.fromArray(S, p7, s);
                DoubleVector y0 = DoubleVector.fromArray(S, l0, s), y1 = DoubleVector.fromArray(S, l1, s);
                DoubleVector y2 = DoubleVector.fromArray(S, l2, s), y3 = DoubleVector.fromArray(S, l3, s);
                DoubleVector y4 = DoubleVector.fromArray(S, l4, s), y5 = DoubleVector.fromArray(S, l5, s);
                DoubleVector y6 = DoubleVector.fromArray(S, l6, s), y7 = DoubleVector.fromArray(S, l7, s);
                // the gradients from the rows as loaded: gate a's pairs (0, 1) ..., b's (0, 2) ..., c's (0, 4) ...
                DoubleVector.fromArray(S, outA, s).add(y1.mul(x0).sub(y0.mul(x1)).add(y3.mul(x2).sub(y2.mul(x3)))
                        .add(y5.mul(x4).sub(y4.mul(x5)).add(y7.mul(x6).sub(y6.mul(x7))))).intoArray(outA, s);
                DoubleVector.fromArray(S, outB, s).add(y2.mul(x0).sub(y0.mul(x2)).add(y3.mul(x1).sub(y1.mul(x3)))
                        .add(y6.mul(x4).sub(y4.mul(x6)).add(y7.mul(x5).sub(y5.mul(x7))))).intoArray(outB, s);
                DoubleVector.fromArray(S, outC, s).add(y4.mul(x0).sub(y0.mul(x4)).add(y5.mul(x1).sub(y1.mul(x5)))
                        .add(y6.mul(x2).sub(y2.mul(x6)).add(y7.mul(x3).sub(y3.mul(x7))))).intoArray(outC, s);
                DoubleVector a0 = x0.add(x1.mul(ta)), a1 = x1.sub(x0.mul(ta)), a2 = x2.add(x3.mul(ta)), a3 = x3.sub(x2.mul(ta));
                DoubleVector a4 = x4.add(x5.mul(ta)), a5 = x5.sub(x4.mul(ta)), a6 = x6.add(x7.mul(ta)), a7 = x7.sub(x6.mul(ta));
                DoubleVector e0 = a0.add(a2.mul(tb)), e2 = a2.sub(a0.mul(tb)), e1 = a1.add(a3.mul(tb)), e3 = a3.sub(a1.mul(tb));
                DoubleVector e4 = a4.add(a6.mul(tb)), e6 = a6.sub(a4.mul(tb)), e5 = a5.add(a7.mul(tb)), e7 = a7.sub(a5.mul(tb));
                e0.add(e4.mul(tc)).intoArray(p0, s);
                e4.sub(e0.mul(tc)).intoArray(p4, s);
                e1.add(e5.mul(tc)).intoArray(p1, s);
                e5.sub(e1.mul(tc)).intoArray(p5, s);
                e2.add(e6.mul(tc)).intoArray(p2, s);
                e6.sub(e2.mul(tc)).intoArray(p6, s);
                e3.add(e7.mul(tc)).intoArray(p3, s);
                e7.sub(e3.mul(tc)).intoArray(p7, s);
                DoubleVector c0 = y0.add(y1.mul(ta)), c1 = y1.sub(y0.mul(ta)), c2 = y2.add(y3.mul(ta)), c3 = y3.sub(y2.mul(ta));
                DoubleVector c4 = y4.add(y5.mul(ta)), c5 = y5.sub(y4.mul(ta)), c6 = y6.add(y7.mul(ta)), c7 = y7.sub(y6.mul(ta));
                DoubleVector f0 = c0.add(c2.mul(tb)), f2 = c2.sub(c0.mul(tb)), f1 = c1.add(c3.mul(tb)), f3 = c3.sub(c1.mul(tb));
                DoubleVector f4 = c4.add(c6.mul(tb)), f6 = c6.sub(c4.mul(tb)), f5 = c5.add(c7.mul(tb)), f7 = c7.sub(c5.mul(tb));
                f0.add(f4.mul(tc)).intoArray(l0, s);
                f4.sub(f0.mul(tc)).intoArray(l4, s);
                f1.add(f5.mul(tc)).intoArray(l1, s);
                f5.sub(f1.mul(tc)).intoArray(l5, s);
                f2.add(f6.mul(tc)).intoArray(l2, s);
                f6.sub(f2.mul(tc)).intoArray(l6, s);
                f3.add(f7.mul(tc)).intoArray(l3, s);
                f7.sub(f3.mul(tc)).intoArray(l7, s);
            }
            for (int s = vectorEnd; s < len; s++) { // the same expressions, sample by sample
                double[] x = {p0[s], p1[s], p2[s], p3[s], p4[s], p5[s], p6[s], p7[s]};
                double[] y = {l0[s], l1[s], l2[s], l3[s], l4[s], l5[s], l6[s], l7[s]};
                outA[s] = outA[s] + (((y[1] * x[0] - y[0] * x[1]) + (y[3] * x[2] - y[2] * x[3]))
                        + ((y[5] * x[4] - y[4] * x[5]) + (y[7] * x[6] - y[6] * x[7])));
                outB[s] = outB[s] + (((y[2] * x[0] - y[0] * x[2]) + (y[3] * x[1] - y[1] * x[3]))
                        + ((y[6] * x[4] - y[4] * x[6]) + (y[7] * x[5] - y[5] * x[7])));
                outC[s] = outC[s] + (((y[4] * x[0] - y[0] * x[4]) + (y[5] * x[1] - y[1] * x[5]))
                        + ((y[6] * x[2] - y[2] * x[6]) + (y[7] * x[3] - y[3] * x[7])));
                undoScaled(x, ta, tb, tc);
                undoScaled(y, ta, tb, tc);
                p0[s] = x[0]; p1[s] = x[1]; p2[s] = x[2]; p3[s] = x[3]; p4[s] = x[4]; p5[s] = x[5]; p6[s] = x[6]; p7[s] = x[7];
                l0[s] = y[0]; l1[s] = y[1]; l2[s] = y[2]; l3[s] = y[3]; l4[s] = y[4]; l5[s] = y[5]; l6[s] = y[6]; l7[s] = y[7];
            }
        }
    }

    private static final int[] B_FIRSTS = {0, 1, 4, 5};

    /** The three-gate sweep's expressions on one sample's eight amplitudes (the tail after the last whole vector). */
    private static void undoScaled(double[] v, double ta, double tb, double tc) {
        for (int j = 0; j < 8; j += 2) { // gate a: pairs (j, j + 1)
            double p = v[j], q = v[j + 1];
            v[j] = p + q * ta;
            v[j + 1] = q - p * ta;
        }
        for (int j : B_FIRSTS) { // gate b: pairs (j, j + 2)
            double p = v[j], q = v[j + 2];
            v[j] = p + q * tb;
            v[j + 2] = q - p * tb;
        }
        for (int j = 0; j < 4; j++) { // gate c: pairs (j, j + 4)
            double p = v[j], q = v[j + 4];
            v[j] = p + q * tc;
            v[j + 4] = q - p * tc;
        }
    }

    /**
     * The forward pass's two real one-qubit gates shared by all samples, on different
     * uncontrolled wires: {@code u} ({@code double[8]}, interleaved; the real entries are read) on
     * wire {@code a}, then {@code v} on wire {@code b}, four rows at a time held in registers, so
     * each row is loaded and stored once for both gates. The same bits as two calls of
     * {@link BatchKernels#realOnly1}: each amplitude goes through the same expressions.
     */
    static void rotateTwo(double[][] re, int n, int len, int a, double[] u, int b, double[] v) {
        double u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], v0 = v[0], v2 = v[2], v4 = v[4], v6 = v[6];
        int ab = 1 << a, bb = 1 << b, lo = Math.min(a, b), hi = Math.max(a, b);
        int vectorEnd = len - len % L;
        double nu2 = -u2, nv2 = -v2; // see the class comment: every kernel subtracts
        for (int k = 0; k < 1 << (n - 2); k++) {
            int i = Kernels.insertZero(Kernels.insertZero(k, lo), hi);
            double[] p0 = re[i], p1 = re[i | ab], p2 = re[i | bb], p3 = re[i | ab | bb];
            for (int s = 0; s < vectorEnd; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                // gate a on pairs (0, 1) and (2, 3), as BatchKernels.realPair; then gate b on (0, 2) and (1, 3)
                DoubleVector a0 = x0.mul(u0).sub(x1.mul(nu2)), a1 = x1.mul(u6).add(x0.mul(u4));
                DoubleVector a2 = x2.mul(u0).sub(x3.mul(nu2)), a3 = x3.mul(u6).add(x2.mul(u4));
                a0.mul(v0).sub(a2.mul(nv2)).intoArray(p0, s);
                a2.mul(v6).add(a0.mul(v4)).intoArray(p2, s);
                a1.mul(v0).sub(a3.mul(nv2)).intoArray(p1, s);
                a3.mul(v6).add(a1.mul(v4)).intoArray(p3, s);
            }
            for (int s = vectorEnd; s < len; s++) { // the same expressions, sample by sample
                double x0 = p0[s], x1 = p1[s], x2 = p2[s], x3 = p3[s];
                double a0 = x0 * u0 + x1 * u2, a1 = x1 * u6 + x0 * u4, a2 = x2 * u0 + x3 * u2, a3 = x3 * u6 + x2 * u4;
                p0[s] = a0 * v0 + a2 * v2;
                p2[s] = a2 * v6 + a0 * v4;
                p1[s] = a1 * v0 + a3 * v2;
                p3[s] = a3 * v6 + a1 * v4;
            }
        }
    }

    /**
     * {@link #rotateTwo} for three gates on three different wires: {@code u} on {@code a}, then
     * {@code v} on {@code b}, then {@code w} on {@code c}, eight rows at a time. Three gates cost
     * 8.8 us against 19.6 us one at a time (n = 8, 128 samples; 17.2 against 33.0 at 256;
     * docs/bench/ForwardGroups.java).
     */
    static void rotateThree(double[][] re, int n, int len, int a, double[] u, int b, double[] v, int c, double[] w) {
        double u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], v0 = v[0], v2 = v[2], v4 = v[4], v6 = v[6];
        double w0 = w[0], w2 = w[2], w4 = w[4], w6 = w[6];
        int ab = 1 << a, bb = 1 << b, cb = 1 << c;
        int lo = Math.min(a, Math.min(b, c)), hi = Math.max(a, Math.max(b, c)), mid = a + b + c - lo - hi;
        int vectorEnd = len - len % L;
        double nu2 = -u2, nv2 = -v2, nw2 = -w2; // see the class comment: every kernel subtracts
        for (int k = 0; k < 1 << (n - 3); k++) {
            int i = Kernels.insertZero(Kernels.insertZero(Kernels.insertZero(k, lo), mid), hi);
            double[] p0 = re[i], p1 = re[i | ab], p2 = re[i | bb], p3 = re[i | ab | bb];
            double[] p4 = re[i | cb], p5 = re[i | ab | cb], p6 = re[i | bb | cb], p7 = re[i | ab | bb | cb];
            for (int s = 0; s < vectorEnd; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector x4 = DoubleVector.fromArray(S, p4, s), x5 = DoubleVector.fromArray(S, p5, s);
                DoubleVector x6 = DoubleVector.fromArray(S, p6, s), x7 = DoubleVector.fromArray(S, p7, s);
                // gate a on pairs (0, 1), (2, 3), (4, 5), (6, 7)
                DoubleVector a0 = x0.mul(u0).sub(x1.mul(nu2)), a1 = x1.mul(u6).add(x0.mul(u4));
                DoubleVector a2 = x2.mul(u0).sub(x3.mul(nu2)), a3 = x3.mul(u6).add(x2.mul(u4));
                DoubleVector a4 = x4.mul(u0).sub(x5.mul(nu2)), a5 = x5.mul(u6).add(x4.mul(u4));
                DoubleVector a6 = x6.mul(u0).sub(x7.mul(nu2)), a7 = x7.mul(u6).add(x6.mul(u4));
                // gate b on (0, 2), (1, 3), (4, 6), (5, 7)
                DoubleVector e0 = a0.mul(v0).sub(a2.mul(nv2)), e2 = a2.mul(v6).add(a0.mul(v4));
                DoubleVector e1 = a1.mul(v0).sub(a3.mul(nv2)), e3 = a3.mul(v6).add(a1.mul(v4));
                DoubleVector e4 = a4.mul(v0).sub(a6.mul(nv2)), e6 = a6.mul(v6).add(a4.mul(v4));
                DoubleVector e5 = a5.mul(v0).sub(a7.mul(nv2)), e7 = a7.mul(v6).add(a5.mul(v4));
                // gate c on (0, 4), (1, 5), (2, 6), (3, 7)
                e0.mul(w0).sub(e4.mul(nw2)).intoArray(p0, s);
                e4.mul(w6).add(e0.mul(w4)).intoArray(p4, s);
                e1.mul(w0).sub(e5.mul(nw2)).intoArray(p1, s);
                e5.mul(w6).add(e1.mul(w4)).intoArray(p5, s);
                e2.mul(w0).sub(e6.mul(nw2)).intoArray(p2, s);
                e6.mul(w6).add(e2.mul(w4)).intoArray(p6, s);
                e3.mul(w0).sub(e7.mul(nw2)).intoArray(p3, s);
                e7.mul(w6).add(e3.mul(w4)).intoArray(p7, s);
            }
            for (int s = vectorEnd; s < len; s++) {
                double x0 = p0[s], x1 = p1[s], x2 = p2[s], x3 = p3[s], x4 = p4[s], x5 = p5[s], x6 = p6[s], x7 = p7[s];
                double a0 = x0 * u0 + x1 * u2, a1 = x1 * u6 + x0 * u4, a2 = x2 * u0 + x3 * u2, a3 = x3 * u6 + x2 * u4;
                double a4 = x4 * u0 + x5 * u2, a5 = x5 * u6 + x4 * u4, a6 = x6 * u0 + x7 * u2, a7 = x7 * u6 + x6 * u4;
                double e0 = a0 * v0 + a2 * v2, e2 = a2 * v6 + a0 * v4, e1 = a1 * v0 + a3 * v2, e3 = a3 * v6 + a1 * v4;
                double e4 = a4 * v0 + a6 * v2, e6 = a6 * v6 + a4 * v4, e5 = a5 * v0 + a7 * v2, e7 = a7 * v6 + a5 * v4;
                p0[s] = e0 * w0 + e4 * w2;
                p4[s] = e4 * w6 + e0 * w4;
                p1[s] = e1 * w0 + e5 * w2;
                p5[s] = e5 * w6 + e1 * w4;
                p2[s] = e2 * w0 + e6 * w2;
                p6[s] = e6 * w6 + e2 * w4;
                p3[s] = e3 * w0 + e7 * w2;
                p7[s] = e7 * w6 + e3 * w4;
            }
        }
    }
}
