package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.training.RunEvents;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json's balanced accuracy and per-class precision and recall agree with its own confusion matrix, worked out here. */
class RunSessionMetricsTest {

    @Test
    void summaryCarriesPerClassMetricsOfItsConfusionMatrix(@TempDir Path dir) throws Exception {
        Project tiny = TinyTrainingProject.project();
        RunSession.prepare(tiny, tiny.training().withEpochs(1), dir.resolve("run"), Map.of(), m -> { })
                .run(new RunEvents() { });
        JsonNode s = new ObjectMapper().readTree(dir.resolve("run").resolve("summary.json").toFile());
        JsonNode m = s.get("confusion_matrix");
        int k = m.size();
        double recallSum = 0;
        for (int c = 0; c < k; c++) {
            int row = 0;
            int column = 0;
            for (int o = 0; o < k; o++) {
                row += m.get(c).get(o).asInt();
                column += m.get(o).get(c).asInt();
            }
            double tp = m.get(c).get(c).asInt();
            JsonNode perClass = s.get("per_class").get(c);
            assertEquals(c, perClass.get("class").asInt());
            assertEquals(tp / row, perClass.get("recall").asDouble(), 1e-12);
            assertEquals(column == 0 ? 0 : tp / column, perClass.get("precision").asDouble(), 1e-12);
            recallSum += tp / row;
        }
        assertEquals(recallSum / k, s.get("balanced_accuracy").asDouble(), 1e-12);
        double auc = s.get("macro_roc_auc").asDouble();
        assertEquals(true, auc >= 0 && auc <= 1, s.toString());
    }
}
