package dev.qanvas.project.model;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The numbers in the Model workspace's summary bar: parameters (classical and quantum), qubits,
 * and an estimate of the circuit evaluations one training step costs. Pure.
 *
 * <p>Circuit evaluations per training step = batch size x (sum over the quantum layers of the
 * circuit runs one example needs) x 2. One example runs a Quantum layer's circuit once, a
 * ParallelQuantum's once per group, and a Quanvolution's once per patch of each input channel
 * (channels x output height x output width). The factor 2 is the forward run plus the adjoint
 * backward pass, one per forward run; measured, a backward pass takes about 3.5-4 times as long as
 * a forward run, so time follows evaluations only roughly.
 */
public record ModelSummary(long totalParameters, long classicalParameters, long quantumParameters, int qubits,
                           int quantumLayers, int batchSize, List<Runs> runs, int opticalModes) {

    /** The formula, for the summary's tooltip. */
    public static final String FORMULA = "circuit evaluations per training step\n"
            + "  = batch size × (circuit runs per example, summed over the quantum layers) × 2\n"
            + "runs per example: Quantum 1, ParallelQuantum 1 per group,\n"
            + "  Quanvolution 1 per patch and input channel (channels × output height × output width);\n"
            + "× 2: one forward run and one adjoint backward pass (the backward pass takes about\n"
            + "  3.5-4 times as long as a forward run, so this counts passes, not time).";

    /** Circuit runs one example needs in quantum node {@code id}; empty when its input shape is unknown. */
    public record Runs(String id, OptionalLong perExample) {
    }

    public ModelSummary {
        runs = List.copyOf(runs);
    }

    public static ModelSummary of(ModelGraph graph, GraphAnalysis analysis, int batchSize) {
        List<Runs> runs = new ArrayList<>();
        int layers = 0;
        int modes = 0;
        for (ModelGraph.Node n : graph.nodes()) {
            if (n.spec() instanceof dev.qanvas.nn.graph.kinds.Photonic p) {
                modes += p.modes(); // photonic layers have optical modes, not qubits
            }
            if (n.spec() instanceof LayerSpec.QuantumLayer q) {
                layers++;
                runs.add(new Runs(n.id(), runsPerExample(graph, analysis, n.id(), q)));
            }
        }
        return new ModelSummary(analysis.totalParameters(), analysis.classicalParameters(), analysis.quantumParameters(),
                analysis.qubitsUsed() + qrnnQubits(graph, analysis), layers, batchSize, runs, modes);
    }

    /** Circuit runs per example of one quantum layer (see the class comment), as its kind counts them. */
    static OptionalLong runsPerExample(ModelGraph graph, GraphAnalysis analysis, String id, LayerSpec.QuantumLayer q) {
        List<String> in = graph.inputsOf(id);
        Optional<Shape> input = in.size() == 1 ? analysis.shape(in.get(0)) : Optional.empty();
        return LayerKinds.of(q).circuitRunsPerExample(q, input);
    }

    /** The estimate; empty when a quantum layer's runs are unknown (its input shape is not known yet). */
    public OptionalLong circuitEvaluationsPerStep() {
        long sum = 0;
        for (Runs r : runs) {
            if (r.perExample().isEmpty()) {
                return OptionalLong.empty();
            }
            sum += r.perExample().getAsLong();
        }
        return OptionalLong.of(batchSize * sum * 2);
    }

    /** The qubits of the QRNN layers whose input fits (lanes and ancillas; row by row, the lanes depend on the width). */
    private static int qrnnQubits(ModelGraph graph, GraphAnalysis analysis) {
        int sum = 0;
        for (ModelGraph.Node n : graph.nodes()) {
            if (n.spec() instanceof dev.qanvas.nn.graph.kinds.Qrnn q && analysis.problemsFor(n.id()).isEmpty()) {
                List<String> from = graph.inputsOf(n.id());
                Optional<Shape> in = from.size() == 1 ? analysis.shape(from.get(0)) : Optional.empty();
                sum += in.map(shape -> q.cell(shape).qubits()).orElse(0);
            }
        }
        return sum;
    }

    /** One line for the summary bar. */
    public String text() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s (%,d classical · %,d quantum)",
                NodeCard.count(totalParameters, "parameter"), classicalParameters, quantumParameters));
        if (qubits > 0 || opticalModes == 0) {
            sb.append("  ·  ").append(NodeCard.count(qubits, "qubit"));
        }
        if (opticalModes > 0) {
            sb.append("  ·  ").append(NodeCard.count(opticalModes, "optical mode"));
        }
        if (quantumLayers > 0) {
            OptionalLong e = circuitEvaluationsPerStep();
            sb.append("  ·  ").append(e.isPresent() ? String.format(Locale.ROOT, "%,d", e.getAsLong()) : "?")
                    .append(" circuit evaluations per training step (batch ").append(batchSize).append(")");
        }
        return sb.toString();
    }

    /** The formula and this model's terms, for the tooltip. */
    public String explanation() {
        StringBuilder sb = new StringBuilder(FORMULA);
        if (!runs.isEmpty()) {
            sb.append("\n\nThis model, batch size ").append(batchSize).append(':');
            for (Runs r : runs) {
                sb.append("\n  ").append(r.id()).append(": ")
                        .append(r.perExample().isPresent() ? NodeCard.count(r.perExample().getAsLong(), "run") + " per example"
                                : "unknown until its input shape is known");
            }
        }
        return sb.toString();
    }
}
