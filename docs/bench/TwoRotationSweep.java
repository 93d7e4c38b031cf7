// The real adjoint pass's kernels on one 8-qubit batch, rows double[256][len] for psi and for
// lambda: two weight rotations on different wires undone (1) one gate at a time, as
// BatchKernels.adjointRealOnly1 does ("cur x2"), (2) in one sweep of four rows at a time in plain
// Java ("plain2", which C2 leaves scalar), (3) in one sweep with the Vector API ("vec2", as
// quantum/VectorBatchKernels does); and (4) the forward pass's two gates ("fwd x2"). Prints the
// least time per pair of gates over six pairs of wires, eight rounds, after checking that the
// three backward variants give the same psi and lambda to the bit and gradients within 1e-15.
// Standalone (no project classes):
//   java --add-modules jdk.incubator.vector docs/bench/TwoRotationSweep.java 256
import jdk.incubator.vector.*;
import java.util.*;

public class TwoRotationSweep {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();

    static void realPair(double[] a, double[] c, int b0, int b1, double m0, double m2, double m4, double m6) {
        for (int b = b0; b < b1; b++) {
            double x = a[b], y = c[b];
            a[b] = m0 * x + m2 * y;
            c[b] = m6 * y + m4 * x;
        }
    }
    // current
    static void cur(double[][] psi, double[][] lambda, int[] pairs, int tb, int len, double u0, double u2, double u4, double u6, double[] out) {
        for (int i : pairs) {
            double[] pi = psi[i], pj = psi[i | tb], li = lambda[i], lj = lambda[i | tb];
            realPair(pi, pj, 0, len, u0, u2, u4, u6);
            for (int b = 0; b < len; b++) {
                double x = li[b], y = lj[b];
                double p = u0 * x + u2 * y, q = u6 * y + u4 * x;
                li[b] = p;
                lj[b] = q;
                out[b] += q * pi[b] - p * pj[b];
            }
        }
    }
    // two rotations in one sweep: gate k on wire a (undone first), then gate k-1 on wire bw; plain Java
    static void plain2(double[][] psi, double[][] lambda, int a, int bw, int len,
                       double u0, double u2, double u4, double u6, double v0, double v2, double v4, double v6, double[] outA, double[] outB) {
        int A = 1 << a, B = 1 << bw, n = 8;
        for (int i = 0; i < 1 << n; i++) {
            if ((i & (A | B)) != 0) continue;
            double[] p00 = psi[i], p01 = psi[i | A], p10 = psi[i | B], p11 = psi[i | A | B];
            double[] l00 = lambda[i], l01 = lambda[i | A], l10 = lambda[i | B], l11 = lambda[i | A | B];
            for (int b = 0; b < len; b++) {
                double x0 = p00[b], x1 = p01[b], x2 = p10[b], x3 = p11[b];
                double y0 = l00[b], y1 = l01[b], y2 = l10[b], y3 = l11[b];
                // gate on wire a: pairs (0,1) and (2,3)
                double a0 = u0 * x0 + u2 * x1, a1 = u6 * x1 + u4 * x0, a2 = u0 * x2 + u2 * x3, a3 = u6 * x3 + u4 * x2;
                double c0 = u0 * y0 + u2 * y1, c1 = u6 * y1 + u4 * y0, c2 = u0 * y2 + u2 * y3, c3 = u6 * y3 + u4 * y2;
                outA[b] += (c1 * a0 - c0 * a1) + (c3 * a2 - c2 * a3);
                // gate on wire bw: pairs (0,2) and (1,3)
                double e0 = v0 * a0 + v2 * a2, e2 = v6 * a2 + v4 * a0, e1 = v0 * a1 + v2 * a3, e3 = v6 * a3 + v4 * a1;
                double f0 = v0 * c0 + v2 * c2, f2 = v6 * c2 + v4 * c0, f1 = v0 * c1 + v2 * c3, f3 = v6 * c3 + v4 * c1;
                outB[b] += (f2 * e0 - f0 * e2) + (f3 * e1 - f1 * e3);
                p00[b] = e0; p01[b] = e1; p10[b] = e2; p11[b] = e3;
                l00[b] = f0; l01[b] = f1; l10[b] = f2; l11[b] = f3;
            }
        }
    }
    static void vec2(double[][] psi, double[][] lambda, int a, int bw, int len,
                       double u0, double u2, double u4, double u6, double v0, double v2, double v4, double v6, double[] outA, double[] outB) {
        int A = 1 << a, B = 1 << bw, n = 8;
        for (int i = 0; i < 1 << n; i++) {
            if ((i & (A | B)) != 0) continue;
            double[] p00 = psi[i], p01 = psi[i | A], p10 = psi[i | B], p11 = psi[i | A | B];
            double[] l00 = lambda[i], l01 = lambda[i | A], l10 = lambda[i | B], l11 = lambda[i | A | B];
            for (int b = 0; b < len; b += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p00, b), x1 = DoubleVector.fromArray(S, p01, b), x2 = DoubleVector.fromArray(S, p10, b), x3 = DoubleVector.fromArray(S, p11, b);
                DoubleVector y0 = DoubleVector.fromArray(S, l00, b), y1 = DoubleVector.fromArray(S, l01, b), y2 = DoubleVector.fromArray(S, l10, b), y3 = DoubleVector.fromArray(S, l11, b);
                DoubleVector a0 = x0.mul(u0).add(x1.mul(u2)), a1 = x1.mul(u6).add(x0.mul(u4)), a2 = x2.mul(u0).add(x3.mul(u2)), a3 = x3.mul(u6).add(x2.mul(u4));
                DoubleVector c0 = y0.mul(u0).add(y1.mul(u2)), c1 = y1.mul(u6).add(y0.mul(u4)), c2 = y2.mul(u0).add(y3.mul(u2)), c3 = y3.mul(u6).add(y2.mul(u4));
                DoubleVector.fromArray(S, outA, b).add(c1.mul(a0).sub(c0.mul(a1)).add(c3.mul(a2).sub(c2.mul(a3)))).intoArray(outA, b);
                DoubleVector e0 = a0.mul(v0).add(a2.mul(v2)), e2 = a2.mul(v6).add(a0.mul(v4)), e1 = a1.mul(v0).add(a3.mul(v2)), e3 = a3.mul(v6).add(a1.mul(v4));
                DoubleVector f0 = c0.mul(v0).add(c2.mul(v2)), f2 = c2.mul(v6).add(c0.mul(v4)), f1 = c1.mul(v0).add(c3.mul(v2)), f3 = c3.mul(v6).add(c1.mul(v4));
                DoubleVector.fromArray(S, outB, b).add(f2.mul(e0).sub(f0.mul(e2)).add(f3.mul(e1).sub(f1.mul(e3)))).intoArray(outB, b);
                e0.intoArray(p00, b); e1.intoArray(p01, b); e2.intoArray(p10, b); e3.intoArray(p11, b);
                f0.intoArray(l00, b); f1.intoArray(l01, b); f2.intoArray(l10, b); f3.intoArray(l11, b);
            }
        }
    }
    // forward reference: realPair over all pairs
    static void fwd(double[][] psi, int[] pairs, int tb, int len, double u0, double u2, double u4, double u6) {
        for (int i : pairs) realPair(psi[i], psi[i | tb], 0, len, u0, u2, u4, u6);
    }
    static int[] pairs(int n, int t) {
        int[] out = new int[1 << (n - 1)]; int c = 0;
        for (int i = 0; i < 1 << n; i++) if ((i >> t & 1) == 0) out[c++] = i;
        return out;
    }
    public static void main(String[] a) {
        int n = 8, len = Integer.parseInt(a.length > 0 ? a[0] : "256");
        Random r = new Random(1);
        double[][] psi = new double[1 << n][len], lam = new double[1 << n][len];
        for (double[] row : psi) for (int b = 0; b < len; b++) row[b] = r.nextGaussian() * 0.06;
        for (double[] row : lam) for (int b = 0; b < len; b++) row[b] = r.nextGaussian() * 0.06;
        double[] o1 = new double[len], o2 = new double[len];
        int[][] P = new int[n][];
        for (int t = 0; t < n; t++) P[t] = pairs(n, t);
        double th = 0.3, c = Math.cos(th), s = Math.sin(th), th2 = -0.7, c2 = Math.cos(th2), s2 = Math.sin(th2);
        double[][] p1 = copy(psi), l1 = copy(lam), p2 = copy(psi), l2 = copy(lam), p3 = copy(psi), l3 = copy(lam);
        double[] oa1 = new double[len], ob1 = new double[len], oa2 = new double[len], ob2 = new double[len], oa3 = new double[len], ob3 = new double[len];
        cur(p1, l1, P[3], 8, len, c, s, -s, c, oa1); cur(p1, l1, P[5], 32, len, c2, s2, -s2, c2, ob1);
        plain2(p2, l2, 3, 5, len, c, s, -s, c, c2, s2, -s2, c2, oa2, ob2);
        vec2(p3, l3, 3, 5, len, c, s, -s, c, c2, s2, -s2, c2, oa3, ob3);
        System.out.println("psi same: " + Arrays.deepEquals(p1, p2) + " " + Arrays.deepEquals(p1, p3) + " lam " + Arrays.deepEquals(l1, l2) + " " + Arrays.deepEquals(l1, l3));
        double d = 0; for (int b = 0; b < len; b++) d = Math.max(d, Math.abs(oa1[b]-oa2[b]) + Math.abs(ob1[b]-ob2[b]) + Math.abs(oa1[b]-oa3[b]) + Math.abs(ob1[b]-ob3[b]));
        System.out.println("out max diff " + d);
        String[] names = {"fwd x2", "cur x2", "plain2", "vec2"};
        int[][] wires = {{0,1},{2,3},{4,5},{6,7},{1,6},{3,0}};
        for (int round = 0; round < 8; round++) {
            StringBuilder sb = new StringBuilder();
            for (int v = 0; v < 4; v++) {
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 200; rep++) {
                    long t0 = System.nanoTime();
                    for (int[] wp : wires) {
                        int x = wp[0], y = wp[1];
                        switch (v) {
                            case 0 -> { fwd(psi, P[x], 1 << x, len, c, s, -s, c); fwd(psi, P[y], 1 << y, len, c2, s2, -s2, c2); }
                            case 1 -> { cur(psi, lam, P[x], 1 << x, len, c, s, -s, c, o1); cur(psi, lam, P[y], 1 << y, len, c2, s2, -s2, c2, o2); }
                            case 2 -> plain2(psi, lam, x, y, len, c, s, -s, c, c2, s2, -s2, c2, o1, o2);
                            default -> vec2(psi, lam, x, y, len, c, s, -s, c, c2, s2, -s2, c2, o1, o2);
                        }
                    }
                    best = Math.min(best, System.nanoTime() - t0);
                }
                sb.append(String.format("%s %.1f us  ", names[v], best / 1e3 / wires.length));
            }
            System.out.println(sb);
        }
    }
    static double[][] copy(double[][] x) { double[][] y = new double[x.length][]; for (int i = 0; i < x.length; i++) y[i] = x[i].clone(); return y; }
}
