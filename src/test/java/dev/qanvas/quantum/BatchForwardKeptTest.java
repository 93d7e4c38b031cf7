package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A kept forward pass ({@link BatchSimulator#forward}) and the adjoint pass from it give the same
 * bits as the plain adjoint pass, which runs its own forward first, and as the plain expectations:
 * general (complex) and real circuits, batches of one chunk, several chunks and several tiles, on
 * one and two threads. (The plain adjoint itself is checked against the single-state simulator,
 * parameter shift and finite differences in {@link BatchSimulatorTest}.)
 */
class BatchForwardKeptTest {

    @Test
    void theAdjointFromAKeptForwardIsThePlainAdjointBitForBit() {
        Random random = new Random(17);
        int[] batches = {1, 7, 64, 300, 1000};
        for (int trial = 0; trial < 10; trial++) {
            int n = 3 + trial % 5;
            boolean real = trial % 2 == 1;
            Circuit c = real ? realCircuit(n, random) : GradientsTest.randomCircuit(n, 25, random);
            int batch = batches[trial % batches.length];
            double[][] x = new double[batch][];
            for (int b = 0; b < batch; b++) {
                x[b] = random.doubles(Math.max(1, c.inputCount()), -2, 2).toArray();
            }
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            List<PauliString> obs = real ? List.of(PauliString.z(0), PauliString.z(n - 1))
                    : List.of(PauliString.z(0), PauliString.parse("X0 Y" + (n - 1)));
            double[][] up = new double[batch][];
            for (int b = 0; b < batch; b++) {
                up[b] = random.doubles(obs.size(), -1, 1).toArray();
            }
            for (int threads = 1; threads <= 2; threads++) {
                String what = "trial " + trial + ", " + n + " qubits, batch " + batch + ", " + threads + " threads";
                BatchSimulator.Result plain = BatchSimulator.adjoint(c, x, w, obs, up, threads);
                BatchSimulator.Forward f = BatchSimulator.forward(c, x, w, obs, threads);
                double[][] expectations = BatchSimulator.expectations(c, x, w, obs, threads);
                for (int b = 0; b < batch; b++) {
                    assertArrayEquals(expectations[b], f.expectations()[b], 0.0, what + ": the forward's expectations, sample " + b);
                }
                assertTrue(f.matches(c, x, w, obs));
                BatchSimulator.Result kept = BatchSimulator.adjoint(f, up);
                assertArrayEquals(plain.weightGradient(), kept.weightGradient(), 0.0, what);
                for (int b = 0; b < batch; b++) {
                    assertArrayEquals(plain.expectations()[b], kept.expectations()[b], 0.0, what + ", sample " + b);
                    assertArrayEquals(plain.inputGradient()[b], kept.inputGradient()[b], 0.0, what + ", sample " + b);
                }
                assertFalse(f.matches(c, x, w, obs), "used up");
                assertThrows(IllegalStateException.class, () -> BatchSimulator.adjoint(f, up));
            }
        }
    }

    @Test
    void aKeptForwardMatchesOnlyItsOwnCircuitInputsWeightsAndObservables() {
        Random random = new Random(3);
        Circuit c = realCircuit(3, random);
        double[][] x = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}};
        double[] w = random.doubles(c.weightNames().size(), -1, 1).toArray();
        List<PauliString> obs = List.of(PauliString.z(0));
        BatchSimulator.Forward f = BatchSimulator.forward(c, x, w, obs);
        assertTrue(f.matches(c, new double[][] {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}}, w.clone(), List.of(PauliString.z(0))), "equal values");
        double[] moved = w.clone();
        moved[0] = Math.nextUp(moved[0]);
        assertFalse(f.matches(c, x, moved, obs), "one weight one ulp away");
        assertFalse(f.matches(c, new double[][] {{0.1, 0.2, 0.3}, {0.4, 0.5, -0.6}}, w, obs), "another input");
        assertFalse(f.matches(c, x, w, List.of(PauliString.z(1))), "another observable");
        assertFalse(f.matches(realCircuit(3, random), x, w, obs), "another circuit");
        assertThrows(IllegalArgumentException.class, () -> BatchSimulator.adjoint(f, new double[3][1]), "upstream for 3 samples");
    }

    /** Input RY on every wire, then trainable and fixed RY, H, CNOT and SWAP: the real adjoint path. */
    private static Circuit realCircuit(int n, Random random) {
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.RY, new Angle.Input(q, 1.0), q));
        }
        int weights = 0;
        for (int k = 0; k < 20; k++) {
            int q = random.nextInt(n);
            switch (random.nextInt(5)) {
                case 0 -> ops.add(Operation.of(Gate.RY, new Angle.Weight("w" + weights++, 0), q));
                case 1 -> ops.add(Operation.of(Gate.RY, random.nextDouble() * 3, q));
                case 2 -> ops.add(Operation.of(Gate.H, q));
                case 3 -> {
                    if (n > 1) {
                        ops.add(new Operation(Gate.X, List.of((q + 1) % n), List.of(q), List.of()));
                    }
                }
                default -> {
                    if (n > 1) {
                        ops.add(Operation.of(Gate.SWAP, q, (q + 1) % n));
                    }
                }
            }
        }
        if (weights == 0) {
            ops.add(Operation.of(Gate.RY, new Angle.Weight("w0", 0), 0));
        }
        return new Circuit(n, ops);
    }
}
