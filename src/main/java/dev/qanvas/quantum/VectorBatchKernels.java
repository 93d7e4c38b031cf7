package dev.qanvas.quantum;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels of the real adjoint pass ({@link BatchKernels}) written with the incubator Vector API,
 * loaded only when {@link Vectors#ENABLED}. The backward pass is bound by its stores: undoing
 * one rotation stores both rows of every pair of psi and of lambda and the gradient, five stores
 * per pair and sample against the forward's two. Undoing two rotations on different wires in one
 * sweep, four rows at a time held in registers, stores each row once for both gates: measured
 * 26.0 us against 39.5 us for the two one-gate sweeps (n = 8, 256 samples, docs/benchmarks.md).
 * C2 leaves the same loop written in plain Java scalar (102 us), so it exists only here.
 *
 * <p>Every kernel here, as {@link VectorKernels}, subtracts as well as adds and multiplies, the
 * forward ones as {@code x m0 - y (-m2)} (the same bits as {@code x m0 + y m2}: negation is
 * exact). The JDK's vector methods that all kernels share are also compiled on their own, from
 * the operators seen so far; a new operator class after that (SUB after only ADD and MUL) traps
 * in them, and C2 sums those traps over the dozens of operations it inlines into a kernel: past
 * 100 it compiled the kernel with no intrinsic stores, 8 to 10 times slower (the adjoint at 100
 * parameters went from 2.8 to 18 ms when the forward kernels only added; docs/benchmarks.md).
 *
 * <p>psi and lambda come out the same to the bit as two calls of
 * {@link BatchKernels#adjointRealOnly1}: each amplitude goes through the same expressions. The
 * gradients add the two pairs of a group before adding them to {@code out}, so they can differ
 * from the one-gate sweeps' in the last bit.
 */
final class VectorBatchKernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorBatchKernels() {
    }

    /**
     * Two steps of the real adjoint pass for rotations exp(-i t Y / 2)-like gates on different
     * uncontrolled wires, shared by all samples: first the later gate, on wire {@code a} with
     * inverse {@code u} ({@code double[8]}, interleaved; the real entries are read), then the
     * earlier one, on wire {@code b} with inverse {@code v}. As two calls of
     * {@link BatchKernels#adjointRealOnly1} with a rotation generator: psi and lambda undone, and
     * {@code outA[s] += <lambda_s| G |psi_s> / h} read at the states before gate a, {@code outB}
     * likewise before gate b.
     */
    static void undoTwoRotations(double[][] psi, double[][] lambda, int n, int len,
                                 int a, double[] u, double[] outA, int b, double[] v, double[] outB) {
        double u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], v0 = v[0], v2 = v[2], v4 = v[4], v6 = v[6];
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
                // gate a on its pairs (0, 1) and (2, 3), psi then lambda, as BatchKernels' realPair and undoAndReadRotation
                DoubleVector a0 = x0.mul(u0).add(x1.mul(u2)), a1 = x1.mul(u6).add(x0.mul(u4));
                DoubleVector a2 = x2.mul(u0).add(x3.mul(u2)), a3 = x3.mul(u6).add(x2.mul(u4));
                DoubleVector c0 = y0.mul(u0).add(y1.mul(u2)), c1 = y1.mul(u6).add(y0.mul(u4));
                DoubleVector c2 = y2.mul(u0).add(y3.mul(u2)), c3 = y3.mul(u6).add(y2.mul(u4));
                DoubleVector.fromArray(S, outA, s).add(c1.mul(a0).sub(c0.mul(a1)).add(c3.mul(a2).sub(c2.mul(a3)))).intoArray(outA, s);
                // gate b on its pairs (0, 2) and (1, 3)
                DoubleVector e0 = a0.mul(v0).add(a2.mul(v2)), e2 = a2.mul(v6).add(a0.mul(v4));
                DoubleVector e1 = a1.mul(v0).add(a3.mul(v2)), e3 = a3.mul(v6).add(a1.mul(v4));
                DoubleVector f0 = c0.mul(v0).add(c2.mul(v2)), f2 = c2.mul(v6).add(c0.mul(v4));
                DoubleVector f1 = c1.mul(v0).add(c3.mul(v2)), f3 = c3.mul(v6).add(c1.mul(v4));
                DoubleVector.fromArray(S, outB, s).add(f2.mul(e0).sub(f0.mul(e2)).add(f3.mul(e1).sub(f1.mul(e3)))).intoArray(outB, s);
                e0.intoArray(p0, s);
                e1.intoArray(p1, s);
                e2.intoArray(p2, s);
                e3.intoArray(p3, s);
                f0.intoArray(l0, s);
                f1.intoArray(l1, s);
                f2.intoArray(l2, s);
                f3.intoArray(l3, s);
            }
            for (int s = vectorEnd; s < len; s++) { // the same expressions, sample by sample
                double x0 = p0[s], x1 = p1[s], x2 = p2[s], x3 = p3[s], y0 = l0[s], y1 = l1[s], y2 = l2[s], y3 = l3[s];
                double a0 = x0 * u0 + x1 * u2, a1 = x1 * u6 + x0 * u4, a2 = x2 * u0 + x3 * u2, a3 = x3 * u6 + x2 * u4;
                double c0 = y0 * u0 + y1 * u2, c1 = y1 * u6 + y0 * u4, c2 = y2 * u0 + y3 * u2, c3 = y3 * u6 + y2 * u4;
                outA[s] = outA[s] + ((c1 * a0 - c0 * a1) + (c3 * a2 - c2 * a3));
                double e0 = a0 * v0 + a2 * v2, e2 = a2 * v6 + a0 * v4, e1 = a1 * v0 + a3 * v2, e3 = a3 * v6 + a1 * v4;
                double f0 = c0 * v0 + c2 * v2, f2 = c2 * v6 + c0 * v4, f1 = c1 * v0 + c3 * v2, f3 = c3 * v6 + c1 * v4;
                outB[s] = outB[s] + ((f2 * e0 - f0 * e2) + (f3 * e1 - f1 * e3));
                p0[s] = e0;
                p1[s] = e1;
                p2[s] = e2;
                p3[s] = e3;
                l0[s] = f0;
                l1[s] = f1;
                l2[s] = f2;
                l3[s] = f3;
            }
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
