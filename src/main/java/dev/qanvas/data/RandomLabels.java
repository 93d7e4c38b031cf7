package dev.qanvas.data;

import java.util.Random;

/**
 * Replaces every training label by one drawn uniformly from all classes with {@code seed}, and,
 * with {@code randomPixels}, every training pixel by a Gaussian draw with the mean and standard
 * deviation of the training split's pixels: the "random labels" and "Gaussian" corruptions of
 * Zhang et al. (2017), "Understanding deep learning requires rethinking generalization". The test
 * split is never touched, so test accuracy shows chance when the network only memorised.
 */
public record RandomLabels(long seed, boolean randomPixels) implements Transform {

    @Override
    public Dataset apply(Dataset d) {
        if (d.classCount() < 1) {
            throw new IllegalArgumentException("random labels need at least one class");
        }
        ImageSet train = d.train();
        Random random = new Random(seed);
        int[] labels = new int[train.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(d.classCount());
        }
        ImageSet out = randomPixels ? gaussianPixels(train, labels, random) : train.withLabels(labels);
        return d.withSplits(d.classNames(), out, d.test());
    }

    private static ImageSet gaussianPixels(ImageSet train, int[] labels, Random random) {
        double[] meanAndStd = train.meanAndStd();
        double mean = meanAndStd[0];
        double std = meanAndStd[1];
        long n = (long) train.size() * train.featureCount();
        if (n > Integer.MAX_VALUE - 8 || n * Float.BYTES > Limits.heapBudget()) {
            // as Resize does: the random pixels are floats, four times a byte-backed dataset
            throw new IllegalArgumentException("random pixels for " + Limits.count(train.size()) + " training images need "
                    + n * Float.BYTES / (1 << 20) + " MiB, more than this JVM's budget: use fewer images or a larger -Xmx");
        }
        float[] pixels = new float[(int) n];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (float) (mean + std * random.nextGaussian());
        }
        return ImageSet.ofFloats(train.width(), train.height(), train.channels(), pixels, labels);
    }

    @Override
    public String describe() {
        return "Random labels" + (randomPixels ? " and random pixels" : "") + " (seed " + seed + ")";
    }
}
