package dev.qanvas.nn.layers;

import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
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
 * The running quantum layer: forward = batched simulation and Pauli expectations; backward =
 * batched adjoint differentiation, assigning the weight gradient into DL4J's gradient view (a
 * new array in the Gradient map would train nothing, docs/architecture.md) and returning the input gradient.
 */
public class QuantumLayerImpl extends CircuitLayerImpl<QuantumLayer> {

    private Circuit circuit;
    private List<PauliString> measurements;

    public QuantumLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private Circuit circuit() {
        if (circuit == null) {
            circuit = layerConf().circuit();
            measurements = layerConf().measurementList();
        }
        return circuit;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        Circuit c = circuit();
        double[][] expectations = expectations(c, inputs(), circuitWeights(), measurements, training);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, expectations.length, measurements.size());
        out.assign(Rows.matrix(expectations, dataType));
        if (layerConf().isOutputScaling()) {
            out.muliRowVector(params.get(QuantumParamInitializer.SCALE).castTo(dataType))
                    .addiRowVector(params.get(QuantumParamInitializer.BIAS).castTo(dataType));
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Circuit c = circuit();
        Gradient gradient = new DefaultGradient();
        boolean scaled = layerConf().isOutputScaling();
        INDArray eps = scaled ? epsilon.castTo(DataType.DOUBLE) : epsilon; // Rows.of reads any type
        // out = scale * <O> + bias: <O> receives eps * scale; the adjoint pass also returns <O> itself.
        INDArray upstream = scaled ? eps.mulRowVector(params.get(QuantumParamInitializer.SCALE).castTo(DataType.DOUBLE)) : eps;
        BatchSimulator.Result r = gradients(c, inputs(), circuitWeights(), measurements, Rows.of(upstream, 1));
        if (scaled) {
            // dL/dscale = sum over the batch of eps * <O>, dL/dbias = sum of eps.
            INDArray expectations = Nd4j.createFromArray(r.expectations());
            int outputs = measurements.size();
            INDArray scaleView = gradientViews.get(QuantumParamInitializer.SCALE);
            INDArray biasView = gradientViews.get(QuantumParamInitializer.BIAS);
            scaleView.assign(eps.mul(expectations).sum(0).reshape(1, outputs).castTo(scaleView.dataType()));
            biasView.assign(eps.sum(0).reshape(1, outputs).castTo(biasView.dataType()));
            gradient.gradientForVariable().put(QuantumParamInitializer.SCALE, scaleView);
            gradient.gradientForVariable().put(QuantumParamInitializer.BIAS, biasView);
        }
        if (r.weightGradient().length > 0) {
            INDArray view = gradientViews.get(QuantumParamInitializer.WEIGHTS);
            view.assign(Nd4j.createFromArray(r.weightGradient()).reshape(1, r.weightGradient().length).castTo(view.dataType()));
            // DL4J applies updates in the order of the gradient map: keep the parameter order W, S, B.
            Gradient ordered = new DefaultGradient();
            ordered.gradientForVariable().put(QuantumParamInitializer.WEIGHTS, view);
            ordered.gradientForVariable().putAll(gradient.gradientForVariable());
            gradient = ordered;
        }
        double scale = layerConf().getInputScale();
        double[][] dx = r.inputGradient();
        for (double[] row : dx) {
            for (int i = 0; i < row.length; i++) {
                row[i] *= scale;
            }
        }
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, dx.length, c.inputCount());
        epsOut.assign(Rows.matrix(dx, dataType));
        return new Pair<>(gradient, epsOut);
    }

    private double[][] inputs() {
        return layerConf().circuitInputs(input);
    }

}
