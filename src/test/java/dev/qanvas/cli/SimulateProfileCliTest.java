package dev.qanvas.cli;

import static dev.qanvas.cli.CliTest.qanvas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qanvas simulate --profile}: a built-in profile and a file, against the documented formulas by hand. */
class SimulateProfileCliTest {

    private static final String HEAD = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    @Test
    void builtInProfileGivesRelaxationDepolarizingAndReadout(@TempDir Path dir) throws Exception {
        JsonNode profile;
        try (InputStream in = getClass().getResourceAsStream("/dev/qanvas/devices/illustrative-noisy.json")) {
            profile = new ObjectMapper().readTree(in);
        }
        double t1 = profile.get("qubits").get(0).get("t1_us").asDouble();
        double r = profile.get("qubits").get(0).get("readout_error").asDouble();
        double e = profile.get("gate_error").get("one_qubit").asDouble();
        double tUs = profile.get("gate_time_ns").get("one_qubit").asDouble() / 1000;
        Path file = dir.resolve("x.qasm");
        Files.writeString(file, HEAD + "qreg q[1];\ncreg c[1];\nx q[0];\nmeasure q[0] -> c[0];\n");
        CliTest.Run run = qanvas("simulate", file.toString(), "--profile", "illustrative-noisy");
        assertEquals(0, run.code(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        double one = (1 - 2 * e / 3) * Math.exp(-tUs / t1);
        assertEquals(one, json.get("probabilities").get("1").asDouble(), 1e-12);
        assertEquals(one * (1 - r) + (1 - one) * r, json.get("classical").get("1").asDouble(), 1e-12);

        // --noise readout after the profile: a second independent flip.
        CliTest.Run more = qanvas("simulate", file.toString(), "--profile", "illustrative-noisy", "--noise", "readout=0.1");
        assertEquals(0, more.code(), more.err());
        double r2 = r + 0.1 - 2 * r * 0.1;
        assertEquals(one * (1 - r2) + (1 - one) * r2,
                new ObjectMapper().readTree(more.out()).get("classical").get("1").asDouble(), 1e-12);
    }

    @Test
    void shotsUnderAProfileMatchItsExactDistribution(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ghz.qasm");
        Files.writeString(file, HEAD + "qreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\ncx q[1],q[2];\nmeasure q -> c;\n");
        ObjectMapper json = new ObjectMapper();
        CliTest.Run exact = qanvas("simulate", file.toString(), "--profile", "illustrative-noisy");
        assertEquals(0, exact.code(), exact.err());
        JsonNode p = json.readTree(exact.out()).get("classical");
        int shots = 20000;
        CliTest.Run sampled = qanvas("simulate", file.toString(), "--profile", "illustrative-noisy", "--shots", "" + shots, "--seed", "3");
        assertEquals(0, sampled.code(), sampled.err());
        JsonNode counts = json.readTree(sampled.out()).get("counts");
        for (String bits : new String[] {"000", "111", "100", "110", "010"}) {
            double q = p.has(bits) ? p.get(bits).asDouble() : 0;
            double seen = counts.has(bits) ? counts.get(bits).asDouble() / shots : 0;
            assertTrue(Math.abs(seen - q) <= 4 * Math.sqrt(q * (1 - q) / shots) + 1e-9, bits + ": " + seen + " vs " + q);
        }
    }

    @Test
    void profileFileAndRefusals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.qasm");
        Files.writeString(file, HEAD + "qreg q[2];\nh q[0];\ncx q[0],q[1];\n");
        Path profile = dir.resolve("dev.json");
        Files.writeString(profile, """
                {"name": "ideal-but-slow", "gate_time_ns": {"one_qubit": 1000, "two_qubit": 1000},
                 "gate_error": {"one_qubit": 0, "two_qubit": 0},
                 "qubits": [{"t1_us": 10, "t2_us": 20, "readout_error": 0}, {"t1_us": 10, "t2_us": 20, "readout_error": 0}]}
                """);
        CliTest.Run run = qanvas("simulate", file.toString(), "--profile", profile.toString());
        assertEquals(0, run.code(), run.err());
        // Amplitude damping only (T2 = 2 T1), gamma = 1 - exp(-0.1) per gate: after h, q0 is 1/2 |1> and
        // relaxes to p1 = a / 2 with a = exp(-0.1); cx copies it onto q1; both then relax once more:
        // p(11) = a^2 p1, p(00) = 1 - p1 + p1 (1-a)^2 (both decayed).
        double a = Math.exp(-0.1), p1 = a / 2;
        JsonNode p = new ObjectMapper().readTree(run.out()).get("probabilities");
        assertEquals(a * a * p1, p.get("11").asDouble(), 1e-12);
        assertEquals(1 - p1 + p1 * (1 - a) * (1 - a), p.get("00").asDouble(), 1e-12);

        Files.writeString(profile, Files.readString(profile).replace("\"t2_us\": 20", "\"t2_us\": 21"));
        CliTest.Run bad = qanvas("simulate", file.toString(), "--profile", profile.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains(profile + ": qubits[0].t2_us: T2 = 21.0 us is more than 2 T1"), bad.err());
        assertTrue(!bad.err().contains("\tat "), bad.err());

        Path wide = dir.resolve("wide.qasm");
        Files.writeString(wide, HEAD + "qreg q[17];\nx q[16];\n");
        CliTest.Run tooWide = qanvas("simulate", wide.toString(), "--profile", "illustrative-superconducting");
        assertEquals(1, tooWide.code());
        assertTrue(tooWide.err().contains("describes 16 qubits; the circuit uses 17"), tooWide.err());

        CliTest.Run unknown = qanvas("simulate", file.toString(), "--profile", dir.resolve("nope.json").toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("file not found"), unknown.err());
    }
}
