package dev.qanvas.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.kinds.Rnn;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Rnn kind's SimpleRnn ({@link PixelRnnLayer}) against DL4J's own
 * {@code LastTimeStep(SimpleRnn)} over the pixels, built by hand with the same seed: the same
 * initial parameters, outputs, parameter gradients and input gradients; and its gradients against
 * central differences of the score.
 */
class PixelRnnLayerTest {

    private static final int H = 3, W = 4, UNITS = 3, CLASSES = 2;

    /** Ours, as the model canvas compiles it: Input (1, 3, 4) -> Rnn SimpleRnn 3 -> Output softmax 2. */
    private static ComputationGraph ours(long seed, DataType type) {
        ModelGraph g = ModelGraph.chain(new Node("in", new Input(1, H, W), 0, 0), new Node("rnn", new Rnn(Rnn.Cell.SIMPLE_RNN, UNITS), 0, 0),
                new Node("out", new Output(CLASSES, LayerSpec.OutputKind.SOFTMAX), 0, 0));
        ComputationGraph net = new ComputationGraph(GraphCompiler.configure(g, seed, new Adam(0.01), type));
        net.init();
        return net;
    }

    /** DL4J's SimpleRnn over the pixels (the Rnn kind's DL4J graph before PixelRnnLayer). */
    private static ComputationGraph dl4j(long seed, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Adam(0.01)).weightInit(WeightInit.XAVIER).dataType(type).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(H, W, 1))
                .addVertex("rnn_pixels", new ReshapeVertex(-1, 1, H * W), "in")
                .addLayer("rnn", new LastTimeStep(new SimpleRnn.Builder().nIn(1).nOut(UNITS).activation(Activation.TANH).build()), "rnn_pixels")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build(), "rnn")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static INDArray[] batch(DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 1, H, W).castTo(type);
        INDArray y = Nd4j.zeros(type, 5, CLASSES);
        for (int m = 0; m < 5; m++) {
            y.putScalar(m, m % CLASSES, 1);
        }
        return new INDArray[] {x, y};
    }

    @Test
    void sameParametersOutputsAndGradientsAsDl4jsSimpleRnn() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
            for (long seed : new long[] {1, 42, 7}) {
                ComputationGraph ours = ours(seed, type), theirs = dl4j(seed, type);
                Map<String, INDArray> p = ours.getLayer("rnn").paramTable(), q = theirs.getLayer("rnn").paramTable();
                assertEquals(q.keySet(), p.keySet());
                for (String key : q.keySet()) { // started by the same initialiser from the same seed
                    assertArrayEquals(q.get(key).shape(), p.get(key).shape(), key);
                    assertArrayEquals(columnMajor(q.get(key)), columnMajor(p.get(key)), 0, key);
                }
                assertArrayEquals(theirs.params().castTo(DataType.DOUBLE).toDoubleVector(), ours.params().castTo(DataType.DOUBLE).toDoubleVector(), 0);
                INDArray[] xy = batch(type, seed);
                assertArrayEquals(columnMajor(theirs.outputSingle(xy[0])), columnMajor(ours.outputSingle(xy[0])), tolerance, "outputs, " + type);
                Gradient g = gradient(ours, xy), h = gradient(theirs, xy);
                assertEquals(theirs.score(), ours.score(), tolerance, "score, " + type);
                for (String key : new String[] {"rnn_W", "rnn_RW", "rnn_b", "out_W", "out_b"}) {
                    assertArrayEquals(columnMajor(h.getGradientFor(key)), columnMajor(g.getGradientFor(key)), tolerance, key + ", " + type + ", seed " + seed);
                }
                // the layers alone, from one upstream gradient: the gradient of each input pixel
                INDArray pixels = xy[0].reshape(5, H * W), upstream = Nd4j.rand(DataType.DOUBLE, 5, UNITS).subi(0.5).castTo(type);
                org.deeplearning4j.nn.api.Layer mine = ours.getLayer("rnn"), reference = theirs.getLayer("rnn");
                LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
                mine.setInput(pixels, none);
                reference.setInput(pixels.reshape(5, 1, H * W), none);
                assertArrayEquals(columnMajor(reference.activate(true, none)), columnMajor(mine.activate(true, none)), tolerance, "layer outputs, " + type);
                double[][] theirsIn = reference.backpropGradient(upstream, none).getSecond().castTo(DataType.DOUBLE).reshape(5, H * W).toDoubleMatrix();
                double[][] oursIn = mine.backpropGradient(upstream, none).getSecond().castTo(DataType.DOUBLE).toDoubleMatrix();
                for (int m = 0; m < 5; m++) {
                    assertArrayEquals(theirsIn[m], oursIn[m], tolerance, "input gradient of example " + m + ", " + type);
                }
            }
        }
    }

    /** Every parameter's gradient against central differences of the score (double network). */
    @Test
    void gradientsMatchFiniteDifferences() {
        ComputationGraph net = ours(5, DataType.DOUBLE);
        INDArray[] xy = batch(DataType.DOUBLE, 9);
        Gradient g = gradient(net, xy);
        INDArray flat = net.getLayer("rnn").params();
        double[] analytic = new double[(int) flat.length()];
        int k = 0;
        for (String key : new String[] {"rnn_W", "rnn_RW", "rnn_b"}) { // the flat order: W, RW, b, each 'f'
            INDArray gk = g.getGradientFor(key);
            for (double v : columnMajor(gk)) {
                analytic[k++] = v;
            }
        }
        double eps = 1e-6;
        for (int i = 0; i < analytic.length; i++) {
            double v = flat.getDouble(i);
            flat.putScalar(i, v + eps);
            double plus = score(net, xy);
            flat.putScalar(i, v - eps);
            double minus = score(net, xy);
            flat.putScalar(i, v);
            assertEquals((plus - minus) / (2 * eps), analytic[i], 1e-7, "parameter " + i);
        }
        org.deeplearning4j.nn.api.Layer layer = net.getLayer("rnn");
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        INDArray pixels = xy[0].reshape(5, H * W).dup(), upstream = Nd4j.rand(DataType.DOUBLE, 5, UNITS).subi(0.5);
        layer.setInput(pixels, none);
        layer.activate(true, none);
        double[][] inputGradient = layer.backpropGradient(upstream, none).getSecond().toDoubleMatrix();
        for (int m = 0; m < 5; m++) {
            for (int i = 0; i < H * W; i++) {
                double v = pixels.getDouble(m, i);
                pixels.putScalar(m, i, v + eps);
                double plus = weighted(layer, pixels, upstream);
                pixels.putScalar(m, i, v - eps);
                double minus = weighted(layer, pixels, upstream);
                pixels.putScalar(m, i, v);
                assertEquals((plus - minus) / (2 * eps), inputGradient[m][i], 1e-8, "pixel " + i + " of example " + m);
            }
        }
    }

    /** sum of upstream * the layer's output. */
    private static double weighted(org.deeplearning4j.nn.api.Layer layer, INDArray pixels, INDArray upstream) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(pixels, none);
        return layer.activate(false, none).mul(upstream).sumNumber().doubleValue();
    }

    /** A matrix's entries column by column (DL4J's order for weights in the flat parameter view). */
    private static double[] columnMajor(INDArray a) {
        double[][] m = a.castTo(DataType.DOUBLE).reshape(a.size(0), a.length() / a.size(0)).toDoubleMatrix();
        double[] out = new double[(int) a.length()];
        int k = 0;
        for (int c = 0; c < m[0].length; c++) {
            for (double[] row : m) {
                out[k++] = row[c];
            }
        }
        return out;
    }

    private static Gradient gradient(ComputationGraph net, INDArray[] xy) {
        net.setInputs(xy[0]);
        net.setLabels(xy[1]);
        net.computeGradientAndScore();
        return net.gradient();
    }

    /** The summed loss (DL4J's score is the batch mean). */
    private static double score(ComputationGraph net, INDArray[] xy) {
        net.setInputs(xy[0]);
        net.setLabels(xy[1]);
        net.computeGradientAndScore();
        return net.score() * xy[0].size(0);
    }
}
