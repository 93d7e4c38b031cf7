// The gather of Entanglement.concurrence at 20 qubits: one pair's four columns of 2^18 amplitudes
// copied out of the state in one loop ("together", eight read and eight write streams) or one
// column after the other, run by run ("byColumn"), for pairs of low and high qubits. Prints the
// least of 5 calls per pair, in ms, as together/byColumn, and DIFF if the columns differ.
// Standalone (no project classes):  java -Xmx3g docs/bench/ConcurrenceGather.java
import java.util.Random;
public class ConcurrenceGather {
    static double together(double[] re, double[] im, int a, int b, double[][] cRe, double[][] cIm) {
        int offA = 1 << a, offB = 1 << b, offAB = offA | offB;
        int lo = Math.min(a, b), hi = Math.max(a, b);
        double[] c0r = cRe[0], c0i = cIm[0], c1r = cRe[1], c1i = cIm[1], c2r = cRe[2], c2i = cIm[2], c3r = cRe[3], c3i = cIm[3];
        double normSq = 0; int e = 0;
        for (int h = 0; h < re.length; h += 2 << hi)
            for (int m = h, mEnd = h + (1 << hi); m < mEnd; m += 2 << lo)
                for (int i = m, end = m + (1 << lo); i < end; i++, e++) {
                    double r0 = re[i], i0 = -im[i];
                    c0r[e] = r0; c0i[e] = i0; normSq += r0 * r0 + i0 * i0;
                    c1r[e] = re[i | offA]; c1i[e] = -im[i | offA];
                    c2r[e] = re[i | offB]; c2i[e] = -im[i | offB];
                    c3r[e] = re[i | offAB]; c3i[e] = -im[i | offAB];
                }
        return normSq;
    }
    static double byColumn(double[] re, double[] im, int a, int b, double[][] cRe, double[][] cIm) {
        int lo = Math.min(a, b), hi = Math.max(a, b);
        int[] offs = {0, 1 << a, 1 << b, (1 << a) | (1 << b)};
        double normSq = 0;
        for (int k = 0; k < 4; k++) {
            double[] cr = cRe[k], ci = cIm[k];
            int off = offs[k], e = 0;
            for (int h = 0; h < re.length; h += 2 << hi)
                for (int m = h, mEnd = h + (1 << hi); m < mEnd; m += 2 << lo) {
                    int from = m | off, len = 1 << lo;
                    System.arraycopy(re, from, cr, e, len);
                    for (int t = 0; t < len; t++) ci[e + t] = -im[from + t];
                    e += len;
                }
        }
        double[] r0 = cRe[0], i0 = cIm[0];
        for (int e = 0; e < r0.length; e++) normSq += r0[e] * r0[e] + i0[e] * i0[e];
        return normSq;
    }
    public static void main(String[] x) {
        int n = 20; Random r = new Random(1);
        double[] re = new double[1 << n], im = new double[1 << n];
        for (int i = 0; i < re.length; i++) { re[i] = r.nextGaussian(); im[i] = r.nextGaussian(); }
        double[][] cRe = new double[4][1 << (n - 2)], cIm = new double[4][1 << (n - 2)];
        double[][] dRe = new double[4][1 << (n - 2)], dIm = new double[4][1 << (n - 2)];
        int[][] pairs = {{0,1},{0,19},{3,4},{9,10},{18,19},{5,15}};
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            for (int[] p : pairs) {
                long b1 = Long.MAX_VALUE, b2 = Long.MAX_VALUE; double s1 = 0, s2 = 0;
                for (int k = 0; k < 5; k++) {
                    long t0 = System.nanoTime(); s1 = together(re, im, p[0], p[1], cRe, cIm); long t1 = System.nanoTime();
                    s2 = byColumn(re, im, p[0], p[1], dRe, dIm); long t2 = System.nanoTime();
                    b1 = Math.min(b1, t1 - t0); b2 = Math.min(b2, t2 - t1);
                }
                boolean same = java.util.Arrays.deepEquals(cRe, dRe) && java.util.Arrays.deepEquals(cIm, dIm) && s1 == s2;
                sb.append(String.format("(%d,%d) %.2f/%.2f%s  ", p[0], p[1], b1 / 1e6, b2 / 1e6, same ? "" : " DIFF"));
            }
            System.out.println(sb);
        }
    }
}
