package dev.qanvas.ui.inspect;

import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Flatten;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.kinds.Quantum;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Templates;
import java.util.ArrayList;
import java.util.List;

/** The small project the Inspect tests look into: MNIST 0/1/7 at 8x8 (or another size), a Dense(4) into a 4-qubit layer. */
final class InspectFixture {

    private InspectFixture() {
    }

    static Project project(String name) {
        return project(name, 8);
    }

    /** The same model on MNIST shrunk to {@code side} x {@code side}. */
    static Project project(String name, int side) {
        List<Operation> ops = new ArrayList<>(Templates.angleEmbedding(4, Gate.RY, 1.0));
        ops.addAll(Templates.basicEntanglerLayers(4, 1, Gate.RX, "w", 3));
        ModelGraph model = ModelGraph.chain(new ModelGraph.Node("input", new Input(1, side, side), 40, 100),
                new ModelGraph.Node("flatten", new Flatten(), 200, 100),
                new ModelGraph.Node("dense", new Dense(4, LayerSpec.Activation.TANH), 360, 100),
                new ModelGraph.Node("quantum", Quantum.of(new Circuit(4, ops)), 520, 100),
                new ModelGraph.Node("output", new Output(3, LayerSpec.OutputKind.SOFTMAX), 680, 100));
        TransformChain transforms = new TransformChain(List.of(new Transform.ClassSubset(List.of(0, 1, 7)), new Transform.Resize(side, side)));
        TrainingSettings settings = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.01, 32, 1, 42, 0.0, 0);
        return new Project(Project.FORMAT_VERSION, name, "", new DatasetSpec.Bundled("mnist"), transforms, model, settings);
    }
}
