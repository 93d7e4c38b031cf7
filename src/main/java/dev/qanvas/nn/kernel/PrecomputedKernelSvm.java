package dev.qanvas.nn.kernel;

import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;

/**
 * LIBSVM's C-SVC on a precomputed kernel (kernel_type PRECOMPUTED): it never sees features, only
 * Gram matrix entries, so the quantum kernel of issue 17 and any classical one plug in alike.
 * Several classes are handled by LIBSVM's one-vs-one voting.
 *
 * <p>The Gram matrix covers the whole pool: {@code gram[i][j] = k(x_i, x_j)} for every pool point
 * {@code i} (rows: training split then test split) and at least every point {@code j} that a fit
 * may train on (columns: the training split; a square matrix of all points works too). A fit on
 * indices T trains on the block {@code gram[T][T]} and predicts point {@code v} from the row
 * {@code gram[v][T]}, so the matrix is computed once for all folds.
 */
public final class PrecomputedKernelSvm implements Learner {

    private final double[][] gram;
    private final int[] labels;
    private final double c;
    private final double[] classWeights;

    private PrecomputedKernelSvm(double[][] gram, int[] labels, double c, double[] classWeights) {
        if (gram.length != labels.length) {
            throw new IllegalArgumentException(gram.length + " Gram rows but " + labels.length + " labels");
        }
        this.gram = gram;
        this.labels = labels;
        this.c = c;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    /**
     * A learner on {@code gram} (rows = all pool points, not copied) with the pool's labels and the
     * SVM's C. Every entry must be finite: LIBSVM would train on a NaN without a word.
     */
    public static PrecomputedKernelSvm learner(double[][] gram, int[] labels, double c) {
        return learner(gram, labels, c, null);
    }

    /** {@link #learner(double[][], int[], double)} with class k's C multiplied by {@code classWeights[k]} (null for none). */
    public static PrecomputedKernelSvm learner(double[][] gram, int[] labels, double c, double[] classWeights) {
        Libsvm.cSvc(svm_parameter.PRECOMPUTED, c, 0, classWeights); // checks C and weights now rather than at the first fit
        for (int i = 0; i < gram.length; i++) {
            for (int j = 0; j < gram[i].length; j++) {
                if (!Double.isFinite(gram[i][j])) {
                    throw new IllegalArgumentException("Gram matrix entry (" + i + ", " + j + ") is " + gram[i][j]);
                }
            }
        }
        return new PrecomputedKernelSvm(gram, labels, c, classWeights);
    }

    @Override
    public String name() {
        return "precomputed-kernel SVM (LIBSVM, one-vs-one), C = " + c + Libsvm.weightsText(classWeights);
    }

    @Override
    public Fitted fit(int[] trainIndices) {
        svm_model model = train(trainIndices);
        return indices -> {
            int[] out = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                // Prediction looks up column sv[0].value of this row for each support vector.
                out[k] = Libsvm.predict(model, row(indices[k], trainIndices, 0));
            }
            return out;
        };
    }

    private svm_model train(int[] trainIndices) {
        int n = trainIndices.length;
        int widest = java.util.Arrays.stream(trainIndices).max().orElse(-1);
        for (int i = 0; i < gram.length; i++) {
            if (gram[i].length <= widest) {
                throw new IllegalArgumentException("Gram row " + i + " has " + gram[i].length
                        + " columns; training on point " + widest + " needs at least " + (widest + 1));
            }
        }
        svm_node[][] x = new svm_node[n][];
        for (int a = 0; a < n; a++) {
            // LIBSVM's layout for precomputed kernels: node 0 holds the sample's serial number
            // (1-based), node j holds k(x_a, x_j) for training sample j.
            x[a] = row(trainIndices[a], trainIndices, a + 1);
        }
        return Libsvm.train(x, Libsvm.labelsAt(labels, trainIndices), Libsvm.cSvc(svm_parameter.PRECOMPUTED, c, 0, classWeights));
    }

    /**
     * The support vectors of the SVM fitted on {@code trainIndices}: the pool indices of the
     * training points with a non-zero dual coefficient, ascending (LIBSVM's {@code sv_indices}).
     */
    public int[] supportVectors(int[] trainIndices) {
        svm_model model = train(trainIndices);
        int[] out = new int[model.l];
        for (int k = 0; k < model.l; k++) {
            out[k] = trainIndices[model.sv_indices[k] - 1]; // 1-based into the training rows
        }
        java.util.Arrays.sort(out);
        return out;
    }

    private svm_node[] row(int point, int[] columns, int serial) {
        double[] g = gram[point];
        svm_node[] nodes = new svm_node[columns.length + 1];
        nodes[0] = Libsvm.node(0, serial);
        for (int j = 0; j < columns.length; j++) {
            nodes[j + 1] = Libsvm.node(j + 1, g[columns[j]]);
        }
        return nodes;
    }
}
