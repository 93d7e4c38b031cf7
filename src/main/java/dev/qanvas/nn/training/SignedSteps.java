package dev.qanvas.nn.training;

import java.util.Random;

/**
 * The L-infinity steps of FGSM (Goodfellow et al. 2015) and PGD (Madry et al. 2018) in pixel
 * units: the one implementation of the signed-gradient step and of the projection onto the
 * epsilon ball and the pixel range, used by adversarial training ({@link AdversarialExamples})
 * and by {@code insight.Attacks}. Gradients are d loss / d pixel.
 */
public final class SignedSteps {

    private SignedSteps() {
    }

    /** FGSM: one step of {@code eps} along the sign of the gradient, clipped to the pixel range. */
    public static double[] fgsm(double[] pixels, double[] gradient, double eps, PixelSpace space) {
        double[] out = new double[pixels.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = space.clip(pixels[k] + eps * Math.signum(gradient[k]));
        }
        return out;
    }

    /**
     * PGD's start: {@code origin} moved by a uniform random point of the epsilon ball when
     * {@code random} is given (else not moved), clipped to the pixel range.
     */
    public static double[] start(double[] origin, double eps, Random random, PixelSpace space) {
        double[] out = new double[origin.length];
        for (int k = 0; k < out.length; k++) {
            double offset = random != null ? (2 * random.nextDouble() - 1) * eps : 0;
            out[k] = space.clip(origin[k] + offset);
        }
        return out;
    }

    /**
     * One PGD step, in place: {@code x} moves by {@code alpha} along the sign of the gradient, then
     * back onto the epsilon ball around {@code origin} and into the pixel range.
     */
    public static void pgdStep(double[] x, double[] origin, double[] gradient, double alpha, double eps, PixelSpace space) {
        for (int k = 0; k < x.length; k++) {
            double v = x[k] + alpha * Math.signum(gradient[k]);
            v = Math.max(origin[k] - eps, Math.min(origin[k] + eps, v));
            x[k] = space.clip(v);
        }
    }
}
