package dev.qanvas.nn.training;

import dev.qanvas.nn.graph.kinds.BatchNorm;
import dev.qanvas.nn.graph.kinds.Dropout;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Autoencoder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.data.Dataset;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Node;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/**
 * The transfer-learning samples' pattern at small scale (autoencoder pre-training, then dense,
 * batch normalisation and dropout): the same seed must give bit-identical weights. Pre-training
 * once shuffled a DataSet whose features and labels were one array, which the native shuffle
 * permuted on two threads at once; the tearing did not happen every time, so the whole run is
 * repeated to make a lucky pass unlikely.
 */
class PretrainingDeterminismTest {

    private static final int RUNS = 3;

    @Test
    void theSameSeedGivesBitIdenticalWeights() throws Exception {
        Dataset data = TrainingRunTest.zeroVsOne(); // about 360 images of 8 x 8
        TrainingSettings s = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.01, 16, 2, 7, 0.1, 0);
        ModelGraph g = ModelGraph.chain(
                new Node("in", new Input(1, 8, 8), 0, 0),
                new Node("ae", new Autoencoder(16, 4, true), 0, 0),
                new Node("hidden", new Dense(16, LayerSpec.Activation.RELU), 0, 0),
                new Node("bn", new BatchNorm(), 0, 0),
                new Node("drop", new Dropout(0.2), 0, 0),
                new Node("out", new Output(2, LayerSpec.OutputKind.SOFTMAX), 0, 0));
        float[] firstEncoder = null;
        float[] firstParams = null;
        for (int run = 0; run < RUNS; run++) {
            ComputationGraph net = GraphCompiler.compile(g, s);
            Pretraining.autoencoders(g, net, data, s, m -> { });
            float[] encoder = net.getLayer("ae").getParam("W").dup().data().asFloat();
            TrainingRunTest.Recorder r = new TrainingRunTest.Recorder();
            new TrainingRun(net, data, s, true, null, r).run();
            assertEquals(RunEvents.Outcome.COMPLETED, r.outcome, r.message);
            float[] params = net.params().dup().data().asFloat();
            if (run == 0) {
                firstEncoder = encoder;
                firstParams = params;
            } else {
                assertArrayEquals(firstEncoder, encoder, 0f, "pre-trained encoder of run " + (run + 1) + " differs from run 1");
                assertArrayEquals(firstParams, params, 0f, "trained weights of run " + (run + 1) + " differ from run 1");
            }
        }
    }
}
