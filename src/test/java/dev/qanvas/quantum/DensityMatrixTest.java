package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Density matrices against the state-vector simulator (pure circuits) and a dense Kraus reference (noise). */
class DensityMatrixTest {

    private static final double EPS = 1e-12;

    /** A random circuit of every gate kind, with up to two controls. */
    static Circuit randomCircuit(int n, int length, Random r) {
        Gate[] gates = Gate.values();
        List<Operation> ops = new ArrayList<>();
        while (ops.size() < length) {
            Gate g = gates[r.nextInt(gates.length)];
            if (g.qubits() > n) {
                continue;
            }
            int controls = r.nextInt(Math.min(3, n - g.qubits() + 1));
            List<Integer> qubits = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                qubits.add(q);
            }
            java.util.Collections.shuffle(qubits, r);
            List<Angle> angles = new ArrayList<>();
            for (int k = 0; k < g.params(); k++) {
                angles.add(new Angle.Constant(4 * Math.PI * (r.nextDouble() - 0.5)));
            }
            ops.add(new Operation(g, qubits.subList(0, g.qubits()), qubits.subList(g.qubits(), g.qubits() + controls), angles));
        }
        return new Circuit(n, ops);
    }

    @Test
    void aPureCircuitGivesPsiPsiDagger() {
        Random random = new Random(7);
        for (int trial = 0; trial < 12; trial++) {
            int n = 1 + random.nextInt(5);
            Circuit c = randomCircuit(n, 25, random);
            StateVector psi = Simulator.run(c);
            DensityMatrix rho = DensityMatrix.zero(n);
            for (Operation op : c.operations()) {
                rho.apply(op, Program.angles(op));
            }
            int dim = 1 << n;
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    double wantRe = psi.re(i) * psi.re(j) + psi.im(i) * psi.im(j);
                    double wantIm = psi.im(i) * psi.re(j) - psi.re(i) * psi.im(j);
                    assertEquals(wantRe, rho.entry(i, j)[0], EPS, "re " + i + "," + j + " of " + c);
                    assertEquals(wantIm, rho.entry(i, j)[1], EPS, "im " + i + "," + j + " of " + c);
                }
            }
            assertEquals(1, rho.trace(), EPS);
            assertEquals(1, rho.purity(), 1e-10);
            DensityMatrix same = DensityMatrix.of(psi);
            for (int i = 0; i < dim; i++) {
                assertEquals(rho.entry(i, i)[0], same.entry(i, i)[0], EPS);
            }
            for (PauliString p : List.of(PauliString.z(0), PauliString.x(n - 1), PauliString.y(0))) {
                assertEquals(psi.expectation(p), rho.expectation(p), 1e-12, p.toString());
            }
        }
    }

    @Test
    void aNoisyTwoQubitCircuitMatchesADenseKrausComputation() {
        Random random = new Random(11);
        for (int trial = 0; trial < 6; trial++) {
            int n = 2 + random.nextInt(2);
            List<Channel> channels = List.of(Channel.depolarizing(random.nextDouble() * 0.5),
                    Channel.amplitudeDamping(random.nextDouble()), Channel.phaseDamping(random.nextDouble()),
                    Channel.bitFlip(random.nextDouble()), Channel.phaseFlip(random.nextDouble()));
            DensityMatrix rho = DensityMatrix.zero(n);
            DenseReference ref = new DenseReference(n);
            Gate[] oneQubit = {Gate.H, Gate.RX, Gate.RY, Gate.T, Gate.U3, Gate.SX, Gate.X};
            for (int step = 0; step < 12; step++) {
                Gate g = oneQubit[random.nextInt(oneQubit.length)];
                int target = random.nextInt(n);
                List<Integer> controls = new ArrayList<>();
                if (random.nextBoolean()) {
                    controls.add((target + 1 + random.nextInt(n - 1)) % n);
                }
                double[] angles = new double[g.params()];
                List<Angle> a = new ArrayList<>();
                for (int k = 0; k < angles.length; k++) {
                    angles[k] = 2 * Math.PI * random.nextDouble();
                    a.add(new Angle.Constant(angles[k]));
                }
                Operation op = new Operation(g, List.of(target), controls, a);
                rho.apply(op, angles);
                ref.gate(op, angles);
                Channel ch = channels.get(random.nextInt(channels.size()));
                for (int q : op.qubits()) {
                    rho.apply(ch, q);
                    ref.channel(ch, q);
                }
            }
            for (int r = 0; r < 1 << n; r++) {
                for (int c = 0; c < 1 << n; c++) {
                    assertEquals(ref.rho[r][c][0], rho.entry(r, c)[0], EPS);
                    assertEquals(ref.rho[r][c][1], rho.entry(r, c)[1], EPS);
                }
            }
            assertEquals(1, rho.trace(), EPS);
        }
    }

    @Test
    void aChannelWithComplexKrausOperatorsMatchesTheDenseReferenceToo() {
        // Qanvas's named channels are real (the fast path); this one is not: K0 = sqrt(1-p) S, K1 = sqrt(p) Y.
        Random random = new Random(5);
        for (int trial = 0; trial < 4; trial++) {
            int n = 2 + random.nextInt(2);
            double p = random.nextDouble(), a = Math.sqrt(1 - p), b = Math.sqrt(p);
            Channel complex = new Channel("s-or-y", p, List.of(new double[] {a, 0, 0, 0, 0, 0, 0, a},
                    new double[] {0, 0, 0, -b, 0, b, 0, 0}));
            DensityMatrix rho = DensityMatrix.zero(n);
            DenseReference ref = new DenseReference(n);
            for (int step = 0; step < 8; step++) {
                int target = random.nextInt(n);
                double[] angles = {2 * Math.PI * random.nextDouble(), 2 * Math.PI * random.nextDouble(), 2 * Math.PI * random.nextDouble()};
                Operation op = new Operation(Gate.U3, List.of(target), List.of(),
                        List.of(new Angle.Constant(angles[0]), new Angle.Constant(angles[1]), new Angle.Constant(angles[2])));
                rho.apply(op, angles);
                ref.gate(op, angles);
                rho.apply(complex, target);
                ref.channel(complex, target);
            }
            for (int r = 0; r < 1 << n; r++) {
                for (int c = 0; c < 1 << n; c++) {
                    assertEquals(ref.rho[r][c][0], rho.entry(r, c)[0], EPS);
                    assertEquals(ref.rho[r][c][1], rho.entry(r, c)[1], EPS);
                }
            }
        }
    }

    @Test
    void postselectionRenormalisesAndReportsTheSuccessProbability() {
        // RY(t) on qubit 0, CNOT: sqrt(1-s)|00> + sqrt(s)|11> with s = sin^2(t/2)
        double t = 1.1;
        DensityMatrix rho = DensityMatrix.of(Simulator.run(new Circuit(2, Operation.of(Gate.RY, t, 0), Operation.cnot(0, 1))));
        double s = Math.pow(Math.sin(t / 2), 2);
        DensityMatrix one = rho.copy();
        assertEquals(s, one.postselect(0, 1), EPS);
        assertEquals(1, one.trace(), EPS);
        assertEquals(1, one.entry(3, 3)[0], EPS, "qubit 1 follows qubit 0 into |1>");
        assertEquals(1 - s, rho.copy().postselect(1, 0), EPS);
        DensityMatrix zero = DensityMatrix.zero(1);
        assertThrows(IllegalArgumentException.class, () -> zero.postselect(0, 1));
    }

    @Test
    void refusesMoreThanTwelveQubitsSayingToSample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DensityMatrix.zero(13));
        assertTrue(e.getMessage().contains("1..12 qubits") && e.getMessage().contains("shots"), e.getMessage());
    }
}
