package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.FeatureMaps;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel section's class weights and custom feature-map circuit: file round trip, defaults, hostile values. */
class KernelSpecEditsTest {

    private static Project read(String kernel) throws ProjectFileException {
        String json = "{\"formatVersion\": 2, \"name\": \"k\", \"description\": \"d\", \"dataset\": {\"kind\": \"bundled\", \"id\": \"digits-8x8\"},"
                + " \"transforms\": [], \"kernel\": " + kernel + "}";
        return ProjectFiles.read("k.qanvas", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void classWeightsAndACustomCircuitRoundTripAndAreAbsentByDefault(@TempDir Path dir) throws Exception {
        Project sample = Samples.load("quantum-kernels-mnist-3-vs-5.qanvas");
        String plain = ProjectFiles.toJson(sample);
        com.fasterxml.jackson.databind.JsonNode kernel = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plain).get("kernel");
        assertFalse(kernel.has("classWeights") || kernel.has("circuit"), "files without them are written as before: " + kernel);
        Circuit custom = FeatureMaps.z(3, 1).append(Operation.of(Gate.RY, new Angle.Product(List.of(0, 2), 0.5), 0));
        KernelSpec spec = sample.kernel().withClassWeights(List.of(1.0, 2.5)).withCustomMap(custom);
        Project p = sample.withKernel(spec);
        Path file = dir.resolve("k.qanvas");
        ProjectFiles.write(file, p);
        Project back = ProjectFiles.read(file);
        assertEquals(p, back);
        assertEquals(List.of(1.0, 2.5), back.kernel().classWeights());
        assertEquals("custom", back.kernel().map());
        assertEquals(custom, back.kernel().featureMap(8), "the custom circuit is the feature map, whatever the feature count");
        assertArrayEquals(new double[] {1.0, 2.5}, back.kernel().classWeightsFor(2));
        assertArrayEquals(new double[] {1, 1, 1}, sample.kernel().classWeightsFor(3), "no weights: all 1");
        // choosing a built-in map again drops the circuit
        KernelSpec builtIn = spec.withMap("z", null, 1, "linear", "fidelity", 1, 0);
        assertEquals(null, builtIn.circuit());
        assertEquals(FeatureMaps.z(8, 1), builtIn.featureMap(8));
    }

    @Test
    void aCustomCircuitReadingMoreFeaturesThanThereAreIsRefusedAtRunTime() {
        Circuit custom = FeatureMaps.z(4, 1);
        KernelSpec spec = KernelSpec.defaults().withCustomMap(custom);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.featureMap(3));
        assertTrue(e.getMessage().contains("x[0..3]"), e.getMessage());
        assertSame(custom, spec.featureMap(4));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> KernelSpec.defaults().withClassWeights(List.of(1.0, 2.0)).classWeightsFor(3));
        assertTrue(count.getMessage().contains("2 weights") && count.getMessage().contains("3 classes"), count.getMessage());
    }

    @Test
    void hostileValuesFailReadablyWithTheirPlace() {
        List<String[]> cases = List.of(
                new String[]{"{\"classWeights\": [1, -2]}", "kernel.classWeights must be positive"},
                new String[]{"{\"classWeights\": []}", "kernel.classWeights holds one weight per class"},
                new String[]{"{\"classWeights\": [1, 1e300]}", "kernel.classWeights must be positive numbers up to 1e6"},
                new String[]{"{\"map\": \"custom\"}", "kernel.circuit (the feature-map circuit) is required"},
                new String[]{"{\"map\": \"zz\", \"circuit\": {\"qubits\": 1, \"operations\": [\"RY 0 - x:0:1.0\"]}}",
                        "kernel.circuit applies to map \"custom\" only"},
                new String[]{"{\"map\": \"custom\", \"circuit\": {\"qubits\": 1, \"operations\": [\"H 0 - -\"]}}", "reads no feature"},
                new String[]{"{\"map\": \"custom\", \"circuit\": {\"qubits\": 20, \"operations\": [\"RY 0 - x:0:1.0\"]}}", "at most 16"});
        for (String[] c : cases) {
            ProjectFileException e = assertThrows(ProjectFileException.class, () -> read(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().startsWith("k.qanvas at line 1, column"), "located: " + e.getMessage());
        }
    }
}
