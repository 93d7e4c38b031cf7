package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Circuit workspace's noisy-state numbers against hand-worked one- and two-qubit cases. */
class MixedStateReportTest {

    private static final double EPS = 1e-12;
    private static final double[] NONE = new double[0];

    private static double h(double p) {
        return p <= 0 || p >= 1 ? 0 : -(p * Math.log(p) + (1 - p) * Math.log(1 - p)) / Math.log(2);
    }

    @Test
    void oneDepolarizedQubitShrinksItsBlochVectorByOneMinusFourThirdsP() {
        double p = 0.3, theta = 0.9;
        Circuit c = new Circuit(1, Operation.of(Gate.RY, theta, 0));
        MixedStateReport r = MixedStateReport.of(c, NONE, NONE, NoiseModel.NONE.afterEveryGate(Channel.depolarizing(p)), 0, 0);
        assertEquals(ProgramRunner.Method.DENSITY_MATRIX, r.method());
        double s = 1 - 4 * p / 3; // the Bloch vector's factor
        assertArrayEquals(new double[] {s * Math.sin(theta), 0, s * Math.cos(theta)}, r.bloch()[0], EPS);
        assertEquals(s, r.blochLength(0), EPS);
        assertEquals((1 + s * s) / 2, r.purity(), EPS);
        assertEquals(h((1 + s) / 2), r.entropy(), 1e-9);
        assertEquals(h((1 + s) / 2), r.qubitEntropy()[0], 1e-12);
        // Against the pure state r0 (a unit vector): fidelity (1 + r0 . r)/2, trace distance |r0 - r|/2.
        assertEquals((1 + s) / 2, r.fidelity(), EPS);
        assertEquals((1 - s) / 2, r.traceDistance(), 1e-9);
        assertEquals(Math.cos(theta / 2) * Math.cos(theta / 2), r.ideal()[0], EPS);
        assertTrue(r.isMixed());
        assertTrue(r.readout().isEmpty(), "nothing read out without readout error or shots");
    }

    @Test
    void aNoisyBellStateHasTheWernerStateNumbers() {
        // Depolarizing P on both qubits after cx only (the h is noise-free): each qubit's channel keeps
        // the Bell state with weight (1 - 4P/3) per qubit in the Pauli picture; the fidelity with Phi+ is
        // the chance that the two Pauli errors multiply to the identity on Phi+ (I I, or the same Pauli on both
        // up to the stabilisers XX, -YY, ZZ): (1 - P)^2 + 3 (P/3)^2.
        double p = 0.12;
        Circuit bell = new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1));
        NoiseModel noise = NoiseModel.NONE.with(new NoiseModel.GateNoise("cx", null, Channel.depolarizing(p)));
        MixedStateReport r = MixedStateReport.of(bell, NONE, NONE, noise, 0, 0);
        double f = (1 - p) * (1 - p) + 3 * (p / 3) * (p / 3);
        assertEquals(f, r.fidelity(), EPS);
        // A Bell-diagonal state with weights f and (1 - f)/3 on the other three Bell states:
        assertEquals(f * f + 3 * Math.pow((1 - f) / 3, 2), r.purity(), EPS);
        assertEquals(-f * Math.log(f) / Math.log(2) - (1 - f) * Math.log((1 - f) / 3) / Math.log(2), r.entropy(), 1e-9);
        assertEquals(1 - f, r.traceDistance(), 1e-9);
        for (int q = 0; q < 2; q++) {
            assertEquals(0, r.blochLength(q), 1e-12, "each qubit of a Bell-diagonal state is maximally mixed");
            assertEquals(1, r.qubitEntropy()[q], 1e-9);
        }
    }

    @Test
    void withoutGateNoiseTheStateIsPureAndReadoutErrorMixesOnlyTheBitsRead() {
        Circuit c = new Circuit(1, Operation.of(Gate.X, 0));
        MixedStateReport r = MixedStateReport.of(c, NONE, NONE, NoiseModel.NONE.withReadout(0.1), 0, 0);
        assertEquals(ProgramRunner.Method.STATE_VECTOR, r.method());
        assertEquals(1, r.purity(), EPS);
        assertFalse(r.isMixed());
        assertEquals(1, r.fidelity(), EPS);
        assertEquals(Map.of(0L, 0.1, 1L, 0.9), Map.of(0L, r.readout().get(0L), 1L, r.readout().get(1L)));
    }

    @Test
    void shotsCountTheReadingsWithinFourStandardErrors() {
        Circuit c = new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1), Operation.of(Gate.RY, 0.7, 1));
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.amplitudeDamping(0.2)).withReadout(0.03);
        int shots = 20_000;
        MixedStateReport r = MixedStateReport.of(c, NONE, NONE, noise, shots, 5);
        assertEquals(shots, r.counts().values().stream().mapToLong(Long::longValue).sum());
        for (Map.Entry<Long, Double> e : r.readout().entrySet()) {
            double q = e.getValue();
            double seen = r.counts().getOrDefault(e.getKey(), 0L) / (double) shots;
            assertEquals(q, seen, 4 * Math.sqrt(q * (1 - q) / shots) + 1e-9, "reading " + e.getKey());
        }
        assertEquals(r, r); // a value
        StateReport views = r.asStateReport();
        assertTrue(views.isMixed());
        assertArrayEquals(r.probabilities(), views.probabilities(), 0);
    }

    @Test
    void tooWideForADensityMatrixWithoutShotsIsRefusedWithTheWayOut() {
        Circuit wide = new Circuit(DensityMatrix.MAX_QUBITS + 1, Operation.of(Gate.H, 0));
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.01));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MixedStateReport.of(wide, NONE, NONE, noise, 0, 0));
        assertTrue(e.getMessage().contains("shots"), e.getMessage());
        MixedStateReport sampled = MixedStateReport.of(wide, NONE, NONE, noise, 100, 0);
        assertEquals(ProgramRunner.Method.TRAJECTORIES, sampled.method());
        assertEquals(null, sampled.asStateReport());
    }
}
