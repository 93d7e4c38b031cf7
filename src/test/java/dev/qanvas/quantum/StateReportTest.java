package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The numbers behind the state views, checked against textbook states. */
class StateReportTest {

    private static final double TOL = 1e-12;

    private static StateReport report(int n, Operation... ops) {
        return StateReport.of(Simulator.run(new Circuit(n, ops)));
    }

    private static void assertMatrixEquals(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], TOL, "row " + i);
        }
    }

    @Test
    void groundStateIsUnentangledAndPointsUp() {
        StateReport r = report(2);
        assertEquals(2, r.qubits());
        assertArrayEquals(new double[] {1, 0, 0, 0}, r.probabilities(), TOL);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(new double[] {0, 0, 1}, r.bloch()[k], TOL);
            assertEquals(0, r.singleQubitEntropy()[k], TOL);
        }
        assertEquals(0, r.halfCutEntropy(), TOL);
        assertEquals("q0 | q1", r.halfCut());
        assertEquals(0, r.concurrence()[0][1], TOL);
        assertEquals(0, r.meyerWallachQ(), TOL);
    }

    @Test
    void bellPairIsMaximallyEntangled() {
        StateReport r = report(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1));
        assertArrayEquals(new double[] {0.5, 0, 0, 0.5}, r.probabilities(), TOL);
        assertEquals(Math.sqrt(0.5), r.re(0), TOL);
        assertEquals(Math.sqrt(0.5), r.re(3), TOL);
        assertEquals(0, r.im(3), TOL);
        assertEquals("11", r.bitstring(3));
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(new double[] {0, 0, 0}, r.bloch()[k], TOL);
            assertEquals(1, r.singleQubitEntropy()[k], TOL);
        }
        assertEquals(1, r.halfCutEntropy(), TOL);
        assertMatrixEquals(new double[][] {{0, 1}, {1, 0}}, r.concurrence());
        assertEquals(1, r.meyerWallachQ(), TOL);
    }

    @Test
    void ghzHasOneBitPerQubitButNoPairwiseEntanglement() {
        StateReport r = report(3, Operation.of(Gate.H, 0), Operation.cnot(0, 1), Operation.cnot(1, 2));
        assertEquals(0.5, r.probability(0), TOL);
        assertEquals(0.5, r.probability(7), TOL);
        for (int k = 0; k < 3; k++) {
            assertEquals(1, r.singleQubitEntropy()[k], TOL);
            assertArrayEquals(new double[] {0, 0, 0}, r.bloch()[k], TOL);
            for (int j = 0; j < 3; j++) {
                assertEquals(0, r.concurrence()[k][j], TOL, "C(q" + k + ",q" + j + ")");
            }
        }
        assertEquals("q0 | q1 q2", r.halfCut());
        assertEquals(1, r.halfCutEntropy(), TOL);
        assertEquals(1, r.meyerWallachQ(), TOL);
    }

    @Test
    void rotatedProductQubitHasTiltedPureBlochVector() {
        double theta = 0.7;
        StateReport r = report(2, Operation.of(Gate.RY, theta, 0));
        assertArrayEquals(new double[] {Math.sin(theta), 0, Math.cos(theta)}, r.bloch()[0], TOL);
        assertArrayEquals(new double[] {0, 0, 1}, r.bloch()[1], TOL);
        assertEquals(0, r.singleQubitEntropy()[0], TOL);
        assertEquals(0, r.halfCutEntropy(), TOL);
        assertEquals(Math.pow(Math.cos(theta / 2), 2), r.probability(0), TOL);
        assertEquals(Math.pow(Math.sin(theta / 2), 2), r.probability(1), TOL);
    }

    @Test
    void partiallyEntangledPairHasConcurrenceSinTheta() {
        // RY(t) then CNOT: cos(t/2)|00> + sin(t/2)|11>, concurrence sin t, Bloch z = cos t.
        double theta = 1.1;
        StateReport r = report(4, Operation.of(Gate.RY, theta, 1), Operation.cnot(1, 3));
        assertEquals(Math.sin(theta), r.concurrence()[1][3], TOL);
        assertEquals(Math.sin(theta), r.concurrence()[3][1], TOL);
        assertEquals(0, r.concurrence()[0][1], TOL);
        assertArrayEquals(new double[] {0, 0, Math.cos(theta)}, r.bloch()[3], TOL);
        double p = Math.pow(Math.cos(theta / 2), 2);
        double entropy = -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
        assertEquals(entropy, r.singleQubitEntropy()[1], TOL);
        assertEquals("q0 q1 | q2 q3", r.halfCut());
        assertEquals(entropy, r.halfCutEntropy(), TOL, "q1 sits on one side of the cut, q3 on the other");
    }

    @Test
    void singleQubitHasNoCut() {
        StateReport r = report(1, Operation.of(Gate.H, 0));
        assertEquals("", r.halfCut());
        assertEquals(0, r.halfCutEntropy());
        assertArrayEquals(new double[] {1, 0, 0}, r.bloch()[0], TOL);
        assertMatrixEquals(new double[][] {{0}}, r.concurrence());
    }

    @Test
    void topStatesAreMostProbableFirstWithTiesByIndex() {
        // RY(2 pi/3) on q0: p(q0=1) = 3/4; H on q1 splits evenly: probabilities 1/8, 3/8, 1/8, 3/8.
        StateReport r = report(2, Operation.of(Gate.RY, 2 * Math.PI / 3, 0), Operation.of(Gate.H, 1));
        assertArrayEquals(new double[] {0.125, 0.375, 0.125, 0.375}, r.probabilities(), TOL);
        assertArrayEquals(new int[] {1, 3, 0, 2}, r.topStates(4));
        assertArrayEquals(new int[] {1, 3, 0}, r.topStates(3));
        assertArrayEquals(new int[] {1}, r.topStates(1));
        assertArrayEquals(new int[] {1, 3, 0, 2}, r.topStates(100), "k beyond 2^n gives every state");
        assertArrayEquals(new int[0], r.topStates(0));
        assertThrows(IllegalArgumentException.class, () -> r.topStates(-1));
    }

    @Test
    void topStatesMatchASortOfEveryIndex() {
        java.util.Random random = new java.util.Random(31);
        for (int n = 1; n <= 7; n++) {
            double[] p = new double[1 << n];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextInt(5) / 8.0; // many ties
            }
            StateReport r = StateReport.mixed(n, p, new double[n][3], new double[n]);
            Integer[] sorted = java.util.stream.IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
            java.util.Arrays.sort(sorted, (i, j) -> p[i] != p[j] ? Double.compare(p[j], p[i]) : Integer.compare(i, j));
            for (int k = 0; k <= p.length + 1; k++) {
                int[] expected = java.util.Arrays.stream(sorted).limit(k).mapToInt(Integer::intValue).toArray();
                assertArrayEquals(expected, r.topStates(k), "n = " + n + ", k = " + k);
            }
        }
    }

    @Test
    void isAnImmutableValue() {
        StateReport r = report(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1));
        r.probabilities()[0] = 7;
        r.bloch()[0][2] = 7;
        r.concurrence()[0][1] = 7;
        assertEquals(0.5, r.probabilities()[0], TOL);
        assertEquals(0, r.bloch()[0][2], TOL);
        assertEquals(1, r.concurrence()[0][1], TOL);
        assertEquals(r, report(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1)));
        assertEquals(r.hashCode(), report(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1)).hashCode());
        assertNotEquals(r, report(2, Operation.of(Gate.H, 0)));
    }
}
