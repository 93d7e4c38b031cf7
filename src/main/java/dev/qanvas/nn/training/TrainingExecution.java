package dev.qanvas.nn.training;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.qanvas.quantum.DensityMatrix;
import dev.qanvas.quantum.DeviceProfile;
import dev.qanvas.quantum.NoiseModel;
import dev.qanvas.quantum.QuantumExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the quantum layers run while a model trains (part of {@link TrainingSettings}): a device
 * profile ({@code profile}: a built-in name or a file), noise options as {@code qanvas train
 * --noise} takes them ({@code "depolarizing=0.01"}, {@code "readout=0.02"}), and {@code shots}
 * per expectation (0: exact) drawn from {@code seed}. Ideal (the default) trains on the state
 * vector with adjoint gradients; anything else trains on the noisy and/or sampled expectations
 * with parameter-shift gradients (docs/noise.md, "Training under noise and shots").
 */
public record TrainingExecution(String profile, List<String> noise, long shots, long seed) {

    public static final String ADJOINT = "adjoint";
    public static final String PARAMETER_SHIFT = "parameter-shift";

    public TrainingExecution {
        profile = profile == null || profile.isBlank() ? null : profile.trim();
        noise = noise == null ? List.of() : List.copyOf(noise);
        if (shots < 0 || shots > QuantumExecution.MAX_SHOTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "training shots must be from 1 to %,d (0: exact), not %,d",
                    QuantumExecution.MAX_SHOTS, shots));
        }
        NoiseModel.NONE.withOptions(noise); // refuses a malformed option now, not at the first batch
    }

    /** Ideal: exact expectations of the pure state, adjoint gradients. */
    public static TrainingExecution ideal() {
        return new TrainingExecution(null, List.of(), 0, 0);
    }

    /** As a project file has it: a value left out is the ideal one's. */
    @JsonCreator
    static TrainingExecution fromFile(@JsonProperty("profile") String profile, @JsonProperty("noise") List<String> noise,
                                      @JsonProperty("shots") Long shots, @JsonProperty("seed") Long seed) {
        return new TrainingExecution(profile, noise, shots == null ? 0 : shots, seed == null ? 0 : seed);
    }

    /** Whether the layers train as on a device: a profile, a noise option or shots. */
    public boolean active() {
        return profile != null || !noise.isEmpty() || shots > 0;
    }

    /** How the quantum layers' gradients are computed under this execution. */
    public String gradientMethod() {
        return active() ? PARAMETER_SHIFT : ADJOINT;
    }

    public TrainingExecution withProfile(String p) {
        return new TrainingExecution(p, noise, shots, seed);
    }

    public TrainingExecution withNoise(List<String> options) {
        return new TrainingExecution(profile, options, shots, seed);
    }

    public TrainingExecution withShots(long n) {
        return new TrainingExecution(profile, noise, n, seed);
    }

    public TrainingExecution withSeed(long s) {
        return new TrainingExecution(profile, noise, shots, s);
    }

    /** The profile named, read (null without one); a missing or malformed profile is refused with its reason. */
    public DeviceProfile device() {
        if (profile == null) {
            return null;
        }
        try {
            return DeviceProfile.load(profile);
        } catch (DeviceProfile.ProfileException e) {
            throw new IllegalArgumentException("training profile " + e.getMessage(), e);
        }
    }

    /** The profile's noise, then the noise options after it (as {@code --profile} and {@code --noise} compose). */
    public NoiseModel noiseModel() {
        DeviceProfile d = device();
        return (d == null ? NoiseModel.NONE : d.noiseModel()).withOptions(noise);
    }

    /** The layers' execution: quantum layer i draws from seed + i (see {@code LayerExecution.set}). */
    public QuantumExecution execution() {
        return new QuantumExecution(noiseModel(), shots, seed);
    }

    /**
     * Refuses, with the reason, a model whose widest quantum layer ({@code qubits}) cannot train
     * this way: wider than the profile, or under gate noise wider than density matrices go.
     */
    public void requireFits(int qubits) {
        if (!active() || qubits == 0) {
            return;
        }
        DeviceProfile d = device();
        if (d != null) {
            d.requireQubits(qubits);
        }
        if (noiseModel().hasGateNoise() && qubits > DensityMatrix.MAX_QUBITS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "training under gate noise simulates each row's "
                    + "density matrix (16 * 4^n bytes), up to %d qubits; this model has a %d-qubit layer: train with shots "
                    + "only, or with a smaller layer", DensityMatrix.MAX_QUBITS, qubits));
        }
    }

    /** "ideal (adjoint gradients)", or e.g. "illustrative-noisy, depolarizing=0.01, 1,000 shots (seed 0); parameter-shift gradients". */
    public String describe() {
        if (!active()) {
            return "ideal (adjoint gradients)";
        }
        List<String> parts = new ArrayList<>();
        if (profile != null) {
            parts.add(profile);
        }
        parts.addAll(noise);
        parts.add(shots > 0 ? String.format(Locale.ROOT, "%,d shots (seed %d)", shots, seed) : "exact expectations");
        return String.join(", ", parts) + "; parameter-shift gradients";
    }
}
