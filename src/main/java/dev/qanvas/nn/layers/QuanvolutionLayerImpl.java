package dev.qanvas.nn.layers;

import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The running quanvolution: all patches of the batch go through the patch circuit as one big
 * simulator batch; backward sums each patch's input gradient back into the pixels it came from
 * (patches overlap when stride < kernel).
 */
public class QuanvolutionLayerImpl extends CircuitLayerImpl<QuanvolutionLayer> {

    private Circuit circuit;
    private List<PauliString> measurements;

    public QuanvolutionLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private Circuit circuit() {
        if (circuit == null) {
            circuit = layerConf().circuit();
            measurements = new ArrayList<>();
            for (int q = 0; q < circuit.qubits(); q++) {
                measurements.add(PauliString.z(q));
            }
        }
        return circuit;
    }

    /** Geometry of the current input: batch, channels, height, width, output height and width. */
    private record Geometry(int b, int c, int h, int w, int oh, int ow, int k, int s) {
        int patches() {
            return b * c * oh * ow;
        }

        /** Flat NCHW index of pixel (dy, dx) of patch p. */
        int pixel(int p, int dy, int dx) {
            int ox = p % ow;
            int oy = (p / ow) % oh;
            int bc = p / (ow * oh); // = batch * c + channel
            return (bc * h + oy * s + dy) * w + ox * s + dx;
        }
    }

    private Geometry geometry() {
        return geometry(input, layerConf());
    }

    private static Geometry geometry(INDArray input, QuanvolutionLayer conf) {
        long[] shape = input.shape();
        if (shape.length != 4) {
            throw new IllegalStateException("quanvolution " + conf.getLayerName() + " needs NCHW image input, got shape "
                    + java.util.Arrays.toString(shape));
        }
        return new Geometry((int) shape[0], (int) shape[1], (int) shape[2], (int) shape[3],
                conf.outputSize(shape[2]), conf.outputSize(shape[3]), conf.getKernel(), conf.getStride());
    }

    /** Every patch of an NCHW batch as circuit inputs, in output order (batch, channel, row, column). */
    public static double[][] patches(INDArray images, QuanvolutionLayer conf) {
        return patches(geometry(images, conf), images.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }

    private static double[][] patches(Geometry g, double[] pixels) {
        double[][] x = new double[g.patches()][g.k() * g.k()];
        for (int p = 0; p < x.length; p++) {
            for (int dy = 0; dy < g.k(); dy++) {
                for (int dx = 0; dx < g.k(); dx++) {
                    x[p][dy * g.k() + dx] = pixels[g.pixel(p, dy, dx)];
                }
            }
        }
        return x;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Circuit c = circuit();
        Geometry g = geometry();
        double[] pixels = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] e = expectations(c, patches(g, pixels), circuitWeights(), measurements, training);
        int q = c.qubits();
        double[] out = new double[g.b() * g.c() * q * g.oh() * g.ow()];
        for (int p = 0; p < e.length; p++) {
            int pos = p % (g.oh() * g.ow());
            int bc = p / (g.oh() * g.ow());
            int b = bc / g.c(), ch = bc % g.c();
            for (int j = 0; j < q; j++) {
                out[((b * g.c() * q) + ch * q + j) * g.oh() * g.ow() + pos] = e[p][j];
            }
        }
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.b(), (long) g.c() * q, g.oh(), g.ow());
        result.assign(Nd4j.create(out, new long[] {g.b(), (long) g.c() * q, g.oh(), g.ow()}, DataType.DOUBLE).castTo(dataType));
        return result;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Circuit c = circuit();
        Geometry g = geometry();
        int q = c.qubits();
        double[] pixels = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] eps = epsilon.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] upstream = new double[g.patches()][q];
        for (int p = 0; p < upstream.length; p++) {
            int pos = p % (g.oh() * g.ow());
            int bc = p / (g.oh() * g.ow());
            int b = bc / g.c(), ch = bc % g.c();
            for (int j = 0; j < q; j++) {
                upstream[p][j] = eps[((b * g.c() * q) + ch * q + j) * g.oh() * g.ow() + pos];
            }
        }
        BatchSimulator.Result r = gradients(c, patches(g, pixels), circuitWeights(), measurements, upstream);
        double[] dIn = new double[pixels.length];
        for (int p = 0; p < upstream.length; p++) {
            for (int dy = 0; dy < g.k(); dy++) {
                for (int dx = 0; dx < g.k(); dx++) {
                    dIn[g.pixel(p, dy, dx)] += r.inputGradient()[p][dy * g.k() + dx];
                }
            }
        }
        Gradient gradient = new DefaultGradient();
        if (layerConf().isTrainable() && r.weightGradient().length > 0) {
            INDArray view = gradientViews.get(QuantumParamInitializer.WEIGHTS);
            view.assign(Nd4j.createFromArray(r.weightGradient()).reshape(1, r.weightGradient().length).castTo(view.dataType()));
            gradient.gradientForVariable().put(QuantumParamInitializer.WEIGHTS, view);
        }
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape());
        epsOut.assign(Nd4j.create(dIn, input.shape(), DataType.DOUBLE).castTo(dataType));
        return new Pair<>(gradient, epsOut);
    }

}
