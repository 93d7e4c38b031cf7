package dev.qanvas.nn.layers;

import dev.qanvas.photonic.FockProbabilities;
import dev.qanvas.photonic.PhotonicBatch;
import dev.qanvas.photonic.PhotonicCircuit;
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
 * The running photonic layer: forward = the output distribution (or mean occupations) per example;
 * backward = the exact vector-Jacobian product of {@link PhotonicBatch}, the weight gradient
 * assigned into DL4J's gradient view (docs/architecture.md) and the input gradient returned.
 */
public class PhotonicLayerImpl extends BaseLayer<PhotonicLayer> {

    private PhotonicBatch.Outcomes outcomes;

    public PhotonicLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
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

    private PhotonicBatch.Outcomes outcomes() {
        if (outcomes == null) {
            PhotonicLayer c = layerConf();
            outcomes = PhotonicBatch.Outcomes.of(c.getModes(), c.getPhotons(), FockProbabilities.Detector.PNR);
        }
        return outcomes;
    }

    private double[] weights() {
        return params.get(PhotonicLayer.WEIGHTS).castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        PhotonicLayer c = layerConf();
        PhotonicCircuit circuit = c.circuit();
        double[][] x = Rows.of(input, 1.0);
        double[][] y = c.readsProbabilities()
                ? PhotonicBatch.probabilities(circuit, x, weights(), c.inputState(), outcomes(), FockProbabilities.Photons.INDISTINGUISHABLE)
                : PhotonicBatch.occupations(circuit, x, weights(), c.inputState(), FockProbabilities.Photons.INDISTINGUISHABLE);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, y.length, c.getNOut());
        out.assign(Rows.matrix(y, dataType));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        PhotonicLayer c = layerConf();
        PhotonicCircuit circuit = c.circuit();
        double[][] x = Rows.of(input, 1.0);
        double[][] upstream = Rows.of(epsilon, 1.0);
        PhotonicBatch.Gradient g = c.readsProbabilities()
                ? PhotonicBatch.probabilitiesBackward(circuit, x, weights(), c.inputState(), outcomes(),
                        FockProbabilities.Photons.INDISTINGUISHABLE, upstream)
                : PhotonicBatch.occupationsBackward(circuit, x, weights(), c.inputState(), FockProbabilities.Photons.INDISTINGUISHABLE, upstream);
        INDArray view = gradientViews.get(PhotonicLayer.WEIGHTS);
        view.assign(Nd4j.createFromArray(g.weights()).reshape(1, g.weights().length).castTo(view.dataType()));
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(PhotonicLayer.WEIGHTS, view);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.length, c.getModes());
        epsOut.assign(Rows.matrix(g.features(), dataType));
        return new Pair<>(gradient, epsOut);
    }
}
