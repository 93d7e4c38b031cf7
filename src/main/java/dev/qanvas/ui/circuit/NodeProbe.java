package dev.qanvas.ui.circuit;

import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.ModelFiles;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * What a model node's circuit really receives: the project's model run on a test image (after
 * the project's transforms) up to the node, with the model's current weights (those of the
 * newest run that trained exactly this model, else the initial weights training would start
 * from). Gives the node's circuit inputs and its circuit weights. Pure computation, no JavaFX;
 * the network is not thread-safe, so {@link #at} is synchronized.
 */
final class NodeProbe {

    private final InspectedModel model;
    private final String nodeId;
    private final String weightsFrom;
    private final float[] range;

    private NodeProbe(InspectedModel model, String nodeId, String weightsFrom) {
        this.model = model;
        this.nodeId = nodeId;
        this.weightsFrom = weightsFrom;
        this.range = model.data().test().valueRange();
    }

    /** The smallest and largest value of the transformed test images, for drawing them. */
    float[] range() {
        return range;
    }

    /**
     * Loads the transformed data and builds the network of {@code project}'s model.
     *
     * @param projectFile where the project is saved (runs' folders may be relative to it), or null
     * @throws IllegalArgumentException when the model cannot be built yet (the message says why)
     */
    static NodeProbe load(Project project, String nodeId, Path projectFile) throws Exception {
        if (!project.model().analyse().problems().isEmpty()) {
            throw new IllegalArgumentException("the model is not complete yet: " + project.model().analyse().problems().get(0));
        }
        PreparedData prepared = PreparedData.load(project.dataset(), project.transforms());
        String digest = RunRecord.digest(project.model());
        List<RunRecord> runs = project.runs();
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunRecord r = runs.get(i);
            if (!digest.equals(r.modelDigest()) || "FAILED".equals(r.outcome())) {
                continue;
            }
            Path zip = RunFolder.of(r, projectFile).model();
            if (Files.isRegularFile(zip)) {
                try {
                    return new NodeProbe(new InspectedModel(ModelFiles.restore(zip, false), prepared), nodeId,
                            "the weights " + r.id() + " trained");
                } catch (Exception | OutOfMemoryError e) {
                    // an unreadable model file: fall back to the initial weights below
                }
            }
        }
        ComputationGraph net = GraphCompiler.compile(project.model(), project.training());
        return new NodeProbe(new InspectedModel(net, prepared), nodeId,
                "the initial weights (seed " + project.training().seed() + "; no run trained this model yet)");
    }

    /** The model's test data, after the transforms. */
    InspectedModel model() {
        return model;
    }

    /** Whose weights the network has, for the tooltip. */
    String weightsFrom() {
        return weightsFrom;
    }

    /** The node's circuit inputs and weights for test image {@code index}: the model run up to the node. */
    synchronized QuantumStates.Node at(int index) {
        int i = Math.max(0, Math.min(index, model.data().test().size() - 1));
        List<QuantumStates.Node> nodes = QuantumStates.probe(model.network(), model.testInputs(new int[] {i}));
        // A ParallelQuantum node is compiled as groups <node>_q0, <node>_q1...; its circuit is each group's.
        Optional<QuantumStates.Node> node = nodes.stream().filter(n -> n.layer().equals(nodeId)).findFirst()
                .or(() -> nodes.stream().filter(n -> n.layer().equals(nodeId + "_q0")).findFirst());
        return node.orElseThrow(() -> new IllegalArgumentException("the model has no quantum layer " + nodeId));
    }
}
