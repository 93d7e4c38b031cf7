package dev.qanvas.nn.training;

import dev.qanvas.nn.graph.kinds.Quantum;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Autoencoder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Templates;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The seed's pattern at small scale: 64 pixels -> autoencoder(6) -> Dense(4) -> 4-qubit layer -> softmax. */
class PretrainingTest {

    static ModelGraph model(boolean frozen, ModelGraph.Node before) {
        Circuit c = new Circuit(4, Templates.angleEmbedding(4, Gate.RY, 1.0))
                .append(new Circuit(4, Templates.basicEntanglerLayers(4, 1, Gate.RY, "w", 1)));
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("in", new Input(1, 8, 8), 0, 0));
        if (before != null) {
            nodes.add(before);
        }
        nodes.add(new Node("ae", new Autoencoder(6, 4, frozen), 0, 0));
        nodes.add(new Node("d", new Dense(4, LayerSpec.Activation.TANH), 0, 0));
        nodes.add(new Node("q", Quantum.of(c), 0, 0));
        nodes.add(new Node("out", new Output(2, LayerSpec.OutputKind.SOFTMAX), 0, 0));
        return ModelGraph.chain(nodes.toArray(Node[]::new));
    }

    @Test
    void pretrainedEncoderWeightsAreLoadedAndStayFrozen() throws Exception {
        Dataset data = TrainingRunTest.zeroVsOne();
        TrainingSettings s = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.02, 16, 1, 3, 0, 0);
        ModelGraph g = model(true, null);
        ComputationGraph net = GraphCompiler.compile(g, s);
        INDArray before = net.getLayer("ae").getParam("W").dup();
        List<String> log = new ArrayList<>();
        List<Pretraining.Report> reports = Pretraining.autoencoders(g, net, data, s, log::add);
        List<Double> losses = reports.get(0).losses();
        assertEquals(4, losses.size());
        assertTrue(losses.get(3) < losses.get(0), "reconstruction improves: " + losses);
        INDArray pretrained = net.getLayer("ae").getParam("W").dup();
        assertTrue(!pretrained.equalsWithEps(before, 1e-6), "the encoder weights were replaced");
        assertEquals(4, log.size());

        TrainingRunTest.Recorder r = new TrainingRunTest.Recorder();
        new TrainingRun(net, data, s, false, null, r).run();
        assertEquals(RunEvents.Outcome.COMPLETED, r.outcome, r.message);
        assertTrue(net.getLayer("ae").getParam("W").equalsWithEps(pretrained, 0), "a frozen encoder does not change");
        assertTrue(!net.getLayer("d").getParam("W").equalsWithEps(GraphCompiler.compile(g, s).getLayer("d").getParam("W"), 1e-6),
                "the layers after it do train");
    }

    @Test
    void anAutoencoderNotFedByTheInputCannotBePretrained() {
        ModelGraph g = model(false, new Node("d0", new Dense(32, LayerSpec.Activation.RELU), 0, 0));
        TrainingSettings s = TrainingSettings.defaults();
        ComputationGraph net = GraphCompiler.compile(g, s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pretraining.autoencoders(g, net, TrainingRunTest.zeroVsOne(), s, m -> { }));
        assertTrue(e.getMessage().contains("Autoencoder ae"), e.getMessage());
    }
}
