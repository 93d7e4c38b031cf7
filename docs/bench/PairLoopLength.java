// How the batched simulator's inner loop costs with the length of its rows: one real rotation
// over every pair of rows of an 8-qubit batch, rows double[256][len], the loop of
// BatchKernels.realPair. Reports the least time per pair of rows at len 16, 128, 256 and 1024.
// A 128-sample tile's loops cost more per sample than a 256-sample call's (the loop ends that
// C2 leaves scalar weigh more), which caps what two tiles of 128 can gain over one of 256.
// Standalone (no project classes):  java docs/bench/PairLoopLength.java
// Compare -XX:MaxVectorSize=32 (AVX2-wide vectors) against the default (64 on an AVX-512 machine).
public class PairLoopLength {
    static void realPair(double[] a, double[] c, int len, double m0, double m2, double m4, double m6) {
        for (int b = 0; b < len; b++) {
            double x = a[b], y = c[b];
            a[b] = m0 * x + m2 * y;
            c[b] = m6 * y + m4 * x; // the other order, as BatchKernels does (C2 vectorises it then)
        }
    }

    public static void main(String[] args) {
        int n = 8;
        for (int len : new int[] {16, 128, 256, 1024}) {
            double[][] rows = new double[1 << n][len];
            for (double[] r : rows) {
                java.util.Arrays.fill(r, 0.1);
            }
            double c = Math.cos(0.1), s = Math.sin(0.1);
            long best = Long.MAX_VALUE;
            for (int it = 0; it < 12000; it++) {
                long t0 = System.nanoTime();
                for (int q = 0; q < n; q++) {
                    int tb = 1 << q;
                    for (int i = 0; i < 1 << n; i++) {
                        if ((i & tb) == 0) {
                            realPair(rows[i], rows[i | tb], len, c, -s, s, c);
                        }
                    }
                }
                if (it >= 4000) { // the first third warms up
                    best = Math.min(best, System.nanoTime() - t0);
                }
            }
            double perPair = best / (double) (n << (n - 1));
            System.out.printf("len %5d: %.1f ns per pair of rows, %.3f ns per sample%n", len, perPair, perPair / len);
        }
    }
}
