package dev.qanvas.quantum;

/**
 * What a Gram matrix says about a kernel (docs/kernels.md, "Diagnostics").
 *
 * <ul>
 *   <li><b>Kernel-target alignment</b> (Cristianini et al. 2001): A = &lt;K, T&gt;_F /
 *       (||K||_F ||T||_F) with the target matrix T_ij = +1 when points i and j have the same label
 *       and -1 otherwise (T = y y^T for labels y in {-1, +1}); ||T||_F = N. It lies in [-1, 1]; higher
 *       means the kernel's similarities follow the labels.</li>
 *   <li><b>Off-diagonal spread</b>: the mean and the variance of K_ij over pairs i &lt; j. For
 *       fidelity kernels the variance shrinks exponentially as qubits and reps grow (exponential
 *       concentration, Thanasilp et al. 2022): all points look alike, and telling kernel values
 *       apart needs exponentially many shots.</li>
 *   <li><b>Spectrum and effective dimension</b>: the eigenvalues of K, largest first, and the
 *       participation ratio d_eff = (sum lambda)^2 / sum lambda^2 = tr(K)^2 / ||K||_F^2, between 1
 *       (one direction) and N (K = I: every point orthogonal to every other, nothing generalises).</li>
 * </ul>
 */
public final class KernelDiagnostics {

    private KernelDiagnostics() {
    }

    /** Mean and variance of the off-diagonal entries (pairs i &lt; j), and their number. */
    public record Spread(double mean, double variance, long pairs) {
        public double standardDeviation() {
            return Math.sqrt(variance);
        }
    }

    /** Kernel-target alignment of {@code k} with integer class labels (any number of classes). */
    public static double alignment(double[][] k, int[] labels) {
        int n = requireSquare(k);
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " points but " + labels.length + " labels");
        }
        double dot = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dot += labels[i] == labels[j] ? k[i][j] : -k[i][j];
                norm += k[i][j] * k[i][j];
            }
        }
        return norm == 0 ? 0 : dot / (Math.sqrt(norm) * n);
    }

    /** The spread of the off-diagonal values (zero pairs for one point). */
    public static Spread offDiagonal(double[][] k) {
        int n = requireSquare(k);
        long pairs = (long) n * (n - 1) / 2;
        if (pairs == 0) {
            return new Spread(Double.NaN, Double.NaN, 0);
        }
        double mean = 0, m2 = 0;
        long count = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                count++;
                double d = k[i][j] - mean; // Welford: stable for values crowded near one number
                mean += d / count;
                m2 += d * (k[i][j] - mean);
            }
        }
        return new Spread(mean, m2 / pairs, pairs);
    }

    /** The eigenvalues of the symmetric matrix {@code k}, largest first ({@link HermitianEigen}). */
    public static double[] spectrum(double[][] k) {
        int n = requireSquare(k);
        double[] re = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(k[i], 0, re, i * n, n);
        }
        return HermitianEigen.eigenvalues(re, new double[n * n], n);
    }

    /** The participation ratio tr(K)^2 / ||K||_F^2 = (sum lambda)^2 / sum lambda^2. */
    public static double effectiveDimension(double[][] k) {
        int n = requireSquare(k);
        double trace = 0, frob = 0;
        for (int i = 0; i < n; i++) {
            trace += k[i][i];
            for (int j = 0; j < n; j++) {
                frob += k[i][j] * k[i][j];
            }
        }
        return frob == 0 ? 0 : trace * trace / frob;
    }

    private static int requireSquare(double[][] k) {
        int n = k.length;
        for (double[] row : k) {
            if (row.length != n) {
                throw new IllegalArgumentException("a Gram matrix is square; a row has " + row.length + " entries, not " + n);
            }
        }
        return n;
    }
}
