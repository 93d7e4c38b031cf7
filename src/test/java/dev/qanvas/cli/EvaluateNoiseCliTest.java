package dev.qanvas.cli;

import static dev.qanvas.cli.CliTest.qanvas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.NoiseCurves;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.project.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qanvas evaluate} with noise, profiles and shots, and the accuracy-against-noise curve, on a trained tiny run. */
class EvaluateNoiseCliTest {

    @Test
    void evaluateUnderNoiseAndShots(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("tiny.qanvas");
        Files.writeString(project, CliTest.TINY_PROJECT);
        Path run = dir.resolve("run");
        CliTest.Run train = qanvas("train", project.toString(), "--epochs", "2", "--out", run.toString());
        assertEquals(0, train.code(), train.err());
        ObjectMapper json = new ObjectMapper();

        JsonNode ideal = json.readTree(qanvas("evaluate", run.toString()).out());
        assertTrue(!ideal.has("quantum_execution"), ideal.toString());
        CliTest.Run zero = qanvas("evaluate", run.toString(), "--noise", "depolarizing=0");
        assertEquals(0, zero.code(), zero.err());
        JsonNode z = json.readTree(zero.out());
        assertEquals(ideal.get("accuracy").asDouble(), z.get("accuracy").asDouble(), 0.0, "no noise, no shots: the ideal model");
        assertEquals(ideal.get("confusion_matrix"), z.get("confusion_matrix"));
        JsonNode settings = z.get("quantum_execution");
        assertEquals("depolarizing=0", settings.get("noise").get(0).asText());
        assertEquals(0, settings.get("shots").asLong());
        assertEquals(1, settings.get("quantum_layers").asInt());

        CliTest.Run device = qanvas("evaluate", run.toString(), "--profile", "illustrative-noisy", "--shots", "100", "--seed", "4");
        assertEquals(0, device.code(), device.err());
        JsonNode d = json.readTree(device.out());
        assertEquals("illustrative-noisy", d.get("quantum_execution").get("profile").asText());
        assertEquals(100, d.get("quantum_execution").get("shots").asLong());
        assertEquals(4, d.get("quantum_execution").get("seed").asLong());
        assertEquals(ideal.get("images"), d.get("images"));
        assertEquals(device.out(), qanvas("evaluate", run.toString(), "--profile", "illustrative-noisy", "--shots", "100",
                "--seed", "4").out(), "seeded: the same numbers again");

        for (String[] refused : new String[][] {{"--shots", "0"}, {"--profile", dir.resolve("none.json").toString()},
                {"--noise", "depolarizing=2"}}) {
            CliTest.Run r = qanvas("evaluate", run.toString(), refused[0], refused[1]);
            assertEquals(1, r.code(), String.join(" ", refused));
            assertTrue(!r.err().contains("\tat "), r.err());
        }

        // The curve: strength 0 is the ideal accuracy; 3/4 depolarizes every qubit completely after its last
        // gate, so every image gets the same outputs and the accuracy is the share of one class.
        NumericEngine.start();
        RunFolder.Opened opened = new RunFolder(run).open();
        InspectedModel model = new InspectedModel(opened.model(),
                PreparedData.load(opened.project().dataset(), opened.project().transforms()));
        NoiseCurves.Curve curve = NoiseCurves.accuracyAgainstNoise(model, new double[] {0, 0.75}, 0);
        assertEquals(ideal.get("accuracy").asDouble(), curve.idealAccuracy(), 1e-12);
        assertEquals(curve.idealAccuracy(), curve.points().get(0).accuracy(), 0.0);
        int[] labels = model.data().test().labels();
        long ones = java.util.Arrays.stream(labels).filter(l -> l == 1).count();
        double a = curve.points().get(1).accuracy();
        assertTrue(Math.abs(a - ones / (double) labels.length) < 1e-12 || Math.abs(a - 1 + ones / (double) labels.length) < 1e-12,
                a + " with " + ones + " of " + labels.length);
        assertEquals(curve.idealAccuracy(), NoiseCurves.accuracy(model, dev.qanvas.quantum.QuantumExecution.IDEAL), 0.0,
                "the model is ideal again after a curve");
    }
}
