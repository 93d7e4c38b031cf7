package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the real entry point in a separate JVM whose class path has no JavaFX at all: headless
 * commands must work there, which proves they never touch the toolkit.
 */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run qanvas(String... args) throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("javafx") && !e.contains("openjfx") && !e.contains("monocle") && !e.contains("testfx"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", classPath, "dev.qanvas.Main"));
        if (Runtime.version().feature() >= 24) {
            // What README tells JDK 24+ users: ND4J and JavaCPP use sun.misc.Unsafe and load natives.
            command.add(1, "--enable-native-access=ALL-UNNAMED");
            command.add(1, "--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        int code = p.waitFor();
        return new Run(code, new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionAndHelp() throws Exception {
        Run version = qanvas("--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("Qanvas "), version.out());
        Run help = qanvas("--help");
        assertEquals(0, help.code());
        for (String command : List.of("simulate", "entropy", "datasets", "data-info", "engine", "bench")) {
            assertTrue(help.out().contains(command), "help lists " + command);
        }
    }

    @Test
    void datasetsListsBundledSetsWithTheirSizes() throws Exception {
        Run run = qanvas("datasets");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("mnist") && run.out().contains("8,000") && run.out().contains("2,000"), run.out());
        assertTrue(run.out().contains("digits-8x8") && run.out().contains("1,438"), run.out());
        assertEquals("", run.err(), "quiet by default");
    }

    @Test
    void dataInfoAppliesTransforms() throws Exception {
        Run run = qanvas("data-info", "digits-8x8", "--classes", "0,1", "--resize", "4x4");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("shape 4 x 4"), run.out());
        assertTrue(run.out().contains("train 288, test 72"), run.out());
    }

    @Test
    void badInputGetsAClearErrorAndExitCode() throws Exception {
        Run run = qanvas("data-info", "/no/such/folder");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("/no/such/folder") && run.err().contains("neither a dataset id"), run.err());
    }

    @Test
    void simulateAndEntropyPrintTheDocumentedJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path bell = dir.resolve("bell.qasm");
        java.nio.file.Files.writeString(bell, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg a[1];\nqreg b[2];\n"
                + "h a[0];\ncx a[0], b[1];\ncreg c[3];\nmeasure a[0] -> c[0];\n");
        Run sim = qanvas("simulate", bell.toString());
        assertEquals(0, sim.code(), sim.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sim.out());
        assertEquals(3, json.get("qubits").asInt());
        assertEquals(2, json.get("probabilities").size(), sim.out());
        // a[0] is qubit 0 (leftmost), b[1] is qubit 2
        assertEquals(0.5, json.get("probabilities").get("000").asDouble(), 1e-15);
        assertEquals(0.5, json.get("probabilities").get("101").asDouble(), 1e-15);

        Run ent = qanvas("entropy", bell.toString(), "--subsystem", "0,1");
        assertEquals(0, ent.code(), ent.err());
        var e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ent.out());
        assertEquals("[0,1]", e.get("subsystem").toString());
        assertEquals(1.0, e.get("entropy_bits").asDouble(), 1e-12);
        Run product = qanvas("entropy", bell.toString(), "--subsystem", "1");
        assertEquals(0.0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(product.out()).get("entropy_bits").asDouble(), 1e-12);
    }

    @Test
    void badQasmGetsFileLineAndColumnAndANonZeroExit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path bad = dir.resolve("bad.qasm");
        java.nio.file.Files.writeString(bad, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncx q[0] q[1];\n");
        Run run = qanvas("simulate", bad.toString());
        assertTrue(run.code() != 0);
        assertTrue(run.err().contains("bad.qasm:4:"), run.err());
        assertTrue(!run.err().contains("Exception"), "a message, not a stack trace: " + run.err());
        Run missing = qanvas("entropy", dir.resolve("nope.qasm").toString());
        assertTrue(missing.code() != 0);
        assertTrue(missing.err().contains("nope.qasm: file not found"), missing.err());
        Run badQubit = qanvas("entropy", bad.toString().replace("bad", "nope"), "--subsystem", "7");
        assertTrue(badQubit.code() != 0);
    }

    @Test
    void engineStartsQuietly() throws Exception {
        Run run = qanvas("engine");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("CpuBackend"), run.out());
        assertEquals("", run.err().strip(), "no ND4J banners without --verbose");
    }
}
