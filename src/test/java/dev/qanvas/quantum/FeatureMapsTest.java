package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.FeatureMaps.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each feature map equals Qiskit's definition gate by gate (docs/kernels.md): the expected lists
 * are written by hand from Qiskit's pauli_feature_map.rs / pauli_evolution.rs.
 */
class FeatureMapsTest {

    private static Operation h(int q) { return Operation.of(Gate.H, q); }
    private static Operation cx(int c, int t) { return Operation.cnot(c, t); }
    private static Operation p(int i) { return Operation.of(Gate.P, new Angle.Input(i, 2.0), i); }
    private static Operation pp(int on, Integer... indices) { return Operation.of(Gate.P, new Angle.Product(List.of(indices), 2.0), on); }

    @Test
    void zFeatureMapTwoQubitsTwoReps() {
        List<Operation> rep = List.of(h(0), h(1), p(0), p(1));
        List<Operation> expected = new ArrayList<>(rep);
        expected.addAll(rep);
        assertEquals(new Circuit(2, expected), FeatureMaps.z(2, 2));
    }

    @Test
    void zzFeatureMapTwoQubitsOneRep() {
        Circuit expected = new Circuit(2, h(0), h(1), p(0), p(1), cx(0, 1), pp(1, 0, 1), cx(0, 1));
        for (Pattern e : Pattern.values()) {
            assertEquals(expected, FeatureMaps.zz(2, 1, e), e.toString());
        }
    }

    @Test
    void zzFeatureMapThreeQubitsPerEntanglement() {
        List<Operation> singles = List.of(h(0), h(1), h(2), p(0), p(1), p(2));
        List<Operation> full = new ArrayList<>(singles);
        full.addAll(List.of(cx(0, 1), pp(1, 0, 1), cx(0, 1), cx(0, 2), pp(2, 0, 2), cx(0, 2), cx(1, 2), pp(2, 1, 2), cx(1, 2)));
        assertEquals(new Circuit(3, full), FeatureMaps.zz(3, 1, Pattern.FULL));

        List<Operation> linear = new ArrayList<>(singles);
        linear.addAll(List.of(cx(0, 1), pp(1, 0, 1), cx(0, 1), cx(1, 2), pp(2, 1, 2), cx(1, 2)));
        assertEquals(new Circuit(3, linear), FeatureMaps.zz(3, 1, Pattern.LINEAR));

        // Qiskit's circular pairs start at n - 1: (2, 0), (0, 1), (1, 2).
        List<Operation> circular = new ArrayList<>(singles);
        circular.addAll(List.of(cx(2, 0), pp(0, 2, 0), cx(2, 0), cx(0, 1), pp(1, 0, 1), cx(0, 1), cx(1, 2), pp(2, 1, 2), cx(1, 2)));
        assertEquals(new Circuit(3, circular), FeatureMaps.zz(3, 1, Pattern.CIRCULAR));

        List<Operation> twoReps = new ArrayList<>(linear);
        twoReps.addAll(linear);
        assertEquals(new Circuit(3, twoReps), FeatureMaps.zz(3, 2, Pattern.LINEAR));
    }

    @Test
    void pauliFeatureMapBasisChangesAndLabelOrder() {
        // "XY" on block (0, 1): the last character acts on the first qubit, so Y on 0 and X on 1.
        Circuit expected = new Circuit(2,
                h(0), h(1),
                h(0), p(0), h(0),
                h(1), p(1), h(1),
                h(1), Operation.of(Gate.SX, 0), cx(0, 1), pp(1, 0, 1), cx(0, 1), h(1), Operation.of(Gate.SXDG, 0));
        assertEquals(expected, FeatureMaps.pauli(2, 1, Pattern.FULL, List.of("X", "XY")));
        // A Y term alone: SX, P, SXdg.
        assertEquals(new Circuit(1, h(0), Operation.of(Gate.SX, 0), p(0), Operation.of(Gate.SXDG, 0)),
                FeatureMaps.pauli(1, 1, Pattern.FULL, List.of("Y")));
        // An identity drops its qubit but the angle still reads both features.
        assertEquals(new Circuit(2, h(0), h(1), pp(1, 0, 1)), FeatureMaps.pauli(2, 1, Pattern.LINEAR, List.of("ZI")));
    }

    @Test
    void threeQubitTermChainsOntoTheBlocksLastQubit() {
        Circuit expected = new Circuit(3, h(0), h(1), h(2),
                cx(0, 1), cx(1, 2), pp(2, 0, 1, 2), cx(1, 2), cx(0, 1));
        assertEquals(expected, FeatureMaps.pauli(3, 1, Pattern.LINEAR, List.of("ZZZ")));
    }

    @Test
    void matchesQiskitsOwnXyzReference() {
        // Qiskit's test_pauli_feature_map.py, test_pauli_xyz: pauli_feature_map(3, paulis=["xyz"], reps=1).
        // That test ends "sxdg(1), h(2)" and compares operators; these commute, and pauli_evolution.rs
        // emits the undoing basis changes in the same order as the basis changes: H(2), then SXdg(1).
        Circuit expected = new Circuit(3, h(0), h(1), h(2),
                h(2), Operation.of(Gate.SX, 1), cx(0, 1), cx(1, 2), pp(2, 0, 1, 2), cx(1, 2), cx(0, 1),
                h(2), Operation.of(Gate.SXDG, 1));
        assertEquals(expected.operations(), FeatureMaps.pauli(3, 1, Pattern.FULL, List.of("xyz")).operations());
    }

