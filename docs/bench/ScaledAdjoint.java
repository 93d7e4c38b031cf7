// The real adjoint pass's sweeps on one batch (n qubits, -Dn=8 by default; rows double[2^n][len]
// for psi and for lambda), least time per gate over six sets of wires, eight rounds:
//   fwd3/3   the forward's three-gate sweep (as quantum/VectorBatchKernels.rotateThree), per gate;
//   vec2/2   two rotations undone in one sweep, [[c, s], [-s, c]], gradients read between (the
//            adjoint's kernel before 2026-12-08);
//   vec2s/2  the same, scaled: [[1, t], [-t, 1]], two multiplies per pair instead of four;
//   nograd   vec2s without the gradient reads;
//   vec3s/3  three rotations undone in one sweep, scaled, gradients read where the sweep starts (as
//            quantum/VectorBatchKernels.undoRotations now).
// -Dn=6 with 32 samples holds psi and lambda in L1 (32 KB): vec2 costs the same per amplitude there as
// at n = 8 (rows in L2), and vec3s gains over vec2s only at n = 8. Checks vec2s and vec3s against the
// unscaled sweeps first. Standalone (no project classes):
//   java --add-modules jdk.incubator.vector docs/bench/ScaledAdjoint.java 256
//   java -Dn=6 --add-modules jdk.incubator.vector docs/bench/ScaledAdjoint.java 32
import jdk.incubator.vector.*;
import java.util.*;

