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
import dev.qanvas.nn.layers.LayerExecution;
import dev.qanvas.quantum.DeviceProfile;
import dev.qanvas.quantum.QuantumExecution;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas evaluate RUN_DIR [--data DIR]}: accuracy, confusion matrix, balanced accuracy, macro
 * ROC AUC and per-class precision and recall ({@link ClassMetrics}) of a trained model
 * (a folder written by {@code qanvas train}) on its project's test split, or on the test split
 * of an IDX folder, through the project's transforms. Prints JSON. With {@code --noise},
 * {@code --profile} or {@code --shots}, the quantum layers run under that noise and/or estimate
 * each expectation from shots, and the JSON adds {@code "quantum_execution"} (docs/noise.md).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained run (a folder written by `train`) on its test split or an IDX folder; prints JSON.")
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A folder written by `qanvas train`.")
    Path run;

    @Option(names = "--data", paramLabel = "DIR", description = "An IDX folder whose test split (t10k files) to evaluate on.")
    Path data;

    @Mixin
    NoiseOptions noise = new NoiseOptions();

    @Option(names = "--shots", paramLabel = "N",
            description = "Estimate each quantum expectation from N shots (1.." + QuantumExecution.MAX_SHOTS + ").")
    Long shots;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the shots (default: ${DEFAULT-VALUE}); quantum layer i uses S + i.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (shots != null && (shots < 1 || shots > QuantumExecution.MAX_SHOTS)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--shots must be from 1 to %,d, not %,d",
                    QuantumExecution.MAX_SHOTS, shots));
        }
        DeviceProfile device = noise.device();
        QuantumExecution execution = new QuantumExecution(noise.model(), shots == null ? 0 : shots, seed);
        NumericEngine.start();
        RunFolder.Opened opened = new RunFolder(run).open();
        Project project = opened.project();
        DatasetSpec spec = data == null ? project.dataset() : new DatasetSpec.IdxFolder(data.toString());
        Dataset dataset = PreparedData.load(spec, project.transforms()).data();
        boolean images = RunSession.checkFits(project.model(), dataset);
        ComputationGraph net = opened.model();
        if (device != null) {
            device.requireQubits(LayerExecution.maxQubits(net));
        }
        int quantumLayers = LayerExecution.set(net, execution);
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
        if (noise.given() || shots != null) {
            ObjectNode settings = out.putObject("quantum_execution");
            if (device != null) {
                settings.put("profile", device.name());
            }
            ArrayNode channels = settings.putArray("noise");
            noise.noise.forEach(channels::add);
            settings.put("shots", execution.shots());
            settings.put("seed", seed);
            settings.put("quantum_layers", quantumLayers);
        }
        System.out.println(json.writeValueAsString(out));
        return 0;
    }
}
