package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Flatten;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.kinds.Photonic;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A photonic layer probed inside a network gives the layer's own outputs and its input, against the network's activations. */
class PhotonicStatesTest {

    private static INDArray image(long seed) {
        Random r = new Random(seed);
        double[] v = new double[16];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return Nd4j.create(v, new long[] {1, 1, 4, 4}, 'c');
    }

    @Test
    void theReportIsTheLayersOutputForThatImage() {
        for (Photonic.Readout readout : Photonic.Readout.values()) {
            ModelGraph g = ModelGraph.chain(InsightModels.n("input", new Input(1, 4, 4)), InsightModels.n("flatten", new Flatten()),
                    InsightModels.n("dense", new Dense(3, LayerSpec.Activation.TANH)),
                    InsightModels.n("photonic", new Photonic(3, 2, readout, Math.PI, 5)),
                    InsightModels.n("output", new Output(2, LayerSpec.OutputKind.SOFTMAX)));
            ComputationGraph net = InsightModels.compile(g, DataType.DOUBLE);
            INDArray x = image(3);
            List<PhotonicStates.Layer> layers = PhotonicStates.probe(net, x);
            assertEquals(1, layers.size());
            PhotonicStates.Layer l = layers.get(0);
            assertEquals("photonic", l.layer());
            assertArrayEquals(new int[] {1, 1, 0}, l.input());
            var acts = net.feedForward(x, false);
            assertArrayEquals(acts.get("dense").toDoubleVector(), l.features(), 1e-12);
            double[] out = acts.get("photonic").toDoubleVector();
            // the layer's outputs are the report's PNR probabilities (FockStates order) or its mean occupations
            assertArrayEquals(out, readout == Photonic.Readout.PROBABILITIES ? l.report().indistinguishable() : l.report().occupations(), 1e-9);
            assertEquals(1.0, java.util.Arrays.stream(l.report().distinguishable()).sum(), 1e-9);
        }
    }
}
