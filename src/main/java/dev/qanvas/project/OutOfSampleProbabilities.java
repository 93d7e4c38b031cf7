package dev.qanvas.project;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.kernel.StratifiedFolds;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.Pretraining;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingRun;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Out-of-sample predicted probabilities for every training image, by k-fold cross-validation, as
 * confident learning needs them (docs/data-centric.md#confident-learning): the training split (after
 * the project's transforms, noisy labels and all) is cut into k stratified folds seeded with the
 * project's seed ({@link StratifiedFolds}); for each fold a fresh copy of the project's model is
 * compiled, pre-trained and trained with the project's training settings on the other folds
 * (through {@link TrainingRun}, as {@link RunSession} trains), and gives the probabilities of the
 * fold's images. No image is ever scored by a model that saw its label.
 */
public final class OutOfSampleProbabilities {

    /** Most folds; more only repeats nearly the same model. */
    public static final int MAX_FOLDS = 20;
    private static final int BATCH = 256;

    private OutOfSampleProbabilities() {
    }

    /**
     * Probabilities [image][class] for every image of {@code data}'s training split.
     *
     * @param log      hears what happens, a line per fold
     * @param progress hears the share done, 0..1, after every batch
     * @throws IllegalArgumentException when the model does not fit the data or a fold's training fails
     */
    public static double[][] crossValidated(Project project, TrainingSettings settings, Dataset data, int folds,
                                            Consumer<String> log, DoubleConsumer progress) {
        if (folds < 2 || folds > MAX_FOLDS) {
            throw new IllegalArgumentException("folds must be 2.." + MAX_FOLDS + ", not " + folds);
        }
        ImageSet train = data.train();
        if (train.size() < folds) {
            throw new IllegalArgumentException("the training split has " + train.size() + " images, fewer than " + folds + " folds");
        }
        boolean images = RunSession.checkFits(project.model(), data);
        NumericEngine.start();
        StratifiedFolds split = StratifiedFolds.of(train.labels(), folds, settings.seed());
        double[][] out = new double[train.size()][];
        for (int f = 0; f < folds; f++) {
            final int fold = f;
            int[] heldOut = split.validation(f);
            Dataset foldData = data.withSplits(data.classNames(), train.select(split.training(f)), train.select(heldOut));
            log.accept("fold " + (f + 1) + "/" + folds + ": training on " + (train.size() - heldOut.length) + " images, scoring "
                    + heldOut.length);
            ComputationGraph net = GraphCompiler.compile(project.model(), settings);
            Pretraining.autoencoders(project.model(), net, foldData, settings, log);
            String[] failure = new String[1];
            new TrainingRun(net, foldData, settings, images, null, new RunEvents() {
                @Override
                public void batch(int epoch, int batch, int batches, double loss) {
                    progress.accept((fold + (epoch + (batch + 1.0) / batches) / settings.epochs()) / folds);
                }

                @Override
                public void finished(Outcome outcome, String message) {
                    if (outcome == Outcome.FAILED || outcome == Outcome.STOPPED) {
                        failure[0] = message;
                    }
                }
            }).run();
            if (failure[0] != null) {
                throw new IllegalArgumentException("fold " + (f + 1) + " did not train: " + failure[0]);
            }
            double[][] p = probabilities(net, foldData.test(), images);
            for (int k = 0; k < heldOut.length; k++) {
                out[heldOut[k]] = p[k];
            }
        }
        progress.accept(1);
        return out;
    }

    /**
     * Probabilities for every image of {@code data}'s training split from a run's trained model,
     * when the user chooses it over k folds. Out of sample only for images the run did not train
     * on (a run trained on other data or on a held-out part); that choice is the user's.
     *
     * @throws IllegalArgumentException when the run's model does not fit the data (input shape or classes)
     */
    public static double[][] fromRun(RunFolder.Opened run, Dataset data, Consumer<String> log, DoubleConsumer progress) {
        boolean images = RunSession.checkFits(run.project().model(), data);
        NumericEngine.start();
        log.accept("scoring " + data.train().size() + " training images with the model of " + run.folder().path());
        double[][] out = probabilities(run.model(), data.train(), images);
        // The graph read from model.zip is what scores: its output width must be the data's classes too.
        if (out.length > 0 && out[0].length != data.classCount()) {
            throw new IllegalArgumentException("the run's model gives " + out[0].length + " class probabilities but the project's data has "
                    + data.classCount() + " classes");
        }
        progress.accept(1);
        return out;
    }

    /** The network's output [image][class] for every image of the set, in batches. */
    private static double[][] probabilities(ComputationGraph net, ImageSet set, boolean images) {
        double[][] out = new double[set.size()][];
        for (int start = 0; start < set.size(); start += BATCH) {
            int[] idx = java.util.stream.IntStream.range(start, Math.min(set.size(), start + BATCH)).toArray();
            double[][] p = net.outputSingle(false, DataArrays.features(set, idx, images)).castTo(DataType.DOUBLE).toDoubleMatrix();
            System.arraycopy(p, 0, out, start, idx.length);
        }
        return out;
    }
}
