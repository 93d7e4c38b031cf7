package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.photonic.PhotonicCircuit;
import dev.qanvas.photonic.PhotonicJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qanvas photonic}: the circuit file's located errors and limits in process, then the command
 * end to end against hand-worked distributions (Hong-Ou-Mandel, a 50:50 splitter on one photon).
 */
class PhotonicCommandTest {

    @TempDir
    Path dir;

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class,
                () -> PhotonicJson.parse(json.getBytes(StandardCharsets.UTF_8), "c.json")).getMessage();
    }

    @Test
    void readsCircuitsWithNumbersAndExpressions() {
        PhotonicCircuit c = PhotonicJson.parse(("{\"modes\": 3, \"components\": [{\"type\": \"bs\", \"modes\": [0, 2], \"theta\": \"pi/2\"},"
                + " {\"type\": \"ps\", \"mode\": 1, \"phi\": -0.25}, {\"type\": \"bs\", \"modes\": [2, 1], \"theta\": 1}]}")
                .getBytes(StandardCharsets.UTF_8), "c.json");
        assertEquals(3, c.modes());
        assertEquals(3, c.components().size());
        assertEquals(0.5, c.unitary().abs2(0, 0), 1e-15, "pi/2 is 50:50");
        assertEquals(0, PhotonicJson.parse("{\"components\": [], \"modes\": 1}".getBytes(StandardCharsets.UTF_8), "c.json")
                .components().size());
    }

    @Test
    void everyMalformedCircuitIsALocatedError() {
        assertTrue(error("{\"modes\": 2, \"components\": [").startsWith("c.json:1:"), error("{\"modes\": 2, \"components\": ["));
        assertTrue(error("{\"modes\": 2, \"components\": [").contains("not valid JSON"));
        assertEquals("c.json:1:1: expected a JSON object {\"modes\": m, \"components\": [...]}", error("[1, 2]"));
        assertEquals("c.json:2:12: component 0: unknown type \"mzi\"; expected \"bs\" (beam splitter) or \"ps\" (phase shifter)",
                error("{\"modes\": 2, \"components\": [\n  {\"type\": \"mzi\", \"modes\": [0, 1], \"theta\": 1}]}"));
        assertEquals("c.json:1:52: mode 4 is out of range; the circuit has 4 modes (0..3)",
                error("{\"modes\": 4, \"components\": [{\"type\": \"ps\", \"mode\": 4, \"phi\": 1}]}"));
        assertEquals("c.json:1:53: mode 5 is out of range; the circuit has 2 modes (0..1)",
                error("{\"components\": [{\"type\": \"bs\", \"theta\": 1, \"modes\": [0, 5]}], \"modes\": 2}"));
        assertEquals("c.json:1:53: component 0: a beam splitter needs two different modes, not 1 and 1",
                error("{\"modes\": 2, \"components\": [{\"type\": \"bs\", \"modes\": [1, 1], \"theta\": 1}]}"));
        assertEquals("c.json:1:70: component 0: \"theta\" is 1e999, not a finite angle",
                error("{\"modes\": 2, \"components\": [{\"type\": \"bs\", \"modes\": [0, 1], \"theta\": 1e999}]}"));
        assertTrue(error("{\"modes\": 2, \"components\": [{\"type\": \"bs\", \"modes\": [0, 1], \"theta\": NaN}]}").contains("not valid JSON"));
        assertTrue(error("{\"modes\": 2, \"components\": [{\"type\": \"bs\", \"modes\": [0, 1], \"theta\": \"pi/0\"}]}")
                .startsWith("c.json:1:70: component 0: \"theta\": "));
        assertEquals("c.json:1:52: component 0: mode -1 is negative",
                error("{\"modes\": 2, \"components\": [{\"type\": \"ps\", \"mode\": -1, \"phi\": 1}]}"));
        assertEquals("c.json:1:11: \"modes\" is 65; a circuit has 1 to 64 modes", error("{\"modes\": 65, \"components\": []}"));
        assertEquals("c.json:1:11: \"modes\" is 0; a circuit has 1 to 64 modes", error("{\"modes\": 0, \"components\": []}"));
        assertEquals("c.json:1:11: \"modes\" 99999999999 is out of range", error("{\"modes\": 99999999999, \"components\": []}"));
        assertEquals("c.json:1:11: \"modes\" must be an integer", error("{\"modes\": 2.5, \"components\": []}"));
        assertEquals("c.json:1:14: unknown key \"comps\"; a circuit has \"modes\" and \"components\"", error("{\"modes\": 2, \"comps\": []}"));
        assertEquals("c.json:1:12: missing \"components\" (a list, may be empty)", error("{\"modes\": 2}"));
        assertEquals("c.json:1:18: missing \"modes\" (the number of modes)", error("{\"components\": []}  "));
        assertEquals("c.json:1:29: component 0: a phase shifter needs \"phi\"",
                error("{\"modes\": 2, \"components\": [{\"type\": \"ps\", \"mode\": 0}]}"));
        assertEquals("c.json:1:29: component 0: a beam splitter has \"modes\" and \"theta\", not \"phi\"",
                error("{\"modes\": 2, \"components\": [{\"type\": \"bs\", \"modes\": [0, 1], \"phi\": 1}]}"));
        assertEquals("c.json:1:53: component 0: \"modes\" must be a list of two modes [i, j]",
                error("{\"modes\": 3, \"components\": [{\"type\": \"bs\", \"modes\": [0, 1, 2], \"theta\": 1}]}"));
        assertTrue(error("{\"modes\": 2, \"modes\": 3, \"components\": []}").contains("Duplicate field 'modes'"));
        assertEquals("c.json:1:32: unexpected content after the circuit's object", error("{\"modes\": 2, \"components\": []} {}"));
        String deep = "[".repeat(5000);
        assertTrue(error("{\"modes\": 2, \"components\": " + deep).startsWith("c.json:1:"));
    }

    @Test
    void inputCountsAreChecked() {
        assertEquals(4, PhotonicCommand.parseInput("1,1,0,0", 4).length);
        String m = assertThrows(IllegalArgumentException.class, () -> PhotonicCommand.parseInput("1,1,0", 4)).getMessage();
        assertTrue(m.startsWith("--input has 3 counts but the circuit has 4 modes"), m);
        m = assertThrows(IllegalArgumentException.class, () -> PhotonicCommand.parseInput("1,-1", 2)).getMessage();
        assertEquals("--input: the count of mode 1 is -1; photon counts are >= 0", m);
        m = assertThrows(IllegalArgumentException.class, () -> PhotonicCommand.parseInput("1,x", 2)).getMessage();
        assertTrue(m.contains("'x' (mode 1) is not a photon count"), m);
        m = assertThrows(IllegalArgumentException.class, () -> PhotonicCommand.parseInput("21,0", 2)).getMessage();
        assertTrue(m.contains("at most 20 photons"), m);
    }

    @Test
    void hostileFilesAreRefusedBeforeTheyAreRead() throws Exception {
        Path big = dir.resolve("big.json");
        try (var out = Files.newOutputStream(big)) {
            out.write(new byte[(int) PhotonicJson.MAX_FILE_BYTES + 1]);
        }
        String m = assertThrows(IllegalArgumentException.class, () -> PhotonicJson.read(big)).getMessage();
        assertTrue(m.contains("at most 16777216 bytes"), m);
        m = assertThrows(IllegalArgumentException.class, () -> PhotonicJson.read(dir.resolve("none.json"))).getMessage();
        assertTrue(m.contains("file not found"), m);
        Path binary = dir.resolve("bin.json");
        Files.write(binary, new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'});
        m = assertThrows(IllegalArgumentException.class, () -> PhotonicJson.read(binary)).getMessage();
        assertTrue(m.startsWith(binary + ":1:") && m.contains("not valid JSON"), m);
        Path endless = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(endless), "a Unix machine");
        m = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertThrows(IllegalArgumentException.class, () -> PhotonicJson.read(endless)).getMessage());
        assertTrue(m.contains("at most 16777216 bytes"), m);
    }

    private static Map<String, Double> probabilities(String json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, Double> p = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("probabilities").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            p.put(e.getKey(), e.getValue().asDouble());
        }
        return p;
    }

    @Test
    void commandPrintsTheContract() throws Exception {
        Path hom = dir.resolve("hom.json");
        Files.writeString(hom, "{\"modes\":4,\"components\":[{\"type\":\"bs\",\"modes\":[0,1],\"theta\":\"pi/2\"},{\"type\":\"ps\",\"mode\":3,\"phi\":0.3}]}");
        CliTest.Run run = CliTest.qanvas("photonic", hom.toString(), "--input", "1,1,0,0");
        assertEquals(0, run.code(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(4, root.get("modes").asInt());
        assertEquals(2, root.get("photons").asInt());
        assertEquals(3, root.size(), "exactly modes, photons and probabilities");
        Map<String, Double> p = probabilities(run.out());
        assertEquals(2, p.size(), "the zero 1,1,0,0 and every empty output are left out: " + p);
        assertEquals(0.5, p.get("2,0,0,0"), 1e-12);
        assertEquals(0.5, p.get("0,2,0,0"), 1e-12);

        CliTest.Run threshold = CliTest.qanvas("photonic", hom.toString(), "--input", "1,1,0,0", "--detector", "threshold");
        assertEquals(0, threshold.code(), threshold.err());
        Map<String, Double> t = probabilities(threshold.out());
        assertEquals(Map.of("1,0,0,0", 0.5, "0,1,0,0", 0.5), t);

        CliTest.Run classical = CliTest.qanvas("photonic", hom.toString(), "--input", "1,1,0,0", "--distinguishable");
        assertEquals(0, classical.code(), classical.err());
        Map<String, Double> d = probabilities(classical.out());
        assertEquals(0.5, d.get("1,1,0,0"), 1e-12);
        assertEquals(0.25, d.get("2,0,0,0"), 1e-12);
        assertEquals(0.25, d.get("0,2,0,0"), 1e-12);
    }

    @Test
    void commandErrorsAreOneLineWithoutAStackTrace() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"modes\": 2, \"components\": [{\"type\": \"bs\", \"modes\": [0, 2], \"theta\": 1}]}");
        CliTest.Run run = CliTest.qanvas("photonic", bad.toString(), "--input", "1,0");
        assertEquals(1, run.code());
        assertTrue(run.err().contains(bad + ":1:53: mode 2 is out of range"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, "{\"modes\": 2, \"components\": []}");
        CliTest.Run length = CliTest.qanvas("photonic", ok.toString(), "--input", "1,0,0");
        assertEquals(1, length.code());
        assertTrue(length.err().contains("--input has 3 counts but the circuit has 2 modes"), length.err());
        CliTest.Run detector = CliTest.qanvas("photonic", ok.toString(), "--input", "1,0", "--detector", "apd");
        assertEquals(1, detector.code());
        assertTrue(detector.err().contains("a detector is pnr or threshold, not 'apd'"), detector.err());
    }
}
