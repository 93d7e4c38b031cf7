package dev.qanvas.photonic;

/**
 * Permanents by Ryser's formula in Gray-code order, O(2^n n):
 * Perm(A) = (-1)^n sum over column subsets S of (-1)^|S| prod_rows sum_{j in S} A_ij,
 * each subset one column away from the last so the row sums update in O(n). Matrices are n x n,
 * row-major; the permanent of the 0 x 0 matrix is 1.
 */
public final class Permanents {

    private Permanents() {
    }

    /** The permanent of a complex matrix, as {re, im}. */
    public static double[] complex(double[] re, double[] im, int n) {
        if (n == 0) {
            return new double[] {1, 0};
        }
        double[] sr = new double[n], si = new double[n];
        double totalRe = 0, totalIm = 0;
        long subsets = 1L << n;
        long previous = 0;
        for (long k = 1; k < subsets; k++) {
            long gray = k ^ (k >> 1);
            int col = Long.numberOfTrailingZeros(gray ^ previous);
            double sign = (gray & (1L << col)) != 0 ? 1 : -1;
            previous = gray;
            double pr = 1, pi = 0;
            for (int r = 0; r < n; r++) {
                sr[r] += sign * re[r * n + col];
                si[r] += sign * im[r * n + col];
                double t = pr * sr[r] - pi * si[r];
                pi = pr * si[r] + pi * sr[r];
                pr = t;
            }
            if ((Long.bitCount(gray) & 1) == 1) {
                totalRe -= pr;
                totalIm -= pi;
            } else {
                totalRe += pr;
                totalIm += pi;
            }
        }
        double s = (n & 1) == 1 ? -1 : 1;
        return new double[] {s * totalRe, s * totalIm};
    }

    /** The permanent of a real matrix. */
    public static double real(double[] a, int n) {
        if (n == 0) {
            return 1;
        }
        double[] sums = new double[n];
        double total = 0;
        long subsets = 1L << n;
        long previous = 0;
        for (long k = 1; k < subsets; k++) {
            long gray = k ^ (k >> 1);
            int col = Long.numberOfTrailingZeros(gray ^ previous);
            double sign = (gray & (1L << col)) != 0 ? 1 : -1;
            previous = gray;
            double p = 1;
            for (int r = 0; r < n; r++) {
                sums[r] += sign * a[r * n + col];
                p *= sums[r];
            }
            total += (Long.bitCount(gray) & 1) == 1 ? -p : p;
        }
        return (n & 1) == 1 ? -total : total;
    }

    /**
     * The permanent and its gradient: d Perm / d A_kl is the permanent of the minor without row k
     * and column l. From Ryser's sum, (-1)^n sum over S containing l of (-1)^|S| prod_{r != k} rowsum_r(S),
     * O(2^n n^2). Returns {re, im} and fills {@code gRe}, {@code gIm} (n x n).
     */
    public static double[] complexWithGradient(double[] re, double[] im, int n, double[] gRe, double[] gIm) {
        java.util.Arrays.fill(gRe, 0, n * n, 0);
        java.util.Arrays.fill(gIm, 0, n * n, 0);
        if (n == 0) {
            return new double[] {1, 0};
        }
        double[] sr = new double[n], si = new double[n];
        double[] preRe = new double[n + 1], preIm = new double[n + 1], sufRe = new double[n + 1], sufIm = new double[n + 1];
        double totalRe = 0, totalIm = 0;
        long subsets = 1L << n;
        long previous = 0;
        for (long k = 1; k < subsets; k++) {
            long gray = k ^ (k >> 1);
            int col = Long.numberOfTrailingZeros(gray ^ previous);
            double sign = (gray & (1L << col)) != 0 ? 1 : -1;
            previous = gray;
            for (int r = 0; r < n; r++) {
                sr[r] += sign * re[r * n + col];
                si[r] += sign * im[r * n + col];
            }
            // products of the row sums before and after each row, so none is divided out
            preRe[0] = 1;
            preIm[0] = 0;
            for (int r = 0; r < n; r++) {
                preRe[r + 1] = preRe[r] * sr[r] - preIm[r] * si[r];
                preIm[r + 1] = preRe[r] * si[r] + preIm[r] * sr[r];
            }
            sufRe[n] = 1;
            sufIm[n] = 0;
            for (int r = n - 1; r >= 0; r--) {
                sufRe[r] = sufRe[r + 1] * sr[r] - sufIm[r + 1] * si[r];
                sufIm[r] = sufRe[r + 1] * si[r] + sufIm[r + 1] * sr[r];
            }
            double parity = (Long.bitCount(gray) & 1) == 1 ? -1 : 1;
            totalRe += parity * preRe[n];
            totalIm += parity * preIm[n];
            for (int r = 0; r < n; r++) {
                double without_r_Re = parity * (preRe[r] * sufRe[r + 1] - preIm[r] * sufIm[r + 1]);
                double without_r_Im = parity * (preRe[r] * sufIm[r + 1] + preIm[r] * sufRe[r + 1]);
                for (long bits = gray; bits != 0; bits &= bits - 1) {
                    int l = Long.numberOfTrailingZeros(bits);
                    gRe[r * n + l] += without_r_Re;
                    gIm[r * n + l] += without_r_Im;
                }
            }
        }
        double s = (n & 1) == 1 ? -1 : 1;
        for (int q = 0; q < n * n; q++) {
            gRe[q] *= s;
            gIm[q] *= s;
        }
        return new double[] {s * totalRe, s * totalIm};
    }

    /** The permanent of a real matrix and its gradient (as {@link #complexWithGradient}). */
    public static double realWithGradient(double[] a, int n, double[] g) {
        double[] zeros = new double[n * n];
        double[] gIm = new double[n * n];
        double p = complexWithGradient(a, zeros, n, g, gIm)[0];
        return p;
    }
}
