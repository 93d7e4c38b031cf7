package dev.qanvas.ui.circuit;

import dev.qanvas.insight.NoiseCurves;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.DeviceProfile;
import dev.qanvas.quantum.MixedStateReport;
import dev.qanvas.quantum.NoiseModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Circuit workspace's noise and shots switches (docs/noise.md#in-the-app-circuit): no noise,
 * one channel at a strength after every gate on each qubit it acts on (or readout error on every
 * qubit read), or a built-in device profile; and shots N (0: exact) with a seed. A value; parse
 * the fields' text with {@link #parse}. Not saved in the project: it is a way of looking.
 */
public record CircuitNoise(String source, double strength, long shots, long seed) {

    public static final String NONE = "none";
    /** Channels by their {@code --noise} names (one map from name to model: {@link NoiseCurves#noiseOf}). */
    public static final List<String> CHANNELS = List.of("depolarizing", "amplitude_damping", "phase_damping", "bit_flip",
            "phase_flip", "readout");
    public static final String PROFILE = "profile: ";
    /** Every choice, as the picker lists them. */
    public static final List<String> SOURCES;

    static {
        List<String> all = new ArrayList<>(List.of(NONE));
        all.addAll(CHANNELS);
        DeviceProfile.BUILT_IN.forEach(name -> all.add(PROFILE + name));
        SOURCES = List.copyOf(all);
    }

    /** The most shots the workspace takes per state: a second of sampling at most for a small circuit. */
    public static final long MAX_SHOTS = 1_000_000;

    /** The live view's density matrices: up to 10 qubits (16 MiB; a hundred noisy gates take seconds). */
    public static final int MAX_LIVE_DENSITY_QUBITS = 10;

    /** The live view's shot work under gate noise, in amplitude updates (shots x 2^n x gates): seconds, not minutes. */
    static final double MAX_LIVE_SHOT_WORK = 3e8;

    public static final CircuitNoise OFF = new CircuitNoise(NONE, 0, 0, 0);

    public CircuitNoise {
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("noise is one of " + SOURCES + ", not " + source);
        }
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("the strength is a probability from 0 to 1, not " + strength);
        }
        if (shots < 0 || shots > MAX_SHOTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "shots are 0 (exact) to %,d, not %,d", MAX_SHOTS, shots));
        }
    }

    /** The switches as typed: the strength is read only for a channel, shots empty or 0 for exact. */
    public static CircuitNoise parse(String source, String strength, String shots, String seed) {
        double s = 0;
        if (CHANNELS.contains(source)) {
            try {
                s = Double.parseDouble(strength.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the strength '" + strength.trim() + "' is not a number (a probability from 0 to 1)");
            }
        }
        return new CircuitNoise(source, s, whole(shots, "shots"), whole(seed, "seed"));
    }

    private static long whole(String text, String what) {
        String t = text == null ? "" : text.trim().replace(",", "").replace("_", "");
        if (t.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + what + " '" + text.trim() + "' is not a whole number");
        }
    }

    /** Whether anything differs from the ideal, exact state. */
    public boolean isOn() {
        return !NONE.equals(source) || shots > 0;
    }

    public boolean isProfile() {
        return source.startsWith(PROFILE);
    }

    /**
     * The noise model for a circuit of {@code qubits} qubits.
     *
     * @throws IllegalArgumentException when a profile describes fewer qubits, or cannot be read
     */
    public NoiseModel model(int qubits) {
        if (NONE.equals(source)) {
            return NoiseModel.NONE;
        }
        if (!isProfile()) {
            return NoiseCurves.noiseOf(source, strength);
        }
        try {
            DeviceProfile profile = DeviceProfile.builtIn(source.substring(PROFILE.length()));
            profile.requireQubits(qubits);
            return profile.noiseModel();
        } catch (DeviceProfile.ProfileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The live view's noisy state of {@code c} for inputs x and weights w under these switches
     * (off the UI thread): density matrices up to {@link #MAX_LIVE_DENSITY_QUBITS}, shots bounded by {@link #requireLive}.
     */
    public MixedStateReport liveState(Circuit c, double[] x, double[] w) {
        NoiseModel model = model(c.qubits());
        requireLive(c.qubits(), c.size(), model.hasGateNoise() || !c.isUnitary());
        return MixedStateReport.of(c, x, w, model, shots, seed, MAX_LIVE_DENSITY_QUBITS);
    }

    /**
     * Refuses shots that would hold up the live view: under gate noise each shot runs the whole
     * circuit on its own state vector (without gate noise the shots are drawn from one state).
     */
    public void requireLive(int qubits, int operations, NoiseModel model) {
        requireLive(qubits, operations, model.hasGateNoise());
    }

    /** As above; {@code shotByShot}: each shot runs the whole circuit (gate noise, or measurements in the circuit). */
    private void requireLive(int qubits, int operations, boolean shotByShot) {
        double work = (double) shots * Math.pow(2, qubits) * (operations + 1);
        if (shotByShot && work > MAX_LIVE_SHOT_WORK) {
            long most = (long) (MAX_LIVE_SHOT_WORK / (Math.pow(2, qubits) * (operations + 1)));
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d noisy shots of %d qubits and %d gates would"
                    + " hold up the live view; at most %,d here (qanvas simulate --shots takes more)", shots, qubits,
                    operations, most));
        }
    }

    /** "depolarizing 0.05, 1,000 shots (seed 0)". */
    public String describe() {
        String noise = NONE.equals(source) ? "no noise" : isProfile() ? source : source + " " + trimmed(strength);
        return noise + (shots > 0 ? String.format(Locale.ROOT, ", %,d shots (seed %d)", shots, seed) : "");
    }

    private static String trimmed(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }
}
