package dev.qanvas.nn.qrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.PostselectedAdjoint;
import dev.qanvas.quantum.QuantumNeuron;
import dev.qanvas.quantum.RealSteps;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compiled cell ({@link QrnnCell#compile}) and the real-amplitude pass of
 * {@link PostselectedAdjoint} against the general path ({@link QrnnCell#unroll} and the complex
 * pass) on random weights, sequences and upstream weights: the same values and gradient to the bit.
 */
class QrnnCompiledTest {

    private static final List<QrnnCell> CELLS = List.of(
            new QrnnCell(1, 3, 1, 1, 2, 1), // the MNIST sample's cell
            new QrnnCell(1, 2, 1, 2, 2, 1),
            new QrnnCell(2, 2, 2, 1, 1, 2),
            new QrnnCell(3, 2, 1, 2, 2, 1));

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + " " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private static int[] tokens(QrnnCell cell, Random r) {
        int[] t = new int[1 + r.nextInt(12)];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextInt(cell.maxToken() + 1);
        }
        return t;
    }

    @Test
    void valuesAndGradientEqualTheGeneralPathToTheBit() {
        Random r = new Random(11);
        for (QrnnCell cell : CELLS) {
            for (int trial = 0; trial < 6; trial++) {
                double[] w = new double[cell.parameterCount()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = r.nextGaussian() * 1.5;
                }
                int[] tokens = tokens(cell, r);
                QrnnCell.Unrolled general = cell.unroll(tokens, w);
                QrnnCell.CompiledRun fast = cell.compile(w).unroll(tokens);
                assertEquals(general.readouts(), fast.readouts());
                assertEquals(general.steps().size(), fast.steps().size());
                double[] u = new double[general.readouts().size()];
                for (int i = 0; i < u.length; i++) {
                    u[i] = r.nextGaussian();
                }
                PostselectedAdjoint.Result expected = PostselectedAdjoint.vectorJacobian(cell.qubits(), general.steps(),
                        general.readouts(), w.length, v -> u);
                PostselectedAdjoint.Result actual = PostselectedAdjoint.vectorJacobian(cell.qubits(), fast.steps(),
                        fast.readouts(), w.length, v -> u);
                String what = cell + " trial " + trial;
                assertSameBits(expected.values(), actual.values(), what + " value");
                assertSameBits(expected.gradient(), actual.gradient(), what + " gradient");
                assertSameBits(PostselectedAdjoint.values(cell.qubits(), general.steps(), general.readouts()),
                        PostselectedAdjoint.values(cell.qubits(), fast.steps(), fast.readouts()), what + " values only");
                double[][] d = cell.distributions(expected.values(), tokens.length);
                double[][] dFast = cell.compile(w).distributions(tokens);
                for (int t = 0; t < d.length; t++) {
                    assertSameBits(d[t], dFast[t], what + " distribution at step " + t);
                }
            }
        }
    }

    @Test
    void aKeptForwardPassGoesBackwardsAgainWithTheSameBits() {
        QrnnCell cell = CELLS.get(0);
        Random r = new Random(5);
        double[] w = r.doubles(cell.parameterCount()).toArray();
        QrnnCell.CompiledRun run = cell.compile(w).unroll(tokens(cell, r));
        double[] u = r.doubles(run.readouts().size()).toArray();
        PostselectedAdjoint.Forward f = PostselectedAdjoint.forward(cell.qubits(), run.steps(), run.readouts(), true);
        double[] once = PostselectedAdjoint.vectorJacobian(cell.qubits(), run.steps(), run.readouts(), w.length, v -> u).gradient();
        assertSameBits(once, f.backward(w.length, v -> u).gradient(), "first backward pass");
        assertSameBits(once, f.backward(w.length, v -> u).gradient(), "second backward pass");
        assertThrows(IllegalStateException.class, () -> PostselectedAdjoint.forward(cell.qubits(), run.steps(), run.readouts(), false)
                .backward(w.length, v -> u));
    }

    @Test
    void aNonFiniteUpstreamWeightGivesTheGeneralPathsNaNs() {
        QrnnCell cell = CELLS.get(0);
        double[] w = new Random(3).doubles(cell.parameterCount()).toArray();
        int[] tokens = {1, 0, 1};
        QrnnCell.Unrolled general = cell.unroll(tokens, w);
        QrnnCell.CompiledRun fast = cell.compile(w).unroll(tokens);
        double[] u = new double[general.readouts().size()];
        u[1] = Double.POSITIVE_INFINITY;
        int[] calls = {0};
        double[] expected = PostselectedAdjoint.vectorJacobian(cell.qubits(), general.steps(), general.readouts(), w.length,
                v -> u).gradient();
        double[] actual = PostselectedAdjoint.vectorJacobian(cell.qubits(), fast.steps(), fast.readouts(), w.length, v -> {
            calls[0]++;
            return u;
        }).gradient();
        assertSameBits(expected, actual, "gradient");
        assertEquals(1, calls[0], "the upstream weights are asked for once");
    }

    @Test
    void randomRealCircuitsWithAnyReadoutsEqualTheGeneralPass() {
        Random r = new Random(17);
        int compared = 0;
        for (int trial = 0; trial < 40; trial++) {
            int qubits = 1 + r.nextInt(5);
            List<QuantumNeuron.Step> steps = new java.util.ArrayList<>();
            int count = r.nextInt(30);
            for (int s = 0; s < count; s++) {
                int t = r.nextInt(qubits);
                int kind = r.nextInt(5);
                if (kind == 0) {
                    steps.add(new QuantumNeuron.Postselect(t));
                    continue;
                }
                Operation op = kind == 1 ? Operation.of(Gate.X, t)
                        : kind == 2 ? Operation.of(Gate.H, t) : Operation.of(Gate.RY, r.nextGaussian() * 3, t);
                for (int q = 0; q < qubits; q++) {
                    if (q != t && r.nextInt(3) == 0) {
                        op = op.controlledBy(q);
                    }
                }
                steps.add(kind == 4 ? new QuantumNeuron.GateStep(op, r.nextInt(3), r.nextBoolean() ? 2 : -2)
                        : new QuantumNeuron.GateStep(op));
            }
            List<PostselectedAdjoint.Readout> readouts = new java.util.ArrayList<>();
            for (int k = r.nextInt(8); k >= 0; k--) {
                // any mask and value, also values with bits outside the mask or the state (nothing matches)
                readouts.add(new PostselectedAdjoint.Readout(r.nextInt(count + 1), r.nextInt(1 << (qubits + 1)),
                        r.nextInt(1 << (qubits + 1))));
            }
            double[] u = r.doubles(readouts.size()).toArray();
            RealSteps compiled = RealSteps.of(steps);
            assertNotNull(compiled);
            PostselectedAdjoint.Result expected;
            try {
                expected = PostselectedAdjoint.vectorJacobian(qubits, steps, readouts, 3, v -> u);
            } catch (IllegalArgumentException e) { // every amplitude postselected away: the same message
                assertEquals(e.getMessage(), assertThrows(IllegalArgumentException.class,
                        () -> PostselectedAdjoint.vectorJacobian(qubits, compiled, readouts, 3, v -> u)).getMessage());
                continue;
            }
            PostselectedAdjoint.Result actual = PostselectedAdjoint.vectorJacobian(qubits, compiled, readouts, 3, v -> u);
            assertSameBits(expected.values(), actual.values(), "trial " + trial + " values");
            assertSameBits(expected.gradient(), actual.gradient(), "trial " + trial + " gradient");
            compared++;
        }
        assertTrue(compared >= 20, compared + " of 40 circuits kept some amplitude");
    }

    @Test
    void stepsThatLeaveRealAmplitudesAreNotCompiled() {
        assertNull(RealSteps.of(List.of(new QuantumNeuron.GateStep(Operation.of(Gate.RZ, 0.3, 0)))));
        assertNull(RealSteps.of(List.of(new QuantumNeuron.GateStep(Operation.of(Gate.H, 0)),
                new QuantumNeuron.GateStep(Operation.of(Gate.SWAP, 0, 1)))));
        assertNotNull(RealSteps.of(List.of(new QuantumNeuron.GateStep(Operation.of(Gate.RY, 0.3, 0).controlledBy(1)),
                new QuantumNeuron.GateStep(Operation.cnot(0, 1)), new QuantumNeuron.Postselect(0))));
    }

    @Test
    void badTokensAndParameterCountsFailAsInTheGeneralPath() {
        QrnnCell cell = CELLS.get(0);
        double[] w = new double[cell.parameterCount()];
        assertEquals(assertThrows(IllegalArgumentException.class, () -> cell.unroll(new int[] {0, 2}, w)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> cell.compile(w).unroll(new int[] {0, 2})).getMessage());
        assertEquals(assertThrows(IllegalArgumentException.class, () -> cell.unroll(new int[] {0}, new double[3])).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> cell.compile(new double[3])).getMessage());
    }
}
