package dev.qanvas.nn.layers;

import dev.qanvas.nn.qrnn.QrnnCell;
import dev.qanvas.quantum.PostselectedAdjoint;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The running QRNN layer: forward = each example's class log-probabilities after the last step
 * (ln p_y, floored at ln {@link QrnnLayer#FLOOR}), so that an Output softmax with identity weights gives
 * back p and its loss is the QRNN's own -ln p(label);
 * backward = the exact gradient by {@link PostselectedAdjoint} (one forward and one backward pass
 * of the unrolled cell per example; the cell compiled once per batch, {@link QrnnCell#compile}; the
 * forward pass is the one activate kept when training on the same inputs and weights), assigned into DL4J's gradient view (docs/architecture.md).
 * The input gradient is zero: the pixels are binarised.
 */
public class QrnnLayerImpl extends BaseLayer<QrnnLayer> {

    /** The last training forward pass: its inputs, weights and per-example states. */
    private double[][] forwardInputs;
    private double[] forwardWeights;
    private PostselectedAdjoint.Forward[] forwards;

    public QrnnLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    private double[] weights() {
        return params.get(QrnnLayer.WEIGHTS).castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        QrnnLayer c = layerConf();
        QrnnCell cell = c.cell();
        double[][] x = Rows.of(input, 1.0);
        double[] w = weights();
        QrnnCell.Compiled compiled = cell.compile(w);
        double[][] y = new double[x.length][];
        PostselectedAdjoint.Forward[] forwards = new PostselectedAdjoint.Forward[x.length];
        forwardInputs = null;
        IntStream.range(0, x.length).parallel().forEach(b -> {
            int[] tokens = cell.tokens(x[b], c.getThreshold());
            QrnnCell.CompiledRun run = compiled.unroll(tokens);
            forwards[b] = PostselectedAdjoint.forward(cell.qubits(), run.steps(), run.readouts(), training);
            double[][] perStep = cell.distributions(forwards[b].values(), tokens.length);
            double[] p = perStep[perStep.length - 1];
            y[b] = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                y[b][j] = Math.log(Math.max(p[j], QrnnLayer.FLOOR));
            }
        });
        if (training) { // backprop goes on from these states when it sees the same inputs and weights
            forwardInputs = x;
            forwardWeights = w;
            this.forwards = forwards;
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.length, c.getNOut());
        out.assign(Rows.matrix(y, dataType));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        QrnnLayer c = layerConf();
        QrnnCell cell = c.cell();
        double[][] x = Rows.of(input, 1.0);
        double[][] upstream = Rows.of(epsilon, 1.0);
        double[] w = weights();
        int k = cell.classes();
        double[][] perExample = new double[x.length][];
        // the forward pass of activate(training) when it ran on these very inputs and weights (compared bit for bit)
        PostselectedAdjoint.Forward[] kept = forwardInputs != null && Arrays.equals(w, forwardWeights)
                && Arrays.deepEquals(x, forwardInputs) ? forwards : null;
        QrnnCell.Compiled compiled = kept == null ? cell.compile(w) : null;
        IntStream.range(0, x.length).parallel().forEach(b -> {
            PostselectedAdjoint.Forward f;
            if (kept != null) {
                f = kept[b];
            } else {
                QrnnCell.CompiledRun u = compiled.unroll(cell.tokens(x[b], c.getThreshold()));
                f = PostselectedAdjoint.forward(cell.qubits(), u.steps(), u.readouts(), true);
            }
            perExample[b] = f.backward(w.length, values -> {
                // ln p_y = ln N_y - ln D after the last step: d/dN_y = 1/N_y, d/dD = -1/D (0 where floored)
                double[] weights = new double[values.length];
                int last = values.length - (k + 1);
                double d = values[last + k];
                for (int y = 0; y < k; y++) {
                    double n = values[last + y];
                    if (n / d >= QrnnLayer.FLOOR) {
                        weights[last + y] = upstream[b][y] / n;
                        weights[last + k] -= upstream[b][y] / d;
                    }
                }
                return weights;
            }).gradient();
        });
        double[] g = new double[w.length];
        for (double[] e : perExample) {
            for (int i = 0; i < g.length; i++) {
                g[i] += e[i];
            }
        }
        INDArray view = gradientViews.get(QrnnLayer.WEIGHTS);
        view.assign(Nd4j.createFromArray(g).reshape(1, g.length).castTo(view.dataType()));
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(QrnnLayer.WEIGHTS, view);
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, x.length, c.getNIn());
        return new Pair<>(gradient, epsOut);
    }
}
