package dev.qanvas.nn.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The running {@link PixelRnnLayer}: h_t = tanh(x_t W + h_(t-1) RW + b) over an example's values,
 * output h_T, in doubles (DL4J's SimpleRnn computes in the network's type, float). Backward is
 * backpropagation through time from dL/dh_T, with the tanh derivative 1 - h_t^2, as DL4J's
 * SimpleRnn and LastTimeStep compute it: gradients of W, RW, b, and of each input value.
 */
public class PixelRnnLayerImpl extends BaseLayer<PixelRnnLayer> {

    public PixelRnnLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    /** The parameters as doubles: W [units], RW [from][to], b [units]. */
    private record Weights(double[] w, double[][] rw, double[] b) {
    }

    private Weights weights() {
        return new Weights(params.get(PixelRnnLayer.Params.W).castTo(DataType.DOUBLE).toDoubleVector(),
                params.get(PixelRnnLayer.Params.RW).castTo(DataType.DOUBLE).toDoubleMatrix(),
                params.get(PixelRnnLayer.Params.B).castTo(DataType.DOUBLE).toDoubleVector());
    }

    /** The hidden states h_1..h_T of one example, [t][unit] (h_0 = 0 is not stored). */
    private static double[][] states(double[] x, Weights p) {
        int h = p.b.length;
        double[][] states = new double[x.length][h];
        double[] previous = new double[h];
        for (int t = 0; t < x.length; t++) {
            double[] z = states[t];
            for (int j = 0; j < h; j++) {
                z[j] = p.b[j] + x[t] * p.w[j];
            }
            for (int i = 0; i < h; i++) {
                double a = previous[i];
                double[] row = p.rw[i];
                for (int j = 0; j < h; j++) {
                    z[j] += a * row[j];
                }
            }
            for (int j = 0; j < h; j++) {
                z[j] = Math.tanh(z[j]);
            }
            previous = z;
        }
        return states;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        double[][] x = Rows.of(input, 1.0);
        Weights p = weights();
        double[][] y = new double[x.length][];
        for (int m = 0; m < x.length; m++) {
            double[][] states = states(x[m], p);
            y[m] = states.length == 0 ? new double[p.b.length] : states[states.length - 1];
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, x.length, layerConf().getNOut());
        out.assign(Rows.matrix(y, dataType));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        double[][] x = Rows.of(input, 1.0);
        double[][] upstream = Rows.of(epsilon, 1.0);
        Weights p = weights();
        int h = p.b.length;
        double[] gw = new double[h], gb = new double[h];
        double[][] grw = new double[h][h];
        double[][] gx = new double[x.length][];
        double[] dz = new double[h];
        for (int m = 0; m < x.length; m++) {
            double[][] states = states(x[m], p);
            int steps = states.length;
            gx[m] = new double[steps];
            double[] da = upstream[m].clone(); // dL/dh_t, from the output at t = T, then through RW
            for (int t = steps - 1; t >= 0; t--) {
                double[] a = states[t];
                for (int j = 0; j < h; j++) {
                    dz[j] = da[j] * (1 - a[j] * a[j]);
                }
                double dx = 0;
                for (int j = 0; j < h; j++) {
                    gw[j] += x[m][t] * dz[j];
                    gb[j] += dz[j];
                    dx += dz[j] * p.w[j];
                }
                gx[m][t] = dx;
                if (t > 0) {
                    double[] before = states[t - 1];
                    for (int i = 0; i < h; i++) {
                        double[] g = grw[i], row = p.rw[i];
                        double back = 0;
                        for (int j = 0; j < h; j++) {
                            g[j] += before[i] * dz[j];
                            back += dz[j] * row[j];
                        }
                        da[i] = back;
                    }
                }
            }
        }
        gradientViews.get(PixelRnnLayer.Params.W).assign(Rows.matrix(new double[][] {gw}, DataType.DOUBLE));
        gradientViews.get(PixelRnnLayer.Params.RW).assign(Rows.matrix(grw, DataType.DOUBLE));
        gradientViews.get(PixelRnnLayer.Params.B).assign(Rows.matrix(new double[][] {gb}, DataType.DOUBLE));
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : new String[] {PixelRnnLayer.Params.W, PixelRnnLayer.Params.RW, PixelRnnLayer.Params.B}) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.length, layerConf().getNIn());
        epsOut.assign(Rows.matrix(gx, dataType));
        return new Pair<>(gradient, backpropDropOutIfPresent(epsOut));
    }
}
