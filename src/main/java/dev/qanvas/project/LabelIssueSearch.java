package dev.qanvas.project;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.LabelNoise;
import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.ConfidentLearning;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Confident learning on a project's training split (docs/data-centric.md#confident-learning): k-fold
 * out-of-sample probabilities ({@link OutOfSampleProbabilities}), or a chosen run's model's, then {@link ConfidentLearning};
 * when the project's transforms inject label noise ({@link LabelNoise}), the flags are scored
 * against the flipped labels. Indices are training-split indices after the project's transforms.
 */
public final class LabelIssueSearch {

    private LabelIssueSearch() {
    }

    /**
     * What the search found.
     *
     * @param folds         the cross-validation folds, 0 when the probabilities came from a run
     * @param fromRun       the run folder whose model gave the probabilities, null for k folds
     * @param given         the training labels the model was given (after the transforms)
     * @param probabilities the out-of-sample probabilities [image][class]
     * @param noise         the injected noise (ground truth), when the chain has label noise
     * @param precision     share of flags that are flipped labels (NaN without noise or without flags)
     * @param recall        share of flipped labels that are flagged (NaN without noise or without flips)
     */
    public record Result(Dataset data, int folds, java.nio.file.Path fromRun, int[] given, double[][] probabilities,
                         ConfidentLearning.Result found, Optional<LabelNoise.Injected> noise, double precision, double recall) {
    }

    /** Confident learning on probabilities from k models, each trained on the other folds. */
    public static Result run(Project project, TrainingSettings settings, int folds, Consumer<String> log, DoubleConsumer progress)
            throws Exception {
        return search(project, folds, null, log,
                data -> OutOfSampleProbabilities.crossValidated(project, settings, data, folds, log, progress));
    }

    /**
     * Confident learning on the probabilities of a run's trained model, the user's choice over k
     * folds: out of sample only for the training images the run did not train on.
     *
     * @throws java.io.IOException when the folder has no model.zip or project.qanvas, or they cannot be read
     */
    public static Result fromRun(Project project, RunFolder run, Consumer<String> log, DoubleConsumer progress) throws Exception {
        RunFolder.Opened opened = run.open();
        return search(project, 0, run.path(), log, data -> OutOfSampleProbabilities.fromRun(opened, data, log, progress));
    }

    /** Where the probabilities come from; everything after them is shared. */
    private interface ProbabilitySource {
        double[][] of(Dataset data) throws Exception;
    }

    private static Result search(Project project, int folds, java.nio.file.Path fromRun, Consumer<String> log, ProbabilitySource source)
            throws Exception {
        log.accept("Loading " + project.dataset().label());
        PreparedData prepared = PreparedData.load(project.dataset(), project.transforms());
        Dataset data = prepared.data();
        double[][] p = source.of(data);
        int[] given = data.train().labels();
        ConfidentLearning.Result found = ConfidentLearning.find(p, given, data.classCount());
        Optional<LabelNoise.Injected> noise = LabelNoise.groundTruth(prepared.raw(), prepared.transforms());
        double precision = Double.NaN;
        double recall = Double.NaN;
        if (noise.isPresent()) {
            double[] pr = precisionRecall(found.issues(), noise.get().flipped());
            precision = pr[0];
            recall = pr[1];
        }
        return new Result(data, folds, fromRun, given, p, found, noise, precision, recall);
    }

    /** {precision, recall} of the flagged indices against the flipped ones; NaN where a denominator is 0. */
    public static double[] precisionRecall(List<ConfidentLearning.Issue> issues, int[] flipped) {
        Set<Integer> truth = new HashSet<>();
        for (int i : flipped) {
            truth.add(i);
        }
        long hits = issues.stream().filter(issue -> truth.contains(issue.index())).count();
        return new double[] {issues.isEmpty() ? Double.NaN : (double) hits / issues.size(),
                flipped.length == 0 ? Double.NaN : (double) hits / flipped.length};
    }
}
