package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.data.LabelNoise;
import dev.qanvas.insight.ConfidentLearning;
import dev.qanvas.project.LabelIssueSearch;
import dev.qanvas.project.OutOfSampleProbabilities;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.nn.training.TrainingSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas label-issues PROJECT [--folds K | --from-run RUN_DIR] [--out DIR]}: confident learning on the
 * project's training split ({@link LabelIssueSearch}, docs/data-centric.md#confident-learning), on k-fold
 * probabilities or on a chosen run's model's (out of sample only for images that run did not train on). Writes
 * {@code label_issues.csv} ({@code index,given,suggested,score}: training-split index after the
 * project's transforms, given label, suggested label, self-confidence; least confident first),
 * {@code noise_matrix.csv} (row = given label i, column = true label j, p(given i | true j)),
 * {@code label_issues.json} (thresholds, confident joint, joint, noise matrix, counts, and with
 * injected noise its precision and recall), and with injected noise {@code noisy_labels.csv}
 * ({@code index,true,given}). The JSON is also printed.
 */
@Command(name = "label-issues", mixinStandardHelpOptions = true,
        description = "Find likely mislabelled training images by confident learning (k-fold out-of-sample probabilities,"
                + " or a held-out run's with --from-run);"
                + " writes label_issues.csv, noise_matrix.csv, label_issues.json (and noisy_labels.csv when noise was injected).")
final class LabelIssuesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT", description = "A .qanvas project with a model.")
    Path projectFile;

    @Option(names = "--folds", paramLabel = "K", description = "Cross-validation folds, 2 to 20 (default 5).")
    Integer folds;

    @Option(names = "--from-run", paramLabel = "RUN_DIR", description = "Instead of k folds, use the probabilities of this run's"
            + " trained model (a `qanvas train` folder with model.zip); out of sample only for images the run did not train on.")
    Path fromRun;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the project's number of epochs for each fold's model.")
    Integer epochs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: label-issues/<project name>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (fromRun != null && (folds != null || epochs != null)) {
            throw new IllegalArgumentException("--from-run uses the run's trained model: --folds and --epochs do not apply");
        }
        int k = folds == null ? 5 : folds;
        if (k < 2 || k > OutOfSampleProbabilities.MAX_FOLDS) {
            throw new IllegalArgumentException("--folds must be 2.." + OutOfSampleProbabilities.MAX_FOLDS + ", not " + folds);
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, not " + epochs);
        }
        Project project = ProjectFiles.read(projectFile);
        if (project.isKernel()) {
            throw new IllegalArgumentException(projectFile + " is a kernel project; label-issues trains the project's network model");
        }
        TrainingSettings settings = epochs == null ? project.training() : project.training().withEpochs(epochs);
        PrintStream err = System.err;
        int[] lastPercent = {-1};
        java.util.function.DoubleConsumer progress = share -> {
            int percent = (int) Math.floor(share * 10) * 10;
            if (percent > lastPercent[0]) {
                lastPercent[0] = percent;
                err.println(percent + "%");
            }
        };
        if (fromRun != null) {
            err.println(FROM_RUN_NOTE);
        }
        LabelIssueSearch.Result r = fromRun != null ? LabelIssueSearch.fromRun(project, new RunFolder(fromRun), err::println, progress)
                : LabelIssueSearch.run(project, settings, k, err::println, progress);
        Path dir = out != null ? out : Path.of("label-issues", RunFolder.stem(projectFile));
        Files.createDirectories(dir);
        ConfidentLearning.Result found = r.found();
        StringBuilder issues = new StringBuilder("index,given,suggested,score\n");
        for (ConfidentLearning.Issue issue : found.issues()) {
            issues.append(issue.index()).append(',').append(issue.given()).append(',').append(issue.suggested()).append(',')
                    .append(String.format(Locale.ROOT, "%.6f", issue.selfConfidence())).append('\n');
        }
        write(dir.resolve("label_issues.csv"), issues);
        int classes = r.data().classCount();
        StringBuilder matrix = new StringBuilder("given");
        for (int j = 0; j < classes; j++) {
            matrix.append(",true_").append(j);
        }
        matrix.append('\n');
        for (int i = 0; i < classes; i++) {
            matrix.append(i);
            for (int j = 0; j < classes; j++) {
                matrix.append(',').append(String.format(Locale.ROOT, "%.6f", found.noiseMatrix()[i][j]));
            }
            matrix.append('\n');
        }
        write(dir.resolve("noise_matrix.csv"), matrix);

        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode();
        json.put("project", project.name());
        json.put("dataset", r.data().name());
        json.put("training_images", r.given().length);
        if (r.fromRun() != null) {
            json.put("probabilities", "run");
            json.put("from_run", r.fromRun().toString());
            json.put("note", FROM_RUN_NOTE);
        } else {
            json.put("probabilities", "k-fold");
            json.put("folds", r.folds());
        }
        json.put("issues", found.issues().size());
        ArrayNode t = json.putArray("thresholds");
        for (double v : found.thresholds()) {
            if (Double.isFinite(v)) {
                t.add(v);
            } else {
                t.addNull();
            }
        }
        putMatrix(json.putArray("confident_joint"), found.confidentJoint());
        putMatrix(json.putArray("joint"), found.joint());
        putMatrix(json.putArray("noise_matrix"), found.noiseMatrix());
        if (r.noise().isPresent()) {
            LabelNoise.Injected noise = r.noise().get();
            StringBuilder noisy = new StringBuilder("index,true,given\n");
            for (int n = 0; n < noise.flipped().length; n++) {
                int index = noise.flipped()[n];
                noisy.append(index).append(',').append(noise.trueLabels()[n]).append(',').append(r.given()[index]).append('\n');
            }
            write(dir.resolve("noisy_labels.csv"), noisy);
            json.put("noisy_labels", noise.changed());
            number(json, "precision", r.precision());
            number(json, "recall", r.recall());
        }
        String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        write(dir.resolve("label_issues.json"), new StringBuilder(text).append('\n'));
        System.out.println(text);
        err.println(found.issues().size() + " label issues of " + r.given().length + " training images, results in " + dir);
        return 0;
    }

    static final String FROM_RUN_NOTE = "probabilities from the run's trained model: out of sample only for images the run did not"
            + " train on (a run trained on other data or on a held-out part); images it trained on look more confident than they are";

    private static void putMatrix(ArrayNode rows, int[][] m) {
        for (int[] row : m) {
            ArrayNode r = rows.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
    }

    private static void putMatrix(ArrayNode rows, double[][] m) {
        for (double[] row : m) {
            ArrayNode r = rows.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
    }

    private static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    private static void write(Path file, CharSequence text) throws java.io.IOException {
        ProjectFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
