package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void angleEmbeddingGivesTheProductState() {
        Circuit c = new Circuit(3, Templates.angleEmbedding(3, Gate.RY, 2.0));
        double[] x = {0.1, 0.7, -0.4};
        StateVector s = Simulator.run(c, x, new double[0]);
        for (int q = 0; q < 3; q++) {
            // RY(2x)|0> has <Z> = cos(2x)
            assertEquals(Math.cos(2 * x[q]), s.expectation(PauliString.z(q)), 1e-12);
        }
        assertEquals(3, c.inputCount());
    }

    @Test
    void amplitudeEmbeddingNormalisesAndPads() {
        StateVector s = Templates.amplitudeEmbedding(new double[] {3, 0, 4}, 2);
        assertEquals(0.6, s.re(0), 1e-15);
        assertEquals(0.8, s.re(2), 1e-15);
        assertEquals(0, s.re(3), 0);
        assertThrows(IllegalArgumentException.class, () -> Templates.amplitudeEmbedding(new double[5], 2));
        assertThrows(IllegalArgumentException.class, () -> Templates.amplitudeEmbedding(new double[] {0, 0}, 1));
    }

    @Test
    void layerTemplatesHaveThePennyLaneParameterCounts() {
        assertEquals(4 * 3, new Circuit(4, Templates.basicEntanglerLayers(4, 3, Gate.RX, "w", 1)).weightNames().size());
        assertEquals(3 * 5 * 2, new Circuit(5, Templates.stronglyEntanglingLayers(5, 2, "w", 1)).weightNames().size());
        assertEquals(2 * 3 * 2, new Circuit(3, Templates.dataReuploading(3, 3, 2, "w", 1)).weightNames().size());
        assertEquals(4 * 2, new Circuit(4, Templates.transferLearning(4, 2, "w", 1)).weightNames().size());
        // strongly entangling: second layer uses range 2
        List<Operation> sel = Templates.stronglyEntanglingLayers(4, 2, "w", 1);
        assertEquals(Operation.cnot(0, 2), sel.get(4 * 3 + 4 + 4 * 3));
    }

    @Test
    void qcnnPoolsDownToOneQubit() {
        Circuit c = new Circuit(8, Templates.qcnn(8, "q", 3));
        // every pooling level halves the active qubits: 8 -> 4 -> 2 -> 1, so the last pooling acts on qubits 0 and 4
        Operation last = c.operations().get(c.size() - 1);
        assertEquals(List.of(4, 0), last.qubits());
        double q = Simulator.run(c).expectation(PauliString.z(0));
        assertEquals(true, q >= -1 && q <= 1);
    }

    @Test
    void quanvolutionFilterIsReproducibleAndCanBeTrainable() {
        assertEquals(Templates.quanvolutionFilter(8, false, "f", 42), Templates.quanvolutionFilter(8, false, "f", 42));
        assertNotEquals(Templates.quanvolutionFilter(8, false, "f", 42), Templates.quanvolutionFilter(8, false, "f", 43));
        Circuit random = new Circuit(4, Templates.quanvolutionFilter(8, false, "f", 42));
        Circuit trainable = new Circuit(4, Templates.quanvolutionFilter(8, true, "f", 42));
        assertEquals(0, random.weightNames().size());
        double[] pixels = {0.1, 0.9, 0.5, 0.0};
        // the trainable filter starts where the random one is
        StateVector a = Simulator.run(random, pixels, new double[0]);
        StateVector b = Simulator.run(trainable, pixels, trainable.initialWeights());
        assertEquals(1.0, a.inner(b)[0], 1e-12);
        assertEquals(4, random.inputCount());
    }
}
