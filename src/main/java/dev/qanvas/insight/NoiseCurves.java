package dev.qanvas.insight;

import dev.qanvas.nn.layers.LayerExecution;
import dev.qanvas.quantum.Channel;
import dev.qanvas.quantum.NoiseModel;
import dev.qanvas.quantum.QuantumExecution;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained model's test accuracy with its quantum layers under noise and/or shots
 * (docs/noise.md, "Quantum layers under noise and shots"), against the ideal model's.
 */
public final class NoiseCurves {

    private NoiseCurves() {
    }

    /** One point: the channel's strength and the test accuracy under it. */
    public record Point(double strength, double accuracy) {
    }

    /**
     * Accuracy against {@code channel}'s strength (after every gate on each of its qubits), each
     * expectation exact ({@code shots} 0) or from {@code shots} shots (seeded), with the ideal
     * model's accuracy as reference.
     */
    public record Curve(String channel, long shots, long seed, double idealAccuracy, List<Point> points) {
        public Curve {
            points = List.copyOf(points);
        }
    }

    /** The test accuracy of {@code model} with its quantum layers under {@code execution}; the model is ideal again after. */
    public static double accuracy(InspectedModel model, QuantumExecution execution) {
        synchronized (model) {
            LayerExecution.set(model.network(), execution);
            try {
                return model.predictTest().accuracy();
            } finally {
                LayerExecution.set(model.network(), QuantumExecution.IDEAL);
            }
        }
    }

    /** Depolarizing noise of each strength, {@code shots} per expectation (0: exact), seed 0. */
    public static Curve accuracyAgainstNoise(InspectedModel model, double[] strengths, long shots) {
        return accuracyAgainstNoise(model, "depolarizing", strengths, shots, 0);
    }

    /**
     * The noise model of one point of a curve: {@code "readout"} flips each measured bit with
     * probability {@code s}; any other name is a {@link Channel#named} channel after every gate.
     */
    public static NoiseModel noiseOf(String channel, double s) {
        return "readout".equals(channel) ? NoiseModel.NONE.withReadout(s) : NoiseModel.NONE.afterEveryGate(Channel.named(channel, s));
    }

    /** {@code channel} (a {@link #noiseOf} name) of each strength, {@code shots} per expectation (0: exact). */
    public static Curve accuracyAgainstNoise(InspectedModel model, String channel, double[] strengths, long shots, long seed) {
        double ideal = accuracy(model, QuantumExecution.IDEAL);
        List<Point> points = new ArrayList<>();
        for (double s : strengths) {
            points.add(new Point(s, accuracy(model, new QuantumExecution(noiseOf(channel, s), shots, seed))));
        }
        return new Curve(channel, shots, seed, ideal, points);
    }
}
