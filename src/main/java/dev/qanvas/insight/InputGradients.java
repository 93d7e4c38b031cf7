package dev.qanvas.insight;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import java.util.function.Consumer;

/**
 * Gradients of a per-row score with respect to the network's input, for saliency maps and
 * adversarial attacks: one place that makes the differentiable copy of a trained network.
 *
 * <p>The copy is double precision, with workspaces and dropout off, and the output layer's
 * activation and loss as the caller sets them (the class logit for saliency, the model's own
 * cross-entropy for attacks). DL4J's backward pass leaves d loss / d input in the input vertex's
 * epsilon, which a listener copies (docs/architecture.md, facts about the libraries): a row's
 * gradient is that of its own loss, as the loss of a batch is the sum over its rows before the
 * updater divides by the batch size. Gradients run through every layer, quantum ones included
 * (their backward pass is adjoint differentiation). A network with BatchNormalization is
 * differentiated in DL4J's training mode (batch statistics), so its gradients are approximate.
 * Not thread-safe: one thread at a time.
 */
final class InputGradients {

    /** Rows per forward/backward pass: bounds memory for large inputs. */
    private static final int CHUNK = 64;

    private final ComputationGraph net;
    private final String inputName;
    private final long[] inputShape;
    private final int size;
    private final int classes;
    private final boolean softmax;
    private INDArray captured;

    /**
     * @param trained    the trained network; left untouched
     * @param inputShape one input without the batch axis: {C, H, W} or {F}
     * @param output     sets the copy's output layer (activation and loss); called once
     */
    InputGradients(ComputationGraph trained, long[] inputShape, Consumer<BaseOutputLayer> output) {
        ComputationGraph doubles = trained.convertDataType(DataType.DOUBLE);
        ComputationGraphConfiguration conf = doubles.getConfiguration().clone();
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        String outputName = conf.getNetworkOutputs().get(0);
        boolean soft = true;
        for (var entry : conf.getVertices().entrySet()) {
            GraphVertex v = entry.getValue();
            if (!(v instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            layer.setIDropout(null);
            if (layer instanceof FrozenLayerWithBackprop frozen) {
                frozen.getUnderlying().setIDropout(null);
            }
            if (entry.getKey().equals(outputName)) {
                if (!(layer instanceof BaseOutputLayer out)) {
                    throw new IllegalArgumentException("the model's output " + outputName + " is not an output layer");
                }
                soft = out.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationSoftmax;
                output.accept(out);
            }
        }
        this.softmax = soft;
        this.net = new ComputationGraph(conf);
        net.init(doubles.params().dup(), false);
        this.inputName = conf.getNetworkInputs().get(0);
        this.inputShape = inputShape.clone();
        long n = 1;
        for (long s : inputShape) {
            n *= s;
        }
        this.size = (int) n;
        this.classes = (int) net.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseOutputLayer)
                .mapToLong(v -> ((BaseOutputLayer) ((LayerVertex) v).getLayerConf().getLayer()).getNOut()).max().orElse(0);
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void onBackwardPass(Model model) {
                captured = ((ComputationGraph) model).getVertex(inputName).getEpsilon().dup();
            }
        });
    }

    /** Whether the trained model's output layer was a softmax (else sigmoid), before the caller changed it. */
    boolean softmaxOutput() {
        return softmax;
    }

    /** Whether any layer is a batch normalisation, whose gradients are approximate (see the class comment). */
    boolean hasBatchNorm() {
        return net.getConfiguration().getVertices().values().stream()
                .anyMatch(v -> v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization);
    }

    /** Values per input (C*H*W or F). */
    int inputSize() {
        return size;
    }

    int classes() {
        return classes;
    }

    /** The copy's outputs (inference mode) for a batch of flat inputs (each C*H*W in NCHW order, or F). */
    double[][] outputs(double[][] inputs) {
        double[][] out = new double[inputs.length][];
        for (int start = 0; start < inputs.length; start += CHUNK) {
            int n = Math.min(CHUNK, inputs.length - start);
            double[][] z = net.outputSingle(false, batch(inputs, start, n)).toDoubleMatrix();
            System.arraycopy(z, 0, out, start, n);
        }
        return out;
    }

    /** d loss(row i, class cls[i]) / d inputs[i] for each row, the labels one-hot. */
    double[][] gradients(double[][] inputs, int[] cls) {
        if (inputs.length != cls.length) {
            throw new IllegalArgumentException(inputs.length + " inputs but " + cls.length + " classes");
        }
        double[][] out = new double[inputs.length][];
        for (int start = 0; start < inputs.length; start += CHUNK) {
            int n = Math.min(CHUNK, inputs.length - start);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, n, classes);
            for (int k = 0; k < n; k++) {
                if (cls[start + k] < 0 || cls[start + k] >= classes) {
                    throw new IllegalArgumentException("class " + cls[start + k] + " does not exist (0.." + (classes - 1) + ")");
                }
                labels.putScalar(k, cls[start + k], 1.0);
            }
            net.setInputs(batch(inputs, start, n));
            net.setLabels(labels);
            captured = null;
            net.computeGradientAndScore();
            if (captured == null) {
                throw new IllegalStateException("the network gave no gradient for its input " + inputName);
            }
            double[][] g = captured.reshape(n, size).toDoubleMatrix();
            System.arraycopy(g, 0, out, start, n);
        }
        net.clear();
        return out;
    }

    private INDArray batch(double[][] inputs, int start, int n) {
        double[] flat = new double[n * size];
        for (int k = 0; k < n; k++) {
            if (inputs[start + k].length != size) {
                throw new IllegalArgumentException("an input has " + inputs[start + k].length + " values, the model reads " + size);
            }
            System.arraycopy(inputs[start + k], 0, flat, k * size, size);
        }
        long[] shape = new long[inputShape.length + 1];
        shape[0] = n;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        return Nd4j.create(flat, shape, 'c');
    }
}
