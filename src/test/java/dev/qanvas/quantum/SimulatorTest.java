package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulator against analytic states and gate identities. */
class SimulatorTest {

    private static final double EPS = 1e-12;

    static void assertAmplitudes(StateVector s, double[] re, double[] im, double tol) {
        for (int i = 0; i < re.length; i++) {
            assertEquals(re[i], s.re(i), tol, "re of amplitude " + i);
            assertEquals(im[i], s.im(i), tol, "im of amplitude " + i);
        }
    }

    /** |<a|b>| = 1: equal up to a global phase. */
    static void assertSameUpToPhase(StateVector a, StateVector b, double tol) {
        double[] ip = a.inner(b);
        assertEquals(1.0, Math.hypot(ip[0], ip[1]), tol);
    }

    @Test
    void bellState() {
        StateVector s = Simulator.run(new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1)));
        double r = Math.sqrt(0.5);
        assertAmplitudes(s, new double[] {r, 0, 0, r}, new double[4], EPS);
        assertEquals("00", StateVector.bitstring(0, 2));
        assertEquals("10", StateVector.bitstring(1, 2), "qubit 0 is the leftmost character");
    }

    @Test
    void ghzState() {
        List<Operation> ops = new ArrayList<>(List.of(Operation.of(Gate.H, 0)));
        for (int q = 1; q < 6; q++) {
            ops.add(Operation.cnot(q - 1, q));
        }
        double[] p = Simulator.run(new Circuit(6, ops)).probabilities();
        assertEquals(0.5, p[0], EPS);
        assertEquals(0.5, p[63], EPS);
        assertEquals(1.0, p[0] + p[63], EPS);
    }

    @Test
    void wState() {
        Circuit c = new Circuit(3,
                Operation.of(Gate.RY, 2 * Math.acos(Math.sqrt(1.0 / 3)), 0),
                Operation.of(Gate.RY, Math.PI / 2, 1).controlledBy(0),
                Operation.cnot(1, 0),
                Operation.of(Gate.X, 0), Operation.of(Gate.X, 1),
                Operation.toffoli(0, 1, 2),
                Operation.of(Gate.X, 0), Operation.of(Gate.X, 1));
        double[] p = Simulator.run(c).probabilities();
        for (int index : new int[] {1, 2, 4}) {
            assertEquals(1.0 / 3, p[index], EPS, "basis state " + StateVector.bitstring(index, 3));
        }
    }

    @Test
    void qftOfABasisStateHasTheAnalyticPhases() {
        int n = 4;
        int size = 1 << n;
        for (int x : new int[] {0, 1, 5, 11}) {
            List<Operation> ops = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                if ((x >> q & 1) == 1) {
                    ops.add(Operation.of(Gate.X, q));
                }
            }
            ops.addAll(qft(n));
            StateVector s = Simulator.run(new Circuit(n, ops));
            for (int y = 0; y < size; y++) {
                double phase = 2 * Math.PI * x * y / size;
                assertEquals(Math.cos(phase) / Math.sqrt(size), s.re(y), 1e-12, "x=" + x + " y=" + y);
                assertEquals(Math.sin(phase) / Math.sqrt(size), s.im(y), 1e-12, "x=" + x + " y=" + y);
            }
        }
    }

    /** Textbook QFT for index = sum q_k 2^k: most significant qubit first, then reverse the qubits. */
    static List<Operation> qft(int n) {
        List<Operation> ops = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            ops.add(Operation.of(Gate.H, i));
            for (int j = i - 1; j >= 0; j--) {
                ops.add(Operation.of(Gate.P, Math.PI / (1 << (i - j)), i).controlledBy(j));
            }
        }
        for (int k = 0; k < n / 2; k++) {
            ops.add(Operation.of(Gate.SWAP, k, n - 1 - k));
        }
        return ops;
    }

    @Test
    void gateIdentities() {
        Random random = new Random(1);
        for (int trial = 0; trial < 5; trial++) {
            double t = random.nextDouble() * 4 - 2, f = random.nextDouble() * 4 - 2, l = random.nextDouble() * 4 - 2;
            StateVector start = randomState(3, random);
            // H Z H = X
            same(start, List.of(Operation.of(Gate.H, 1), Operation.of(Gate.Z, 1), Operation.of(Gate.H, 1)), List.of(Operation.of(Gate.X, 1)), false);
            // S S = Z, T T = S, SX SX = X, S SDG = I, SX SXDG = I
            same(start, List.of(Operation.of(Gate.S, 0), Operation.of(Gate.S, 0)), List.of(Operation.of(Gate.Z, 0)), false);
            same(start, List.of(Operation.of(Gate.T, 2), Operation.of(Gate.T, 2)), List.of(Operation.of(Gate.S, 2)), false);
            same(start, List.of(Operation.of(Gate.SX, 2), Operation.of(Gate.SX, 2)), List.of(Operation.of(Gate.X, 2)), false);
            same(start, List.of(Operation.of(Gate.TDG, 0), Operation.of(Gate.SDG, 0)), List.of(Operation.of(Gate.P, -3 * Math.PI / 4, 0)), false);
            same(start, List.of(Operation.of(Gate.SX, 1), Operation.of(Gate.SXDG, 1)), List.of(), false);
            // RX = H RZ H; Y = i X Z (up to phase); U3 = RZ(phi) RY(theta) RZ(lambda) up to phase
            same(start, List.of(Operation.of(Gate.RX, t, 0)), List.of(Operation.of(Gate.H, 0), Operation.of(Gate.RZ, t, 0), Operation.of(Gate.H, 0)), false);
            same(start, List.of(Operation.of(Gate.Y, 1)), List.of(Operation.of(Gate.Z, 1), Operation.of(Gate.X, 1)), true);
            same(start, List.of(Operation.of(Gate.U3, List.of(c(t), c(f), c(l)), 2)),
                    List.of(Operation.of(Gate.RZ, l, 2), Operation.of(Gate.RY, t, 2), Operation.of(Gate.RZ, f, 2)), true);
            // P(t) = RZ(t) up to phase; controlled P is exact: CP = controlled-U3(0, 0, t)
            same(start, List.of(Operation.of(Gate.P, t, 1)), List.of(Operation.of(Gate.RZ, t, 1)), true);
            same(start, List.of(Operation.of(Gate.P, t, 1).controlledBy(0)),
                    List.of(Operation.of(Gate.U3, List.of(c(0), c(0), c(t)), 1).controlledBy(0)), false);
            // CNOT = H CZ H; SWAP = three CNOTs; Toffoli is its own inverse
            same(start, List.of(Operation.cnot(0, 2)), List.of(Operation.of(Gate.H, 2), Operation.cz(0, 2), Operation.of(Gate.H, 2)), false);
            same(start, List.of(Operation.of(Gate.SWAP, 0, 2)), List.of(Operation.cnot(0, 2), Operation.cnot(2, 0), Operation.cnot(0, 2)), false);
            same(start, List.of(Operation.toffoli(0, 1, 2), Operation.toffoli(0, 1, 2)), List.of(), false);
            // Fredkin = CNOT(t2,t1) Toffoli(c,t1,t2) CNOT(t2,t1)
            same(start, List.of(Operation.of(Gate.SWAP, 1, 2).controlledBy(0)),
                    List.of(Operation.cnot(2, 1), Operation.toffoli(0, 1, 2), Operation.cnot(2, 1)), false);
            // RXX = (H⊗H) RZZ (H⊗H); RYY = (RX(pi/2)⊗RX(pi/2)) RZZ (RX(-pi/2)⊗RX(-pi/2))
            same(start, List.of(Operation.of(Gate.RXX, t, 0, 1)),
                    List.of(Operation.of(Gate.H, 0), Operation.of(Gate.H, 1), Operation.of(Gate.RZZ, t, 0, 1),
                            Operation.of(Gate.H, 0), Operation.of(Gate.H, 1)), false);
            same(start, List.of(Operation.of(Gate.RYY, t, 1, 2)),
                    List.of(Operation.of(Gate.RX, Math.PI / 2, 1), Operation.of(Gate.RX, Math.PI / 2, 2),
                            Operation.of(Gate.RZZ, t, 1, 2),
                            Operation.of(Gate.RX, -Math.PI / 2, 1), Operation.of(Gate.RX, -Math.PI / 2, 2)), false);
            // RZZ = CNOT RZ CNOT
            same(start, List.of(Operation.of(Gate.RZZ, t, 0, 2)),
                    List.of(Operation.cnot(0, 2), Operation.of(Gate.RZ, t, 2), Operation.cnot(0, 2)), false);
            // iSWAP = (S⊗S) H(0) CNOT(0,1) CNOT(1,0) H(1)
            same(start, List.of(Operation.of(Gate.ISWAP, 0, 1)),
                    List.of(Operation.of(Gate.S, 0), Operation.of(Gate.S, 1), Operation.of(Gate.H, 0),
                            Operation.cnot(0, 1), Operation.cnot(1, 0), Operation.of(Gate.H, 1)), false);
        }
    }

    @Test
    void everyGateIsUndoneByItsInverseAndByApplyInverse() {
        Random random = new Random(2);
        for (Gate g : Gate.values()) {
            double[] angles = random.doubles(g.params(), -3, 3).toArray();
            Operation op = g.qubits() == 1 ? Operation.of(g, consts(angles), 1) : Operation.of(g, consts(angles), 2, 0);
            StateVector start = randomState(3, random);
            StateVector s = start.copy().apply(op, angles).applyInverse(op, angles);
            assertAmplitudes(s, start.amplitudes()[0], start.amplitudes()[1], 1e-12);
            Gate.Inverse inv = g.inverse(angles);
            if (inv.gate() != null) {
                Operation undo = new Operation(inv.gate(), op.targets(), List.of(), consts(inv.angles()));
                StateVector t = start.copy().apply(op, angles).apply(undo, inv.angles());
                assertSameUpToPhase(t, start, 1e-12);
            }
            // and under a control
            Operation controlled = op.controlledBy(g.qubits() == 1 ? 0 : 1);
            StateVector u = start.copy().apply(controlled, angles).applyInverse(controlled, angles);
            assertAmplitudes(u, start.amplitudes()[0], start.amplitudes()[1], 1e-12);
        }
    }

    @Test
    void everyMatrixIsUnitary() {
        Random random = new Random(3);
        for (Gate g : Gate.values()) {
            double[] m = g.matrix(random.doubles(g.params(), -3, 3).toArray());
            int d = g.qubits() == 1 ? 2 : 4;
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < d; s++) {
                    double re = 0, im = 0;
                    for (int k = 0; k < d; k++) {
                        // (M M†)_{rs} = sum_k M_rk conj(M_sk)
                        double ar = m[2 * (r * d + k)], ai = m[2 * (r * d + k) + 1];
                        double br = m[2 * (s * d + k)], bi = m[2 * (s * d + k) + 1];
                        re += ar * br + ai * bi;
                        im += ai * br - ar * bi;
                    }
                    assertEquals(r == s ? 1 : 0, re, 1e-12, g + " row " + r + " col " + s);
                    assertEquals(0, im, 1e-12, g.name());
                }
            }
        }
    }

    @Test
    void pauliExpectationsMatchApplyingThePaulis() {
        Random random = new Random(4);
        StateVector s = randomState(4, random);
        for (String text : List.of("Z0", "X1", "Y2", "Z0 Z1", "X0 Y1 Z3", "Y0 Y3", "X2 X3 Y1")) {
            PauliString p = PauliString.parse(text);
            StateVector applied = s.copy();
            for (int q = 0; q < 4; q++) {
                boolean x = (p.xMask() >> q & 1) == 1, z = (p.zMask() >> q & 1) == 1;
                if (x && z) {
                    applied.apply(Operation.of(Gate.Y, q));
                } else if (x) {
                    applied.apply(Operation.of(Gate.X, q));
                } else if (z) {
                    applied.apply(Operation.of(Gate.Z, q));
                }
            }
            double[] ip = s.inner(applied);
            assertEquals(ip[0], s.expectation(p), 1e-12, text);
            assertEquals(0, ip[1], 1e-12, "a Pauli expectation is real: " + text);
            assertEquals(p, PauliString.parse(p.toString()), "round trip of " + text);
        }
        assertEquals("X0 Y1 Z3", PauliString.parse("x0y1 z3").toString());
    }

    @Test
    void marginalsAndSamplingFollowTheProbabilities() {
        Circuit c = new Circuit(3, Operation.of(Gate.RY, 2 * Math.asin(Math.sqrt(0.3)), 0), Operation.cnot(0, 2));
        StateVector s = Simulator.run(c);
        double[] m = s.marginalProbabilities(2);
        assertEquals(0.7, m[0], EPS);
        assertEquals(0.3, m[1], EPS);
        int[] counts = s.sample(100_000, 9);
        assertEquals(100_000, counts[0] + counts[5]);
        assertEquals(0.3, counts[5] / 100_000.0, 0.005); // 3.3 sigma of a binomial at n = 1e5
        assertTrue(java.util.Arrays.equals(counts, s.sample(100_000, 9)), "same seed, same shots");
    }

    @Test
    void tooManyQubitsSaysHowMuchMemoryItWouldNeed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateVector.zero(30));
        assertTrue(e.getMessage().contains("16.0 GiB"), e.getMessage());
    }

    @Test
    void badCircuitsAreRejectedWithReasons() {
        assertThrows(IllegalArgumentException.class, () -> new Circuit(2, Operation.cnot(0, 2)));
        assertThrows(IllegalArgumentException.class, () -> Operation.cnot(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Operation.of(Gate.RX, 1, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulator.run(new Circuit(1, Operation.of(Gate.RX, new Angle.Input(3), 0)), new double[2], new double[0]));
        assertTrue(e.getMessage().contains("4 input features"), e.getMessage());
    }

    @Test
    void circuitsAreValuesAndCollectWeightsAndInputs() {
        Circuit a = new Circuit(2, Operation.of(Gate.RY, new Angle.Weight("theta", 0.3), 0),
                Operation.of(Gate.RX, new Angle.Input(4, Math.PI), 1), Operation.of(Gate.RZ, new Angle.Weight("theta", 9), 1),
                Operation.of(Gate.RZ, new Angle.Weight("phi", -1), 0));
        Circuit b = Circuit.empty(2).append(a);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(List.of("theta", "phi"), a.weightNames());
        assertEquals(0.3, a.initialWeights()[0]);
        assertEquals(5, a.inputCount());
        assertTrue(!a.equals(a.remove(0)));
        assertEquals("pi*x[4]", a.operations().get(1).angles().get(0).text());
    }

    static StateVector randomState(int n, Random random) {
        double[] re = new double[1 << n], im = new double[1 << n];
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

    private static void same(StateVector start, List<Operation> a, List<Operation> b, boolean upToPhase) {
        StateVector sa = start.copy();
        for (Operation op : a) {
            sa.apply(op, values(op));
        }
        StateVector sb = start.copy();
        for (Operation op : b) {
            sb.apply(op, values(op));
        }
        if (upToPhase) {
            assertSameUpToPhase(sa, sb, 1e-12);
        } else {
            assertAmplitudes(sa, sb.amplitudes()[0], sb.amplitudes()[1], 1e-12);
        }
    }

    private static double[] values(Operation op) {
        return op.angles().stream().mapToDouble(a -> ((Angle.Constant) a).value()).toArray();
    }

    private static Angle c(double v) {
        return new Angle.Constant(v);
    }

    private static List<Angle> consts(double[] v) {
        List<Angle> out = new ArrayList<>();
        for (double d : v) {
            out.add(new Angle.Constant(d));
        }
        return out;
    }
}