    @Test
    void circularBlocksAsQiskitDocuments() {
        List<List<Integer>> got = FeatureMaps.blocks(4, 3, Pattern.CIRCULAR).stream().map(b -> List.of(b[0], b[1], b[2])).toList();
        assertEquals(List.of(List.of(2, 3, 0), List.of(3, 0, 1), List.of(0, 1, 2), List.of(1, 2, 3)), got);
        List<List<Integer>> full = FeatureMaps.blocks(4, 2, Pattern.FULL).stream().map(b -> List.of(b[0], b[1])).toList();
        assertEquals(List.of(List.of(0, 1), List.of(0, 2), List.of(0, 3), List.of(1, 2), List.of(1, 3), List.of(2, 3)), full);
    }

    @Test
    void zzBlockIsExpOfMinusIPhiZZUpToPhase() {
        // CX P(2 phi) CX on (i, j) is e^{i phi} exp(-i phi Z Z): compare to the diagonal directly.
        Random r = new Random(3);
        double x0 = r.nextDouble() * 2, x1 = r.nextDouble() * 2;
        Circuit block = new Circuit(2, cx(0, 1), pp(1, 0, 1), cx(0, 1));
        double phi = (Math.PI - x0) * (Math.PI - x1);
        for (int basis = 0; basis < 4; basis++) {
            StateVector s = Simulator.run(block, StateVector.basis(2, basis), new double[] {x0, x1}, new double[0]);
            int parity = Integer.bitCount(basis) & 1; // ZZ eigenvalue (-1)^parity
            // exp(i phi) * exp(-i phi ZZ) = diag(1, e^{2i phi}, e^{2i phi}, 1): P on the parity bit
            double angle = parity == 1 ? 2 * phi : 0;
            assertEquals(Math.cos(angle), s.re(basis), 1e-12);
            assertEquals(Math.sin(angle), s.im(basis), 1e-12);
        }
    }

    @Test
    void productAnglesRoundTripAndExport() {
        Circuit c = FeatureMaps.zz(3, 2, Pattern.CIRCULAR);
        assertEquals(c, CircuitText.read(CircuitText.write(c)));
        assertEquals(3, c.inputCount());
        String qasm3 = dev.qanvas.quantum.qasm.OpenQasm.toQasm3(c);
        assertTrue(qasm3.contains("p(2.0*(pi - x[2])*(pi - x[0])) q[0];"), qasm3);
        assertTrue(qasm3.contains("input array[float[64], 3] x;"), qasm3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.qanvas.quantum.qasm.OpenQasm.toQasm2(c));
        assertTrue(e.getMessage().contains("OpenQASM 3.0"), e.getMessage());
    }

    @Test
    void productInputGradientsMatchFiniteDifferences() {
        Circuit c = FeatureMaps.pauli(3, 2, Pattern.FULL, List.of("Z", "XY", "ZZZ"));
        double[][] x = {{0.3, 1.1, -0.4}, {2.0, 0.2, 0.9}};
        List<PauliString> obs = List.of(PauliString.parse("Z0 Z1"), PauliString.parse("X0 Y2"));
        double[][] up = {{1, 0.5}, {-0.7, 2}};
        BatchSimulator.Result batch = BatchSimulator.adjoint(c, x, new double[0], obs, up);
        for (int b = 0; b < 2; b++) {
            Gradients.Result single = Gradients.adjoint(c, x[b], new double[0], obs, up[b]);
            for (int i = 0; i < 3; i++) {
                double h = 1e-6;
                double[] plus = x[b].clone(), minus = x[b].clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (loss(c, plus, obs, up[b]) - loss(c, minus, obs, up[b])) / (2 * h);
                assertEquals(fd, batch.inputGradient()[b][i], 1e-6, "batched, sample " + b + " x" + i);
                assertEquals(fd, single.inputGradient()[i], 1e-6, "single, sample " + b + " x" + i);
            }
        }
    }

    private static double loss(Circuit c, double[] x, List<PauliString> obs, double[] up) {
        StateVector s = Simulator.run(c, x, new double[0]);
        double sum = 0;
        for (int o = 0; o < obs.size(); o++) {
            sum += up[o] * s.expectation(obs.get(o));
        }
        return sum;
    }

    @Test
    void refusals() {
        assertThrows(IllegalArgumentException.class, () -> FeatureMaps.pauli(2, 1, Pattern.FULL, List.of("ZZZ")));
        assertThrows(IllegalArgumentException.class, () -> FeatureMaps.pauli(2, 1, Pattern.FULL, List.of("ZQ")));
        assertThrows(IllegalArgumentException.class, () -> FeatureMaps.z(2, 0));
        assertThrows(IllegalArgumentException.class, () -> Pattern.parse("ring"));
        assertEquals(Pattern.CIRCULAR, Pattern.parse("Circular"));
    }
}
