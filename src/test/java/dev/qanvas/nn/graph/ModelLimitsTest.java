package dev.qanvas.nn.graph;

import dev.qanvas.nn.graph.kinds.Conv2D;
import dev.qanvas.nn.graph.kinds.ParallelQuantum;
import dev.qanvas.nn.graph.kinds.Quantum;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Flatten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.LayerSpec.Padding;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Absurd sizes are problems on their layer, counted exactly, never wrapped around. */
class ModelLimitsTest {

    private static ModelGraph chain(LayerSpec... specs) {
        Node[] nodes = new Node[specs.length];
        for (int i = 0; i < specs.length; i++) {
            nodes[i] = new Node(i == 0 ? "in" : i == specs.length - 1 ? "out" : "n" + i, specs[i], 0, 0);
        }
        return ModelGraph.chain(nodes);
    }

    private static GraphProblem only(GraphAnalysis a, String node) {
        assertEquals(1, a.problemsFor(node).size(), a.summary());
        return a.problemsFor(node).get(0);
    }

    private static Circuit encoding(int qubits) {
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < qubits; q++) {
            ops.add(Operation.of(Gate.RY, new dev.qanvas.quantum.Angle.Input(q), q));
        }
        return new Circuit(qubits, ops);
    }

    @Test
    void aDenseOfABillionUnitsIsAProblemOnThatLayerWithItsExactCount() {
        GraphAnalysis a = chain(Input.vector(784), new Dense(1_000_000_000, Activation.RELU),
                new Output(10, LayerSpec.OutputKind.SOFTMAX)).analyse();
        String m = only(a, "n1").message();
        assertTrue(m.contains("785,000,000,000 parameters"), m); // 784e9 weights + 1e9 biases
        assertTrue(m.contains("784 inputs x 1,000,000,000 units"), m);
        assertTrue(m.contains("100,000,000"), m);
        assertTrue(a.problemsFor("out").isEmpty(), "marked once, not again on every layer after it: " + a.summary());
        assertFalse(a.isValid());
    }

    @Test
    void unitsAtIntMaxDoNotOverflow() {
        GraphAnalysis a = chain(Input.vector(20_000_000), new Dense(Integer.MAX_VALUE, Activation.RELU),
                new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertFalse(a.isValid());
        assertTrue(only(a, "in").message().contains("values per example"), a.summary());
        a = chain(Input.vector(4), new Dense(Integer.MAX_VALUE, Activation.RELU),
                new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        String m = only(a, "n1").message();
        assertTrue(m.contains("10,737,418,235 parameters"), m); // 5 x (2^31 - 1), exact
        assertTrue(a.totalParameters() > 0, "no wrap-around");
    }

    @Test
    void aHugeKernelIsAProblemNotAnOverflow() {
        GraphAnalysis a = chain(new Input(3, 28, 28), new Conv2D(1_000_000_000, 1_000_000_000, 1, Padding.SAME,
                Activation.RELU), new Flatten(), new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        String m = only(a, "n1").message();
        assertTrue(m.contains("cannot even be counted") || m.contains("parameters"), m);
        // a kernel that is countable but unfolds too much: 301x301 over 28x28, SAME
        a = chain(new Input(3, 28, 28), new Conv2D(4, 301, 1, Padding.SAME, Activation.RELU),
                new Flatten(), new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        m = only(a, "n1").message();
        assertTrue(m.contains("unfolds 213,093,552 values per example"), m); // 301^2 * 3 * 784
    }

    @Test
    void tooLargeOutputsAndTooManyParametersInAllAreReported() {
        GraphAnalysis a = chain(new Input(1, 28, 28), new Conv2D(30_000, 1, 1, Padding.SAME, Activation.RELU),
                new Flatten(), new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertTrue(only(a, "n1").message().contains("23,520,000 values per example"), a.summary());
        // 3 Dense layers of 40M parameters each: each within the limit, 120M in all
        a = chain(Input.vector(4000), new Dense(10_000, Activation.RELU),
                new Dense(4_000, Activation.RELU), new Dense(10_001, Activation.RELU),
                new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertEquals(1, a.problems().size(), a.summary());
        assertEquals("n3", a.problems().get(0).nodeId(), "marked on the largest layer");
        assertTrue(a.problems().get(0).message().contains("in all"), a.summary());
    }

    @Test
    void absurdParallelQuantumGroupsAreAProblemAndCountsSaturate() {
        ParallelQuantum pq = ParallelQuantum.of(encoding(2), Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, pq.qubitsUsed());
        GraphAnalysis a = chain(Input.vector(4), pq, new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertFalse(a.isValid());
        assertTrue(a.problemsFor("n1").stream().anyMatch(p -> p.message().contains("at most 256")), a.summary());
        assertEquals(Integer.MAX_VALUE, a.qubitsUsed());
    }

    @Test
    void tooManyQubitsIsAProblemOnTheLayer() {
        GraphAnalysis a = chain(Input.vector(21), Quantum.of(encoding(21)),
                new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertTrue(only(a, "n1").message().contains("at most 20 qubits"), a.summary());
    }

    @Test
    void memoryForABatchIsCheckedAgainstTheCapsWithTheLayerNamed() {
        GraphAnalysis ok = chain(Input.vector(16), Quantum.of(encoding(16)),
                new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertTrue(ok.isValid(), ok.summary());
        long gib = 1L << 30;
        assertTrue(ModelLimits.memoryProblems(ok, 32, 4, 4 * gib, 2 * gib).isEmpty());
        // 16 qubits = 1 MiB per state; 2,000 states = 2 GiB > 75% of a 2 GiB heap
        List<GraphProblem> p = ModelLimits.memoryProblems(ok, 2_000, 4, 4 * gib, 2 * gib);
        assertEquals(1, p.size(), p.toString());
        assertEquals("n1", p.get(0).nodeId());
        assertTrue(p.get(0).message().contains("-Xmx"), p.get(0).message());
        // 90M parameters fit the analysis but not 1 GiB of native memory (90M x 4 bytes x 4)
        GraphAnalysis big = chain(Input.vector(9_000), new Dense(10_000, Activation.RELU),
                new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertTrue(big.isValid(), big.summary());
        p = ModelLimits.memoryProblems(big, 32, 4, gib, 2 * gib);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().contains("native memory"), p.get(0).message());
        assertTrue(ModelLimits.memoryProblems(big, 32, 4, 4 * gib, 2 * gib).isEmpty());
        assertTrue(ModelLimits.nativeMemoryCap() > 0);
    }

    @Test
    void aQuantumLayerWhoseCircuitMeasuresIsAProblemOnThatLayer() {
        Circuit measured = encoding(2).append(Operation.measure(0, 0));
        GraphAnalysis a = chain(Input.vector(2), Quantum.of(measured), new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertFalse(a.isValid());
        assertTrue(only(a, "n1").message().contains("quantum layers need unitary circuits"), a.summary());
        GraphAnalysis conditioned = chain(Input.vector(2), Quantum.of(encoding(2).append(Operation.of(Gate.X, 1).when(0))),
                new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse();
        assertFalse(conditioned.isValid(), "a conditioned gate is not unitary either");
        assertTrue(chain(Input.vector(2), Quantum.of(encoding(2)), new Output(2, LayerSpec.OutputKind.SOFTMAX)).analyse().isValid());
    }
}
