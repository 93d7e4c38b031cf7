package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.Splits;
import dev.qanvas.insight.ClassMetrics;
import dev.qanvas.insight.Predictions;
import dev.qanvas.nn.ModelFiles;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.RunEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Each epoch's validation balanced accuracy and macro ROC AUC (metrics.csv and the run record)
 * equal {@link ClassMetrics} of that epoch's checkpoint on the validation split, recomputed here
 * from the checkpoint and the split; and the run record's epochs read back from the project file.
 */
class RunSessionEpochMetricsTest {

    @Test
    void epochRowsCarryTheValidationSplitsClassMetrics(@TempDir Path dir) throws Exception {
        Project tiny = TinyTrainingProject.project();
        RunSession session = RunSession.prepare(tiny, tiny.training().withEpochs(2), dir.resolve("run"), Map.of(), m -> { });
        RunSession.Result result = session.run(new RunEvents() { });
        RunFolder folder = new RunFolder(dir.resolve("run"));

        List<String> lines = Files.readAllLines(folder.metrics());
        List<String> header = List.of(lines.get(0).split(",", -1));
        int balancedColumn = header.indexOf("validation_balanced_accuracy");
        int aucColumn = header.indexOf("validation_macro_roc_auc");
        assertEquals(header.size() - 2, balancedColumn, "new columns go at the end");
        for (String line : lines) {
            assertEquals(header.size(), line.split(",", -1).length, line);
        }
        List<String[]> epochRows = lines.stream().filter(l -> l.startsWith("epoch,")).map(l -> l.split(",", -1)).toList();
        assertEquals(2, epochRows.size());

        Dataset data = session.data();
        int[] validation = Splits.stratified(data.train().labels(), tiny.training().validationSplit(), tiny.training().seed()).test();
        int[] labels = Arrays.stream(validation).map(i -> data.train().labels()[i]).toArray();
        for (int epoch = 1; epoch <= 2; epoch++) {
            ComputationGraph net = ModelFiles.restore(folder.checkpoints().resolve("epoch-" + epoch + ".zip"), false);
            double[][] p = net.outputSingle(false, DataArrays.features(data.train(), validation, session.images()))
                    .castTo(DataType.DOUBLE).toDoubleMatrix();
            ClassMetrics expected = ClassMetrics.of(new Predictions(data.classNames(), labels, p));
            assertTrue(Double.isFinite(expected.macroRocAuc()));
            String[] row = epochRows.get(epoch - 1);
            assertEquals(expected.balancedAccuracy(), Double.parseDouble(row[balancedColumn]), 1e-6, "epoch " + epoch);
            assertEquals(expected.macroRocAuc(), Double.parseDouble(row[aucColumn]), 1e-6, "epoch " + epoch);
            RunRecord.Epoch recorded = result.record().epochs().get(epoch - 1);
            assertEquals(expected.balancedAccuracy(), recorded.validationBalancedAccuracy(), 1e-9);
            assertEquals(expected.macroRocAuc(), recorded.validationMacroRocAuc(), 1e-9);
        }

        // The history shows them as two more series of the accuracy chart.
        RunHistory history = RunHistory.of(result.record(), "run");
        assertEquals(List.of("train", "validation", RunHistory.VALIDATION_BALANCED, RunHistory.VALIDATION_ROC_AUC),
                List.copyOf(history.series(RunHistory.ACCURACY).keySet()));
    }
}
