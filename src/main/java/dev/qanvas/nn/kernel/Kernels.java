package dev.qanvas.nn.kernel;

/**
 * Classical Gram matrices in the layout {@link PrecomputedKernelSvm} reads (rows and columns =
 * pool points): baselines and checks for the quantum kernel, which arrives in the same shape.
 */
public final class Kernels {

    private Kernels() {
    }

    /** k(x, y) = x . y for every pair of rows. */
    public static double[][] linear(double[][] rows) {
        int n = rows.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int f = 0; f < rows[i].length; f++) {
                    dot += rows[i][f] * rows[j][f];
                }
                k[i][j] = dot;
                k[j][i] = dot;
            }
        }
        return k;
    }

    /** k(x, y) = exp(-gamma |x - y|^2) for every pair of rows, LIBSVM's RBF. */
    public static double[][] rbf(double[][] rows, double gamma) {
        int n = rows.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            k[i][i] = 1;
            for (int j = 0; j < i; j++) {
                double sq = 0;
                for (int f = 0; f < rows[i].length; f++) {
                    double d = rows[i][f] - rows[j][f];
                    sq += d * d;
                }
                k[i][j] = Math.exp(-gamma * sq);
                k[j][i] = k[i][j];
            }
        }
        return k;
    }
}
