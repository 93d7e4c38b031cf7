package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.ClassMetrics;
import dev.qanvas.insight.Predictions;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunSession;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas evaluate RUN_DIR [--data DIR]}: accuracy, confusion matrix, balanced accuracy, macro
 * ROC AUC and per-class precision and recall ({@link ClassMetrics}) of a trained model
 * (a folder written by {@code qanvas train}) on its project's test split, or on the test split
 * of an IDX folder, through the project's transforms. Prints JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained run (a folder written by `train`) on its test split or an IDX folder; prints JSON.")
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A folder written by `qanvas train`.")
    Path run;

    @Option(names = "--data", paramLabel = "DIR", description = "An IDX folder whose test split (t10k files) to evaluate on.")
    Path data;

    @Override
    public Integer call() throws Exception {
        NumericEngine.start();
        RunFolder.Opened opened = new RunFolder(run).open();
        Project project = opened.project();
        DatasetSpec spec = data == null ? project.dataset() : new DatasetSpec.IdxFolder(data.toString());
        Dataset dataset = PreparedData.load(spec, project.transforms()).data();
        boolean images = RunSession.checkFits(project.model(), dataset);
        ComputationGraph net = opened.model();
        int[] all = DataArrays.all(dataset.test());
        INDArray predictions = net.outputSingle(false, DataArrays.features(dataset.test(), all, images));
        if (project.training().imbalance().priorThresholds()) { // threshold moving by the priors of the project's own training split
            Dataset own = data == null ? dataset : PreparedData.load(project.dataset(), project.transforms()).data();
            predictions = project.training().imbalance().atPrediction(predictions, own.train(), own.classCount());
        }
        INDArray labels = DataArrays.labels(dataset.test(), all, dataset.classCount());
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("dataset", dataset.name());
        out.put("images", all.length);
        out.put("accuracy", DataArrays.accuracy(predictions, labels));
        ArrayNode rows = out.putArray("confusion_matrix");
        for (int[] row : RunSession.confusion(predictions, labels, dataset.classCount())) {
            ArrayNode r = rows.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        ClassMetrics.of(new Predictions(dataset.classNames(), dataset.test().labels(),
                predictions.castTo(DataType.DOUBLE).toDoubleMatrix())).writeTo(out, dataset.classNames());
        System.out.println(json.writeValueAsString(out));
        return 0;
    }
}
