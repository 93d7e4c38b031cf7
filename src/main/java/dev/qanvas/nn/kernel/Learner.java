package dev.qanvas.nn.kernel;

/**
 * A classifier over a fixed pool of points, fitted on some of them and asked about others, both
 * named by index. The pool is the training split followed by the test split (see
 * {@link FeatureSplit#allRows()}), so a precomputed kernel can hold the Gram matrix of every point
 * once and each fit only slices it. {@link CrossValidation} drives a learner.
 */
public interface Learner {

    /** What the reports call it ("precomputed-kernel SVM, C = 1"). */
    String name();

    /** Fits on the pool points {@code trainIndices}; the learner reads no other point's label. */
    Fitted fit(int[] trainIndices);

    /** A fitted model. */
    interface Fitted {
        /** The predicted class of each pool point in {@code indices}. */
        int[] predict(int[] indices);
    }
}
