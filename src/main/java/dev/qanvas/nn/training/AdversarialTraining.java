package dev.qanvas.nn.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Adversarial training (part of {@link TrainingSettings}): in every batch, a share {@code ratio}
 * of the images is replaced by adversarial versions crafted against the current weights, labels
 * unchanged, so the model learns to resist small perturbations (Goodfellow et al. 2015 with FGSM,
 * Madry et al. 2018 with PGD). {@code epsilon} is in pixel units ({@link PixelSpace}); PGD takes
 * {@code steps} steps of 2.5 * epsilon / steps from a random start in the epsilon ball. With
 * method NONE the other values are kept (so switching back restores them) but nothing happens.
 */
public record AdversarialTraining(Method method, double epsilon, double ratio, int steps) {

    public enum Method {
        NONE, FGSM, PGD;

        /** "none", "fgsm" or "pgd", any case. */
        public static Method parse(String text) {
            for (Method m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown adversarial method '" + text + "': use none, fgsm or pgd");
        }
    }

    /** Largest epsilon: half the pixel range already erases most images. */
    public static final double MAX_EPSILON = 0.5;
    public static final int MAX_STEPS = 100;
    /** PGD's step size is this times epsilon over the steps (Madry et al. use 2.5, as {@code insight.Attacks} does). */
    public static final double PGD_STEP_SCALE = 2.5;

    public AdversarialTraining {
        method = method == null ? Method.NONE : method;
        if (!(epsilon >= 0 && epsilon <= MAX_EPSILON)) {
            throw new IllegalArgumentException("adversarial epsilon must be in [0, " + MAX_EPSILON + "] pixel units: " + epsilon);
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("adversarial ratio must be in [0, 1]: " + ratio);
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("PGD steps must be 1.." + MAX_STEPS + ": " + steps);
        }
    }

    /**
     * As a project file has it: a value left out takes {@link #none()}'s, and the method is read
     * in any case, as the command line reads it, so a hand-written section needs only what it changes.
     */
    @JsonCreator
    static AdversarialTraining fromFile(@JsonProperty("method") String method, @JsonProperty("epsilon") Double epsilon,
                                        @JsonProperty("ratio") Double ratio, @JsonProperty("steps") Integer steps) {
        AdversarialTraining d = none();
        return new AdversarialTraining(method == null ? Method.NONE : Method.parse(method), epsilon == null ? d.epsilon() : epsilon,
                ratio == null ? d.ratio() : ratio, steps == null ? d.steps() : steps);
    }

    /** Off, with the values the controls start from. */
    public static AdversarialTraining none() {
        return new AdversarialTraining(Method.NONE, 0.1, 0.5, 7);
    }

    /** Whether training changes anything: a method, and a ratio and epsilon above 0. */
    public boolean active() {
        return method != Method.NONE && ratio > 0 && epsilon > 0;
    }

    /** How many images of a batch of {@code n} are replaced: the ratio, rounded (0 when inactive). */
    public int replaced(int n) {
        return active() ? (int) Math.round(ratio * n) : 0;
    }

    public AdversarialTraining withMethod(Method m) {
        return new AdversarialTraining(m, epsilon, ratio, steps);
    }

    /** "FGSM, epsilon 0.1, 50% of each batch", "PGD (7 steps), ...", or "none". */
    public String describe() {
        if (method == Method.NONE) {
            return "none";
        }
        String name = method == Method.PGD ? "PGD (" + steps + " steps)" : "FGSM";
        return String.format(Locale.ROOT, "%s, epsilon %s, %d%% of each batch", name,
                Double.toString(epsilon).replaceAll("\\.?0+$", ""), Math.round(ratio * 100));
    }
}
