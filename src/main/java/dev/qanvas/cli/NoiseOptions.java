package dev.qanvas.cli;

import dev.qanvas.quantum.DeviceProfile;
import dev.qanvas.quantum.NoiseModel;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --profile} and {@code --noise}, meaning the same for every command that takes them (docs/noise.md). */
final class NoiseOptions {

    @Option(names = "--noise", paramLabel = "CHANNEL=P", split = ",",
            description = "Noise after every gate on each of its qubits: depolarizing=P, amplitude_damping=G, "
                    + "phase_damping=L, bit_flip=P, phase_flip=P; or readout=R (each measured bit flips with "
                    + "probability R). Repeatable; channels apply in the order given.")
    List<String> noise = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "FILE_OR_NAME",
            description = "A device profile (JSON: T1, T2, gate times and errors, readout error; docs/noise.md) or a "
                    + "built-in one: illustrative-superconducting, illustrative-noisy. Its noise comes before any --noise.")
    String profile;

    private DeviceProfile device;

    /** The profile given, read once; null without --profile. */
    DeviceProfile device() {
        if (device == null && profile != null) {
            try {
                device = DeviceProfile.load(profile);
            } catch (DeviceProfile.ProfileException e) {
                throw new IllegalArgumentException("--profile " + e.getMessage());
            }
        }
        return device;
    }

    /** The profile's noise, then the --noise channels after it and their readout as further independent flips. */
    NoiseModel model() {
        DeviceProfile d = device();
        return SimulateCommand.noiseModel(d == null ? NoiseModel.NONE : d.noiseModel(), noise);
    }

    /** Whether either option was given. */
    boolean given() {
        return profile != null || !noise.isEmpty();
    }
}
