package dev.qanvas.nn.kernel;

import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/** The few calls Qanvas makes into LIBSVM (C-SVC, one-vs-one for several classes). */
final class Libsvm {

    static {
        // LIBSVM prints its optimiser's progress to stdout unless told otherwise; the setting is global.
        svm.svm_set_print_string_function(s -> { });
    }

    private Libsvm() {
    }

    /** C-SVC parameters with LIBSVM's defaults (eps 1e-3, shrinking on, no probability model). */
    static svm_parameter cSvc(int kernelType, double c, double gamma) {
        return cSvc(kernelType, c, gamma, null);
    }

    /**
     * With class weights: class k's C is {@code c * classWeights[k]} (labels 0..k-1; null for all
     * 1). Same as repeating each point of class k that many times, when the weight is whole.
     */
    static svm_parameter cSvc(int kernelType, double c, double gamma, double[] classWeights) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("C must be positive and finite, not " + c);
        }
        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.C_SVC;
        p.kernel_type = kernelType;
        p.C = c;
        p.gamma = gamma;
        p.degree = 3;
        p.coef0 = 0;
        p.cache_size = 200; // MB of kernel rows; only matters for kernels LIBSVM computes itself
        p.eps = 1e-3;
        p.shrinking = 1;
        p.probability = 0; // the probability model runs an internal cross-validation on svm.rand, which is not seeded
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        if (classWeights != null) {
            for (double w : classWeights) {
                if (!(w > 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("class weights must be positive and finite, not " + w);
                }
            }
            p.nr_weight = classWeights.length;
            p.weight_label = java.util.stream.IntStream.range(0, classWeights.length).toArray();
            p.weight = classWeights.clone();
        }
        p.nu = 0.5;
        p.p = 0.1;
        return p;
    }

    /** ", class weights [1.0, 2.0]", or nothing. */
    static String weightsText(double[] classWeights) {
        return classWeights == null ? "" : ", class weights " + java.util.Arrays.toString(classWeights);
    }

    static svm_model train(svm_node[][] x, int[] labels, svm_parameter param) {
        svm_problem problem = new svm_problem();
        problem.l = x.length;
        problem.x = x;
        problem.y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            problem.y[i] = labels[i];
        }
        String error = svm.svm_check_parameter(problem, param);
        if (error != null) {
            throw new IllegalArgumentException("LIBSVM: " + error);
        }
        return svm.svm_train(problem, param);
    }

    static int predict(svm_model model, svm_node[] x) {
        return (int) Math.round(svm.svm_predict(model, x));
    }

    static svm_node node(int index, double value) {
        svm_node n = new svm_node();
        n.index = index;
        n.value = value;
        return n;
    }

    static int[] labelsAt(int[] labels, int[] indices) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = labels[indices[k]];
        }
        return out;
    }
}
