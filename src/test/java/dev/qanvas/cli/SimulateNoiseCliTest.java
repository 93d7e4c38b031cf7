package dev.qanvas.cli;

import static dev.qanvas.cli.CliTest.qanvas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless contract of {@code qanvas simulate} for programs, noise and shots, through the real entry point. */
class SimulateNoiseCliTest {

    private static final String HEAD = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    private static JsonNode run(Path file, String... options) throws Exception {
        String[] args = new String[options.length + 2];
        args[0] = "simulate";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        CliTest.Run r = qanvas(args);
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void exactProgramsPrintProbabilitiesAndTheClassicalDistribution(@TempDir Path dir) throws Exception {
        // Two cregs: a = 1 always, b = coin; then b steers an X onto qubit 2.
        Path file = dir.resolve("p.qasm");
        Files.writeString(file, HEAD + "qreg q[3];\ncreg a[1];\ncreg b[2];\nx q[0];\nh q[1];\n"
                + "measure q[0] -> a[0];\nmeasure q[1] -> b[1];\nif(b==2) x q[2];\n");
        JsonNode json = run(file);
        assertEquals(3, json.get("qubits").asInt());
        JsonNode p = json.get("probabilities");
        assertEquals(2, p.size(), json.toString());
        assertEquals(0.5, p.get("100").asDouble(), 1e-12);
        assertEquals(0.5, p.get("111").asDouble(), 1e-12);
        JsonNode c = json.get("classical");
        assertEquals(2, c.size(), json.toString());
        assertEquals(0.5, c.get("100").asDouble(), 1e-12, "a[0] = 1, b = 0");
        assertEquals(0.5, c.get("101").asDouble(), 1e-12, "a[0] = 1, b[1] = 1 (b = 2)");
        assertFalse(json.has("counts"));

        // Depolarizing after x (one gate), readout on both measured bits: hand formulas.
        JsonNode noisy = run(file, "--noise", "depolarizing=0.3", "--noise", "readout=0.1");
        double flip = 0.2; // 2p/3
        assertEquals(1 - flip, sum(noisy.get("probabilities"), 0, '1'), 1e-12);
        assertEquals((1 - flip) * 0.9 + flip * 0.1, sum(noisy.get("classical"), 0, '1'), 1e-12);

        // Without measurements: no classical entry.
        Path plain = dir.resolve("plain.qasm");
        Files.writeString(plain, HEAD + "qreg q[1];\nh q[0];\n");
        JsonNode json2 = run(plain, "--noise", "amplitude_damping=0.4");
        assertFalse(json2.has("classical"));
        assertEquals(0.5 + 0.5 * 0.4, json2.get("probabilities").get("0").asDouble(), 1e-12);
    }

    @Test
    void shotsPrintCountsSeededAndWithinFourStandardErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.qasm");
        Files.writeString(file, HEAD + "qreg q[2];\ncreg c[2];\nry(1.2) q[0];\nmeasure q[0] -> c[0];\nif(c==1) x q[1];\n"
                + "measure q[1] -> c[1];\n");
        int shots = 20000;
        JsonNode json = run(file, "--shots", "" + shots, "--seed", "9", "--noise", "bit_flip=0.1");
        assertEquals(2, json.get("qubits").asInt());
        assertEquals(shots, json.get("shots").asInt());
        assertFalse(json.has("probabilities") || json.has("classical"), json.toString());
        // Hand-worked: c0 = 1 with s = sin^2(0.6) flipped by the bit flip after ry (f = 0.1);
        // then x on q1 (and its bit flip) only when c0 = 1, else q1 = |0> untouched.
        double s = Math.pow(Math.sin(0.6), 2), f = 0.1;
        double c0 = s * (1 - f) + (1 - s) * f;
        Map<String, Double> want = Map.of("00", 1 - c0, "11", c0 * (1 - f), "10", c0 * f);
        JsonNode counts = json.get("counts");
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertTrue(want.containsKey(e.getKey()), e.getKey());
            total += e.getValue().asLong();
        }
        assertEquals(shots, total);
        for (Map.Entry<String, Double> e : want.entrySet()) {
            double se = Math.sqrt(shots * e.getValue() * (1 - e.getValue()));
            double n = counts.has(e.getKey()) ? counts.get(e.getKey()).asDouble() : 0;
            assertTrue(Math.abs(n - shots * e.getValue()) <= 4 * se, e + ": " + n);
        }
        assertEquals(json, run(file, "--shots", "" + shots, "--seed", "9", "--noise", "bit_flip=0.1"), "seeded");
        // Without measurements: counts over qubit basis states
        Path plain = dir.resolve("plain.qasm");
        Files.writeString(plain, HEAD + "qreg q[2];\nx q[1];\n");
        JsonNode basis = run(plain, "--shots", "50");
        assertEquals(50, basis.get("counts").get("01").asInt(), basis.toString());
    }

    @Test
    void refusalsAreReadableMessages(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.qasm");
        Files.writeString(big, HEAD + "qreg q[13];\nh q;\n");
        CliTest.Run r = qanvas("simulate", big.toString(), "--noise", "depolarizing=0.01");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--shots") && r.err().contains("12 qubits"), r.err());
        JsonNode sampled = run(big, "--noise", "depolarizing=0.01", "--shots", "20", "--seed", "1");
        assertEquals(20, sampled.get("shots").asInt());
        Path small = dir.resolve("small.qasm");
        Files.writeString(small, HEAD + "qreg q[1];\nh q[0];\n");
        for (List<String> bad : List.of(List.of("--shots", "0"), List.of("--shots", "10000001"),
                List.of("--noise", "depolarizing=1.5"), List.of("--noise", "thermal=0.1"), List.of("--noise", "readout"),
                List.of("--noise", "readout=x"))) {
            String[] args = new String[bad.size() + 2];
            args[0] = "simulate";
            args[1] = small.toString();
            for (int k = 0; k < bad.size(); k++) {
                args[k + 2] = bad.get(k);
            }
            CliTest.Run refused = qanvas(args);
            assertEquals(1, refused.code(), bad + ": " + refused.out());
            assertTrue(!refused.err().contains("Exception") && !refused.err().isBlank(), bad + ": " + refused.err());
        }
        Path broken = dir.resolve("broken.qasm");
        Files.writeString(broken, HEAD + "qreg q[1];\ncreg c[1];\nif(c=1) x q[0];\n");
        CliTest.Run located = qanvas("simulate", broken.toString());
        assertTrue(located.err().contains("broken.qasm:5:5"), located.err());
    }

    /** Sum of the entries whose character {@code at} is {@code bit}. */
    private static double sum(JsonNode map, int at, char bit) {
        double s = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().charAt(at) == bit) {
                s += e.getValue().asDouble();
            }
        }
        return s;
    }
}
