package dev.qanvas.insight;

import dev.qanvas.nn.layers.LayerExecution;
import dev.qanvas.quantum.Channel;
import dev.qanvas.quantum.DensityMatrix;
import dev.qanvas.quantum.Entanglement;
import dev.qanvas.quantum.Program;
import dev.qanvas.quantum.ProgramRunner;
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

    /** One point of an entanglement curve: the channel's strength and the mean log negativity (bits) under it. */
    public record EntanglementPoint(double strength, double logNegativity) {
    }

    /**
     * The first quantum layer's mean logarithmic negativity across the half cut (qubits 0..n/2-1
     * against the rest) over {@code states} states of the test split, against {@code channel}'s
     * strength, with the ideal layer's (pure states: the Renyi-1/2 entropy of the cut) as reference.
     */
    public record EntanglementCurve(String layer, String channel, int states, double idealLogNegativity,
                                    List<EntanglementPoint> points) {
        public EntanglementCurve {
            points = List.copyOf(points);
        }
    }

    /** States an entanglement curve averages over: enough for a mean to a few hundredths of a bit, few enough for seconds. */
    public static final int ENTANGLEMENT_STATES = 200;

    /**
     * How entangled the model's first quantum layer (in network order) is under {@code channel}
     * (a {@link #noiseOf} name) of each strength: each state is the exact density matrix of the
     * layer's circuit on the inputs one test image gives it (its patches, for a quanvolution) from
     * the ideal layers before it, up to {@code maxStates} states from the first test images. The
     * measure is {@link Entanglement#logNegativity} across the half cut: mixed-state entanglement,
     * which noise can only lower, not the entropy of a reduced state (which mixing raises). Readout
     * error does not touch the state, so its curve is flat. Stops between states when its thread
     * is interrupted. Null when the model has no quantum layer.
     */
    public static EntanglementCurve entanglementAgainstNoise(InspectedModel model, String channel, double[] strengths,
                                                           int maxStates) {
        List<double[]> inputs = new ArrayList<>();
        QuantumStates.Node layer = null;
        int images = model.data().test().size();
        for (int i = 0; i < images && inputs.size() < maxStates; i++) {
            List<QuantumStates.Node> nodes;
            synchronized (model) {
                nodes = QuantumStates.probe(model.network(), model.testInputs(new int[] {i}));
            }
            if (nodes.isEmpty()) {
                return null;
            }
            layer = nodes.get(0);
            for (double[] row : layer.inputs()) {
                if (inputs.size() < maxStates) {
                    inputs.add(row);
                }
            }
        }
        if (layer == null) {
            return null;
        }
        int n = layer.circuit().qubits();
        if (n < 2) {
            throw new IllegalArgumentException("layer " + layer.title() + " has one qubit: no cut to be entangled across");
        }
        int[] half = java.util.stream.IntStream.range(0, n / 2).toArray();
        double ideal = meanLogNegativity(layer, inputs, NoiseModel.NONE, half);
        List<EntanglementPoint> points = new ArrayList<>();
        for (double s : strengths) {
            points.add(new EntanglementPoint(s, meanLogNegativity(layer, inputs, noiseOf(channel, s), half)));
        }
        return new EntanglementCurve(layer.title(), channel, inputs.size(), ideal, points);
    }

    private static double meanLogNegativity(QuantumStates.Node layer, List<double[]> inputs, NoiseModel noise, int[] cut) {
        double sum = 0;
        for (double[] x : inputs) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("entanglement curve cancelled");
            }
            DensityMatrix rho = ProgramRunner.finalState(Program.of(layer.circuit(), x, layer.weights()), noise);
            sum += Entanglement.logNegativity(rho, cut);
        }
        return sum / inputs.size();
    }
}
