// Why the plain one-qubit pair loop (Kernels.mixRun: amplitudes i and i + 2^t of one array) stays
// scalar under JDK 17's C2, while a loop over two separate arrays is vectorised. Each loop below
// applies the same complex 2x2 to a state of 2^n amplitudes; the least time of many calls per
// target t is printed with the floor (one pass that reads and writes every amplitude).
// Run it twice and compare; a loop that C2 vectorises gets slower with the second:
//   java docs/bench/PairLoop.java 16
//   java -XX:-UseSuperWord docs/bench/PairLoop.java 16
// "scratch" is vectorised (it slows down without SuperWord) but its copies cost what it saves.
import java.util.Random;

public class PairLoop {

    /** The kernel's loop: j = i + tb, tb a loop invariant. */
    static void pairs(double[] re, double[] im, int n, int t, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        int tb = 1 << t;
        for (int lo = 0; lo < 1 << n; lo += 2 * tb) {
            for (int i = lo, end = lo + tb; i < end; i++) {
                int j = i + tb;
                double ar = re[i], ai = im[i], br = re[j], bi = im[j];
                re[i] = m0 * ar - m1 * ai + m2 * br - m3 * bi;
                im[i] = m0 * ai + m1 * ar + m2 * bi + m3 * br;
                re[j] = m4 * ar - m5 * ai + m6 * br - m7 * bi;
                im[j] = m4 * ai + m5 * ar + m6 * bi + m7 * br;
            }
        }
    }

    /** The same with the second row summed in another order (the batched kernels' "same-shape stores" fix). */
    static void reordered(double[] re, double[] im, int n, int t, double[] m) {
        double m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
        int tb = 1 << t;
        for (int lo = 0; lo < 1 << n; lo += 2 * tb) {
            for (int i = lo, end = lo + tb; i < end; i++) {
                int j = i + tb;
                double ar = re[i], ai = im[i], br = re[j], bi = im[j];
                re[i] = m0 * ar - m1 * ai + m2 * br - m3 * bi;
                im[i] = m1 * ar + m0 * ai + m3 * br + m2 * bi;
                re[j] = m6 * br - m7 * bi + m4 * ar - m5 * ai;
                im[j] = m7 * br + m6 * bi + m5 * ar + m4 * ai;
            }
        }
    }

    static final int CHUNK = 256;
    static final double[] S0 = new double[CHUNK], S1 = new double[CHUNK], S2 = new double[CHUNK], S3 = new double[CHUNK];
    static final double[] N0 = new double[CHUNK], N1 = new double[CHUNK];

    /** One row of the 2x2 over four arrays indexed alike, into two: two stores, a body small enough to unroll. */
    static void row(double[] ar_, double[] ai_, double[] br_, double[] bi_, double[] outRe, double[] outIm,
            double m0, double m1, double m2, double m3) {
        for (int k = 0; k < CHUNK; k++) {
            double ar = ar_[k], ai = ai_[k], br = br_[k], bi = bi_[k];
            outRe[k] = m0 * ar - m1 * ai + m2 * br - m3 * bi;
            outIm[k] = m1 * ar + m0 * ai + m3 * br + m2 * bi;
        }
    }

    /** Both halves copied through small scratch arrays in chunks (t >= 8), each row a loop of its own. */
    static void scratch(double[] re, double[] im, int n, int t, double[] m) {
        int tb = 1 << t;
        if (tb < CHUNK) {
            reordered(re, im, n, t, m);
            return;
        }
        for (int lo = 0; lo < 1 << n; lo += 2 * tb) {
            for (int c = lo; c < lo + tb; c += CHUNK) {
                int h = c + tb;
                System.arraycopy(re, c, S0, 0, CHUNK);
                System.arraycopy(im, c, S1, 0, CHUNK);
                System.arraycopy(re, h, S2, 0, CHUNK);
                System.arraycopy(im, h, S3, 0, CHUNK);
                row(S0, S1, S2, S3, N0, N1, m[0], m[1], m[2], m[3]);
                row(S2, S3, S0, S1, S2, S3, m[6], m[7], m[4], m[5]);
                System.arraycopy(N0, 0, re, c, CHUNK);
                System.arraycopy(N1, 0, im, c, CHUNK);
                System.arraycopy(S2, 0, re, h, CHUNK);
                System.arraycopy(S3, 0, im, h, CHUNK);
            }
        }
    }

    static void floor(double[] re, double[] im, double c, double s) {
        for (int i = 0; i < re.length; i++) {
            double a = re[i], b = im[i];
            re[i] = c * a - s * b;
            im[i] = c * b + s * a;
        }
    }

    interface Kernel {
        void run(double[] re, double[] im, int n, int t, double[] m);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        double[] re = new double[1 << n], im = new double[1 << n];
        Random random = new Random(1);
        for (int i = 0; i < re.length; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        double[] u = {0.6, 0.0, -0.48, -0.64, 0.8, 0.0, 0.36, 0.48}; // a unitary 2x2, interleaved
        String[] names = {"pairs", "reordered", "scratch"};
        Kernel[] kernels = {PairLoop::pairs, PairLoop::reordered, PairLoop::scratch};
        int calls = n >= 20 ? 20 : 300;
        for (int round = 0; round < 3; round++) {
            long floor = Long.MAX_VALUE;
            for (int c = 0; c < calls; c++) {
                long t0 = System.nanoTime();
                floor(re, im, 0.6, 0.8);
                floor = Math.min(floor, System.nanoTime() - t0);
            }
            System.out.printf("round %d: floor %.1f us; least us per target t = 0 .. %d%n", round, floor / 1e3, n - 1);
            for (int k = 0; k < kernels.length; k++) {
                StringBuilder line = new StringBuilder();
                for (int t = 0; t < n; t++) {
                    long least = Long.MAX_VALUE;
                    for (int c = 0; c < calls; c++) {
                        long t0 = System.nanoTime();
                        kernels[k].run(re, im, n, t, u);
                        least = Math.min(least, System.nanoTime() - t0);
                    }
                    line.append(String.format(" %.0f", least / 1e3));
                }
                System.out.printf("  %-10s%s%n", names[k], line);
            }
        }
    }
}
