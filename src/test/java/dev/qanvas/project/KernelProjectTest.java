package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.kernel.KernelSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project file's kernel section (issue 17) and `train` on a kernel project ({@link KernelRun}). */
class KernelProjectTest {

    private static final String HEAD = "{\"formatVersion\": 2, \"name\": \"k\", \"description\": \"d\", ";

    private static Project read(String json) throws ProjectFileException {
        return ProjectFiles.read("k.qanvas", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String kernelProject(String dataset, String transforms, String kernel) {
        return HEAD + "\"dataset\": " + dataset + ", \"transforms\": " + transforms + ", \"kernel\": " + kernel + "}";
    }

    @Test
    void aKernelSectionRoundTripsAndAbsentFieldsTakeTheDefaults(@TempDir Path dir) throws Exception {
        Project p = read(kernelProject("{\"kind\": \"bundled\", \"id\": \"digits-8x8\"}", "[]",
                "{\"features\": \"PCA\", \"components\": 4, \"map\": \"pauli\", \"paulis\": [\"z\", \"XY\"], \"kind\": \"projected\","
                        + " \"gamma\": 0.5, \"shots\": 100}"));
        KernelSpec k = p.kernel();
        assertTrue(p.isKernel());
        assertEquals("pca", k.features(), "text is kept in lower case");
        assertEquals(List.of("Z", "XY"), k.paulis());
        assertEquals(2, k.reps());
        assertEquals("linear", k.entanglement());
        assertEquals(200, k.trainPerClass());
        assertEquals(100, k.testPerClass());
        assertEquals(5, k.folds());
        assertTrue(p.model().nodes().isEmpty(), "a kernel project has no network");
        Path file = dir.resolve("k.qanvas");
        ProjectFiles.write(file, p);
        assertEquals(p, ProjectFiles.read(file));
        assertEquals(4, k.featureMap(4).qubits(), "the map is an ordinary circuit, one qubit a feature");
        // every sample file with a kernel round-trips too
        for (String sample : List.of("quantum-kernels-mnist-3-vs-5.qanvas", "quantum-kernels-fashion-z.qanvas")) {
            Project s = Samples.load(sample);
            ProjectFiles.write(file, s);
            assertEquals(s, ProjectFiles.read(file), sample);
        }
    }

    @Test
    void aProjectWithoutAKernelWritesAndReadsAsBefore(@TempDir Path dir) throws Exception {
        Project p = Samples.load("binary-mnist-classical.qanvas");
        assertNull(p.kernel());
        assertFalse(ProjectFiles.toJson(p).contains("\"kernel\""), "no kernel key in a network project's file");
        Path file = dir.resolve("n.qanvas");
        ProjectFiles.write(file, p);
        assertEquals(p, ProjectFiles.read(file));
        assertEquals(Files.readString(Path.of("samples/binary-mnist-classical.qanvas")).contains("\"kernel\""), false);
    }

    @Test
    void hostileKernelSectionsFailReadablyWithTheirPlace() {
        String data = "{\"kind\": \"bundled\", \"id\": \"digits-8x8\"}";
        List<String[]> cases = List.of(
                new String[]{"{\"features\": \"weights\"}", "kernel.features must be pixels, pca, activations"},
                new String[]{"{\"components\": 64}", "kernel.components must be 1..16"},
                new String[]{"{\"features\": \"pixels\", \"components\": 4}", "components applies to features \"pca\" only"},
                new String[]{"{\"features\": \"activations\"}", "kernel.run"},
                new String[]{"{\"map\": \"zz\", \"paulis\": [\"Z\"]}", "paulis applies to map \"pauli\" only"},
                new String[]{"{\"map\": \"pauli\", \"paulis\": [\"ZQ\"]}", "not a Pauli string"},
                new String[]{"{\"reps\": 1000000}", "kernel.reps must be 1..20"},
                new String[]{"{\"entanglement\": \"all\"}", "kernel.entanglement must be"},
                new String[]{"{\"kind\": \"quantum\"}", "kernel.kind must be"},
                new String[]{"{\"gamma\": -1}", "kernel.gamma"},
                new String[]{"{\"shots\": -5}", "kernel.shots"},
                new String[]{"{\"c\": 0}", "kernel.c"},
                new String[]{"{\"trees\": 100000}", "kernel.trees"},
                new String[]{"{\"folds\": 1}", "kernel.folds must be 2..20"},
                new String[]{"{\"trainPerClass\": 2147483647}", "kernel.trainPerClass must be 1..2500"},
                new String[]{"{\"testPerClass\": -1}", "kernel.testPerClass"},
                new String[]{"{\"reps\": \"many\"}", "line 1"},
                new String[]{"{\"folds\": 4294967301}", "line 1"},
                new String[]{"[1, 2]", "line 1"});
        for (String[] c : cases) {
            ProjectFileException e = assertThrows(ProjectFileException.class, () -> read(kernelProject(data, "[]", c[0])), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().startsWith("k.qanvas at line 1, column"), "located: " + e.getMessage());
            assertTrue(e.getMessage().length() < 600, "bounded: " + e.getMessage().length());
        }
    }

    @Test
    void trainingATinyKernelProjectWritesTheDocumentedSummary(@TempDir Path dir) throws Exception {
        // Hypercube parity on 3 bits, raw features (3 qubits): a few points, every key of summary.json.
        Project p = read(kernelProject("{\"kind\": \"hypercube\", \"dimension\": 3, \"count\": 200, \"noise\": 0.1, \"seed\": 3}", "[]",
                "{\"features\": \"pixels\", \"map\": \"zz\", \"reps\": 1, \"trees\": 10, \"folds\": 3, \"trainPerClass\": 12,"
                        + " \"testPerClass\": 5}"));
        KernelRun.Result r = KernelRun.run(p, null, dir, line -> { });
        assertEquals(3, r.qubits());
        assertEquals(24, r.trainPoints());
        JsonNode s = new ObjectMapper().readTree(new RunFolder(dir).summary().toFile());
        for (String key : KernelRun.SUMMARY_KEYS) {
            assertTrue(s.has(key), "summary.json has " + key + ":\n" + s);
        }
        assertEquals("kernel", s.get("kind").asText());
        for (String learner : KernelRun.LEARNERS) {
            JsonNode m = s.get("cross_validation").get(learner);
            assertEquals(3, m.get("per_fold").size(), learner);
            for (String key : List.of("mean", "std", "seconds", "test_accuracy")) {
                assertTrue(m.get(key).isNumber(), learner + "." + key);
            }
        }
        for (String key : List.of("alignment", "off_diagonal_mean", "off_diagonal_variance", "effective_dimension")) {
            assertTrue(s.get("kernel_diagnostics").get(key).isNumber(), key);
        }
        assertTrue(Files.isRegularFile(new RunFolder(dir).project()), "the project as trained");
        assertTrue(new RunFolder(dir).isKernelRun());
        IOException refused = assertThrows(IOException.class, () -> new RunFolder(dir).open());
        assertTrue(refused.getMessage().contains("kernel run") && refused.getMessage().contains("no model.zip"), refused.getMessage());
    }

    @Test
    void activationsOfATrainedRunAreTheFeatures(@TempDir Path dir) throws Exception {
        // The tiny network (8x8 digits 0 vs 1, Dense 4 -> 4-qubit layer -> softmax): its output layer reads 4 numbers.
        dev.qanvas.nn.NumericEngine.start();
        Project net = TinyTrainingProject.project();
        RunSession.prepare(net, net.training(), dir.resolve("net-run"), java.util.Map.of(), line -> { })
                .run(new dev.qanvas.nn.training.RunEvents() { });
        Path projectFile = dir.resolve("kernel.qanvas");
        Project p = read(kernelProject("{\"kind\": \"bundled\", \"id\": \"digits-8x8\"}",
                "[{\"type\": \"classSubset\", \"classes\": [0, 1]}]",
                "{\"features\": \"activations\", \"run\": \"net-run\", \"map\": \"z\", \"reps\": 1, \"trees\": 10,"
                        + " \"trainPerClass\": 30, \"testPerClass\": 10}"));
        KernelRun.Result r = KernelRun.run(p, projectFile, dir.resolve("kernel-run"), line -> { });
        assertEquals(4, r.qubits(), "one qubit per penultimate activation");
        assertEquals(60, r.trainPoints());
        IOException missing = assertThrows(IOException.class,
                () -> KernelRun.run(p.withKernel(new KernelSpec("activations", null, "no-such-run", null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null)), projectFile, dir.resolve("k2"), line -> { }));
        assertTrue(missing.getMessage().contains("no-such-run"), missing.getMessage());
    }

    @Test
    void anEasyTaskScoresHigh(@TempDir Path dir) throws Exception {
        // 8x8 digits 0 against 1, two principal components, the Z map: nearly separable.
        Project p = read(kernelProject("{\"kind\": \"bundled\", \"id\": \"digits-8x8\"}",
                "[{\"type\": \"classSubset\", \"classes\": [0, 1]}, {\"type\": \"normalise\", \"mode\": \"UNIT_RANGE\"}]",
                "{\"features\": \"pca\", \"components\": 2, \"map\": \"z\", \"reps\": 1, \"trees\": 20, \"trainPerClass\": 40,"
                        + " \"testPerClass\": 20}"));
        KernelRun.Result r = KernelRun.run(p, null, dir, line -> { });
        assertTrue(r.reports().get(0).meanAccuracy() >= 0.9, r.table());
        assertTrue(r.testAccuracy() > 0.95, r.table());
    }
}
