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
}
