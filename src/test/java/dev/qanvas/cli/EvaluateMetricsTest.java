package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.training.ImbalanceRemedy;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunSession;
import dev.qanvas.project.TinyTrainingProject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `qanvas evaluate` gives the saved model the metrics summary.json gave it, threshold moving included. */
class EvaluateMetricsTest {

    @Test
    void evaluateRepeatsTheSummarysMetricsWithThresholdMoving(@TempDir Path dir) throws Exception {
        Project tiny = TinyTrainingProject.project();
        var settings = tiny.training().withEpochs(1)
                .withImbalance(new ImbalanceRemedy(ImbalanceRemedy.Resampling.OVERSAMPLE, 1, true, true));
        Path run = dir.resolve("run");
        RunSession.prepare(tiny, settings, run, Map.of(), m -> { }).run(new RunEvents() { });
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());

        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new EvaluateCommand()).execute(run.toString());
        } finally {
            System.setOut(out);
        }
        assertEquals(0, code);
        JsonNode e = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertEquals(summary.get("test_accuracy").asDouble(), e.get("accuracy").asDouble(), 1e-6);
        assertEquals(summary.get("confusion_matrix"), e.get("confusion_matrix"));
        assertEquals(summary.get("balanced_accuracy").asDouble(), e.get("balanced_accuracy").asDouble(), 1e-6);
        assertEquals(summary.get("macro_roc_auc").asDouble(), e.get("macro_roc_auc").asDouble(), 1e-6);
        assertEquals(summary.get("per_class").size(), e.get("per_class").size());
        for (int c = 0; c < e.get("per_class").size(); c++) {
            assertEquals(summary.get("per_class").get(c).get("recall").asDouble(), e.get("per_class").get(c).get("recall").asDouble(), 1e-6);
        }
    }
}
