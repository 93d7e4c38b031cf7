package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.quantum.FeatureMaps;
import dev.qanvas.quantum.QuantumKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qanvas kernel}: the CSV reader's limits and located errors in process, then the command end to end. */
class KernelCommandTest {

    @TempDir
    Path dir;

    private static String error(String csv) {
        return assertThrows(IllegalArgumentException.class, () -> KernelCommand.parsePoints(csv, "p.csv")).getMessage();
    }

    @Test
    void readsPointsAndLocatesEveryMalformedField() {
        double[][] x = KernelCommand.parsePoints("0.1, 2\r\n-3e-1,.5\n\n4,5\n", "p.csv");
        assertEquals(3, x.length);
        assertEquals(-0.3, x[1][0]);
        assertEquals(0.5, x[1][1]);
        assertEquals("p.csv:2:5: 'abc' is not a number", error("1,2\n1.5,abc\n"));
        assertEquals("p.csv:2:7: 'x' is not a number", error("1,2\n1.5,  x\n"));
        assertEquals("p.csv:3:1: 3 features, but line 1 has 2", error("1,2\n3,4\n5,6,7\n"));
        assertEquals("p.csv:1:3: feature 2 is empty; expected a number", error("1,,3\n"));
        assertEquals("p.csv:1:1: 'NaN' is not a number", error("NaN,1\n"));
        assertEquals("p.csv:1:3: 'Infinity' is not a number", error("1,Infinity\n"));
        assertEquals("p.csv:2:1: '1e999' is not a finite number", error("1\n1e999\n"));
        assertEquals("p.csv:1:1: '0x1p3' is not a number", error("0x1p3\n"));
        assertTrue(error("\n\n").contains("no points"));
        assertTrue(error("1" + ",1".repeat(20) + "\n").startsWith("p.csv:1:1: 21 features; at most 20"));
        String many = "0.5\n".repeat(KernelCommand.MAX_POINTS + 1);
        assertTrue(error(many).startsWith("p.csv:5001:1: more than 5000 points"), error(many));
    }

    @Test
    void refusesLargeAndNonTextFilesBeforeParsing() throws Exception {
        Path big = dir.resolve("big.csv");
        try (var out = Files.newOutputStream(big)) {
            out.write(new byte[(int) KernelCommand.MAX_FILE_BYTES + 1]);
        }
        String m = assertThrows(IllegalArgumentException.class, () -> KernelCommand.readPoints(big)).getMessage();
        assertTrue(m.contains("at most 16777216 bytes"), m);
        Path binary = dir.resolve("bin.csv");
        Files.write(binary, new byte[] {'1', ',', (byte) 0xC3, '\n'});
        m = assertThrows(IllegalArgumentException.class, () -> KernelCommand.readPoints(binary)).getMessage();
        assertTrue(m.contains("not UTF-8"), m);
        m = assertThrows(IllegalArgumentException.class, () -> KernelCommand.readPoints(dir.resolve("none.csv"))).getMessage();
        assertTrue(m.contains("file not found"), m);
    }

    @Test
    void aFileWithoutASizeThatNeverEndsIsCutAtTheLimit() {
        // /dev/zero reports size 0 and never ends, as a pipe may: the read stops at the limit
        Path endless = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(endless), "a Unix machine");
        String m = assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertThrows(IllegalArgumentException.class, () -> KernelCommand.readPoints(endless)).getMessage());
        assertTrue(m.contains("at most 16777216 bytes"), m);
    }

    @Test
    void commandPrintsTheGramMatrix() throws Exception {
        Path points = dir.resolve("points.csv");
        Files.writeString(points, "0.1,0.2\n1.0,2.0\n3.0,0.5\n");
        CliTest.Run run = CliTest.qanvas("kernel", "--map", "zz", "--reps", "2", "--entanglement", "linear", "--data", points.toString());
        assertEquals(0, run.code(), run.err());
        JsonNode k = new ObjectMapper().readTree(run.out()).get("kernel");
        double[][] expected = QuantumKernel.gram(FeatureMaps.zz(2, 2, FeatureMaps.Pattern.LINEAR),
                new double[][] {{0.1, 0.2}, {1.0, 2.0}, {3.0, 0.5}}, QuantumKernel.Options.exact(), null);
        assertEquals(3, k.size());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], k.get(i).get(j).asDouble(), 0.0);
            }
        }
        CliTest.Run projected = CliTest.qanvas("kernel", "--map", "pauli", "--paulis", "X,ZY", "--kind", "projected",
                "--gamma", "0.5", "--shots", "1000", "--seed", "3", "--data", points.toString());
        assertEquals(0, projected.code(), projected.err());
        assertEquals(1.0, new ObjectMapper().readTree(projected.out()).get("kernel").get(1).get(1).asDouble(), 0.0);

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "1,2\n3,oops\n");
        CliTest.Run badRun = CliTest.qanvas("kernel", "--map", "z", "--data", bad.toString());
        assertEquals(1, badRun.code());
        assertTrue(badRun.err().contains("bad.csv:2:3: 'oops' is not a number"), badRun.err());
        CliTest.Run badMap = CliTest.qanvas("kernel", "--map", "zzz", "--data", points.toString());
        assertTrue(badMap.code() != 0 && badMap.err().contains("--map must be z, zz or pauli"), badMap.err());
    }
}
