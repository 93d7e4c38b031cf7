package dev.qanvas.quantum;

import static dev.qanvas.quantum.ProgramRunnerTest.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Program.Postselect;
import dev.qanvas.quantum.qasm.OpenQasm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Postselection against hand-worked cases, on both exact paths (state vector and density
 * matrix) and by trajectories (failed shots discarded).
 */
class PostselectionTest {

    private static final double EPS = 1e-12;

    private static Program withPostselections(Program p, Postselect... s) {
        return p.withFinalPostselections(List.of(s));
    }

    @Test
    void aBellStatePostselectedOnOneQubitLeavesTheOtherInTheSameState() {
        Program bell = program("qreg q[2];\nh q[0];\ncx q[0],q[1];\n");
        ProgramRunner.Exact exact = ProgramRunner.exact(withPostselections(bell, new Postselect(0, 1)), NoiseModel.NONE);
        assertEquals(ProgramRunner.Method.STATE_VECTOR, exact.method(), "a pure program stays on the state vector");
        assertEquals(0.5, exact.successProbability(), EPS);
        assertEquals(1, exact.probabilities()[0b11], EPS); // |11>, renormalised
        // The density-matrix path gives the same.
        ProgramRunner.Branches run = ProgramRunner.run(withPostselections(bell, new Postselect(0, 1)), NoiseModel.NONE);
        assertEquals(0.5, run.successProbability(), EPS);
        assertEquals(1, run.state().probabilities()[0b11], EPS);
        assertEquals(1, run.state().trace(), EPS);
    }

    @Test
    void aNoisyBellStateAgreesWithTheFlipProbabilities() {
        // Depolarizing P after each gate on each of its qubits: a Z-basis bit flips with 2P/3 per channel.
        double p = 0.15, f = 2 * p / 3;
        Program bell = program("qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q[0] -> c[0];\nmeasure q[1] -> c[1];\n");
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(p));
        ProgramRunner.Exact exact = ProgramRunner.exact(withPostselections(bell, new Postselect(0, 1)), noise);
        assertEquals(ProgramRunner.Method.DENSITY_MATRIX, exact.method());
        // Depolarizing is unital and the H leaves q0's Z-marginal at 1/2: success 1/2.
        assertEquals(0.5, exact.successProbability(), EPS);
        // q0 gets flips after h and cx (both Z-diagonal-symmetric around 1/2), q1 after cx only: given q0 read 1,
        // q1 agrees when neither or both of the cx's two flips happened (the flip after h only changes which branch).
        double agree = (1 - f) * (1 - f) + f * f;
        Map<Long, Double> c = exact.classical();
        assertEquals(agree, c.getOrDefault(0b11L, 0.0), EPS);
        assertEquals(1 - agree, c.getOrDefault(0b01L, 0.0), EPS); // c[0] = 1, c[1] = 0
        assertEquals(1, c.values().stream().mapToDouble(Double::doubleValue).sum(), EPS);
    }

    @Test
    void repeatUntilSuccessGateSucceedsWithFiveEighthsAndAppliesItsPhase() {
        // Two ancillas in |+>, Toffoli, S, Toffoli, H on both: postselecting both ancillas on 0 applies
        // diag(3 + i, 1 + 3i)/4 to the target (worked by hand: the target's phase (1 + 3i)/(3 + i) = (3 + 4i)/5),
        // whatever its state, with probability |3 + i|^2/16 = 5/8.
        Program rus = program("qreg q[3];\nh q[2];\nh q[0];\nh q[1];\nccx q[0],q[1],q[2];\ns q[2];\nccx q[0],q[1],q[2];\n"
                + "h q[0];\nh q[1];\n");
        Program p = withPostselections(rus, new Postselect(0, 0), new Postselect(1, 0));
        ProgramRunner.Branches run = ProgramRunner.run(p, NoiseModel.NONE);
        assertEquals(5.0 / 8, run.successProbability(), EPS);
        DensityMatrix rho = run.state();
        assertEquals(3.0 / 5, rho.expectation(PauliString.x(2)), EPS);
        assertEquals(4.0 / 5, rho.expectation(PauliString.y(2)), EPS);
        assertEquals(1, rho.purity(), EPS);
        assertEquals(5.0 / 8, ProgramRunner.exact(p, NoiseModel.NONE).successProbability(), EPS);
    }

    @Test
    void postselectionAfterAMidCircuitMeasurementConditionsTheClassicalBits() {
        // c0 is a coin; q1 copies q0; keeping q1 = 1 keeps only the runs where the coin read 1.
        Program p = program("qreg q[2];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\ncx q[0],q[1];\n")
                .withFinalPostselections(List.of(new Postselect(1, 1)));
        ProgramRunner.Exact exact = ProgramRunner.exact(p, NoiseModel.NONE);
        assertEquals(ProgramRunner.Method.DENSITY_MATRIX, exact.method());
        assertEquals(0.5, exact.successProbability(), EPS);
        assertEquals(Map.of(1L, 1.0), exact.classical());
    }

    @Test
    void trajectoriesDiscardFailedShotsAndAgreeWithTheDensityMatrix() {
        Program p = program("qreg q[3];\ncreg c[2];\nry(1.1) q[0];\ncx q[0],q[1];\nh q[2];\nmeasure q[2] -> c[1];\n"
                + "if(c==2) x q[1];\nmeasure q[1] -> c[0];\n").withFinalPostselections(List.of(new Postselect(0, 1)));
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.amplitudeDamping(0.2)).withReadout(0.05);
        ProgramRunner.Exact exact = ProgramRunner.exact(p, noise);
        long shots = 200_000;
        Trajectories.Counts counts = Trajectories.counts(p, noise, shots, 7);
        double s = exact.successProbability();
        assertEquals(shots, counts.kept() + counts.discarded());
        assertEquals(s, counts.keptFraction(), 4 * Math.sqrt(s * (1 - s) / shots));
        long kept = counts.kept();
        Map<Long, Long> m = counts.asMap();
        for (Map.Entry<Long, Double> e : exact.classical().entrySet()) {
            double q = e.getValue();
            double observed = m.getOrDefault(e.getKey(), 0L) / (double) kept;
            assertEquals(q, observed, 4 * Math.sqrt(q * (1 - q) / kept) + 1e-9, "classical value " + e.getKey());
        }
        assertTrue(s > 0.1 && s < 0.9, "a case where postselection matters: " + s);
    }

    @Test
    void anOutcomeThatNeverHappensIsRefusedNotRenormalised() {
        Program p = withPostselections(program("qreg q[2];\nx q[0];\n"), new Postselect(0, 0));
        IllegalArgumentException sv = assertThrows(IllegalArgumentException.class, () -> ProgramRunner.exact(p, NoiseModel.NONE));
        assertTrue(sv.getMessage().contains("never succeeds"), sv.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProgramRunner.run(p, NoiseModel.NONE));
        Trajectories.Counts counts = Trajectories.counts(p, NoiseModel.NONE, 100, 1);
        assertEquals(0, counts.kept());
        assertEquals(100, counts.discarded());
    }

    @Test
    void openQasmTwoHasNoPostselectionSoExportRefusesIt() {
        Program p = withPostselections(program("qreg q[1];\nh q[0];\n"), new Postselect(0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenQasm.toQasm2(p));
        assertTrue(e.getMessage().contains("no postselection"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Program.Conditional(
                new Program.Register("c", 1, 0), 1, new Postselect(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Postselect(0, 2));
    }
}
