package dev.qanvas.nn.kernel;

import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;

/**
 * The classical baseline: LIBSVM's C-SVC with its own RBF kernel exp(-gamma |x - y|^2) on feature
 * vectors (one-vs-one for several classes). Same library and solver as {@link PrecomputedKernelSvm},
 * so the two differ only in the kernel.
 */
public final class RbfSvm implements Learner {

    private final double[][] features;
    private final int[] labels;
    private final double c;
    private final double[] classWeights;
    private final double gamma;

    private RbfSvm(double[][] features, int[] labels, double c, double gamma, double[] classWeights) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " rows but " + labels.length + " labels");
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be positive and finite, not " + gamma);
        }
        this.features = features;
        this.labels = labels;
        this.c = c;
        this.gamma = gamma;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    /** A learner on the pool's feature rows (not copied) and labels. */
    public static RbfSvm learner(double[][] features, int[] labels, double c, double gamma) {
        return learner(features, labels, c, gamma, null);
    }

    /** With class k's C multiplied by {@code classWeights[k]} (null for none). */
    public static RbfSvm learner(double[][] features, int[] labels, double c, double gamma, double[] classWeights) {
        Libsvm.cSvc(svm_parameter.RBF, c, gamma, classWeights);
        return new RbfSvm(features, labels, c, gamma, classWeights);
    }

    /**
     * scikit-learn's {@code gamma = "scale"}: 1 / (features x variance of all values) of the given
     * rows. Compute it on the training split only.
     */
    public static double scaleGamma(double[][] trainRows) {
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        for (double[] row : trainRows) {
            for (double v : row) {
                sum += v;
                sumSq += v * v;
                count++;
            }
        }
        double mean = sum / count;
        double variance = sumSq / count - mean * mean;
        int d = trainRows[0].length;
        return variance > 0 ? 1.0 / (d * variance) : 1.0;
    }

    @Override
    public String name() {
        return "RBF SVM (LIBSVM, one-vs-one), C = " + c + ", gamma = " + gamma + Libsvm.weightsText(classWeights);
    }

    @Override
    public Fitted fit(int[] trainIndices) {
        svm_node[][] x = new svm_node[trainIndices.length][];
        for (int a = 0; a < x.length; a++) {
            x[a] = sparse(features[trainIndices[a]]);
        }
        svm_model model = Libsvm.train(x, Libsvm.labelsAt(labels, trainIndices), Libsvm.cSvc(svm_parameter.RBF, c, gamma, classWeights));
        return indices -> {
            int[] out = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                out[k] = Libsvm.predict(model, sparse(features[indices[k]]));
            }
            return out;
        };
    }

    /** LIBSVM's sparse row: 1-based indices, zeros left out (pixels are mostly zero). */
    static svm_node[] sparse(double[] row) {
        int nonZero = 0;
        for (double v : row) {
            if (v != 0) {
                nonZero++;
            }
        }
        svm_node[] nodes = new svm_node[nonZero];
        int k = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] != 0) {
                nodes[k++] = Libsvm.node(j + 1, row[j]);
            }
        }
        return nodes;
    }
}
