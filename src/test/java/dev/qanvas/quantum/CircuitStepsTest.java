package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.qasm.OpenQasm;
import dev.qanvas.quantum.qasm.QasmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measurement, reset, postselection and conditions as steps of a {@link Circuit}: their text form,
 * the refusals of the unitary-only paths, and the programs they run as, against hand-worked results.
 */
class CircuitStepsTest {

    private static final double EPS = 1e-12;

    /** Teleportation with one classical register c: c0 = Alice's qubit, c1 = her half of the pair. */
    static Circuit teleportation(double theta, double phi) {
        return new Circuit(3,
                Operation.of(Gate.U3, List.of(new Angle.Constant(theta), new Angle.Constant(phi), new Angle.Constant(0)), 0),
                Operation.of(Gate.H, 1), Operation.cnot(1, 2), Operation.cnot(0, 1), Operation.of(Gate.H, 0),
                Operation.measure(0, 0), Operation.measure(1, 1),
                // X^{c1} then Z^{c0}, each written as the register values that need it
                Operation.of(Gate.X, 2).when(2), Operation.of(Gate.X, 2).when(3),
                Operation.of(Gate.Z, 2).when(1), Operation.of(Gate.Z, 2).when(3));
    }

    private static Map<String, Double> classical(Circuit c) {
        Program p = Program.of(c);
        Map<String, Double> out = new HashMap<>();
        ProgramRunner.exact(p, NoiseModel.NONE).classical().forEach((v, q) -> {
            if (q > 1e-15) {
                out.put(Program.classicalBits(v, p.clbits()), Math.round(q * 1e9) / 1e9);
            }
        });
        return out;
    }

    @Test
    void theTextFormRoundTripsEveryStepAndOldTextStillReads() {
        Circuit c = new Circuit(3, Operation.of(Gate.H, 0), Operation.measure(0, 2), Operation.reset(0),
                Operation.of(Gate.RY, new Angle.Weight("w", 0.25), 1).when(4), Operation.postselect(2, 1),
                Operation.measure(1, 0).when(0), Operation.reset(2).when(1), Operation.cnot(0, 1));
        String text = CircuitText.write(c);
        assertTrue(text.contains("\nmeasure 0 2\n"), text);
        assertTrue(text.contains("\nif=4 RY 1 - w:w:0.25\n"), text);
        assertTrue(text.contains("\npostselect 2 1\n"), text);
        assertEquals(c, CircuitText.read(text));
        assertEquals(3, c.clbits(), "bit 2 is measured, and 4 needs three bits");
        // A project written before these steps existed: gate lines only, read as before.
        Circuit old = CircuitText.read("qubits 2\nH 0 - -\nX 1 0 -\nRY 1 - c:0.5:0.5\n");
        assertEquals(new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1), Operation.of(Gate.RY, 0.5, 1)), old);
        assertTrue(old.isUnitary());
        assertEquals(0, old.clbits());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> CircuitText.read("qubits 1\nmeasure 0\n"));
        assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CircuitText.read("qubits 1\npostselect 0 2\n"));
        assertThrows(IllegalArgumentException.class, () -> CircuitText.read("qubits 1\nif=1 postselect 0 1\n"));
    }

    @Test
    void unitaryOnlyPathsRefuseWithTheStepNamed() {
        Circuit c = new Circuit(1, Operation.of(Gate.H, 0), Operation.measure(0, 0));
        assertFalse(c.isUnitary());
        assertFalse(new Circuit(1, Operation.of(Gate.X, 0).when(1)).isUnitary(), "a conditioned gate is not unitary");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simulator.run(c));
        assertTrue(e.getMessage().contains("measure q[0] -> c[0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gradients.adjoint(c, new double[0], new double[0], List.of(PauliString.z(0)), new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> StrangeBridge.toProgram(c));
        assertThrows(IllegalArgumentException.class, () -> OpenQasm.toQasm3(c));
    }

    @Test
    void teleportationGivesBobTheInputWhateverAliceMeasured() {
        double theta = 1.1, phi = 0.7;
        Circuit c = teleportation(theta, phi);
        assertEquals(2, c.clbits());
        ProgramRunner.Branches run = ProgramRunner.run(Program.of(c), NoiseModel.NONE);
        assertEquals(4, run.byValue().size());
        for (Map.Entry<Long, DensityMatrix> branch : run.byValue().entrySet()) {
            DensityMatrix rho = branch.getValue();
            double p = rho.trace();
            assertEquals(0.25, p, EPS, "each of Alice's outcomes has probability 1/4");
            // U(theta, phi, 0)|0> = cos(theta/2)|0> + e^{i phi} sin(theta/2)|1>, on Bob's qubit in every branch
            assertEquals(Math.sin(theta) * Math.cos(phi), rho.expectation(PauliString.x(2)) / p, EPS, "c=" + branch.getKey());
            assertEquals(Math.sin(theta) * Math.sin(phi), rho.expectation(PauliString.y(2)) / p, EPS);
            assertEquals(Math.cos(theta), rho.expectation(PauliString.z(2)) / p, EPS);
        }
        assertEquals(Map.of("00", 0.25, "01", 0.25, "10", 0.25, "11", 0.25), classical(c));
    }

    @Test
    void aResetQubitIsReused() {
        // Measure |+> into c0, reset, flip, measure into c1: c0 is a coin, c1 always 1.
        Circuit c = new Circuit(1, Operation.of(Gate.H, 0), Operation.measure(0, 0), Operation.reset(0),
                Operation.of(Gate.X, 0), Operation.measure(0, 1));
        assertEquals(Map.of("01", 0.5, "11", 0.5), classical(c));
        // The same through the OpenQASM 2.0 text it exports and reads back as a workspace circuit
        String qasm = OpenQasm.toQasm2(c);
        assertTrue(qasm.contains("reset q[0];") && qasm.contains("creg c[2];"), qasm);
        try {
            assertEquals(c, OpenQasm.read(qasm).circuit());
        } catch (QasmException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void repeatUntilSuccessWithPostselectionSucceedsFiveEighthsOfTheTime() {
        // As PostselectionTest: ancillas in |+>, Toffoli, S, Toffoli, H; both ancillas postselected on 0.
        Circuit c = new Circuit(3, Operation.of(Gate.H, 2), Operation.of(Gate.H, 0), Operation.of(Gate.H, 1),
                Operation.toffoli(0, 1, 2), Operation.of(Gate.S, 2), Operation.toffoli(0, 1, 2),
                Operation.of(Gate.H, 0), Operation.of(Gate.H, 1), Operation.postselect(0, 0), Operation.postselect(1, 0));
        ProgramRunner.Branches run = ProgramRunner.run(Program.of(c), NoiseModel.NONE);
        assertEquals(5.0 / 8, run.successProbability(), EPS);
        assertEquals(3.0 / 5, run.state().expectation(PauliString.x(2)), EPS);
        assertEquals(4.0 / 5, run.state().expectation(PauliString.y(2)), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenQasm.toQasm2(c));
        assertTrue(e.getMessage().contains("postselection"), e.getMessage());
    }
}
