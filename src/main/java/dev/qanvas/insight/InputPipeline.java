package dev.qanvas.insight;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import dev.qanvas.nn.training.PixelSpace;

/**
 * What a project's transform chain does to one new raw image (a digit drawn by hand), so it
 * reaches the model exactly as the test images did. Every transform is either a class subset
 * (it chooses images, not pixels), a resize (linear, weights summing to 1) or a normalisation
 * (value * scale + shift, with statistics of the training split). A resize commutes with an
 * affine map, so the whole chain is: resize to the final size, then one affine map. The affine
 * map is read off the project's own Normalise step by passing two constant images (0 and 1)
 * through it beside the training split it takes its statistics from, so it matches what the
 * chain does to the test split to float rounding.
 */
public final class InputPipeline {

    private final int rawWidth;
    private final int rawHeight;
    private final int channels;
    private final int width;
    private final int height;
    private final float scale;
    private final float shift;

    private InputPipeline(int rawWidth, int rawHeight, int channels, int width, int height, float scale, float shift) {
        this.rawWidth = rawWidth;
        this.rawHeight = rawHeight;
        this.channels = channels;
        this.width = width;
        this.height = height;
        this.scale = scale;
        this.shift = shift;
    }

    /** The pipeline of {@code chain} applied to {@code raw}; walks the training split once per Normalise step. */
    public static InputPipeline of(Dataset raw, TransformChain chain) {
        Dataset stage = raw;
        float scale = 1f;
        float shift = 0f;
        for (Transform step : chain.steps()) {
            if (step instanceof Transform.Normalise) {
                int n = stage.train().featureCount();
                float[] constant = new float[2 * n];
                java.util.Arrays.fill(constant, n, 2 * n, 1f);
                ImageSet probe = ImageSet.ofFloats(stage.width(), stage.height(), stage.channels(), constant, new int[] {0, 0});
                ImageSet out = step.apply(stage.withSplits(stage.classNames(), stage.train(), probe)).test();
                float at0 = out.value(0, 0);
                float at1 = out.value(1, 0);
                float stepScale = at1 - at0;
                scale = scale * stepScale;
                shift = shift * stepScale + at0;
            }
            stage = step.apply(stage);
        }
        return new InputPipeline(raw.width(), raw.height(), raw.channels(), stage.width(), stage.height(), scale, shift);
    }

    public int rawWidth() { return rawWidth; }
    public int rawHeight() { return rawHeight; }
    /** Width of the model's input image. */
    public int width() { return width; }
    /** Height of the model's input image. */
    public int height() { return height; }
    public int channels() { return channels; }
    /** The normalisation as one affine map: model value = pixel value * scale + shift (1 and 0 without Normalise). */
    public double scale() { return scale; }
    public double shift() { return shift; }

    /**
     * Where attacks and adversarial training perturb images: this pipeline's affine map, over the
     * range [0, 1] when the raw training values lie in it (every bundled image set), else their
     * own [min, max].
     */
    public PixelSpace pixelSpace(ImageSet rawTrain) {
        float[] range = rawTrain.valueRange();
        boolean unit = range[0] >= 0 && range[1] <= 1;
        double lo = unit ? 0 : range[0];
        double hi = unit ? 1 : range[1];
        return new PixelSpace(scale == 0 ? 1 : scale, scale == 0 ? 0 : shift, lo, hi < lo + 1e-12 ? lo + 1 : hi);
    }

    /** The model input (HWC, as ImageSet stores it) for one raw image of the dataset's raw shape. */
    public float[] apply(float[] rawImage) {
        if (rawImage.length != rawWidth * rawHeight * channels) {
            throw new IllegalArgumentException("expected a " + rawWidth + " x " + rawHeight + " x " + channels
                    + " image, got " + rawImage.length + " values");
        }
        ImageSet one = ImageSet.ofFloats(rawWidth, rawHeight, channels, rawImage, new int[] {0});
        if (width != rawWidth || height != rawHeight) {
            one = Transform.Resize.resize(one, width, height);
        }
        float[] out = one.image(0);
        for (int k = 0; k < out.length; k++) {
            out[k] = out[k] * scale + shift;
        }
        return out;
    }
}
