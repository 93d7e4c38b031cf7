package dev.qanvas.nn.kernel;

import dev.qanvas.nn.NumericEngine;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Principal component analysis fitted on the training split only: the mean and the top k
 * eigenvectors of the training covariance (LAPACK's symmetric eigensolver through ND4J), then
 * every point, training or test, is centred on the training mean and projected on them. Each
 * component's sign is fixed so that its largest-magnitude entry is positive, so a fit is
 * reproducible. The covariance is d x d: fine for pixels (784 for MNIST, 3072 for CIFAR-10).
 */
public final class Pca {

    private final double[] mean;
    private final double[][] components; // k x d, unit rows, by decreasing variance
    private final double[] variances;

    private Pca(double[] mean, double[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /** Fits k components on {@code trainRows} (at least two rows of the same length). */
    public static Pca fit(double[][] trainRows, int k) {
        int n = trainRows.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least two training rows, not " + n);
        }
        int d = trainRows[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("PCA to " + k + " components of " + d + " features");
        }
        NumericEngine.start();
        double[] mean = new double[d];
        for (double[] row : trainRows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] centred = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i * d + j] = trainRows[i][j] - mean[j];
            }
        }
        INDArray x = Nd4j.create(centred, new long[] {n, d}, 'c');
        INDArray covariance = x.transpose().mmul(x).divi(n - 1).dup('c');
        // On return the matrix holds the eigenvectors as columns, eigenvalues ascending (checked in PcaTest).
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(covariance, true);
        double[][] vectors = covariance.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] eigen = values.castTo(DataType.DOUBLE).toDoubleVector();
        double[][] components = new double[k][d];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            int column = d - 1 - c;
            variances[c] = Math.max(0, eigen[column]);
            int largest = 0;
            for (int j = 0; j < d; j++) {
                components[c][j] = vectors[j][column];
                if (Math.abs(components[c][j]) > Math.abs(components[c][largest])) {
                    largest = j;
                }
            }
            if (components[c][largest] < 0) {
                for (int j = 0; j < d; j++) {
                    components[c][j] = -components[c][j];
                }
            }
        }
        return new Pca(mean, components, variances);
    }

    public int components() {
        return components.length;
    }

    /** The training mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** Component {@code c} (0 = most variance), a unit vector over the input features. */
    public double[] component(int c) {
        return components[c].clone();
    }

    /** The training variance along each component (the covariance eigenvalues, n - 1 denominator). */
    public double[] variances() {
        return variances.clone();
    }

    /** The coordinates of {@code row} on the components, after centring on the training mean. */
    public double[] transform(double[] row) {
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double s = 0;
            double[] v = components[c];
            for (int j = 0; j < v.length; j++) {
                s += (row[j] - mean[j]) * v[j];
            }
            out[c] = s;
        }
        return out;
    }

    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }
}
