package dev.qanvas.insight;

import dev.qanvas.nn.layers.PhotonicLayer;
import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.PhotonicReport;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The photonic layers inside a trained network for one input (issue 21): each layer's features
 * (its input, as phases), and what its photons do with them at the trained angles, the output
 * distribution beside distinguishable photons' and the mean photon number per mode
 * ({@link PhotonicReport}). Inspect shows it as {@link QuantumStates} shows qubit layers.
 */
public final class PhotonicStates {

    private PhotonicStates() {
    }

    /**
     * One photonic layer for the probed input.
     *
     * @param layer    the DL4J layer name (the model node's id)
     * @param features the layer's input, one feature per mode
     * @param input    the Fock state it sends in
     * @param report   its output distribution for that input, photon-number-resolving detectors
     */
    public record Layer(String layer, double[] features, int[] input, PhotonicReport report) {
    }

    /** Every photonic layer of {@code net} for one input (a batch of 1), in layer order. */
    public static List<Layer> probe(ComputationGraph net, INDArray input) {
        return QuantumStates.eachLayer(net, input, PhotonicLayer.class, (layer, conf, in) -> {
            double[] x = in.castTo(DataType.DOUBLE).toDoubleVector();
            double[] w = layer.getParam(PhotonicLayer.WEIGHTS).castTo(DataType.DOUBLE).toDoubleVector();
            int[] s = conf.inputState();
            return new Layer(conf.getLayerName(), x, s, PhotonicReport.of(conf.circuit(), x, w, s, Detector.PNR));
        });
    }
}
