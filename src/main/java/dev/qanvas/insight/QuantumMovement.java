package dev.qanvas.insight;

import dev.qanvas.nn.training.PixelSpace;
import dev.qanvas.quantum.StateReport;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the quantum layers of a model move when its input is attacked: for each quantum layer, each
 * qubit's {@code <Z>} and the qubits' entanglement entropy S(q : rest) on the clean input and on the
 * adversarial one ({@link QuantumStates#probe}). A Quanvolution layer has one state per patch: its
 * readings are means over the patches, and its shift is the mean over patches and qubits of the
 * per-patch |change of <Z>| (so opposite moves in two patches do not cancel).
 */
public final class QuantumMovement {

    private QuantumMovement() {
    }

    /**
     * One quantum layer, clean against adversarial.
     *
     * @param cleanZ             each qubit's {@code <Z>} on the clean input (mean over patches)
     * @param adversarialZ       the same on the adversarial input
     * @param meanAbsZShift      the mean of |adversarial - clean| {@code <Z>} over patches and qubits, in [0, 2]
     * @param cleanEntropy       the mean single-qubit entanglement entropy (bits) over qubits and patches, clean
     * @param adversarialEntropy the same, adversarial
     */
    public record Shift(String layer, String title, double[] cleanZ, double[] adversarialZ, double meanAbsZShift,
                        double cleanEntropy, double adversarialEntropy) {
        public double entropyShift() {
            return adversarialEntropy - cleanEntropy;
        }
    }

    /** Each quantum layer's shift between a clean and an adversarial model input (batch 1 each). */
    public static List<Shift> between(ComputationGraph net, INDArray clean, INDArray adversarial) {
        List<QuantumStates.Node> a = QuantumStates.probe(net, clean);
        List<QuantumStates.Node> b = QuantumStates.probe(net, adversarial);
        List<Shift> out = new ArrayList<>();
        for (int l = 0; l < a.size(); l++) {
            QuantumStates.Node na = a.get(l);
            QuantumStates.Node nb = b.get(l);
            int qubits = na.circuit().qubits();
            double[] za = new double[qubits];
            double[] zb = new double[qubits];
            double shift = 0;
            double ea = 0;
            double eb = 0;
            int states = na.count();
            for (int k = 0; k < states; k++) {
                StateReport ra = na.report(k);
                StateReport rb = nb.report(k);
                for (int q = 0; q < qubits; q++) {
                    double zqa = ra.bloch()[q][2];
                    double zqb = rb.bloch()[q][2];
                    za[q] += zqa / states;
                    zb[q] += zqb / states;
                    shift += Math.abs(zqb - zqa);
                    ea += ra.singleQubitEntropy()[q];
                    eb += rb.singleQubitEntropy()[q];
                }
            }
            double per = (double) states * qubits;
            out.add(new Shift(na.layer(), na.title(), za, zb, shift / per, ea / per, eb / per));
        }
        return out;
    }

    /** The shifts of images in pixel units, as the model reads them ({@code shape}: one input without the batch axis). */
    public static List<Shift> between(ComputationGraph net, PixelSpace space, long[] shape, double[] clean, double[] adversarial) {
        org.nd4j.linalg.api.buffer.DataType type = net.params().dataType();
        return between(net, input(space, shape, clean).castTo(type), input(space, shape, adversarial).castTo(type));
    }

    /** An image in pixel units as a model input of batch 1 (doubles). */
    public static INDArray input(PixelSpace space, long[] shape, double[] pixels) {
        long[] full = new long[shape.length + 1];
        full[0] = 1;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return Nd4j.create(space.toModel(pixels), full);
    }

    /** The element-wise mean of several images' shifts (each a list of the same layers); empty for no images. */
    public static List<Shift> mean(List<List<Shift>> perImage) {
        if (perImage.isEmpty()) {
            return List.of();
        }
        int n = perImage.size();
        List<Shift> out = new ArrayList<>();
        for (int l = 0; l < perImage.get(0).size(); l++) {
            Shift first = perImage.get(0).get(l);
            double[] za = new double[first.cleanZ().length];
            double[] zb = new double[za.length];
            double shift = 0;
            double ea = 0;
            double eb = 0;
            for (List<Shift> image : perImage) {
                Shift s = image.get(l);
                for (int q = 0; q < za.length; q++) {
                    za[q] += s.cleanZ()[q] / n;
                    zb[q] += s.adversarialZ()[q] / n;
                }
                shift += s.meanAbsZShift() / n;
                ea += s.cleanEntropy() / n;
                eb += s.adversarialEntropy() / n;
            }
            out.add(new Shift(first.layer(), first.title(), za, zb, shift, ea, eb));
        }
        return out;
    }
}
