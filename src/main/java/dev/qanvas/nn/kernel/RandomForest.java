package dev.qanvas.nn.kernel;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The second classical baseline: Tribuo's random forest (bagged CART trees with Gini impurity,
 * sqrt(d) features tried per split, unlimited depth, majority vote), multi-class natively.
 * Seeded: the same seed and training points give the same forest.
 */
public final class RandomForest implements Learner {

    private static final LabelFactory LABELS = new LabelFactory();
    /** Tribuo logs a line per tree at INFO; held here so the setting outlives garbage collection. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final double[][] features;
    private final int[] labels;
    private final int trees;
    private final long seed;
    private final String[] featureNames;

    private RandomForest(double[][] features, int[] labels, int trees, long seed) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " rows but " + labels.length + " labels");
        }
        if (trees < 1) {
            throw new IllegalArgumentException("a forest needs at least one tree, not " + trees);
        }
        this.features = features;
        this.labels = labels;
        this.trees = trees;
        this.seed = seed;
        int d = features.length == 0 ? 0 : features[0].length;
        featureNames = new String[d];
        for (int j = 0; j < d; j++) {
            featureNames[j] = String.format("f%06d", j); // Tribuo orders features by name: keep column order
        }
    }

    /** A learner on the pool's feature rows (not copied) and labels, with {@code trees} trees. */
    public static RandomForest learner(double[][] features, int[] labels, int trees, long seed) {
        return new RandomForest(features, labels, trees, seed);
    }

    @Override
    public String name() {
        return "random forest (Tribuo), " + trees + " trees, seed " + seed;
    }

    @Override
    public Fitted fit(int[] trainIndices) {
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("qanvas features", LABELS), LABELS);
        for (int i : trainIndices) {
            data.add(example(i, new Label(Integer.toString(labels[i]))));
        }
        int d = featureNames.length;
        float fraction = d == 0 ? 1f : (float) Math.min(1.0, Math.max(1.0, Math.sqrt(d)) / d);
        // A new trainer per fit: Tribuo trainers advance their random stream with every train call,
        // so reusing one would make the refit depend on how many folds ran before it.
        CARTClassificationTrainer tree = new CARTClassificationTrainer(Integer.MAX_VALUE, 1f, 0f, fraction, false, new GiniIndex(), seed);
        Model<Label> model = new RandomForestTrainer<>(tree, new VotingCombiner(), trees, seed).train(data);
        return indices -> {
            int[] out = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                out[k] = Integer.parseInt(model.predict(example(indices[k], LABELS.getUnknownOutput())).getOutput().getLabel());
            }
            return out;
        };
    }

    private ArrayExample<Label> example(int point, Label label) {
        return new ArrayExample<>(label, featureNames, features[point]);
    }
}
