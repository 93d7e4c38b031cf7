package dev.qanvas.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.photonic.ComplexMatrix;
import dev.qanvas.photonic.FockProbabilities;
import dev.qanvas.photonic.FockStates;
import dev.qanvas.photonic.PhotonicCircuit;
import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The photonic layer inside a DL4J network: DL4J's own gradient check, forward values, JSON round trip. */
class PhotonicLayerTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(12345);
    }

    private static MultiLayerNetwork network(String readout) {
        return network(new PhotonicLayer.Builder().modes(3).photons(2).readout(readout).inputScale(1.7).seed(5).build());
    }

    /** Dense(5 -> 3, tanh), {@code photonic}, a 2-class softmax. */
    private static MultiLayerNetwork network(PhotonicLayer photonic) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(7)
                .updater(new NoOp()).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(3).activation(Activation.TANH).build())
                .layer(photonic)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(photonic.getNOut()).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void dl4jGradientCheckPassesThroughThePhotonicLayer() {
        for (String readout : List.of("OCCUPATIONS", "PROBABILITIES")) {
            MultiLayerNetwork net = network(readout);
            INDArray input = Nd4j.rand(DataType.DOUBLE, 4, 5).subi(0.5);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, 4, 2);
            for (int i = 0; i < 4; i++) {
                labels.putScalar(i, i % 2, 1.0);
            }
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input).labels(labels)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertTrue(ok, readout + ": DL4J gradient check (the Dense layer before it checks the input gradient too)");
            int outputs = readout.equals("OCCUPATIONS") ? 3 : 6;
            assertEquals(5 * 3 + 3 + 2 * 3 * 3 + outputs * 2 + 2, net.numParams());
        }
    }

    @Test
    void forwardGivesTheDistributionOfTheCircuit() {
        MultiLayerNetwork net = network("PROBABILITIES");
        INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 5);
        List<INDArray> acts = net.feedForward(input, false);
        PhotonicLayer conf = (PhotonicLayer) net.getLayer(1).conf().getLayer();
        PhotonicCircuit circuit = conf.circuit();
        double[] w = net.getLayer(1).getParam(PhotonicLayer.WEIGHTS).toDoubleVector();
        List<int[]> outcomes = FockStates.all(3, 2);
        for (int b = 0; b < 3; b++) {
            ComplexMatrix u = circuit.unitary(circuit.angles(acts.get(1).getRow(b).toDoubleVector(), w));
            double sum = 0;
            for (int t = 0; t < outcomes.size(); t++) {
                double p = FockProbabilities.probability(u, new int[] {1, 1, 0}, outcomes.get(t), FockProbabilities.Photons.INDISTINGUISHABLE);
                assertEquals(p, acts.get(2).getDouble(b, t), 1e-12);
                sum += acts.get(2).getDouble(b, t);
            }
            assertEquals(1, sum, 1e-12);
        }
        // the features are phases with scale 1.7: x = 0.5 on mode 0 is the phase 0.85
        assertEquals(new dev.qanvas.photonic.OpticalAngle.Input(0, 1.7),
                circuit.components().stream().filter(c -> c.angle() instanceof dev.qanvas.photonic.OpticalAngle.Input).findFirst()
                        .orElseThrow().angle());
    }

    @Test
    void configurationSurvivesDl4jJson() {
        MultiLayerNetwork net = network("PROBABILITIES");
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        PhotonicLayer layer = (PhotonicLayer) back.getConf(1).getLayer();
        assertEquals(3, layer.getModes());
        assertEquals(2, layer.getPhotons());
        assertEquals("PROBABILITIES", layer.getReadout());
        assertEquals(1.7, layer.getInputScale());
        assertEquals(((PhotonicLayer) net.getLayer(1).conf().getLayer()).circuit(), layer.circuit());
    }

    @Test
    void anEditedCircuitTrainsPassesTheGradientCheckAndSurvivesDl4jJson() {
        // a Mach-Zehnder per pair with x[0], x[2] as phases and two weights: the editor's kind of circuit
        PhotonicCircuit edited = new PhotonicCircuit(3, List.of(
                new dev.qanvas.photonic.Component.BeamSplitter(0, 1, new dev.qanvas.photonic.OpticalAngle.Constant(Math.PI / 2)),
                new dev.qanvas.photonic.Component.PhaseShifter(0, new dev.qanvas.photonic.OpticalAngle.Input(0, Math.PI)),
                new dev.qanvas.photonic.Component.BeamSplitter(0, 1, new dev.qanvas.photonic.OpticalAngle.Weight("a", 0.4)),
                new dev.qanvas.photonic.Component.PhaseShifter(2, new dev.qanvas.photonic.OpticalAngle.Input(2, 1.0)),
                new dev.qanvas.photonic.Component.BeamSplitter(1, 2, new dev.qanvas.photonic.OpticalAngle.Weight("b", 1.1))));
        MultiLayerNetwork net = network(new PhotonicLayer.Builder().modes(3).photons(2).readout("PROBABILITIES").circuit(edited).build());
        assertEquals(5 * 3 + 3 + 2 + 6 * 2 + 2, net.numParams(), "the edited circuit's two weights are the layer's parameters");
        assertEquals(List.of(0.4, 1.1), java.util.Arrays.stream(net.getLayer(1).getParam(PhotonicLayer.WEIGHTS).toDoubleVector()).boxed().toList());
        INDArray input = Nd4j.rand(DataType.DOUBLE, 4, 5).subi(0.5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 4, 2);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i % 2, 1.0);
        }
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input).labels(labels)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(edited, ((PhotonicLayer) back.getConf(1).getLayer()).circuit());
    }
}
