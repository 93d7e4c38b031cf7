package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device profiles: channel parameters by hand, their physics on small circuits, hostile files. */
class DeviceProfileTest {

    // T1 = 100 us, T2 = 80 us, one-qubit gates 50 ns with error 1e-3, two-qubit gates 400 ns with error 2e-2.
    private static final String PROFILE = """
            {"name": "test", "note": "hand-worked",
             "gate_time_ns": {"one_qubit": 50, "two_qubit": 400},
             "gate_error": {"one_qubit": 0.001, "two_qubit": 0.02},
             "qubits": [{"t1_us": 100, "t2_us": 80, "readout_error": 0.03},
                        {"t1_us": 50, "t2_us": 100, "readout_error": 0.0}]}
            """;

    private static DeviceProfile profile() throws Exception {
        return DeviceProfile.parse(PROFILE, "test.json");
    }

    @Test
    void channelParametersMatchHandWorkedValues() throws Exception {
        DeviceProfile p = profile();
        // Qubit 0, one-qubit gate: t = 0.05 us; 1/T_phi = 1/80 - 1/200 = 0.0075 / us.
        DeviceProfile.GateChannels one = p.channels(1, 0);
        assertEquals(0.001, one.depolarizing(), 1e-15);
        assertEquals(4.998750208307e-4, one.amplitudeDamping(), 1e-15); // 1 - exp(-0.0005)
        assertEquals(7.497188203e-4, one.phaseDamping(), 1e-13); // 1 - exp(-0.00075)
        // Two-qubit gate: t = 0.4 us; (1 - P)^2 = 0.98.
        DeviceProfile.GateChannels two = p.channels(2, 0);
        assertEquals(0.010050506338833, two.depolarizing(), 1e-14);
        assertEquals(3.992010656009e-3, two.amplitudeDamping(), 1e-14); // 1 - exp(-0.004)
        assertEquals(5.982035946065e-3, two.phaseDamping(), 1e-14); // 1 - exp(-0.006)
        // Qubit 1 has T2 = 2 T1: no pure dephasing.
        assertEquals(0.0, p.channels(1, 1).phaseDamping(), 0.0);
        // A three-qubit gate takes the two-qubit values.
        assertEquals(two, p.channels(3, 0));
        assertEquals(0.03, p.noiseModel().readout(0), 0.0);
        assertEquals(0.0, p.noiseModel().readout(1), 0.0);
    }

    @Test
    void populationsDecayByT1AndCoherencesByT2AfterOneGate() throws Exception {
        DeviceProfile p = profile();
        NoiseModel noise = p.noiseModel();
        double t = 0.05, e = 0.001;
        // X on |0>: |1> then misses by depolarizing (2P/3) and relaxes by exp(-t/T1).
        DensityMatrix afterX = ProgramRunner.finalState(Program.of(new Circuit(1, List.of(Operation.of(Gate.X, 0)))), noise);
        assertEquals((1 - 2 * e / 3) * Math.exp(-t / 100), afterX.probabilities()[1], 1e-14);
        // H on |0>: the coherence 1/2 shrinks by (1 - 4P/3) from depolarizing and exp(-t/T2) from relaxation.
        DensityMatrix afterH = ProgramRunner.finalState(Program.of(new Circuit(1, List.of(Operation.of(Gate.H, 0)))), noise);
        double[] rho01 = afterH.entry(0, 1);
        assertEquals(0.5 * (1 - 4 * e / 3) * Math.exp(-t / 80), rho01[0], 1e-14);
        assertEquals(0.0, rho01[1], 1e-15);
        // CNOT on |00>: each qubit gets the two-qubit depolarizing P2 (|1> with 2 P2 / 3), then relaxes
        // back towards |0> for t = 0.4 us with its own T1 (100 and 50 us).
        DensityMatrix afterCx = ProgramRunner.finalState(Program.of(new Circuit(2, List.of(Operation.cnot(0, 1)))), noise);
        double p2 = 1 - Math.sqrt(0.98);
        assertEquals((1 - 2 * p2 / 3 * Math.exp(-0.4 / 100)) * (1 - 2 * p2 / 3 * Math.exp(-0.4 / 50)),
                afterCx.probabilities()[0], 1e-14);
    }

    @Test
    void refusesT2AboveTwiceT1WithItsPlace() {
        String bad = PROFILE.replace("\"t2_us\": 100", "\"t2_us\": 100.5");
        DeviceProfile.ProfileException e = assertThrows(DeviceProfile.ProfileException.class,
                () -> DeviceProfile.parse(bad, "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json: qubits[1].t2_us: T2 = 100.5 us is more than 2 T1"), e.getMessage());
    }

    @Test
    void refusesMalformedProfilesWithLocatedMessages(@TempDir Path dir) throws Exception {
        assertRefused("{\n  \"name\": \"x\",\n  oops\n}", "p.json:3:");
        assertRefused(PROFILE.replace("\"note\"", "\"nite\""), "p.json: nite: unknown key");
        assertRefused(PROFILE.replace("\"t1_us\": 100,", ""), "p.json: qubits[0].t1_us: missing");
        assertRefused(PROFILE.replace("\"one_qubit\": 0.001", "\"one_qubit\": 1.5"), "p.json: gate_error.one_qubit: expected a probability");
        assertRefused(PROFILE.replace("\"one_qubit\": 50", "\"one_qubit\": -50"), "p.json: gate_time_ns.one_qubit: expected a time above 0");
        assertRefused(PROFILE.replace("\"t1_us\": 50", "\"t1_us\": \"50\""), "p.json: qubits[1].t1_us: expected a number");
        assertRefused(PROFILE.replace("\"name\": \"test\",", "\"name\": \"test\", \"name\": \"again\","), "p.json:");
        assertRefused("[]", "p.json: a device profile is a JSON object");
        assertRefused("[".repeat(100), "p.json:");
        assertRefused(PROFILE.replaceAll("\"qubits\": \\[.*", "\"qubits\": []}").replaceAll("(?s)\"qubits\": \\[\\{.*", "\"qubits\": []}"),
                "p.json: qubits: expected a non-empty list");
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[DeviceProfile.MAX_FILE_BYTES + 1]);
        DeviceProfile.ProfileException e = assertThrows(DeviceProfile.ProfileException.class, () -> DeviceProfile.read(big));
        assertTrue(e.getMessage().contains("at most 1 MiB"), e.getMessage());
        assertThrows(DeviceProfile.ProfileException.class, () -> DeviceProfile.load(dir.resolve("none.json").toString()));
    }

    private static void assertRefused(String text, String start) {
        DeviceProfile.ProfileException e = assertThrows(DeviceProfile.ProfileException.class,
                () -> DeviceProfile.parse(text, "p.json"));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void builtInProfilesAreLabelledIllustrativeAndPhysical() throws Exception {
        for (String name : DeviceProfile.BUILT_IN) {
            DeviceProfile p = DeviceProfile.load(name);
            assertEquals(name, p.name());
            assertTrue(p.note().startsWith("ILLUSTRATIVE") && p.note().contains("Not any real device"), p.note());
            assertEquals(16, p.qubits().size());
            assertTrue(p.noiseModel().hasGateNoise() && p.noiseModel().hasReadoutError());
        }
        assertThrows(IllegalArgumentException.class, () -> DeviceProfile.load("illustrative-noisy").requireQubits(17));
    }
}
