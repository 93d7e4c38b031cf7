package dev.qanvas.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.ClassMetrics;
import dev.qanvas.insight.InputPipeline;
import dev.qanvas.insight.Predictions;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.ModelFiles;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.InitFromRun;
import dev.qanvas.nn.training.Pretraining;
import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.Thinning;
import dev.qanvas.nn.training.TrainingRun;
import dev.qanvas.nn.training.TrainingExecution;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.nn.layers.LayerExecution;
import dev.qanvas.quantum.QuantumExecution;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One training run of a project, from its files to its results: the one flow the command line
 * ({@code qanvas train}) and the Train workspace share.
 *
 * <ol>
 *   <li>{@link #prepare}: load the dataset and apply the project's transforms, check that the model
 *       fits the data, compile the model, pre-train its autoencoders;</li>
 *   <li>{@link #run}: train on the calling thread, reporting through {@link RunEvents} (pause,
 *       resume and stop through {@link #training()} from any thread);</li>
 *   <li>at the end, whatever the outcome, write into the run folder {@code metrics.csv},
 *       {@code summary.json}, {@code model.zip} and {@code project.qanvas} (the project as trained,
 *       which {@code qanvas evaluate} and the Inspect workspace read next to the model), and return
 *       the {@link RunRecord} whose {@code directory()} is that folder.</li>
 * </ol>
 * A run stopped by the user keeps the model as it is; a failed run (a NaN loss) keeps the model of
 * its last good checkpoint, or none if it failed in its first epoch.
 */
public final class RunSession {

    /** What {@code metrics.csv} starts with; new columns are only ever added at the end. */
    public static final String CSV_HEADER = "kind,epoch,batch,layer,loss,train_accuracy,validation_loss,validation_accuracy,seconds,"
            + "entropy_mean,entropy_std,meyer_wallach_mean,meyer_wallach_std,gradient_variance,"
            + "progress,recent_loss,half_cut_entropy,up_down_entropy,left_right_entropy,"
            + "validation_balanced_accuracy,validation_macro_roc_auc";

    private final Project project;
    private final TrainingSettings settings;
    private final Dataset data;
    private final boolean images;
    private final ComputationGraph net;
    private final RunFolder folder;
    private final TrainingRun training;
    private final Recorder recorder;
    /** What the record says was trained (see {@link RunRecord#trained}). */
    private String trained;

    private RunSession(Project project, TrainingSettings settings, PreparedData prepared, boolean images, ComputationGraph net,
                       Path folder, Map<String, int[]> entropyCuts) throws IOException {
        this.project = project;
        this.settings = settings;
        this.data = prepared.data();
        this.images = images;
        this.net = net;
        this.folder = new RunFolder(folder);
        this.trained = RunRecord.kindOf(project.model());
        Files.createDirectories(folder);
        this.recorder = new Recorder(this.folder.metrics());
        this.training = new TrainingRun(net, data, settings, images, this.folder.checkpoints(), recorder);
        entropyCuts.forEach(training::entropyCut);
        training.validationScorer(this::validationScores);
        if (settings.adversarial().active()) { // the pixel space walks the training split: only when needed
            training.pixelSpace(InputPipeline.of(prepared.raw(), prepared.transforms()).pixelSpace(prepared.raw().train()));
        }
    }

    /** Balanced accuracy and macro ROC AUC of an epoch's validation predictions (metrics.csv, the accuracy chart). */
    private double[] validationScores(double[][] probabilities, int[] labels) {
        ClassMetrics m = ClassMetrics.of(new Predictions(data.classNames(), labels, probabilities));
        return new double[] {m.balancedAccuracy(), m.macroRocAuc()};
    }

    /**
     * Loads and transforms the project's dataset, checks the model fits it, compiles the model and
     * pre-trains its autoencoders; {@code log} hears what happens (on this thread).
     *
     * @param entropyCuts qubits of the main entropy cut per quantum layer (empty: the half cut)
     * @throws IllegalArgumentException when the model does not fit the data (the message says why)
     */
    public static RunSession prepare(Project project, TrainingSettings settings, Path folder, Map<String, int[]> entropyCuts,
                                     Consumer<String> log) throws Exception {
        log.accept("Loading " + project.dataset().label());
        PreparedData prepared = PreparedData.load(project.dataset(), project.transforms());
        return prepare(project, settings, prepared, folder, entropyCuts, log);
    }

    /** As {@link #prepare(Project, TrainingSettings, Path, Map, Consumer)} with the dataset already loaded and transformed. */
    public static RunSession prepare(Project project, TrainingSettings settings, PreparedData prepared, Path folder,
                                     Map<String, int[]> entropyCuts, Consumer<String> log) throws Exception {
        ModelGraph model = project.model();
        Dataset data = prepared.data();
        boolean images = checkFits(model, data);
        for (String layer : entropyCuts.keySet()) {
            if (model.node(layer).filter(n -> n.spec().isQuantum()).isEmpty()) {
                throw new IllegalArgumentException("the model has no quantum layer named " + layer);
            }
        }
        log.accept("Starting the numeric engine");
        NumericEngine.start();
        log.accept("Compiling the model");
        ComputationGraph net = GraphCompiler.compile(model, settings);
        settings.execution().requireFits(LayerExecution.maxQubits(net)); // before any time is spent training
        if (settings.initFrom() != null) { // the run's weights replace any pre-training
            initialise(net, settings.initFrom(), log);
        } else {
            Pretraining.autoencoders(model, net, data, settings, log);
        }
        return new RunSession(project, settings, prepared, images, net, folder, entropyCuts);
    }

    /**
     * Settings whose "initialise from run" folder no longer depends on the working folder: a
     * relative one is taken beside {@code projectFile}, as run records are ({@link RunFolder#at}).
     */
    public static TrainingSettings resolved(TrainingSettings settings, Path projectFile) {
        InitFromRun init = settings.initFrom();
        if (init == null) {
            return settings;
        }
        String dir = RunFolder.at(init.run(), projectFile).path().toAbsolutePath().normalize().toString();
        return settings.withInitFrom(new InitFromRun(dir, init.freshOutput()));
    }

    /** Copies the weights of the run {@code init} names into {@code net}; refuses a run without a model or of another model. */
    private static void initialise(ComputationGraph net, InitFromRun init, Consumer<String> log) throws IOException {
        RunFolder from = new RunFolder(Path.of(init.run()));
        log.accept("Initialising from " + from.id());
        if (!from.hasModel()) {
            throw new IllegalArgumentException("initialise from run: " + from.path() + " has no " + RunFolder.MODEL
                    + " (not a run folder, or its run failed in the first epoch)");
        }
        long copied = InitFromRun.copy(ModelFiles.restore(from.model(), false), net, from.id(), init.freshOutput());
        log.accept(String.format(Locale.ROOT, "initialised %,d parameters from %s%s", copied, from.path(),
                init.freshOutput() ? " (output layer fresh)" : ""));
    }

    /** The model's Input must match the data and its Output the classes; returns whether inputs are images. */
    public static boolean checkFits(ModelGraph model, Dataset data) {
        if (model.nodes().isEmpty()) {
            throw new IllegalArgumentException("the project has no model yet: draw one in the Model workspace");
        }
        GraphAnalysis analysis = model.analyse();
        if (!analysis.problems().isEmpty()) {
            throw new IllegalArgumentException("the model is not valid: " + analysis.problems().get(0));
        }
        ModelGraph.Node input = model.nodes().stream().filter(n -> n.spec() instanceof Input).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the model has no Input node"));
        Shape expected = analysis.shape(input.id()).orElseThrow();
        Shape actual = data.isVector() ? Shape.vector(data.width()) : Shape.image(data.channels(), data.height(), data.width());
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("the model's Input " + input.id() + " expects " + expected
                    + " but the dataset gives " + actual + " (after its transforms)");
        }
        model.nodes().stream().filter(n -> n.spec() instanceof Output).findFirst().ifPresent(o -> {
            int classes = ((Output) o.spec()).classes();
            if (classes != data.classCount()) {
                throw new IllegalArgumentException("the Output " + o.id() + " has " + classes + " classes but the dataset has "
                        + data.classCount());
            }
        });
        return !expected.isVector();
    }

    /** Confusion matrix: row = true class, column = predicted class. */
    public static int[][] confusion(INDArray predictions, INDArray labels, int classes) {
        int[][] m = new int[classes][classes];
        long[] predicted = predictions.argMax(1).toLongVector();
        long[] actual = labels.argMax(1).toLongVector();
        for (int i = 0; i < predicted.length; i++) {
            m[(int) actual[i]][(int) predicted[i]]++;
        }
        return m;
    }

    public Dataset data() { return data; }
    public ComputationGraph network() { return net; }
    public TrainingSettings settings() { return settings; }
    public Path folder() { return folder.path(); }
    public boolean images() { return images; }

    /** Records this run as training {@code kind} ({@link RunRecord#TWIN} for a twin; by default quantum or classical by the model). */
    public RunSession trainedAs(String kind) {
        trained = kind;
        return this;
    }

    /** The run itself: pause, resume and stop it from any thread. */
    public TrainingRun training() {
        return training;
    }

    /** What a finished session gives: the record to keep in the project, and the numbers behind it ({@code metrics}: null without a model). */
    public record Result(RunRecord record, RunEvents.Outcome outcome, String message, double testAccuracy,
                         int[][] confusion, double seconds, boolean modelSaved, ClassMetrics metrics) {
    }

    /**
     * Trains on the calling thread until the run ends (all epochs, early stop, stop, failure), then
     * evaluates on the test split and writes the run folder. {@code listener} hears every event
     * after the session has recorded it.
     */
    public Result run(RunEvents listener) throws IOException {
        recorder.listener = listener;
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try {
            training.run();
        } finally {
            recorder.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        // A failed run keeps the model of its last good checkpoint; any other keeps the model as it is.
        ComputationGraph model = net;
        if (recorder.outcome == RunEvents.Outcome.FAILED) {
            Path latest = folder.latestCheckpoint();
            model = Files.isRegularFile(latest) ? ModelFiles.restore(latest, false) : null;
        }
        double accuracy = Double.NaN;
        double idealAccuracy = Double.NaN;
        int[][] confusion = new int[0][];
        ClassMetrics metrics = null;
        if (model != null) {
            INDArray testX = DataArrays.features(data.test(), DataArrays.all(data.test()), images);
            INDArray testY = DataArrays.labels(data.test(), DataArrays.all(data.test()), data.classCount());
            TrainingExecution execution = settings.execution();
            if (execution.active()) {
                // Tested as trained (under the same noise and shots, seed S), and ideal for comparison.
                LayerExecution.set(model, QuantumExecution.IDEAL);
                idealAccuracy = DataArrays.accuracy(settings.imbalance().atPrediction(model.outputSingle(false, testX), data.train(),
                        data.classCount()), testY);
                LayerExecution.set(model, execution.execution());
            }
            INDArray predictions = settings.imbalance().atPrediction(model.outputSingle(false, testX), data.train(), data.classCount());
            LayerExecution.set(model, QuantumExecution.IDEAL);
            accuracy = DataArrays.accuracy(predictions, testY);
            confusion = confusion(predictions, testY, data.classCount());
            metrics = ClassMetrics.of(new Predictions(data.classNames(), data.test().labels(),
                    predictions.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix()));
            ModelFiles.write(model, folder.model());
        }
        ProjectFiles.write(folder.project(), project.withTraining(settings)); // what `evaluate` reads
        writeSummary(accuracy, idealAccuracy, confusion, metrics, seconds, model != null);
        RunRecord record = new RunRecord(folder.id(), started.truncatedTo(ChronoUnit.SECONDS).toString(),
                settings, folder.path().toAbsolutePath().toString(), recorder.outcome.name(), accuracy,
                recorder.epochs.stream().map(RunRecord.Epoch::of).toList(), recorder.lossPoints(), recorder.quantum, trained,
                RunRecord.digest(project.model()));
        return new Result(record, recorder.outcome, recorder.message, accuracy, confusion, seconds, model != null, metrics);
    }

    private void writeSummary(double accuracy, double idealAccuracy, int[][] confusion, ClassMetrics metrics, double seconds, boolean modelSaved)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode s = json.createObjectNode();
        s.put("project", project.name());
        s.put("dataset", data.name());
        s.put("outcome", recorder.outcome.name());
        s.put("message", recorder.message);
        s.put("test_accuracy", accuracy);
        s.put("test_images", data.test().size());
        ArrayNode rows = s.putArray("confusion_matrix");
        for (int[] row : confusion) {
            ArrayNode r = rows.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        if (metrics != null) {
            metrics.writeTo(s, data.classNames()); // balanced_accuracy, macro_roc_auc, per_class
        }
        ArrayNode perEpoch = s.putArray("seconds_per_epoch");
        recorder.epochs.forEach(e -> perEpoch.add(e.seconds()));
        s.put("total_seconds", seconds);
        s.put("epochs_completed", recorder.epochs.size());
        s.put("batches", recorder.batches);
        s.put("model", modelSaved ? RunFolder.MODEL : null);
        double[] cost = training.fitAndProbeSeconds();
        s.put("fit_seconds", cost[0]);
        s.put("quantum_probe_seconds", cost[1]);
        ObjectNode adversarial = s.putObject("adversarial_training"); // also in the run's settings (project.qanvas, the record)
        AdversarialTraining a = settings.adversarial();
        adversarial.put("method", a.method().name().toLowerCase(Locale.ROOT));
        adversarial.put("epsilon", a.epsilon());
        adversarial.put("ratio", a.ratio());
        adversarial.put("steps", a.steps());
        adversarial.put("crafting_seconds", training.adversarialSeconds());
        // How the quantum layers ran while training (also in the run's settings); test_accuracy is under it.
        ObjectNode quantum = s.putObject("quantum_execution");
        TrainingExecution e = settings.execution();
        quantum.put("profile", e.profile());
        e.noise().forEach(quantum.putArray("noise")::add);
        quantum.put("shots", e.shots());
        quantum.put("seed", e.seed());
        quantum.put("gradient_method", e.gradientMethod());
        quantum.put("quantum_layers", LayerExecution.count(net));
        if (e.active()) {
            quantum.put("ideal_test_accuracy", idealAccuracy);
        }
        ProjectFiles.writeAtomically(folder.summary(), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
    }

    /** Writes metrics.csv as the run reports and keeps what the record needs; runs on the training thread. */
    private static final class Recorder implements RunEvents {
        private final BufferedWriter csv;
        final List<EpochStats> epochs = new ArrayList<>();
        final List<RunRecord.QuantumPoint> quantum = new ArrayList<>();
        final Thinning losses = new Thinning(RunRecord.MAX_LOSS_POINTS);
        volatile RunEvents listener = new RunEvents() { };
        volatile Outcome outcome = Outcome.FAILED;
        volatile String message = "did not finish";
        int batches;

        Recorder(Path file) throws IOException {
            csv = Files.newBufferedWriter(file);
            csv.write(CSV_HEADER + "\n");
        }

        @Override
        public void batch(int epoch, int batch, int count, double loss) {
            batches++;
            losses.add(epoch + (batch + 1.0) / count, loss);
            write(String.format(Locale.ROOT, "batch,%d,%d,,%.6f,,,,,,,,,,%.6f,,,,,,%n", epoch + 1, batch + 1, loss,
                    epoch + (batch + 1.0) / count));
            listener.batch(epoch, batch, count, loss);
        }

        @Override
        public void epoch(EpochStats e) {
            epochs.add(e);
            write(String.format(Locale.ROOT, "epoch,%d,,,%.6f,%.6f,%.6f,%.6f,%.3f,,,,,,%d,,,,,%s,%s%n", e.epoch() + 1, e.trainLoss(),
                    e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds(), e.epoch() + 1,
                    number(e.validationBalancedAccuracy()), number(e.validationMacroRocAuc())));
            listener.epoch(e);
        }

        @Override
        public void quantum(QuantumProbe.Stats q) {
            quantumRow("quantum", q);
            listener.quantum(q);
        }

        @Override
        public void quantumStep(QuantumProbe.Stats q) {
            quantumRow("quantum_step", q);
            listener.quantumStep(q);
        }

        private void quantumRow(String kind, QuantumProbe.Stats q) {
            quantum.add(RunRecord.QuantumPoint.of(q));
            write(String.format(Locale.ROOT, "%s,%d,,%s,,,,,,%.6f,%.6f,%.6f,%.6f,%.6g,%.6f,%s,%s,%s,%s,,%n", kind, q.epoch() + 1,
                    q.layer(), q.entropyMean(), q.entropyStd(), q.meyerWallachMean(), q.meyerWallachStd(), q.gradientVariance(),
                    q.progress(), number(q.recentLoss()), cut(q, QuantumProbe.HALF), cut(q, QuantumProbe.UP_DOWN),
                    cut(q, QuantumProbe.LEFT_RIGHT)));
        }

        private static String cut(QuantumProbe.Stats q, String name) {
            return q.cut(name).map(c -> String.format(Locale.ROOT, "%.6f", c.mean())).orElse("");
        }

        private static String number(double v) {
            return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
        }

        @Override
        public void finished(Outcome o, String m) {
            outcome = o;
            message = m;
            listener.finished(o, m);
        }

        List<RunRecord.LossPoint> lossPoints() {
            List<RunRecord.LossPoint> out = new ArrayList<>(losses.size());
            for (int i = 0; i < losses.size(); i++) {
                out.add(new RunRecord.LossPoint(losses.x(i), losses.y(i)));
            }
            return out;
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
