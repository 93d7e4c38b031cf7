package dev.qanvas.photonic;

import java.math.BigInteger;

/**
 * The sizes the photonic engine accepts, checked before anything is allocated (docs/photonic.md,
 * docs/security.md). A refusal names the size asked for and the limit.
 */
public final class PhotonicLimits {

    /** Most modes in a circuit. */
    public static final int MAX_MODES = 64;
    /** Most photons in an input state: a permanent of n photons costs about n 2^n steps. */
    public static final int MAX_PHOTONS = 20;
    /** Most components in a circuit. */
    public static final int MAX_COMPONENTS = 100_000;
    /** Most output occupations enumerated for one input: C(m + n - 1, n). */
    public static final long MAX_OUTPUT_STATES = 1_000_000;
    /**
     * Most permanent steps for one distribution: states x n x 2^n complex multiply-adds (1.0e9 took
     * 20 s on a shared core here: 16 modes, 8 photons, docs/photonic.md).
     */
    public static final long MAX_PERMANENT_STEPS = 2_000_000_000L;

    private PhotonicLimits() {
    }

    /** Refuses a distribution over more output states, or more permanent work, than the limits allow. */
    public static void checkDistribution(int modes, int photons) {
        if (photons > MAX_PHOTONS) {
            throw new IllegalArgumentException(photons + " photons; at most " + MAX_PHOTONS
                    + " (a permanent of n photons costs about n 2^n steps)");
        }
        BigInteger states = FockStates.countExact(modes, photons);
        if (states.compareTo(BigInteger.valueOf(MAX_OUTPUT_STATES)) > 0) {
            throw new IllegalArgumentException(photons + " photons in " + modes + " modes have " + states
                    + " output occupations; at most " + String.format("%,d", MAX_OUTPUT_STATES) + " are enumerated");
        }
        long steps = states.longValueExact() * Math.max(1, photons) * (1L << photons);
        if (steps > MAX_PERMANENT_STEPS) {
            throw new IllegalArgumentException(photons + " photons in " + modes + " modes need " + states
                    + " permanents of " + photons + " x " + photons + " (about " + String.format("%.1e", (double) steps)
                    + " steps); at most " + String.format("%.1e", (double) MAX_PERMANENT_STEPS) + " are computed");
        }
    }
}
