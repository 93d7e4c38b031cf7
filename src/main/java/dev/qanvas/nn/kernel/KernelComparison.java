package dev.qanvas.nn.kernel;

import java.util.List;

/**
 * Issue 17's comparison in one call: the SVM on a given Gram matrix (the quantum kernel) beside
 * the classical baselines on the same features, the RBF SVM and the random forest, all with the
 * same seeded folds and the same held-out test split.
 */
public final class KernelComparison {

    private KernelComparison() {
    }

    /**
     * @param c        the SVMs' C
     * @param rbfGamma the RBF baseline's gamma; NaN for {@link RbfSvm#scaleGamma} of the training rows
     * @param trees    the random forest's size
     * @param folds    cross-validation folds
     * @param seed     folds and forest
     * @param classWeights the SVMs' C multiplier for class k (LIBSVM's weight), or null for all 1; the forest is unweighted
     */
    public record Settings(double c, double rbfGamma, int trees, int folds, long seed, double[] classWeights) {

        public Settings(double c, double rbfGamma, int trees, int folds, long seed) {
            this(c, rbfGamma, trees, folds, seed, null);
        }

        public Settings withClassWeights(double[] weights) {
            return new Settings(c, rbfGamma, trees, folds, seed, weights);
        }

        /** C = 1, gamma "scale", 100 trees, five folds, seed 42. */
        public static Settings defaults() {
            return new Settings(1, Double.NaN, 100, 5, 42);
        }

        public Settings withSeed(long newSeed) {
            return new Settings(c, rbfGamma, trees, folds, newSeed, classWeights);
        }
    }

    /**
     * Reports in this order: SVM on {@code gram}, RBF SVM, random forest. {@code gram} covers the
     * pool of {@code features} ({@link FeatureSplit#allRows()}: rows = all points, columns at least
     * the training split).
     */
    public static List<CrossValidation.Report> run(FeatureSplit features, double[][] gram, Settings settings) {
        return run(features, gram, settings, (learner, fold) -> { });
    }

    /** Hears each fold as it finishes: the learner's place in the reports (0 SVM, 1 RBF SVM, 2 forest) and the fold. */
    public interface FoldListener {
        void fold(int learner, CrossValidation.Fold fold);
    }

    /** As {@link #run(FeatureSplit, double[][], Settings)}, the learners one after the other, each fold told to {@code folds}. */
    public static List<CrossValidation.Report> run(FeatureSplit features, double[][] gram, Settings settings, FoldListener folds) {
        double[][] rows = features.allRows();
        int[] labels = features.allLabels();
        int n = features.trainCount();
        double gamma = Double.isNaN(settings.rbfGamma()) ? RbfSvm.scaleGamma(features.trainRows()) : settings.rbfGamma();
        List<Learner> learners = List.of(PrecomputedKernelSvm.learner(gram, labels, settings.c(), settings.classWeights()),
                RbfSvm.learner(rows, labels, settings.c(), gamma, settings.classWeights()), RandomForest.learner(rows, labels, settings.trees(), settings.seed()));
        List<CrossValidation.Report> reports = new java.util.ArrayList<>();
        for (int k = 0; k < learners.size(); k++) {
            int learner = k;
            reports.add(CrossValidation.run(learners.get(k), labels, n, settings.folds(), settings.seed(), f -> folds.fold(learner, f)));
        }
        return List.copyOf(reports);
    }
}
