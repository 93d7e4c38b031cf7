package dev.qanvas.cli;

import static dev.qanvas.cli.CliTest.qanvas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qanvas simulate --postselect Q=V}: an addition to the output, every other key as before. */
class SimulatePostselectCliTest {

    private static final String BELL = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\n"
            + "h q[0];\ncx q[0],q[1];\nmeasure q[0] -> c[0];\nmeasure q[1] -> c[1];\n";

    private static JsonNode run(Path file, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("simulate", file.toString()));
        args.addAll(List.of(options));
        CliTest.Run r = qanvas(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void postselectingABellStateKeepsOneOutcomeAndPrintsItsProbability(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bell.qasm");
        Files.writeString(file, BELL);
        JsonNode plain = run(file);
        assertFalse(plain.has("postselection"), "no option, no new key");

        JsonNode json = run(file, "--postselect", "0=1");
        assertEquals(2, json.get("qubits").asInt());
        assertEquals(1, json.get("probabilities").size(), json.toString());
        assertEquals(1.0, json.get("probabilities").get("11").asDouble(), 1e-12);
        assertEquals(1.0, json.get("classical").get("11").asDouble(), 1e-12);
        assertEquals(0.5, json.get("postselection").get("success_probability").asDouble(), 1e-12);

        // Shots: the failed ones are discarded; the kept fraction estimates the success probability.
        JsonNode shots = run(file, "--postselect", "1=0", "--shots", "4000", "--seed", "3");
        assertEquals(4000, shots.get("shots").asInt());
        JsonNode counts = shots.get("counts");
        assertEquals(1, counts.size(), shots.toString());
        long kept = counts.get("00").asLong();
        assertEquals(kept, shots.get("postselection").get("kept_shots").asLong());
        assertEquals(kept / 4000.0, shots.get("postselection").get("success_probability").asDouble(), 1e-12);
        assertEquals(0.5, kept / 4000.0, 4 * Math.sqrt(0.25 / 4000));
    }

    @Test
    void badOptionsAreRefusedWithTheOptionNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bell.qasm");
        Files.writeString(file, BELL);
        for (String bad : new String[] {"0=2", "x=1", "2=1", "0"}) {
            CliTest.Run r = qanvas("simulate", file.toString(), "--postselect", bad);
            assertNotEquals(0, r.code());
            assertTrue(r.err().contains("--postselect " + bad), r.err());
        }
        Path one = dir.resolve("one.qasm");
        Files.writeString(one, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nx q[0];\n");
        CliTest.Run r = qanvas("simulate", one.toString(), "--postselect", "0=0");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("never succeeds"), r.err());
    }
}
