package dev.qanvas.insight;

import dev.qanvas.nn.training.PixelSpace;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.StateReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The quantum layers' movement under attack against hand-checkable cases. */
class QuantumMovementTest {

    private static final PixelSpace SPACE = PixelSpace.identity();

    private static double[] pixels(int size, long seed) {
        Random r = new Random(seed);
        double[] x = new double[size];
        for (int k = 0; k < size; k++) {
            x[k] = r.nextDouble();
        }
        return x;
    }

    @Test
    void theSameInputDoesNotMoveAndReadsTheLayersOwnStates() {
        ComputationGraph net = InsightModels.compile(InsightModels.quanvolution(), DataType.FLOAT);
        long[] shape = {1, 6, 6};
        double[] x = pixels(36, 1);
        List<QuantumMovement.Shift> shifts = QuantumMovement.between(net, SPACE, shape, x, x.clone());
        assertEquals(1, shifts.size(), "one quanvolution layer");
        QuantumMovement.Shift s = shifts.get(0);
        assertEquals(0, s.meanAbsZShift(), 1e-12, "epsilon 0 moves nothing");
        assertEquals(0, s.entropyShift(), 1e-12);
        assertArrayEquals(s.cleanZ(), s.adversarialZ(), 1e-12);
        // by hand: the mean over patches of each qubit's <Z> from the probed states
        QuantumStates.Node node = QuantumStates.probe(net, QuantumMovement.input(SPACE, shape, x).castTo(DataType.FLOAT)).get(0);
        double z0 = 0;
        double entropy = 0;
        int qubits = node.circuit().qubits();
        for (int k = 0; k < node.count(); k++) {
            StateReport r = node.report(k);
            z0 += r.bloch()[0][2] / node.count();
            for (int q = 0; q < qubits; q++) {
                entropy += r.singleQubitEntropy()[q] / (node.count() * qubits);
            }
        }
        assertEquals(z0, s.cleanZ()[0], 1e-12);
        assertEquals(entropy, s.cleanEntropy(), 1e-12);
    }

    @Test
    void anotherInputMovesAndTheMeanIsTheMeanOfTheImages() {
        ComputationGraph net = InsightModels.compile(InsightModels.denseQuantum(false), DataType.FLOAT);
        long[] shape = {1, 4, 4};
        List<List<QuantumMovement.Shift>> perImage = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double[] x = pixels(16, 10 + i);
            double[] moved = x.clone();
            for (int k = 0; k < moved.length; k++) {
                moved[k] = Math.max(0, Math.min(1, moved[k] + (k % 2 == 0 ? 0.3 : -0.3)));
            }
            perImage.add(QuantumMovement.between(net, SPACE, shape, x, moved));
        }
        QuantumMovement.Shift a = perImage.get(0).get(0);
        assertTrue(a.meanAbsZShift() > 1e-6, "a changed input moves the qubits");
        double[] z = a.cleanZ();
        double absShift = 0;
        for (int q = 0; q < z.length; q++) {
            absShift += Math.abs(a.adversarialZ()[q] - z[q]) / z.length;
        }
        assertEquals(absShift, a.meanAbsZShift(), 1e-12, "one state: the mean |change| of <Z> over the qubits");

        QuantumMovement.Shift mean = QuantumMovement.mean(perImage).get(0);
        double shift = 0;
        double entropy = 0;
        double z1 = 0;
        for (List<QuantumMovement.Shift> image : perImage) {
            shift += image.get(0).meanAbsZShift() / 3;
            entropy += image.get(0).adversarialEntropy() / 3;
            z1 += image.get(0).adversarialZ()[1] / 3;
        }
        assertEquals(shift, mean.meanAbsZShift(), 1e-12);
        assertEquals(entropy, mean.adversarialEntropy(), 1e-12);
        assertEquals(z1, mean.adversarialZ()[1], 1e-12);
        assertEquals(List.of(), QuantumMovement.mean(List.of()));
    }
}
