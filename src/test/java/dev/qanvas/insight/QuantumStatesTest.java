package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The state shown for a quantum node agrees with what the layer itself computes for that input. */
class QuantumStatesTest {

    /** <Z_q> from basis probabilities: +1 where bit q is 0, -1 where it is 1 (qubit q is bit q). */
    private static double z(double[] probabilities, int q) {
        double e = 0;
        for (int i = 0; i < probabilities.length; i++) {
            e += ((i >> q) & 1) == 0 ? probabilities[i] : -probabilities[i];
        }
        return e;
    }

    private static INDArray random(long seed, long... shape) {
        Random r = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble();
        }
        return Nd4j.create(v, shape, 'c');
    }

    @Test
    void aQuantumLayersStateGivesTheLayersOutputs() {
        ComputationGraph net = InsightModels.compile(InsightModels.denseQuantum(false), DataType.DOUBLE);
        INDArray x = random(1, 1, 1, 4, 4);
        List<QuantumStates.Node> nodes = QuantumStates.probe(net, x);
        assertEquals(1, nodes.size());
        QuantumStates.Node node = nodes.get(0);
        assertEquals("quantum", node.title());
        assertEquals(1, node.count());
        double[] p = node.report(0).probabilities();
        double[] out = net.feedForward(x, false).get("quantum").toDoubleVector();
        for (int q = 0; q < 4; q++) {
            assertEquals(out[q], z(p, q), 1e-12, "<Z" + q + ">");
        }
    }

    @Test
    void aQuanvolutionPatchStateGivesThatPatchsOutputs() {
        ComputationGraph net = InsightModels.compile(InsightModels.quanvolution(), DataType.DOUBLE);
        INDArray x = random(2, 1, 1, 6, 6);
        QuantumStates.Node node = QuantumStates.probe(net, x).get(0);
        assertEquals(3, node.rows());
        assertEquals(3, node.columns());
        assertEquals(9, node.count());
        INDArray out = net.feedForward(x, false).get("quanv"); // 1 x 4 x 3 x 3
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int k = node.patch(0, r, c);
                assertEquals(x.getDouble(0, 0, 2 * r + 1, 2 * c), node.inputsOf(k)[2], 1e-12, "x[2] is the patch's bottom-left pixel");
                double[] p = node.report(k).probabilities();
                for (int q = 0; q < 4; q++) {
                    assertEquals(out.getDouble(0, q, r, c), z(p, q), 1e-12, "patch " + r + "," + c + " <Z" + q + ">");
                }
            }
        }
    }

    @Test
    void aParallelQuantumNodeHasOneStatePerGroup() {
        ComputationGraph net = InsightModels.compile(InsightModels.parallel(), DataType.DOUBLE);
        INDArray x = random(3, 1, 8);
        List<QuantumStates.Node> nodes = QuantumStates.probe(net, x);
        assertEquals(List.of("pq · group 1 of 2", "pq · group 2 of 2"), nodes.stream().map(QuantumStates.Node::title).toList());
        Map<String, INDArray> acts = net.feedForward(x, false);
        for (QuantumStates.Node node : nodes) {
            double[] p = node.report(0).probabilities();
            double[] out = acts.get(node.layer()).toDoubleVector();
            for (int q = 0; q < 4; q++) {
                assertEquals(out[q], z(p, q), 1e-12, node.layer() + " <Z" + q + ">");
            }
        }
        assertEquals(x.getDouble(0, 4), nodes.get(1).inputsOf(0)[0], 1e-12, "group 2 reads features 4..7");
    }
}
