package dev.qanvas.quantum.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Entanglement;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The 72 QASMBench circuits of src/test/resources/conformance/qasm (copied unchanged with their
 * LICENSE, NOTICE and README), each imported, simulated and compared with independently computed
 * probabilities and entropies: every probability within 1e-9, the half-cut entropy within 1e-9
 * (the suite's README). -Dqanvas.conformance.dir points at another copy.
 */
class ConformanceTest {

    private static final double TOLERANCE = 1e-9;

    static Path suite() {
        String dir = System.getProperty("qanvas.conformance.dir");
        return dir != null ? Path.of(dir) : Path.of("src", "test", "resources", "conformance", "qasm");
    }

    @TestFactory
    Stream<DynamicTest> everyCircuitMatchesItsReference() throws IOException {
        Path dir = suite();
        assertTrue(Files.isDirectory(dir), "conformance suite not found at " + dir.toAbsolutePath());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".qasm")).sorted().toList();
        }
        assertEquals(72, files.size(), "the suite has 72 circuits");
        ObjectMapper json = new ObjectMapper();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString().replace(".qasm", "");
            Circuit c = OpenQasm.parse(OpenQasm.readText(file));
            StateVector s = Simulator.run(c);
            double[] p = s.probabilities();

            JsonNode expected = json.readTree(dir.resolve(name + ".probs.json").toFile());
            Map<String, Double> reference = new HashMap<>();
            expected.fields().forEachRemaining(e -> reference.put(e.getKey(), e.getValue().asDouble()));
            for (int i = 0; i < p.length; i++) {
                String bits = StateVector.bitstring(i, c.qubits());
                assertEquals(reference.getOrDefault(bits, 0.0), p[i], TOLERANCE, name + " probability of " + bits);
            }
            JsonNode entropy = json.readTree(dir.resolve(name + ".entropy.json").toFile());
            int[] subsystem = new int[entropy.get("subsystem").size()];
            for (int k = 0; k < subsystem.length; k++) {
                subsystem[k] = entropy.get("subsystem").get(k).asInt();
            }
            double[][] amplitudes = s.amplitudes();
            assertEquals(entropy.get("entropy_bits").asDouble(),
                    Entanglement.vonNeumannEntropy(amplitudes[0], amplitudes[1], c.qubits(), subsystem), TOLERANCE,
                    name + " entropy");
        }));
    }
}
