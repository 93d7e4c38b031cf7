// The forward pass's sweeps of two and three real gates on different wires (quantum/VectorBatchKernels'
// rotateTwo and rotateThree) against the gates one at a time in plain loops (BatchKernels.realPair),
// on one 8-qubit batch, rows double[256][len]; then the adjoint pass's two-rotation sweep
// (undoTwoRotations) after the forward sweeps have run. Checks the same bits first, then prints the
// least time over 2,000 calls per round.
// With "add-only" the forward sweeps write x m0 + y m2 with ADD and MUL alone (as a first version
// did): the adjoint sweep, which also subtracts, then runs about 10x slower, because the new
// operator class traps in the JDK's shared vector methods (docs/architecture.md).
// Standalone (no project classes):
//   java --add-modules jdk.incubator.vector docs/bench/ForwardGroups.java 256 [add-only]
import jdk.incubator.vector.*;
import java.util.*;

public class ForwardGroups {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static int n = 8;
    static int insertZero(int k, int t) { int lo = k & ((1 << t) - 1); return ((k ^ lo) << 1) | lo; }
    static void realPair(double[] a, double[] c, int b0, int b1, double m0, double m2, double m4, double m6) {
        for (int b = b0; b < b1; b++) { double x = a[b], y = c[b]; a[b] = m0 * x + m2 * y; c[b] = m6 * y + m4 * x; }
    }
    static void one(double[][] re, int t, int len, double[] m) {
        int tb = 1 << t;
        for (int k = 0; k < 1 << (n - 1); k++) { int i = insertZero(k, t); realPair(re[i], re[i | tb], 0, len, m[0], m[2], m[4], m[6]); }
    }
    static void vec2(double[][] re, int a, int b, int len, double[] u, double[] v) {
        double u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], v0 = v[0], v2 = v[2], v4 = v[4], v6 = v[6];
        int ab = 1 << a, bb = 1 << b, lo = Math.min(a, b), hi = Math.max(a, b);
        int end = len - len % L; double nu2 = -u2, nv2 = -v2, nw2 = -v[2];
        for (int k = 0; k < 1 << (n - 2); k++) {
            int i = insertZero(insertZero(k, lo), hi);
            double[] p0 = re[i], p1 = re[i | ab], p2 = re[i | bb], p3 = re[i | ab | bb];
            for (int s = 0; s < end; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector a0 = x0.mul(u0).sub(x1.mul(nu2)), a1 = x1.mul(u6).add(x0.mul(u4));
                DoubleVector a2 = x2.mul(u0).sub(x3.mul(nu2)), a3 = x3.mul(u6).add(x2.mul(u4));
                a0.mul(v0).sub(a2.mul(nv2)).intoArray(p0, s);
                a2.mul(v6).add(a0.mul(v4)).intoArray(p2, s);
                a1.mul(v0).sub(a3.mul(nv2)).intoArray(p1, s);
                a3.mul(v6).add(a1.mul(v4)).intoArray(p3, s);
            }
        }
    }
    static void vec3(double[][] re, int a, int b, int c, int len, double[] u, double[] v, double[] w) {
        double u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], v0 = v[0], v2 = v[2], v4 = v[4], v6 = v[6], w0 = w[0], w2 = w[2], w4 = w[4], w6 = w[6];
        int ab = 1 << a, bb = 1 << b, cb = 1 << c;
        int[] srt = {a, b, c}; Arrays.sort(srt);
        int end = len - len % L; double nu2 = -u2, nv2 = -v2, nw2 = -w[2];
        for (int k = 0; k < 1 << (n - 3); k++) {
            int i = insertZero(insertZero(insertZero(k, srt[0]), srt[1]), srt[2]);
            double[] p0 = re[i], p1 = re[i | ab], p2 = re[i | bb], p3 = re[i | ab | bb];
            double[] p4 = re[i | cb], p5 = re[i | ab | cb], p6 = re[i | bb | cb], p7 = re[i | ab | bb | cb];
            for (int s = 0; s < end; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector x4 = DoubleVector.fromArray(S, p4, s), x5 = DoubleVector.fromArray(S, p5, s);
                DoubleVector x6 = DoubleVector.fromArray(S, p6, s), x7 = DoubleVector.fromArray(S, p7, s);
                DoubleVector a0 = x0.mul(u0).sub(x1.mul(nu2)), a1 = x1.mul(u6).add(x0.mul(u4));
                DoubleVector a2 = x2.mul(u0).sub(x3.mul(nu2)), a3 = x3.mul(u6).add(x2.mul(u4));
                DoubleVector a4 = x4.mul(u0).sub(x5.mul(nu2)), a5 = x5.mul(u6).add(x4.mul(u4));
                DoubleVector a6 = x6.mul(u0).sub(x7.mul(nu2)), a7 = x7.mul(u6).add(x6.mul(u4));
                DoubleVector e0 = a0.mul(v0).sub(a2.mul(nv2)), e2 = a2.mul(v6).add(a0.mul(v4));
                DoubleVector e1 = a1.mul(v0).sub(a3.mul(nv2)), e3 = a3.mul(v6).add(a1.mul(v4));
                DoubleVector e4 = a4.mul(v0).sub(a6.mul(nv2)), e6 = a6.mul(v6).add(a4.mul(v4));
                DoubleVector e5 = a5.mul(v0).sub(a7.mul(nv2)), e7 = a7.mul(v6).add(a5.mul(v4));
                e0.mul(w0).sub(e4.mul(nw2)).intoArray(p0, s); e4.mul(w6).add(e0.mul(w4)).intoArray(p4, s);
                e1.mul(w0).sub(e5.mul(nw2)).intoArray(p1, s); e5.mul(w6).add(e1.mul(w4)).intoArray(p5, s);
                e2.mul(w0).sub(e6.mul(nw2)).intoArray(p2, s); e6.mul(w6).add(e2.mul(w4)).intoArray(p6, s);
                e3.mul(w0).sub(e7.mul(nw2)).intoArray(p3, s); e7.mul(w6).add(e3.mul(w4)).intoArray(p7, s);
            }
        }
    }
    static void undoTwoRotations(double[][] psi, double[][] lambda, int n, int len,
                                 int a, double[] u, double[] outA, int b, double[] v, double[] outB) {
        double u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], v0 = v[0], v2 = v[2], v4 = v[4], v6 = v[6];
        int ab = 1 << a, bb = 1 << b, lo = Math.min(a, b), hi = Math.max(a, b);
        int vectorEnd = len - len % L;
        for (int k = 0; k < 1 << (n - 2); k++) {
            int i = insertZero(insertZero(k, lo), hi);
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


    static void vec2AddOnly(double[][] re, int a, int b, int len, double[] u, double[] v) {
        double u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], v0 = v[0], v2 = v[2], v4 = v[4], v6 = v[6];
        int ab = 1 << a, bb = 1 << b, lo = Math.min(a, b), hi = Math.max(a, b);
        int end = len - len % L;
        for (int k = 0; k < 1 << (n - 2); k++) {
            int i = insertZero(insertZero(k, lo), hi);
            double[] p0 = re[i], p1 = re[i | ab], p2 = re[i | bb], p3 = re[i | ab | bb];
            for (int s = 0; s < end; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector a0 = x0.mul(u0).add(x1.mul(u2)), a1 = x1.mul(u6).add(x0.mul(u4));
                DoubleVector a2 = x2.mul(u0).add(x3.mul(u2)), a3 = x3.mul(u6).add(x2.mul(u4));
                a0.mul(v0).add(a2.mul(v2)).intoArray(p0, s);
                a2.mul(v6).add(a0.mul(v4)).intoArray(p2, s);
                a1.mul(v0).add(a3.mul(v2)).intoArray(p1, s);
                a3.mul(v6).add(a1.mul(v4)).intoArray(p3, s);
            }
        }
    }
    static void vec3AddOnly(double[][] re, int a, int b, int c, int len, double[] u, double[] v, double[] w) {
        double u0 = u[0], u2 = u[2], u4 = u[4], u6 = u[6], v0 = v[0], v2 = v[2], v4 = v[4], v6 = v[6], w0 = w[0], w2 = w[2], w4 = w[4], w6 = w[6];
        int ab = 1 << a, bb = 1 << b, cb = 1 << c;
        int[] srt = {a, b, c}; Arrays.sort(srt);
        int end = len - len % L;
        for (int k = 0; k < 1 << (n - 3); k++) {
            int i = insertZero(insertZero(insertZero(k, srt[0]), srt[1]), srt[2]);
            double[] p0 = re[i], p1 = re[i | ab], p2 = re[i | bb], p3 = re[i | ab | bb];
            double[] p4 = re[i | cb], p5 = re[i | ab | cb], p6 = re[i | bb | cb], p7 = re[i | ab | bb | cb];
            for (int s = 0; s < end; s += L) {
                DoubleVector x0 = DoubleVector.fromArray(S, p0, s), x1 = DoubleVector.fromArray(S, p1, s);
                DoubleVector x2 = DoubleVector.fromArray(S, p2, s), x3 = DoubleVector.fromArray(S, p3, s);
                DoubleVector x4 = DoubleVector.fromArray(S, p4, s), x5 = DoubleVector.fromArray(S, p5, s);
                DoubleVector x6 = DoubleVector.fromArray(S, p6, s), x7 = DoubleVector.fromArray(S, p7, s);
                DoubleVector a0 = x0.mul(u0).add(x1.mul(u2)), a1 = x1.mul(u6).add(x0.mul(u4));
                DoubleVector a2 = x2.mul(u0).add(x3.mul(u2)), a3 = x3.mul(u6).add(x2.mul(u4));
                DoubleVector a4 = x4.mul(u0).add(x5.mul(u2)), a5 = x5.mul(u6).add(x4.mul(u4));
                DoubleVector a6 = x6.mul(u0).add(x7.mul(u2)), a7 = x7.mul(u6).add(x6.mul(u4));
                DoubleVector e0 = a0.mul(v0).add(a2.mul(v2)), e2 = a2.mul(v6).add(a0.mul(v4));
                DoubleVector e1 = a1.mul(v0).add(a3.mul(v2)), e3 = a3.mul(v6).add(a1.mul(v4));
                DoubleVector e4 = a4.mul(v0).add(a6.mul(v2)), e6 = a6.mul(v6).add(a4.mul(v4));
                DoubleVector e5 = a5.mul(v0).add(a7.mul(v2)), e7 = a7.mul(v6).add(a5.mul(v4));
                e0.mul(w0).add(e4.mul(w2)).intoArray(p0, s); e4.mul(w6).add(e0.mul(w4)).intoArray(p4, s);
                e1.mul(w0).add(e5.mul(w2)).intoArray(p1, s); e5.mul(w6).add(e1.mul(w4)).intoArray(p5, s);
                e2.mul(w0).add(e6.mul(w2)).intoArray(p2, s); e6.mul(w6).add(e2.mul(w4)).intoArray(p6, s);
                e3.mul(w0).add(e7.mul(w2)).intoArray(p3, s); e7.mul(w6).add(e3.mul(w4)).intoArray(p7, s);
            }
        }
    }
    static double[] m(double t) { double c = Math.cos(t / 2), s = Math.sin(t / 2); return new double[] {c, 0, -s, 0, s, 0, c, 0}; }
    public static void main(String[] args) {
        int len = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        boolean addOnly = args.length > 1 && args[1].equals("add-only");
        Random r = new Random(1);
        double[][] base = new double[1 << n][len];
        for (double[] row : base) for (int b = 0; b < len; b++) row[b] = r.nextGaussian();
        double[] u = m(0.3), v = m(-0.7), w = m(1.1);
        double[][] a = copy(base), c = copy(base), d = copy(base);
        one(a, 2, len, u); one(a, 5, len, v); one(a, 0, len, w);
        vec2(c, 2, 5, len, u, v); one(c, 0, len, w);
        vec3(d, 2, 5, 0, len, u, v, w);
        System.out.println("same bits as one at a time: two-gate sweep " + Arrays.deepEquals(a, c) + ", three-gate sweep " + Arrays.deepEquals(a, d));
        double[][] st = copy(base), lam = copy(base);
        double[] oa = new double[len], ob = new double[len];
        for (int round = 0; round < 8; round++) {
            long t1 = Long.MAX_VALUE, t2 = Long.MAX_VALUE, t3 = Long.MAX_VALUE, t4 = Long.MAX_VALUE;
            for (int it = 0; it < 2000; it++) {
                long t0 = System.nanoTime(); one(st, 1, len, u); one(st, 4, len, v); one(st, 6, len, w); t1 = Math.min(t1, System.nanoTime() - t0);
                t0 = System.nanoTime();
                if (addOnly) vec2AddOnly(st, 1, 4, len, u, v); else vec2(st, 1, 4, len, u, v);
                one(st, 6, len, w);
                t2 = Math.min(t2, System.nanoTime() - t0);
                t0 = System.nanoTime();
                if (addOnly) vec3AddOnly(st, 1, 4, 6, len, u, v, w); else vec3(st, 1, 4, 6, len, u, v, w);
                t3 = Math.min(t3, System.nanoTime() - t0);
                t0 = System.nanoTime(); undoTwoRotations(st, lam, n, len, 1, u, oa, 4, v, ob); t4 = Math.min(t4, System.nanoTime() - t0);
                for (double[] row : st) for (int b = 0; b < len; b += 37) row[b] *= 0.5; // keep the numbers finite
                for (double[] row : lam) for (int b = 0; b < len; b += 37) row[b] *= 0.5;
            }
            System.out.printf("%d samples, three gates: one at a time %.1f us, a two-gate sweep and one %.1f us, a three-gate sweep %.1f us;"
                    + " the adjoint's two-rotation sweep %.1f us%s%n", len, t1 / 1e3, t2 / 1e3, t3 / 1e3, t4 / 1e3, addOnly ? " (forward sweeps add only)" : "");
        }
    }
    static double[][] copy(double[][] a) { double[][] o = new double[a.length][]; for (int i = 0; i < a.length; i++) o[i] = a[i].clone(); return o; }
}
