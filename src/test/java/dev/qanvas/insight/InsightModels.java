package dev.qanvas.insight;

import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Dropout;
import dev.qanvas.nn.graph.kinds.Flatten;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.kinds.ParallelQuantum;
import dev.qanvas.nn.graph.kinds.Quantum;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Templates;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

/** Small hybrid models for the insight tests, compiled through the app's own GraphCompiler. */
final class InsightModels {

    private InsightModels() {
    }

    static ModelGraph.Node n(String id, LayerSpec spec) {
        return new ModelGraph.Node(id, spec, 0, 0);
    }

    /** A 4-qubit variational circuit reading 4 inputs, with trainable weights. */
    static Circuit variational() {
        List<Operation> ops = new ArrayList<>(Templates.angleEmbedding(4, Gate.RY, 1.0));
        ops.addAll(Templates.basicEntanglerLayers(4, 2, Gate.RX, "w", 3));
        return new Circuit(4, ops);
    }

    /** 1x4x4 image -> Flatten -> Dense(4, tanh) [-> Dropout] -> Quantum (4 qubits) -> softmax over 3 classes. */
    static ModelGraph denseQuantum(boolean dropout) {
        List<ModelGraph.Node> nodes = new ArrayList<>(List.of(n("input", new Input(1, 4, 4)), n("flatten", new Flatten()),
                n("dense", new Dense(4, LayerSpec.Activation.TANH))));
        if (dropout) {
            nodes.add(n("drop", new Dropout(0.5)));
        }
        nodes.add(n("quantum", Quantum.of(variational())));
        nodes.add(n("output", new Output(3, LayerSpec.OutputKind.SOFTMAX)));
        return ModelGraph.chain(nodes.toArray(ModelGraph.Node[]::new));
    }

    /** 1x6x6 image -> Quanvolution 2x2/2 (fixed random filter) -> Flatten -> softmax over 3 classes. */
    static ModelGraph quanvolution() {
        Circuit filter = new Circuit(4, Templates.quanvolutionFilter(8, false, "q", 5));
        return ModelGraph.chain(n("input", new Input(1, 6, 6)),
                n("quanv", new Quanvolution(filter, 2, 2, false)), n("flatten", new Flatten()),
                n("output", new Output(3, LayerSpec.OutputKind.SOFTMAX)));
    }

    /** Vector of 8 -> ParallelQuantum (2 groups of the 4-qubit circuit) -> softmax over 2 classes. */
    static ModelGraph parallel() {
        return ModelGraph.chain(n("input", Input.vector(8)), n("pq", ParallelQuantum.of(variational(), 2)),
                n("output", new Output(2, LayerSpec.OutputKind.SOFTMAX)));
    }

    static ComputationGraph compile(ModelGraph g, DataType type) {
        return GraphCompiler.compile(g, TrainingSettings.defaults(), type);
    }
}