public class ScaledAdjoint {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length(); static int N = Integer.getInteger("n", 8);
    static void vec2(double[][] psi, double[][] lambda, int a, int bw, int len,
                       double u0, double u2, double u4, double u6, double v0, double v2, double v4, double v6, double[] outA, double[] outB) {
        int A = 1 << a, B = 1 << bw, n = N;
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
    // scaled: gate a's inverse / ca = [[1, ta], [-ta, 1]]
    static void vec2s(double[][] psi, double[][] lambda, int a, int bw, int len, double ta, double tb, double[] outA, double[] outB) {
        int A = 1 << a, B = 1 << bw, n = N;
        for (int i = 0; i < 1 << n; i++) {
            if ((i & (A | B)) != 0) continue;
            double[] p00 = psi[i], p01 = psi[i | A], p10 = psi[i | B], p11 = psi[i | A | B];
            double[] l00 = lambda[i], l01 = lambda[i | A], l10 = lambda[i | B], l11 = lambda[i | A | B];
            for (int b = 0; b < len; b += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p00, b), x1 = DoubleVector.fromArray(S, p01, b), x2 = DoubleVector.fromArray(S, p10, b), x3 = DoubleVector.fromArray(S, p11, b);
                DoubleVector y0 = DoubleVector.fromArray(S, l00, b), y1 = DoubleVector.fromArray(S, l01, b), y2 = DoubleVector.fromArray(S, l10, b), y3 = DoubleVector.fromArray(S, l11, b);
                DoubleVector a0 = x0.add(x1.mul(ta)), a1 = x1.sub(x0.mul(ta)), a2 = x2.add(x3.mul(ta)), a3 = x3.sub(x2.mul(ta));
                DoubleVector c0 = y0.add(y1.mul(ta)), c1 = y1.sub(y0.mul(ta)), c2 = y2.add(y3.mul(ta)), c3 = y3.sub(y2.mul(ta));
                DoubleVector.fromArray(S, outA, b).add(c1.mul(a0).sub(c0.mul(a1)).add(c3.mul(a2).sub(c2.mul(a3)))).intoArray(outA, b);
                DoubleVector e0 = a0.add(a2.mul(tb)), e2 = a2.sub(a0.mul(tb)), e1 = a1.add(a3.mul(tb)), e3 = a3.sub(a1.mul(tb));
                DoubleVector f0 = c0.add(c2.mul(tb)), f2 = c2.sub(c0.mul(tb)), f1 = c1.add(c3.mul(tb)), f3 = c3.sub(c1.mul(tb));
                DoubleVector.fromArray(S, outB, b).add(f2.mul(e0).sub(f0.mul(e2)).add(f3.mul(e1).sub(f1.mul(e3)))).intoArray(outB, b);
                e0.intoArray(p00, b); e1.intoArray(p01, b); e2.intoArray(p10, b); e3.intoArray(p11, b);
                f0.intoArray(l00, b); f1.intoArray(l01, b); f2.intoArray(l10, b); f3.intoArray(l11, b);
            }
        }
    }
    static void vec2sNoGrad(double[][] psi, double[][] lambda, int a, int bw, int len, double ta, double tb, double[] outA, double[] outB) {
        int A = 1 << a, B = 1 << bw, n = N;
        for (int i = 0; i < 1 << n; i++) {
            if ((i & (A | B)) != 0) continue;
            double[] p00 = psi[i], p01 = psi[i | A], p10 = psi[i | B], p11 = psi[i | A | B];
            double[] l00 = lambda[i], l01 = lambda[i | A], l10 = lambda[i | B], l11 = lambda[i | A | B];
            for (int b = 0; b < len; b += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p00, b), x1 = DoubleVector.fromArray(S, p01, b), x2 = DoubleVector.fromArray(S, p10, b), x3 = DoubleVector.fromArray(S, p11, b);
                DoubleVector y0 = DoubleVector.fromArray(S, l00, b), y1 = DoubleVector.fromArray(S, l01, b), y2 = DoubleVector.fromArray(S, l10, b), y3 = DoubleVector.fromArray(S, l11, b);
                DoubleVector a0 = x0.add(x1.mul(ta)), a1 = x1.sub(x0.mul(ta)), a2 = x2.add(x3.mul(ta)), a3 = x3.sub(x2.mul(ta));
                DoubleVector c0 = y0.add(y1.mul(ta)), c1 = y1.sub(y0.mul(ta)), c2 = y2.add(y3.mul(ta)), c3 = y3.sub(y2.mul(ta));
                DoubleVector e0 = a0.add(a2.mul(tb)), e2 = a2.sub(a0.mul(tb)), e1 = a1.add(a3.mul(tb)), e3 = a3.sub(a1.mul(tb));
                DoubleVector f0 = c0.add(c2.mul(tb)), f2 = c2.sub(c0.mul(tb)), f1 = c1.add(c3.mul(tb)), f3 = c3.sub(c1.mul(tb));
                e0.intoArray(p00, b); e1.intoArray(p01, b); e2.intoArray(p10, b); e3.intoArray(p11, b);
                f0.intoArray(l00, b); f1.intoArray(l01, b); f2.intoArray(l10, b); f3.intoArray(l11, b);
            }
        }
    }
    static void vec3s(double[][] psi, double[][] lambda, int a, int bw, int cw, int len, double ta, double tb, double tc, double[] outA, double[] outB, double[] outC) {
        int ab = 1 << a, bb = 1 << bw, cb = 1 << cw;
        for (int i = 0; i < 1 << N; i++) {
            if ((i & (ab | bb | cb)) != 0) continue;
            double[] p0 = psi[i], p1 = psi[i | ab], p2 = psi[i | bb], p3 = psi[i | ab | bb];
            double[] p4 = psi[i | cb], p5 = psi[i | ab | cb], p6 = psi[i | bb | cb], p7 = psi[i | ab | bb | cb];
            double[] l0 = lambda[i], l1 = lambda[i | ab], l2 = lambda[i | bb], l3 = lambda[i | ab | bb];
            double[] l4 = lambda[i | cb], l5 = lambda[i | ab | cb], l6 = lambda[i | bb | cb], l7 = lambda[i | ab | bb | cb];
            for (int s = 0; s < len; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector x4 = DoubleVector.fromArray(S, p4, s), x5 = DoubleVector.fromArray(S, p5, s);
                DoubleVector x6 = DoubleVector.fromArray(S, p6, s), x7 = DoubleVector.fromArray(S, p7, s);
                DoubleVector y0 = DoubleVector.fromArray(S, l0, s), y1 = DoubleVector.fromArray(S, l1, s);
                DoubleVector y2 = DoubleVector.fromArray(S, l2, s), y3 = DoubleVector.fromArray(S, l3, s);
                DoubleVector y4 = DoubleVector.fromArray(S, l4, s), y5 = DoubleVector.fromArray(S, l5, s);
                DoubleVector y6 = DoubleVector.fromArray(S, l6, s), y7 = DoubleVector.fromArray(S, l7, s);
                // gradients read before anything is undone: the three gates commute with each other's generators
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
                e0.add(e4.mul(tc)).intoArray(p0, s); e4.sub(e0.mul(tc)).intoArray(p4, s);
                e1.add(e5.mul(tc)).intoArray(p1, s); e5.sub(e1.mul(tc)).intoArray(p5, s);
                e2.add(e6.mul(tc)).intoArray(p2, s); e6.sub(e2.mul(tc)).intoArray(p6, s);
                e3.add(e7.mul(tc)).intoArray(p3, s); e7.sub(e3.mul(tc)).intoArray(p7, s);
                DoubleVector c0 = y0.add(y1.mul(ta)), c1 = y1.sub(y0.mul(ta)), c2 = y2.add(y3.mul(ta)), c3 = y3.sub(y2.mul(ta));
                DoubleVector c4 = y4.add(y5.mul(ta)), c5 = y5.sub(y4.mul(ta)), c6 = y6.add(y7.mul(ta)), c7 = y7.sub(y6.mul(ta));
                DoubleVector f0 = c0.add(c2.mul(tb)), f2 = c2.sub(c0.mul(tb)), f1 = c1.add(c3.mul(tb)), f3 = c3.sub(c1.mul(tb));
                DoubleVector f4 = c4.add(c6.mul(tb)), f6 = c6.sub(c4.mul(tb)), f5 = c5.add(c7.mul(tb)), f7 = c7.sub(c5.mul(tb));
                f0.add(f4.mul(tc)).intoArray(l0, s); f4.sub(f0.mul(tc)).intoArray(l4, s);
                f1.add(f5.mul(tc)).intoArray(l1, s); f5.sub(f1.mul(tc)).intoArray(l5, s);
                f2.add(f6.mul(tc)).intoArray(l2, s); f6.sub(f2.mul(tc)).intoArray(l6, s);
                f3.add(f7.mul(tc)).intoArray(l3, s); f7.sub(f3.mul(tc)).intoArray(l7, s);
            }
        }
    }
    // one gate undone the unscaled way, psi and lambda, gradient read after: the reference for vec3s
    static void one(double[][] psi, double[][] lambda, int w, int len, double c, double s, double[] out) {
        for (int i = 0; i < 1 << N; i++) {
            if ((i >> w & 1) != 0) continue;
            double[] p0 = psi[i], p1 = psi[i | 1 << w], l0 = lambda[i], l1 = lambda[i | 1 << w];
            for (int b = 0; b < len; b++) {
                double x0 = c * p0[b] + s * p1[b], x1 = c * p1[b] - s * p0[b], y0 = c * l0[b] + s * l1[b], y1 = c * l1[b] - s * l0[b];
                p0[b] = x0; p1[b] = x1; l0[b] = y0; l1[b] = y1;
                out[b] += y1 * x0 - y0 * x1;
            }
        }
    }
    // forward rotateThree-like for reference (3 gates)
    static void fwd3(double[][] re, int a, int bw, int cw, int len, double u0, double u2, double u4, double u6) {
        int ab = 1 << a, bb = 1 << bw, cb = 1 << cw; double nu2 = -u2;
        for (int i = 0; i < 1 << N; i++) {
            if ((i & (ab | bb | cb)) != 0) continue;
            double[] p0 = re[i], p1 = re[i | ab], p2 = re[i | bb], p3 = re[i | ab | bb];
            double[] p4 = re[i | cb], p5 = re[i | ab | cb], p6 = re[i | bb | cb], p7 = re[i | ab | bb | cb];
            for (int s = 0; s < len; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector x4 = DoubleVector.fromArray(S, p4, s), x5 = DoubleVector.fromArray(S, p5, s);
                DoubleVector x6 = DoubleVector.fromArray(S, p6, s), x7 = DoubleVector.fromArray(S, p7, s);
                DoubleVector a0 = x0.mul(u0).sub(x1.mul(nu2)), a1 = x1.mul(u6).add(x0.mul(u4));
                DoubleVector a2 = x2.mul(u0).sub(x3.mul(nu2)), a3 = x3.mul(u6).add(x2.mul(u4));
                DoubleVector a4 = x4.mul(u0).sub(x5.mul(nu2)), a5 = x5.mul(u6).add(x4.mul(u4));
                DoubleVector a6 = x6.mul(u0).sub(x7.mul(nu2)), a7 = x7.mul(u6).add(x6.mul(u4));
                DoubleVector e0 = a0.mul(u0).sub(a2.mul(nu2)), e2 = a2.mul(u6).add(a0.mul(u4));
                DoubleVector e1 = a1.mul(u0).sub(a3.mul(nu2)), e3 = a3.mul(u6).add(a1.mul(u4));
                DoubleVector e4 = a4.mul(u0).sub(a6.mul(nu2)), e6 = a6.mul(u6).add(a4.mul(u4));
                DoubleVector e5 = a5.mul(u0).sub(a7.mul(nu2)), e7 = a7.mul(u6).add(a5.mul(u4));
                e0.mul(u0).sub(e4.mul(nu2)).intoArray(p0, s);
                e4.mul(u6).add(e0.mul(u4)).intoArray(p4, s);
                e1.mul(u0).sub(e5.mul(nu2)).intoArray(p1, s);
                e5.mul(u6).add(e1.mul(u4)).intoArray(p5, s);
                e2.mul(u0).sub(e6.mul(nu2)).intoArray(p2, s);
                e6.mul(u6).add(e2.mul(u4)).intoArray(p6, s);
                e3.mul(u0).sub(e7.mul(nu2)).intoArray(p3, s);
                e7.mul(u6).add(e3.mul(u4)).intoArray(p7, s);
            }
        }
    }
    public static void main(String[] args) {
        int n = N, len = Integer.parseInt(args.length > 0 ? args[0] : "256");
        Random r = new Random(1);
        double[][] psi = new double[1 << n][len], lam = new double[1 << n][len];
        for (double[] row : psi) for (int b = 0; b < len; b++) row[b] = r.nextGaussian() * 0.06;
        for (double[] row : lam) for (int b = 0; b < len; b++) row[b] = r.nextGaussian() * 0.06;
        double th = 0.3, c = Math.cos(th), s = Math.sin(th), th2 = -0.7, c2 = Math.cos(th2), s2 = Math.sin(th2);
        double[][] p1 = copy(psi), l1 = copy(lam), p2 = copy(psi), l2 = copy(lam);
        double[] oa1 = new double[len], ob1 = new double[len], oa2 = new double[len], ob2 = new double[len];
        vec2(p1, l1, 3, 5, len, c, s, -s, c, c2, s2, -s2, c2, oa1, ob1);
        vec2s(p2, l2, 3, 5, len, s / c, s2 / c2, oa2, ob2);
        double d = 0, dp = 0;
        for (int b = 0; b < len; b++) d = Math.max(d, Math.abs(oa1[b] - oa2[b] * c * c) + Math.abs(ob1[b] - ob2[b] * c * c * c2 * c2));
        for (int i = 0; i < 1 << N; i++) for (int b = 0; b < len; b++) dp = Math.max(dp, Math.abs(p1[i][b] - p2[i][b] * c * c2) + Math.abs(l1[i][b] - l2[i][b] * c * c2));
        { // vec3s against three one-gate unscaled undos (reference below): states times the cosines, gradients
            double[] th3 = {0.3, -0.7, 2.9};
            double[][] q1 = copy(psi), m1 = copy(lam), q2 = copy(psi), m2 = copy(lam);
            double[][] g1 = new double[3][len], g2 = new double[3][len];
            int[] w3 = {3, 5, 1};
            double cs = 1;
            for (int g = 0; g < 3; g++) { double cc = Math.cos(th3[g]), ss = Math.sin(th3[g]); cs *= cc; one(q1, m1, w3[g], len, cc, ss, g1[g]); }
            vec3s(q2, m2, 3, 5, 1, len, Math.tan(th3[0]), Math.tan(th3[1]), Math.tan(th3[2]), g2[0], g2[1], g2[2]);
            double e = 0, f = 0;
            for (int g = 0; g < 3; g++) for (int b = 0; b < len; b++) e = Math.max(e, Math.abs(g1[g][b] - g2[g][b]));
            for (int i = 0; i < 1 << N; i++) for (int b = 0; b < len; b++) f = Math.max(f, Math.abs(q1[i][b] - q2[i][b] * cs) + Math.abs(m1[i][b] - m2[i][b] * cs));
            System.out.println("vec3s against one gate at a time: gradients within " + e + ", states within " + f);
        }
        System.out.println("grad diff " + d + " state diff " + dp);
        double[] o1 = new double[len], o2 = new double[len], o3 = new double[len];
        String[] names = {"fwd3/3", "vec2/2", "vec2s/2", "nograd", "vec3s/3"};
        int[][] wires = {{0,1,2},{2,3,4},{4,5,0},{1,5,3},{1,4,3},{3,0,5}};
        for (int round = 0; round < 8; round++) {
            StringBuilder sb = new StringBuilder();
            for (int v = 0; v < 5; v++) {
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 300; rep++) {
                    long t0 = System.nanoTime();
                    for (int[] wp : wires) {
                        int x = wp[0], y = wp[1];
                        switch (v) {
                            case 0 -> fwd3(psi, x, y, wp[2], len, c, s, -s, c);
                            case 1 -> vec2(psi, lam, x, y, len, c, s, -s, c, c2, s2, -s2, c2, o1, o2);
                            case 2 -> vec2s(psi, lam, x, y, len, s / c, s2 / c2, o1, o2);
                            case 3 -> vec2sNoGrad(psi, lam, x, y, len, s / c, s2 / c2, o1, o2);
                            default -> vec3s(psi, lam, x, y, wp[2], len, s / c, s2 / c2, 0.4, o1, o2, o3);
                        }
                    }
                    best = Math.min(best, System.nanoTime() - t0);
                }
                sb.append(String.format("%s %.2f us/gate  ", names[v], best / 1e3 / wires.length / (v == 0 || v == 4 ? 3 : 2)));
            }
            System.out.println(sb);
        }
    }
    static double[][] copy(double[][] x) { double[][] y = new double[x.length][]; for (int i = 0; i < x.length; i++) y[i] = x[i].clone(); return y; }
}
