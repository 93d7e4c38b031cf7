package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code qanvas neuron}: exactly the four keys of the contract, with the closed-form values at a hand-worked angle. */
class NeuronCommandTest {

    private static JsonNode run(String... args) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new NeuronCommand()).execute(args));
        } finally {
            System.setOut(out);
        }
        return new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsTheContractKeysWithClosedFormValues() throws Exception {
        JsonNode j = run("--theta", "0.5", "--order", "2");
        List<String> keys = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("theta", "order", "output_angle", "success_probability"), keys);
        double q1 = Math.atan(Math.pow(Math.tan(0.5), 2)), q2 = Math.atan(Math.pow(Math.tan(q1), 2));
        double r1 = Math.pow(Math.cos(0.5), 4) + Math.pow(Math.sin(0.5), 4), r2 = Math.pow(Math.cos(q1), 4) + Math.pow(Math.sin(q1), 4);
        assertEquals(0.5, j.get("theta").asDouble());
        assertEquals(2, j.get("order").asInt());
        assertEquals(q2, j.get("output_angle").asDouble(), 1e-12);
        assertEquals(r1 * r1 * r2, j.get("success_probability").asDouble(), 1e-12);
        JsonNode a = run("--theta", "0.5", "--order", "2", "--amplify");
        assertEquals(q2, a.get("output_angle").asDouble(), 1e-9);
        assertEquals(1, a.get("success_probability").asDouble(), 1e-9);
        JsonNode one = run("--theta", "0.5");
        assertEquals(1, one.get("order").asInt());
        assertEquals(r1, one.get("success_probability").asDouble(), 1e-12);
    }

    @Test
    void refusesAnOrderOutsideTheRange() {
        assertEquals(1, new CommandLine(new NeuronCommand()).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
                .execute("--theta", "1", "--order", "9"));
    }
}
