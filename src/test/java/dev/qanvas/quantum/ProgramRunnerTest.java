package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.qasm.OpenQasm;
import dev.qanvas.quantum.qasm.QasmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Programs with mid-circuit measurement, reset and if against hand-worked distributions, noise
 * against the formulas for one gate, and trajectories against the exact density matrix.
 */
class ProgramRunnerTest {

    private static final double EPS = 1e-12;
    private static final String HEAD = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    static Program program(String body) {
        try {
            return OpenQasm.program(HEAD + body);
        } catch (QasmException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The exact classical distribution keyed by bitstring (classical bit 0 leftmost). */
    static Map<String, Double> classical(Program p, NoiseModel noise) {
        Map<String, Double> out = new HashMap<>();
        ProgramRunner.exact(p, noise).classical().forEach((v, q) -> {
            if (q > 1e-15) {
                out.put(Program.classicalBits(v, p.clbits()), q);
            }
        });
        return out;
    }

    @Test
    void teleportationHandsBobTheInputStateForRandomInputs() {
        Random random = new Random(5);
        for (int trial = 0; trial < 10; trial++) {
            double theta = Math.PI * random.nextDouble(), phi = 2 * Math.PI * random.nextDouble();
            double lambda = 2 * Math.PI * random.nextDouble();
            Program p = program("qreg q[3];\ncreg a[1];\ncreg b[1];\n"
                    + String.format(java.util.Locale.ROOT, "u3(%.17g,%.17g,%.17g) q[0];\n", theta, phi, lambda)
                    + "h q[1];\ncx q[1],q[2];\ncx q[0],q[1];\nh q[0];\n"
                    + "measure q[0] -> a[0];\nmeasure q[1] -> b[0];\n"
                    + "if(b==1) x q[2];\nif(a==1) z q[2];\n");
            DensityMatrix bob = ProgramRunner.finalState(p, NoiseModel.NONE);
            // U(theta, phi, lambda)|0> = cos(theta/2)|0> + e^{i phi} sin(theta/2)|1>: its Bloch vector
            assertEquals(Math.sin(theta) * Math.cos(phi), bob.expectation(PauliString.x(2)), 1e-12);
            assertEquals(Math.sin(theta) * Math.sin(phi), bob.expectation(PauliString.y(2)), 1e-12);
            assertEquals(Math.cos(theta), bob.expectation(PauliString.z(2)), 1e-12);
            // Alice's two bits are uniform, whatever the input
            Map<String, Double> c = classical(p, NoiseModel.NONE);
            for (String bits : new String[] {"00", "01", "10", "11"}) {
                assertEquals(0.25, c.get(bits), EPS, bits);
            }
        }
    }

    @Test
    void resetAndReuse() {
        // Measure a |+>, reset it, flip it, measure again: the first bit is a coin, the second always 1.
        Program p = program("qreg q[1];\ncreg c[2];\nh q[0];\nmeasure q[0] -> c[0];\nreset q[0];\nx q[0];\n"
                + "measure q[0] -> c[1];\n");
        assertEquals(Map.of("01", 0.5, "11", 0.5), round(classical(p, NoiseModel.NONE)));
        // Reset of one half of a Bell pair leaves the other half mixed: rho = |0><0| (x) I/2
        Program bell = program("qreg q[2];\nh q[0];\ncx q[0],q[1];\nreset q[0];\n");
        double[] probabilities = ProgramRunner.exact(bell, NoiseModel.NONE).probabilities();
        assertEquals(0.5, probabilities[0], EPS);
        assertEquals(0.5, probabilities[2], EPS);
        assertEquals(0.5, ProgramRunner.finalState(bell, NoiseModel.NONE).purity(), EPS);
    }

    @Test
    void repeatUntilSuccess() {
        // Each try: reset, RY(t), measure into f; later tries run only while f == 0.
        // Success per try s = sin^2(t/2), so P(f = 1 after k tries) = 1 - (1 - s)^k.
        double t = 0.9;
        double s = Math.pow(Math.sin(t / 2), 2);
        StringBuilder body = new StringBuilder("qreg q[2];\ncreg f[1];\n");
        for (int k = 1; k <= 4; k++) {
            body.append("if(f==0) reset q[0];\nif(f==0) ry(0.9) q[0];\nif(f==0) measure q[0] -> f[0];\n");
            Program p = program(body.toString());
            assertEquals(1 - Math.pow(1 - s, k), classical(p, NoiseModel.NONE).get("1"), EPS, k + " tries");
            // After success the qubit is |1>; after failing every try it is |0>.
            assertEquals(1 - Math.pow(1 - s, k), ProgramRunner.exact(p, NoiseModel.NONE).probabilities()[1], EPS);
        }
    }

    @Test
    void ifComparesTheWholeRegisterWithBitZeroLeastSignificant() {
        // c = 2 (c[1] = 1, c[0] = 0): only if(c==2) fires.
        Program p = program("qreg q[3];\ncreg c[2];\nx q[1];\nmeasure q[0] -> c[0];\nmeasure q[1] -> c[1];\n"
                + "if(c==2) x q[2];\nif(c==1) x q[0];\nif(c==3) x q[0];\n");
        double[] probabilities = ProgramRunner.exact(p, NoiseModel.NONE).probabilities();
        assertEquals(1, probabilities[0b110], EPS, "qubits 1 and 2 set, qubit 0 untouched");
        assertEquals(Map.of("01", 1.0), round(classical(p, NoiseModel.NONE)));
    }

    @Test
    void depolarizingAfterOneXGateMatchesTheHandFormula() {
        Program p = program("qreg q[1];\ncreg c[1];\nx q[0];\nmeasure q[0] -> c[0];\n");
        for (double prob : new double[] {0, 0.01, 0.3, 0.75, 1}) {
            NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(prob));
            // X and Y flip |1> back to |0>: P(0) = 2p/3
            assertEquals(2 * prob / 3, ProgramRunner.exact(p, noise).probabilities()[0], EPS);
            for (double r : new double[] {0, 0.05, 0.5}) {
                double want1 = (1 - 2 * prob / 3) * (1 - r) + 2 * prob / 3 * r;
                assertEquals(want1, classical(p, noise.withReadout(r)).getOrDefault("1", 0.0), EPS);
            }
            NoiseModel damping = NoiseModel.NONE.afterEveryGate(Channel.amplitudeDamping(prob));
            assertEquals(1 - prob, ProgramRunner.exact(p, damping).probabilities()[1], EPS);
        }
    }

    @Test
    void readoutFlipsOnlyTheWrittenBitNotTheState() {
        Program p = program("qreg q[2];\ncreg c[2];\nx q[0];\nmeasure q[0] -> c[0];\nmeasure q[1] -> c[1];\n");
        double r = 0.2;
        NoiseModel noise = NoiseModel.NONE.withReadout(r);
        Map<String, Double> c = classical(p, noise);
        assertEquals((1 - r) * (1 - r), c.get("10"), EPS);
        assertEquals(r * r, c.get("01"), EPS);
        assertEquals((1 - r) * r, c.get("11"), EPS);
        assertEquals(r * (1 - r), c.get("00"), EPS);
        assertEquals(1, ProgramRunner.exact(p, noise).probabilities()[1], EPS, "the state is still |10>");
        // A misread bit steers an if: the state follows the bit written, not the qubit.
        Program steer = program("qreg q[2];\ncreg c[1];\nmeasure q[0] -> c[0];\nif(c==1) x q[1];\n");
        assertEquals(r, ProgramRunner.exact(steer, noise).probabilities()[2], EPS);
        // Per qubit: only qubit 1 misreads
        Map<String, Double> one = classical(p, NoiseModel.NONE.withReadout(1, 0.3));
        assertEquals(0.7, one.get("10"), EPS);
        assertEquals(0.3, one.get("11"), EPS);
    }

    @Test
    void noiseCountsGatesAsTheProgramCallsThem() {
        double prob = 0.2, f = 2 * prob / 3; // a depolarized basis state flips with probability 2p/3
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(prob));
        // ccx and rccx (which qelib1 expands into 9 gates) are one gate each: one channel per qubit.
        for (String gate : new String[] {"ccx", "rccx", "cswap"}) {
            double[] p = ProgramRunner.exact(program("qreg q[3];\n" + gate + " q[0],q[1],q[2];\n"), noise).probabilities();
            assertEquals(Math.pow(1 - f, 3), p[0], EPS, gate);
        }
        // A gate defined in the file is the gates of its body, recursively: qubit a gets 3 channels, b gets 1.
        double[] p = ProgramRunner.exact(program("qreg q[2];\ngate inner a { id a; }\n"
                + "gate g a,b { inner a; barrier a,b; id a; cx a,b; }\ng q[0],q[1];\n"), noise).probabilities();
        // Flips compose: after k channels P(flipped) = (1 - (1 - 2f)^k) / 2; cx on a flipped control flips b too.
        double a = (1 - Math.pow(1 - 2 * f, 2)) / 2; // P(a = 1) before the cx
        double aFinal = a * (1 - f) + (1 - a) * f;
        double p00 = 0;
        // The cx copies a's value into b; then one channel on each: enumerate a's value and both flips.
        for (int av = 0; av < 2; av++) {
            double pa = av == 1 ? a : 1 - a;
            for (int fa = 0; fa < 2; fa++) {
                for (int fb = 0; fb < 2; fb++) {
                    double w = pa * (fa == 1 ? f : 1 - f) * (fb == 1 ? f : 1 - f);
                    if ((av ^ fa) == 0 && (av ^ fb) == 0) {
                        p00 += w;
                    }
                }
            }
        }
        assertEquals(p00, p[0], EPS);
        assertEquals(aFinal, p[1] + p[3], EPS);
        // Barriers, measure and reset are not gates.
        double[] none = ProgramRunner.exact(program("qreg q[1];\ncreg c[1];\nbarrier q;\nmeasure q[0] -> c[0];\nreset q[0];\n"),
                noise).probabilities();
        assertEquals(1, none[0], EPS);
        // By gate name and qubit: a bit flip only after x on qubit 1
        NoiseModel onH = NoiseModel.NONE.with(new NoiseModel.GateNoise("x", 1, Channel.bitFlip(0.25)));
        double[] byName = ProgramRunner.exact(program("qreg q[2];\nx q[0];\nx q[1];\nz q[1];\n"), onH).probabilities();
        assertEquals(0.25, byName[1], EPS, "qubit 1 flipped back after its x");
    }

