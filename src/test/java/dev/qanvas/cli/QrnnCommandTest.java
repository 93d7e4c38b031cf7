package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code qanvas qrnn}: trains and prints the cell's shape and the accuracies as JSON. */
class QrnnCommandTest {

    @Test
    void trainsATaskAndPrintsItsNumbers() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new QrnnCommand()).execute("--task", "xor", "--epochs", "2", "--cell-lanes", "2", "--trace"));
        } finally {
            System.setOut(out);
        }
        JsonNode j = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertEquals("xor", j.get("task").asText());
        assertEquals(1 + 2 + 1, j.get("qubits").asInt());
        assertEquals(2 * (1 + 2 + 1), j.get("parameters").asInt(), "bias, 2 weights and 1 pair per cell lane");
        assertEquals(2, j.get("epochs").asInt());
        assertTrue(j.get("test_accuracy").asDouble() >= 0 && j.get("test_accuracy").asDouble() <= 1);
        JsonNode trace = j.get("test_trace");
        assertEquals(11, trace.size(), "one row per step of a 12-bit stream");
        for (JsonNode row : trace) {
            assertEquals(2, row.get("distribution").size());
            assertEquals(1, row.get("distribution").get(0).asDouble() + row.get("distribution").get(1).asDouble(), 1e-12);
        }
        assertEquals(1, new CommandLine(new QrnnCommand()).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute("--task", "parity"));
    }
}
