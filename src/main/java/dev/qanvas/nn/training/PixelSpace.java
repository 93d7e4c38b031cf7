package dev.qanvas.nn.training;

/**
 * Where adversarial examples are made: model value = pixel * scale + shift (a project's
 * normalisation as one affine map; {@code insight.InputPipeline} reads it off the transform
 * chain), valid pixels in [lo, hi]. Attacks and adversarial training both perturb in pixel units,
 * so epsilon 0.1 means a tenth of the pixel range whatever the Normalise step does.
 */
public record PixelSpace(double scale, double shift, double lo, double hi) {
    public PixelSpace {
        if (!(scale != 0) || !Double.isFinite(scale) || !Double.isFinite(shift) || !(lo < hi)) {
            throw new IllegalArgumentException("no pixel space with scale " + scale + ", shift " + shift
                    + ", range [" + lo + ", " + hi + "]");
        }
    }

    /** Pixel values in [0, 1] reaching the model as they are. */
    public static PixelSpace identity() {
        return new PixelSpace(1, 0, 0, 1);
    }

    public double[] toModel(double[] pixels) {
        double[] out = new double[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = pixels[i] * scale + shift;
        }
        return out;
    }

    public double[][] toModel(double[][] pixels) {
        double[][] out = new double[pixels.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = toModel(pixels[i]);
        }
        return out;
    }

    public double[] toPixels(double[] modelInput) {
        double[] out = new double[modelInput.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (modelInput[i] - shift) / scale;
        }
        return out;
    }

    /** The nearest valid pixel value. */
    public double clip(double v) {
        return Math.max(lo, Math.min(hi, v));
    }
}
