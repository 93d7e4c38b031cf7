package dev.qanvas.nn.training;

import dev.qanvas.data.Dataset;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Autoencoder;
import dev.qanvas.nn.graph.kinds.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Pre-trains the Autoencoder nodes of a model before the model itself trains (the seed's 784 -> 64
 * compression before a quantum circuit): a dense autoencoder (encoder sigmoid, decoder sigmoid,
 * mean squared reconstruction error) learns to reproduce the training images, and its encoder
 * weights are copied into the model's node, which stays frozen when the node says so.
 * An Autoencoder is pre-trained only when the Input feeds it directly.
 */
public final class Pretraining {

    private Pretraining() {
    }

    /** The reconstruction loss after each pre-training epoch, per Autoencoder node. */
    public record Report(String node, List<Double> losses) {
    }

    public static List<Report> autoencoders(ModelGraph graph, ComputationGraph net, Dataset data, TrainingSettings settings,
                                            Consumer<String> log) {
        List<Report> reports = new ArrayList<>();
        for (ModelGraph.Node node : graph.nodes()) {
            if (!(node.spec() instanceof Autoencoder a) || a.pretrainEpochs() == 0) {
                continue;
            }
            List<String> inputs = graph.inputsOf(node.id());
            boolean fromInput = inputs.size() == 1
                    && graph.node(inputs.get(0)).map(n -> n.spec() instanceof Input).orElse(false);
            if (!fromInput) {
                throw new IllegalArgumentException("Autoencoder " + node.id() + " can only be pre-trained when the Input "
                        + "feeds it directly; set its pre-training epochs to 0 or connect it to the Input");
            }
            INDArray x = DataArrays.features(data.train(), DataArrays.all(data.train()), false);
            int features = (int) x.size(1);
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(settings.seed()).dataType(DataType.FLOAT)
                    .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                    .layer(new DenseLayer.Builder().nIn(features).nOut(a.code()).activation(Activation.SIGMOID).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(a.code()).nOut(features)
                            .activation(Activation.SIGMOID).build())
                    .build();
            MultiLayerNetwork ae = new MultiLayerNetwork(conf);
            ae.init();
            List<Double> losses = new ArrayList<>();
            long n = x.size(0);
            for (int e = 0; e < a.pretrainEpochs(); e++) {
                // Shuffle the one array alone: DataSet(x, x).shuffle() hands the native shuffle the same
                // array twice, which it permutes on two threads at once, tearing rows apart differently
                // on every run (the same seed gave different weights and accuracies).
                Nd4j.shuffle(x, new Random(settings.seed() + 1000 + e), 1);
                for (long from = 0; from < n; from += settings.batchSize()) {
                    INDArray batch = x.get(NDArrayIndex.interval(from, Math.min(n, from + settings.batchSize())), NDArrayIndex.all());
                    ae.fit(batch, batch); // an autoencoder's target is its input
                }
                double loss = ae.score(new DataSet(x, x));
                losses.add(loss);
                log.accept(String.format("pre-training autoencoder %s: epoch %d/%d, reconstruction loss %.5f",
                        node.id(), e + 1, a.pretrainEpochs(), loss));
            }
            org.deeplearning4j.nn.api.Layer target = net.getLayer(node.id());
            target.setParam("W", ae.getLayer(0).getParam("W").castTo(target.getParam("W").dataType()));
            target.setParam("b", ae.getLayer(0).getParam("b").castTo(target.getParam("b").dataType()));
            reports.add(new Report(node.id(), losses));
        }
        return reports;
    }
}