    @Test
    void theStateVectorAndDensityMatrixPathsAgree() {
        Random random = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            Circuit c = DensityMatrixTest.randomCircuit(3, 15, random);
            java.util.List<Program.Instruction> list = new java.util.ArrayList<>(Program.of(c).instructions());
            for (int q = 0; q < 3; q++) {
                list.add(new Program.Measure(q, 2 - q));
            }
            Program p = new Program(3, Program.of(c).qregs(), java.util.List.of(new Program.Register("m", 3, 0)), list);
            NoiseModel readout = NoiseModel.NONE.withReadout(0.1);
            ProgramRunner.Exact fast = ProgramRunner.exact(p, readout);
            assertEquals(ProgramRunner.Method.STATE_VECTOR, fast.method());
            Map<Long, DensityMatrix> branches = ProgramRunner.branches(p, readout);
            for (Map.Entry<Long, DensityMatrix> b : branches.entrySet()) {
                assertEquals(b.getValue().trace(), fast.classical().getOrDefault(b.getKey(), 0.0), EPS);
            }
            double[] dm = ProgramRunner.finalState(p, readout).probabilities();
            for (int i = 0; i < dm.length; i++) {
                assertEquals(dm[i], fast.probabilities()[i], EPS);
            }
            // With gate noise: the exact run (trailing measurements read off the diagonal) against full branching
            NoiseModel noisy = readout.afterEveryGate(Channel.amplitudeDamping(0.2));
            ProgramRunner.Exact exact = ProgramRunner.exact(p, noisy);
            assertEquals(ProgramRunner.Method.DENSITY_MATRIX, exact.method());
            Map<Long, DensityMatrix> split = ProgramRunner.branches(p, noisy);
            assertEquals(split.size(), exact.classical().size());
            for (Map.Entry<Long, DensityMatrix> b : split.entrySet()) {
                assertEquals(b.getValue().trace(), exact.classical().get(b.getKey()), EPS);
            }
        }
    }

    @Test
    void trajectoriesConvergeToTheDensityMatrix() {
        Program p = program("qreg q[3];\ncreg c[3];\nh q[0];\nrx(1.3) q[1];\ncx q[0],q[2];\nmeasure q[0] -> c[0];\n"
                + "if(c==1) ry(0.7) q[1];\nreset q[0];\nh q[0];\ncx q[1],q[0];\nmeasure q[1] -> c[1];\n"
                + "measure q[0] -> c[2];\n");
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.05))
                .afterEveryGate(Channel.amplitudeDamping(0.1)).afterEveryGate(Channel.phaseDamping(0.2)).withReadout(0.03);
        int shots = 40_000;
        Map<Long, Double> exact = ProgramRunner.exact(p, noise).classical();
        Map<Long, Long> counts = Trajectories.counts(p, noise, shots, 17).asMap();
        assertWithinFourStandardErrors(exact, counts, shots);
        // Without measurements: counts over basis states against the diagonal
        Program unmeasured = program("qreg q[2];\nh q[0];\ncx q[0],q[1];\nry(0.4) q[1];\n");
        NoiseModel damping = NoiseModel.NONE.afterEveryGate(Channel.amplitudeDamping(0.3));
        double[] probabilities = ProgramRunner.exact(unmeasured, damping).probabilities();
        Map<Long, Double> diagonal = new HashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            diagonal.put((long) i, probabilities[i]);
        }
        assertWithinFourStandardErrors(diagonal, Trajectories.counts(unmeasured, damping, shots, 4).asMap(), shots);
        // Seeded: the same seed gives the same counts
        assertEquals(counts, Trajectories.counts(p, noise, shots, 17).asMap());
    }

    @Test
    void shotsOfAnIdealProgramFollowItsDistribution() {
        Program p = program("qreg q[2];\ncreg c[2];\nry(1.0) q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        int shots = 100_000;
        assertWithinFourStandardErrors(ProgramRunner.exact(p, NoiseModel.NONE).classical(),
                Trajectories.counts(p, NoiseModel.NONE, shots, 1).asMap(), shots);
        assertThrows(IllegalArgumentException.class, () -> Trajectories.counts(p, NoiseModel.NONE, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Trajectories.counts(p, NoiseModel.NONE, Trajectories.MAX_SHOTS + 1, 1));
    }

    static void assertWithinFourStandardErrors(Map<Long, Double> exact, Map<Long, Long> counts, int shots) {
        long total = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            assertTrue(exact.getOrDefault(e.getKey(), 0.0) > 0, "outcome " + e.getKey() + " has probability 0");
            total += e.getValue();
        }
        assertEquals(shots, total);
        for (Map.Entry<Long, Double> e : exact.entrySet()) {
            double q = e.getValue();
            double se = Math.sqrt(shots * q * (1 - q));
            long n = counts.getOrDefault(e.getKey(), 0L);
            assertTrue(Math.abs(n - shots * q) <= 4 * se + 1e-9, "outcome " + e.getKey() + ": " + n + " of " + shots
                    + ", expected " + shots * q + " +- " + se);
        }
    }

    private static Map<String, Double> round(Map<String, Double> m) {
        Map<String, Double> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, Math.round(v * 1e12) / 1e12));
        return out;
    }
}
