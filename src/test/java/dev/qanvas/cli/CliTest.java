package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Process p = new ProcessBuilder(command(args)).start();
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
        for (String command : List.of("train", "evaluate", "attack", "simulate", "entropy", "draw", "datasets", "data-info", "engine", "bench")) {
            assertTrue(help.out().contains(command), "help lists " + command);
        }
    }

    @Test
    void trainRunsAKernelProjectAndEvaluateAndAttackRefuseItsFolder() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("qanvas-kernel");
        try {
            java.nio.file.Path project = dir.resolve("k.qanvas");
            java.nio.file.Files.writeString(project, "{\"formatVersion\": 2, \"name\": \"tiny kernel\", \"description\": \"d\","
                    + " \"dataset\": {\"kind\": \"bundled\", \"id\": \"digits-8x8\"},"
                    + " \"transforms\": [{\"type\": \"classSubset\", \"classes\": [0, 1]}],"
                    + " \"kernel\": {\"components\": 3, \"map\": \"z\", \"trees\": 10, \"trainPerClass\": 20, \"testPerClass\": 10}}");
            java.nio.file.Path out = dir.resolve("run");
            Run train = qanvas("train", project.toString(), "--out", out.toString());
            assertEquals(0, train.code(), train.err());
            assertTrue(train.out().startsWith("QSVM cross-validation"), train.out());
            assertTrue(train.err().contains("random forest") && train.err().contains("effective dimension"), train.err());
            var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals(5, summary.get("cross_validation").get("qsvm").get("per_fold").size());
            assertFalse(java.nio.file.Files.exists(out.resolve("model.zip")));
            for (String[] refused : new String[][] {{"evaluate", out.toString()}, {"attack", out.toString()}}) {
                Run r = qanvas(refused);
                assertEquals(1, r.code(), r.out() + r.err());
                assertTrue(r.err().contains("kernel run") && r.err().contains("summary.json"), r.err());
                assertFalse(r.err().contains("\tat "), "a message, not a stack trace: " + r.err());
            }
            Run epochs = qanvas("train", project.toString(), "--out", out.toString(), "--epochs", "3");
            assertEquals(2, epochs.code(), epochs.err());
            assertTrue(epochs.err().contains("kernel project"), epochs.err());
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
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
    void datasetsAndDataInfoPrintTheDocumentedJson() throws Exception {
        Run list = qanvas("datasets", "--json");
        assertEquals(0, list.code(), list.err());
        var datasets = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out()).get("datasets");
        assertTrue(datasets.isArray() && datasets.size() > 1, list.out());
        com.fasterxml.jackson.databind.JsonNode digits = null;
        for (var d : datasets) {
            for (String key : List.of("id", "name", "shape", "width", "height", "channels", "classes", "train", "test")) {
                assertTrue(d.has(key), key + " in " + d);
            }
            if (d.get("id").asText().equals("digits-8x8")) {
                digits = d;
            }
        }
        assertTrue(digits != null, list.out());
        assertEquals(8, digits.get("width").asInt());
        String row = qanvas("datasets").out().lines().filter(l -> l.startsWith("digits-8x8 ")).findFirst().orElseThrow();
        assertTrue(row.contains(String.format("%,d", digits.get("train").asInt())) && row.contains(String.format("%,d", digits.get("test").asInt()))
                && row.contains(digits.get("shape").asText()), "the table's facts: " + row + " vs " + digits);

        Run info = qanvas("data-info", "digits-8x8", "--classes", "0,1", "--resize", "4x4", "--json");
        assertEquals(0, info.code(), info.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.out());
        assertEquals("4 x 4", json.get("shape").asText());
        assertEquals(4, json.get("width").asInt());
        assertEquals(288, json.get("train").asInt());
        assertEquals(72, json.get("test").asInt());
        assertTrue(json.get("min").asDouble() <= json.get("max").asDouble());
        assertEquals(2, json.get("classes").size());
        int train = 0;
        for (var c : json.get("classes")) {
            assertTrue(c.has("label") && c.has("name") && c.has("test"), c.toString());
            train += c.get("train").asInt();
        }
        assertEquals(288, train, "the classes add up to the split");
    }

    @Test
    void withoutADisplayAnUnknownWordIsAnUnknownCommandAndNoCommandNamesTheHeadlessOnes() throws Exception {
        Run unknown = qanvasWithoutDisplay("nosuchcmd");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("unknown command 'nosuchcmd'"), unknown.err());
        assertTrue(unknown.err().contains("train") && unknown.err().contains("data-info") && unknown.err().contains("datasets"), unknown.err());
        assertFalse(unknown.err().contains("DISPLAY"), unknown.err());

        Run none = qanvasWithoutDisplay();
        assertEquals(1, none.code(), none.err());
        assertTrue(none.err().contains("no display") && none.err().contains("Headless commands: train"), none.err());
        assertFalse(none.err().contains("Unable to open DISPLAY"), none.err());

        Run missing = qanvasWithoutDisplay("missing.qanvas");
        assertFalse(missing.err().contains("unknown command"), "a .qanvas name is a project: " + missing.err());
    }

    static Run qanvasWithoutDisplay(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        return new Run(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
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
        Run draw = qanvas("draw", bell.toString());
        assertEquals(0, draw.code(), draw.err());
        Run nowhere = qanvas("draw", bell.toString(), "--out", "/nonexistent-folder/x.svg");
        assertEquals(1, nowhere.code());
        assertTrue(nowhere.err().contains("/nonexistent-folder/x.svg: no such file or folder"), nowhere.err());
        assertTrue(draw.out().startsWith("<svg") && draw.out().contains(">H<"), draw.out());
        Run product = qanvas("entropy", bell.toString(), "--subsystem", "1");
        assertEquals(0.0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(product.out()).get("entropy_bits").asDouble(), 1e-12);
    }

    @Test
    void tooLargeCircuitsFailAtOnceSayingWhatTheyNeed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path h27 = dir.resolve("h27.qasm");
        java.nio.file.Files.writeString(h27, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[27];\nh q;\n");
        long start = System.nanoTime();
        for (String command : List.of("simulate", "entropy")) {
            Run run = qanvas(command, h27.toString()); // the CLI tests run with -Xmx512m: 2 GiB cannot fit
            assertEquals(1, run.code(), run.out());
            assertTrue(run.err().contains("2,147,483,648 bytes") || run.err().contains("2^40"), run.err());
            assertTrue(!run.err().contains("Exception"), run.err());
        }
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "both refused at once");
        java.nio.file.Path h21 = dir.resolve("h21.qasm");
        java.nio.file.Files.writeString(h21, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[21];\nh q;\n");
        Run run = qanvas("simulate", h21.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("2,097,152 basis states") && run.err().contains("--max-states"), run.err());
        run = qanvas("entropy", h27.toString(), "--subsystem", "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("smaller side") && run.err().contains("at most 6 qubits"), run.err());
        run = qanvas("entropy", h21.toString(), "--subsystem", "0,1,2");
        assertEquals(0, run.code(), run.err());
        assertEquals(0.0, new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out()).get("entropy_bits").asDouble(), 1e-9);
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
    void trainWritesMetricsSummaryModelAndCharts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path project = dir.resolve("tiny.qanvas");
        java.nio.file.Files.writeString(project, TINY_PROJECT);
        java.nio.file.Path out = dir.resolve("run");
        Run run = qanvas("train", project.toString(), "--epochs", "2", "--out", out.toString(), "--entropy-cut", "q=0,3", "--record");
        assertEquals(0, run.code(), run.err());
        assertFalse(run.err().contains("\r"), "into a pipe, progress is plain lines, not a redrawn bar: " + run.err());
        assertTrue(run.err().contains("\nepoch 2: loss") || run.err().startsWith("epoch 2: loss"), run.err());
        for (String f : List.of("metrics.csv", "summary.json", "model.zip", "loss.png", "accuracy.png", "entanglement.png",
                "checkpoints/latest.zip")) {
            assertTrue(java.nio.file.Files.exists(out.resolve(f)), f);
        }
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("COMPLETED", summary.get("outcome").asText());
        assertTrue(summary.get("test_accuracy").asDouble() > 0.9, summary.toString());
        int total = 0;
        for (var row : summary.get("confusion_matrix")) {
            for (var v : row) {
                total += v.asInt();
            }
        }
        assertEquals(72, total, "the confusion matrix covers the whole test split (0 and 1 of the 8x8 digits)");
        List<String> csv = java.nio.file.Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(2, csv.stream().filter(l -> l.startsWith("epoch,")).count());
        assertEquals(2, csv.stream().filter(l -> l.startsWith("quantum,") && l.contains(",q,")).count(), "one row per epoch for layer q");
        assertTrue(run.out().contains("test accuracy"), run.out());

        var recorded = dev.qanvas.project.ProjectFiles.read(project).runs();
        assertEquals(1, recorded.size(), "--record keeps the run in the project");
        assertEquals(summary.get("test_accuracy").asDouble(), recorded.get(0).testAccuracy(), 1e-12);
        assertEquals(2, recorded.get(0).epochs().size());
        assertEquals(out.toAbsolutePath().toString(), recorded.get(0).directory());

        Run eval = qanvas("evaluate", out.toString());
        assertEquals(0, eval.code(), eval.err());
        var e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(eval.out());
        assertEquals(summary.get("test_accuracy").asDouble(), e.get("accuracy").asDouble(), 1e-6, "the saved model gives the same accuracy");
        assertEquals(72, e.get("images").asInt());
        // attack: PGD and FGSM on the saved model; at epsilon 0 robust accuracy is the clean accuracy, which is evaluate's
        java.nio.file.Path attackOut = dir.resolve("attack");
        Run pgd = qanvas("attack", out.toString(), "--method", "pgd", "--eps", "0,0.1,0.3", "--steps", "5", "--out", attackOut.toString());
        assertEquals(0, pgd.code(), pgd.err());
        var p = new com.fasterxml.jackson.databind.ObjectMapper().readTree(pgd.out());
        assertEquals("pgd", p.get("method").asText());
        assertEquals(e.get("accuracy").asDouble(), p.get("clean_accuracy").asDouble(), 1e-6);
        assertEquals(p.get("clean_accuracy").asDouble(), p.get("robust_accuracy").get("0").asDouble(), 0);
        java.util.Set<String> keys = new java.util.HashSet<>();
        p.get("robust_accuracy").fieldNames().forEachRemaining(keys::add);
        assertEquals(java.util.Set.of("0", "0.1", "0.3"), keys);
        for (String f : List.of("robustness.json", "robustness.png", "adversarial-eps-0.1.png", "adversarial-eps-0.3.png", "adversarial-examples.csv")) {
            assertTrue(java.nio.file.Files.exists(attackOut.resolve(f)), f);
        }
        Run fgsm = qanvas("attack", out.toString(), "--method", "fgsm", "--eps", "0,0.1,0.3");
        var f = new com.fasterxml.jackson.databind.ObjectMapper().readTree(fgsm.out());
        for (String eps : List.of("0.1", "0.3")) {
            assertTrue(p.get("robust_accuracy").get(eps).asDouble() <= f.get("robust_accuracy").get(eps).asDouble(), "PGD no weaker than FGSM at " + eps);
        }
        // a transfer from the run itself is the white-box attack
        Run self = qanvas("attack", out.toString(), "--method", "transfer", "--craft", "fgsm", "--from", out.toString(), "--eps", "0,0.1,0.3");
        assertEquals(0, self.code(), self.err());
        var t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(self.out());
        assertEquals("transfer", t.get("method").asText());
        assertEquals(f.get("robust_accuracy"), t.get("robust_accuracy"));
        Run noFrom = qanvas("attack", out.toString(), "--method", "transfer");
        assertTrue(noFrom.code() != 0 && noFrom.err().contains("--from"), noFrom.err());
        Run badEps = qanvas("attack", out.toString(), "--eps", "0,abc");
        assertTrue(badEps.code() != 0 && badEps.err().contains("abc"), badEps.err());

        Run notARun = qanvas("evaluate", dir.toString());
        assertEquals(1, notARun.code());
        assertTrue(notARun.err().contains("not a run folder"), notARun.err());
    }

    /** The java command line that runs the entry point with {@code args}, without JavaFX on the class path. */
    private static List<String> command(String... args) {
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
        return command;
    }

    /** Like {@link #qanvas}, but a run still going after {@code limit} is killed and fails the test (a hang guard). */
    static Run qanvasWithin(java.time.Duration limit, java.nio.file.Path dir, String... args) throws IOException, InterruptedException {
        java.nio.file.Path out = dir.resolve("stdout.txt");
        java.nio.file.Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(limit.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("qanvas " + String.join(" ", args) + " still running after " + limit);
        }
        return new Run(p.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
    }

    @Test
    void evaluateRefusesARunWhoseModelCarriesASerialisedObject(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // A run folder as someone could share it: the project, and a model.zip with a preprocessor.bin
        // entry holding the nested-HashSet payload that never finishes deserialising.
        java.nio.file.Path run = dir.resolve("run-3");
        java.nio.file.Files.createDirectories(run);
        java.nio.file.Files.writeString(run.resolve("project.qanvas"), TINY_PROJECT);
        dev.qanvas.nn.NumericEngine.start();
        var project = dev.qanvas.project.ProjectFiles.read(run.resolve("project.qanvas"));
        java.nio.file.Path honest = dir.resolve("honest.zip");
        dev.qanvas.nn.ModelFiles.write(dev.qanvas.nn.GraphCompiler.compile(project.model(), project.training()), honest);
        dev.qanvas.nn.HostileZips.withEntry(honest, run.resolve("model.zip"), "preprocessor.bin", dev.qanvas.nn.HostileZips.serialDos());

        Run eval = qanvasWithin(java.time.Duration.ofMinutes(3), dir, "evaluate", run.toString());
        assertTrue(eval.code() != 0, eval.out());
        assertTrue(eval.err().contains(run.resolve("model.zip") + ": entry 'preprocessor.bin' is not one Qanvas writes; refusing to read it"),
                eval.err());
        assertTrue(!eval.err().contains("Exception"), "a message, not a stack trace: " + eval.err());
        assertEquals("", eval.out());
    }

    @Test
    void trainRefusesAModelThatDoesNotFitTheData(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path project = dir.resolve("wrong.qanvas");
        java.nio.file.Files.writeString(project, TINY_PROJECT.replace("\"classes\" : 2", "\"classes\" : 3"));
        Run run = qanvas("train", project.toString(), "--out", dir.resolve("r").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("has 3 classes but the dataset has 2"), run.err());
        java.nio.file.Path tiny = dir.resolve("tiny.qanvas");
        java.nio.file.Files.writeString(tiny, TINY_PROJECT);
        Run badCut = qanvas("train", tiny.toString(), "--out", dir.resolve("r2").toString(), "--entropy-cut", "nope=0");
        assertEquals(1, badCut.code());
        assertTrue(badCut.err().contains("no quantum layer named nope"), badCut.err());
    }

    /** 8x8 digits 0 vs 1: Dense(4) -> 4-qubit quantum layer -> softmax. */
    static final String TINY_PROJECT = """
            {
              "formatVersion" : 2, "name" : "tiny", "description" : "",
              "dataset" : { "kind" : "bundled", "id" : "digits-8x8" },
              "transforms" : [ { "type" : "classSubset", "classes" : [ 0, 1 ] } ],
              "model" : {
                "nodes" : [
                  { "id" : "in", "spec" : { "type" : "Input", "channels" : 1, "height" : 8, "width" : 8 }, "x" : 0, "y" : 0 },
                  { "id" : "d", "spec" : { "type" : "Dense", "units" : 4, "activation" : "TANH" }, "x" : 0, "y" : 0 },
                  { "id" : "q", "spec" : { "type" : "Quantum", "circuit" : { "qubits" : 4, "operations" : [
                      "RY 0 - x:0:1.0", "RY 1 - x:1:1.0", "RY 2 - x:2:1.0", "RY 3 - x:3:1.0",
                      "RY 0 - w:a:0.1", "RY 1 - w:b:0.2", "X 1 0 -", "X 2 1 -", "X 3 2 -" ] },
                    "measurements" : [ "Z0", "Z1", "Z2", "Z3" ], "inputScale" : 1.0, "outputScaling" : false }, "x" : 0, "y" : 0 },
                  { "id" : "out", "spec" : { "type" : "Output", "classes" : 2, "kind" : "SOFTMAX" }, "x" : 0, "y" : 0 } ],
                "edges" : [ { "from" : "in", "to" : "d" }, { "from" : "d", "to" : "q" }, { "from" : "q", "to" : "out" } ]
              },
              "training" : { "optimizer" : "ADAM", "learningRate" : 0.02, "batchSize" : 16, "epochs" : 3, "seed" : 1,
                             "validationSplit" : 0.1, "patience" : 0 }
            }
            """;

    @Test
    void engineStartsQuietly() throws Exception {
        Run run = qanvas("engine");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("CpuBackend"), run.out());
        assertEquals("", run.err().strip(), "no ND4J banners without --verbose");
    }
}
