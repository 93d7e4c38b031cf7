package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StateReport#of} computes its measures together (one sweep for all single-qubit reduced
 * states, one workspace per thread for the concurrences, two threads); every value must be the
 * same to the bit as the straightforward definitions give one at a time
 * ({@link EntanglementReference}, the code before the fast path).
 */
class StateReportFastPathTest {

    private static StateVector random(int n, Random random) {
        double[] re = new double[1 << n];
        double[] im = new double[1 << n];
        double norm = 0;
        for (int i = 0; i < re.length; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
            norm += re[i] * re[i] + im[i] * im[i];
        }
        for (int i = 0; i < re.length; i++) {
            re[i] /= Math.sqrt(norm);
            im[i] /= Math.sqrt(norm);
        }
        return StateVector.of(re, im);
    }

    private static void assertSameReport(StateVector s, String what) {
        StateReport expected = EntanglementReference.report(s);
        StateReport actual = StateReport.of(s);
        // equals compares every array with Arrays.equals: bit patterns, so 0.0 and -0.0 differ
        assertEquals(expected, actual, what);
        assertEquals(expected.halfCutEntropy(), actual.halfCutEntropy(), 0, what);
        assertEquals(expected.meyerWallachQ(), actual.meyerWallachQ(), 0, what);
    }

    @Test
    void randomStatesOfOneToTenQubitsGiveTheSameReportToTheBit() {
        Random random = new Random(19);
        for (int n = 1; n <= 10; n++) {
            for (int k = 0; k < 4; k++) {
                assertSameReport(random(n, random), "random state of " + n + " qubits, #" + k);
            }
        }
    }

    @Test
    void circuitStatesWithExactZerosGiveTheSameReportToTheBit() {
        // Products, Bell pairs and GHZ-like states: many amplitudes exactly 0, concurrences near 0.
        for (int n = 2; n <= 10; n++) {
            java.util.List<Operation> ops = new java.util.ArrayList<>();
            ops.add(Operation.of(Gate.H, 0));
            for (int q = 1; q < n; q += 2) {
                ops.add(Operation.cnot(q - 1, q));
            }
            ops.add(Operation.of(Gate.RY, 0.3, n - 1));
            assertSameReport(Simulator.run(new Circuit(n, ops)), "pairs on " + n + " qubits");
            assertSameReport(Simulator.run(new Circuit(n, java.util.List.of(Operation.of(Gate.RX, 0.7, n / 2)))),
                    "product on " + n + " qubits");
            Circuit layers = new Circuit(n, Templates.angleEmbedding(n, Gate.RY, Math.PI))
                    .append(new Circuit(n, Templates.stronglyEntanglingLayers(n, 2, "w", 1)));
            double[] x = new double[n];
            java.util.Arrays.fill(x, 0.5);
            assertSameReport(Simulator.run(layers, x, layers.initialWeights()), "entangling layers on " + n + " qubits");
        }
    }

    @Test
    void concurrenceOfAnyOrderedPairIsTheReferenceValue() {
        Random random = new Random(7);
        for (int n = 2; n <= 7; n++) {
            StateVector s = random(n, random);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a != b) {
                        assertEquals(EntanglementReference.concurrence(s.re, s.im, n, a, b),
                                Entanglement.concurrence(s.re, s.im, n, a, b), 0, "C(q" + a + ", q" + b + ") of " + n);
                    }
                }
            }
        }
    }

    /**
     * Pairs of high qubits (runs of 64 amplitudes and more, which the fast path gathers column by
     * column) entangled with each other and with a third qubit, every other qubit in a random
     * product state: each pair's concurrence is the reference value to the bit, and the states
     * have clearly non-zero ones (random states' pairs all clamp to exactly 0).
     */
    @Test
    void concurrenceOfEntangledHighQubitPairsIsTheReferenceValue() {
        Random random = new Random(29);
        for (int n = 8; n <= 10; n++) {
            java.util.List<Operation> ops = new java.util.ArrayList<>();
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.U3, java.util.List.of(new Angle.Constant(random.nextDouble() * 3),
                        new Angle.Constant(random.nextDouble() * 6), new Angle.Constant(random.nextDouble() * 6)), q));
            }
            for (int k = 0; k < 6; k++) { // CNOTs and rotations among the top three qubits
                int a = n - 1 - random.nextInt(3), b = n - 1 - random.nextInt(3);
                if (a != b) {
                    ops.add(Operation.cnot(a, b));
                }
                ops.add(Operation.of(Gate.RY, random.nextDouble() * 3, n - 1 - random.nextInt(3)));
            }
            StateVector s = Simulator.run(new Circuit(n, ops));
            double largest = 0;
            for (int a = 6; a < n; a++) {
                for (int b = 6; b < n; b++) {
                    if (a != b) {
                        double c = Entanglement.concurrence(s.re, s.im, n, a, b);
                        assertEquals(EntanglementReference.concurrence(s.re, s.im, n, a, b), c, 0, "C(q" + a + ", q" + b + ") of " + n);
                        largest = Math.max(largest, c);
                    }
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(largest > 0.1, "an entangled pair on " + n + " qubits: " + largest);
            assertSameReport(s, "entangled high pairs on " + n + " qubits");
        }
    }

    @Test
    void eigenvaluesOfRandomAndLowRankHermitianMatricesAreTheReferencesToTheBit() {
        Random random = new Random(11);
        for (int d = 1; d <= 40; d++) {
            for (int rank : new int[] {1, 2, d}) {
                // A = sum of rank outer products x x^H: Hermitian, positive, of that rank
                double[] aRe = new double[d * d];
                double[] aIm = new double[d * d];
                for (int k = 0; k < Math.min(rank, d); k++) {
                    double[] xr = new double[d];
                    double[] xi = new double[d];
                    for (int i = 0; i < d; i++) {
                        xr[i] = random.nextGaussian();
                        xi[i] = random.nextGaussian();
                    }
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            aRe[i * d + j] += xr[i] * xr[j] + xi[i] * xi[j];
                            aIm[i * d + j] += xi[i] * xr[j] - xr[i] * xi[j];
                        }
                    }
                }
                org.junit.jupiter.api.Assertions.assertArrayEquals(HermitianEigenReference.eigenvalues(aRe, aIm, d),
                        HermitianEigen.eigenvalues(aRe, aIm, d), 0, "d = " + d + ", rank " + rank);
            }
        }
    }
}
