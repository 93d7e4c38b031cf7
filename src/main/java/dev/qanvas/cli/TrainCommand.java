package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.Pretraining;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingRun;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas train PROJECT.qanvas [--epochs N] [--out DIR]}: trains the project's model on its
 * dataset headless and writes {@code metrics.csv} (per batch, per epoch, and per quantum layer and
 * epoch: entanglement entropy, Meyer-Wallach Q, gradient variance), {@code summary.json} (test
 * accuracy, confusion matrix, seconds per epoch), the trained model ({@code model.zip}), a copy of
 * the project ({@code project.qanvas}) and charts of loss, accuracy and entanglement entropy.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a project's model headless; writes metrics.csv, summary.json, model.zip and charts.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT", description = "A .qanvas project with a model.")
    Path projectFile;

    @Option(names = "--epochs", description = "Override the project's number of epochs.")
    Integer epochs;

    @Option(names = "--out", description = "Output folder (default: runs/<project name>).")
    Path out;

    @Option(names = "--entropy-cut", paramLabel = "LAYER=Q,Q", description = "Qubits of the entanglement-entropy subsystem"
            + " of a quantum layer, e.g. quantum=0,2 (default: the first half of its qubits). Repeatable.")
    java.util.Map<String, String> entropyCuts = new java.util.LinkedHashMap<>();

    @Option(names = "--record", description = "Also record the run (settings, folder, per-epoch numbers, test accuracy) in the project file.")
    boolean record;

    @Override
    public Integer call() throws Exception {
        Project project = ProjectFiles.read(projectFile);
        TrainingSettings settings = epochs == null ? project.training() : project.training().withEpochs(epochs);
        Dataset data = project.transforms().apply(Datasets.load(project.dataset()));
        ModelGraph model = project.model();
        boolean images = checkFits(model, data);
        Path dir = out != null ? out : Path.of("runs", projectFile.getFileName().toString().replace(ProjectFiles.EXTENSION, ""));
        Files.createDirectories(dir);
        NumericEngine.start();
        ComputationGraph net = GraphCompiler.compile(model, settings);
        PrintStream err = System.err;
        err.printf("Training %s on %s (%,d train / %,d test), %d epochs, %,d parameters%n", project.name(), data.name(),
                data.train().size(), data.test().size(), settings.epochs(), net.numParams());

        Pretraining.autoencoders(model, net, data, settings, err::println);
        Metrics metrics = new Metrics(dir.resolve("metrics.csv"), err, settings.epochs(), settings.batchSize());
        long t0 = System.nanoTime();
        TrainingRun run = new TrainingRun(net, data, settings, images, dir.resolve("checkpoints"), metrics);
        for (var cut : entropyCuts.entrySet()) {
            if (model.node(cut.getKey()).filter(n -> n.spec().isQuantum()).isEmpty()) {
                throw new IllegalArgumentException("--entropy-cut: the model has no quantum layer named " + cut.getKey());
            }
            run.entropyCut(cut.getKey(), java.util.Arrays.stream(cut.getValue().split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray());
        }
        run.run();
        metrics.close();
        double seconds = (System.nanoTime() - t0) / 1e9;
        err.println();
        err.println(metrics.outcome + ": " + metrics.message);

        INDArray testX = DataArrays.features(data.test(), DataArrays.all(data.test()), images);
        INDArray testY = DataArrays.labels(data.test(), DataArrays.all(data.test()), data.classCount());
        INDArray predictions = net.outputSingle(false, testX);
        double accuracy = DataArrays.accuracy(predictions, testY);
        int[][] confusion = confusion(predictions, testY, data.classCount());
        ModelSerializer.writeModel(net, dir.resolve("model.zip").toFile(), true);
        ProjectFiles.write(dir.resolve("project.qanvas"), project.withTraining(settings)); // what `evaluate` reads
        writeSummary(dir.resolve("summary.json"), project, data, metrics, accuracy, confusion, seconds);
        charts(dir, metrics);
        if (record) {
            List<RunRecord.Epoch> epochRows = metrics.epochs.stream().map(e -> new RunRecord.Epoch(e.epoch() + 1, e.trainLoss(),
                    e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds())).toList();
            String started = java.time.Instant.now().minusNanos((long) (seconds * 1e9)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            RunRecord made = new RunRecord("run-" + (project.runs().size() + 1), started, settings,
                    dir.toAbsolutePath().toString(), metrics.outcome.name(), accuracy, epochRows);
            ProjectFiles.write(projectFile, ProjectFiles.read(projectFile).withRun(made));
            err.println("recorded " + made.id() + " in " + projectFile);
        }
        System.out.printf(Locale.ROOT, "test accuracy %.4f (%d images), %.1f s, results in %s%n", accuracy, data.test().size(), seconds, dir);
        return metrics.outcome == RunEvents.Outcome.FAILED ? 1 : 0;
    }

    /** The model's Input must match the data and its Output the classes; returns whether inputs are images. */
    static boolean checkFits(ModelGraph model, Dataset data) {
        GraphAnalysis analysis = model.analyse();
        if (model.nodes().isEmpty()) {
            throw new IllegalArgumentException("the project has no model yet: draw one in the Model workspace");
        }
        ModelGraph.Node input = model.nodes().stream().filter(n -> n.spec() instanceof LayerSpec.Input).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the model has no Input node"));
        Shape expected = analysis.shape(input.id()).orElseThrow();
        Shape actual = data.isVector() ? Shape.vector(data.width()) : Shape.image(data.channels(), data.height(), data.width());
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("the model's Input " + input.id() + " expects " + expected
                    + " but the dataset gives " + actual + " (after its transforms)");
        }
        model.nodes().stream().filter(n -> n.spec() instanceof LayerSpec.Output).findFirst().ifPresent(o -> {
            int classes = ((LayerSpec.Output) o.spec()).classes();
            if (classes != data.classCount()) {
                throw new IllegalArgumentException("the Output " + o.id() + " has " + classes + " classes but the dataset has "
                        + data.classCount());
            }
        });
        return !expected.isVector();
    }

    static int[][] confusion(INDArray predictions, INDArray labels, int classes) {
        int[][] m = new int[classes][classes];
        long[] predicted = predictions.argMax(1).toLongVector();
        long[] actual = labels.argMax(1).toLongVector();
        for (int i = 0; i < predicted.length; i++) {
            m[(int) actual[i]][(int) predicted[i]]++;
        }
        return m;
    }

    private static void writeSummary(Path file, Project project, Dataset data, Metrics m, double accuracy, int[][] confusion,
                                     double seconds) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode s = json.createObjectNode();
        s.put("project", project.name());
        s.put("dataset", data.name());
        s.put("outcome", m.outcome.name());
        s.put("message", m.message);
        s.put("test_accuracy", accuracy);
        s.put("test_images", data.test().size());
        ArrayNode rows = s.putArray("confusion_matrix");
        for (int[] row : confusion) {
            ArrayNode r = rows.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        ArrayNode perEpoch = s.putArray("seconds_per_epoch");
        m.epochs.forEach(e -> perEpoch.add(e.seconds()));
        s.put("total_seconds", seconds);
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), s);
    }

    private static void charts(Path dir, Metrics m) throws IOException {
        XYSeries batchLoss = new XYSeries("loss per batch");
        for (int i = 0; i < m.batchLosses.size(); i++) {
            batchLoss.add(i + 1, m.batchLosses.get(i));
        }
        XYSeries train = new XYSeries("train accuracy");
        XYSeries validation = new XYSeries("validation accuracy");
        for (RunEvents.EpochStats e : m.epochs) {
            train.add(e.epoch() + 1, e.trainAccuracy());
            if (Double.isFinite(e.validationAccuracy())) {
                validation.add(e.epoch() + 1, e.validationAccuracy());
            }
        }
        JFreeChart loss = ChartFactory.createXYLineChart("Loss", "batch", "loss", new XYSeriesCollection(batchLoss));
        ChartUtils.saveChartAsPNG(dir.resolve("loss.png").toFile(), loss, 900, 500);
        XYSeriesCollection acc = new XYSeriesCollection(train);
        acc.addSeries(validation);
        JFreeChart accuracy = ChartFactory.createXYLineChart("Accuracy", "epoch", "accuracy", acc);
        ChartUtils.saveChartAsPNG(dir.resolve("accuracy.png").toFile(), accuracy, 900, 500);
        if (!m.quantum.isEmpty()) {
            // One line per quantum layer: mean half-cut entropy (bits) over the probe batch, per epoch.
            java.util.Map<String, XYSeries> byLayer = new java.util.LinkedHashMap<>();
            for (dev.qanvas.nn.training.QuantumProbe.Stats q : m.quantum) {
                byLayer.computeIfAbsent(q.layer(), l -> new XYSeries(l + " entropy (half cut)")).add(q.epoch() + 1, q.entropyMean());
            }
            XYSeriesCollection entropy = new XYSeriesCollection();
            byLayer.values().forEach(entropy::addSeries);
            JFreeChart chart = ChartFactory.createXYLineChart("Entanglement entropy", "epoch", "bits", entropy);
            ChartUtils.saveChartAsPNG(dir.resolve("entanglement.png").toFile(), chart, 900, 500);
        }
    }

    /** Writes metrics.csv as the run reports, and draws a progress bar on the terminal. */
    private static final class Metrics implements RunEvents {
        final BufferedWriter csv;
        final PrintStream terminal;
        final List<Double> batchLosses = new ArrayList<>();
        final List<EpochStats> epochs = new ArrayList<>();
        final List<dev.qanvas.nn.training.QuantumProbe.Stats> quantum = new ArrayList<>();
        volatile Outcome outcome = Outcome.FAILED;
        volatile String message = "did not finish";
        private long lastDraw;

        private final int totalEpochs;
        private final int batchSize;
        private final long started = System.nanoTime();
        private int stepsDone;

        Metrics(Path file, PrintStream terminal, int totalEpochs, int batchSize) throws IOException {
            this.csv = Files.newBufferedWriter(file);
            this.terminal = terminal;
            this.totalEpochs = totalEpochs;
            this.batchSize = batchSize;
            csv.write("kind,epoch,batch,layer,loss,train_accuracy,validation_loss,validation_accuracy,seconds,"
                    + "entropy_mean,entropy_std,meyer_wallach_mean,meyer_wallach_std,gradient_variance\n");
        }

        @Override
        public void batch(int epoch, int batch, int batches, double loss) {
            batchLosses.add(loss);
            stepsDone++;
            write(String.format(Locale.ROOT, "batch,%d,%d,,%.6f,,,,,,,,,%n", epoch + 1, batch + 1, loss));
            long now = System.nanoTime();
            if (now - lastDraw > 200_000_000L || batch + 1 == batches) {
                lastDraw = now;
                int width = 30;
                int done = (int) Math.round(width * (batch + 1.0) / batches);
                // Throughput and time left from the steps so far (epoch-end evaluation not included).
                double seconds = (now - started) / 1e9;
                double stepsPerSecond = stepsDone / Math.max(seconds, 1e-9);
                long stepsLeft = (long) (totalEpochs - epoch - 1) * batches + (batches - batch - 1);
                terminal.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f  %.0f images/s  %s left   ", epoch + 1,
                        totalEpochs, "#".repeat(done), ".".repeat(width - done), batch + 1, batches, loss,
                        stepsPerSecond * batchSize, duration(stepsLeft / stepsPerSecond));
            }
        }

        @Override
        public void epoch(EpochStats e) {
            epochs.add(e);
            write(String.format(Locale.ROOT, "epoch,%d,,,%.6f,%.6f,%.6f,%.6f,%.3f,,,,,%n", e.epoch() + 1, e.trainLoss(),
                    e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds()));
            terminal.printf(Locale.ROOT, "%nepoch %d: loss %.4f, train accuracy %.4f, validation loss %.4f, accuracy %.4f (%.1f s)%n",
                    e.epoch() + 1, e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds());
        }

        @Override
        public void quantum(dev.qanvas.nn.training.QuantumProbe.Stats q) {
            quantum.add(q);
            write(String.format(Locale.ROOT, "quantum,%d,,%s,,,,,,%.6f,%.6f,%.6f,%.6f,%.6g%n", q.epoch() + 1, q.layer(),
                    q.entropyMean(), q.entropyStd(), q.meyerWallachMean(), q.meyerWallachStd(), q.gradientVariance()));
        }

        @Override
        public void finished(Outcome o, String m) {
            outcome = o;
            message = m;
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                    : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }

        private void write(String line) {
            try {
                csv.write(line);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write metrics.csv: " + e.getMessage(), e);
            }
        }

        void close() throws IOException {
            csv.close();
        }
    }
}
