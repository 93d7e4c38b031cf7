package dev.qanvas.nn.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adversarial examples for training ({@link AdversarialTraining}), crafted on the live training
 * network with its current weights: no copy per batch. The input gradient comes from one
 * forward and backward pass of the network's own loss ({@code computeGradientAndScore}, which
 * leaves the weights and the updater alone), read from the input vertex's epsilon by a listener
 * (docs/architecture.md, facts about the libraries). Workspaces are off for that pass only, so the
 * epsilon is an ordinary array when the listener copies it (DL4J reads the modes on every call). The pass runs in training mode, as
 * the fit that follows does: dropout is on and batch normalisation uses the batch's statistics.
 * The steps themselves are {@link SignedSteps}, in pixel units. Not thread-safe.
 */
final class AdversarialExamples {

    private final ComputationGraph net;
    private final AdversarialTraining settings;
    private final PixelSpace space;
    private final String inputName;
    private INDArray captured;
    private final TrainingListener capture = new BaseTrainingListener() {
        @Override
        public void onBackwardPass(Model model) {
            captured = ((ComputationGraph) model).getVertex(inputName).getEpsilon().dup();
        }
    };

    AdversarialExamples(ComputationGraph net, AdversarialTraining settings, PixelSpace space) {
        this.net = net;
        this.settings = settings;
        this.space = space;
        this.inputName = net.getConfiguration().getNetworkInputs().get(0);
    }

    /** How many images of a batch of {@code n} are replaced: the ratio, rounded. */
    int replaced(int n) {
        return settings.replaced(n);
    }

    /**
     * The batch with its first {@link #replaced} images swapped for their adversarial versions
     * (the batch is shuffled, so the first ones are a random choice); labels unchanged. The batch
     * itself is not changed.
     */
    DataSet mix(DataSet batch, Random random) {
        int n = batch.numExamples();
        int k = replaced(n);
        if (k == 0) {
            return batch;
        }
        INDArray features = batch.getFeatures().dup('c');
        long[] shape = features.shape();
        int size = (int) (features.length() / n);
        double[][] rows = features.reshape(n, size).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] pixels = new double[k][];
        for (int i = 0; i < k; i++) {
            pixels[i] = space.toPixels(rows[i]);
        }
        INDArray labels = batch.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        double[][] adversarial = craft(pixels, labels, shape, random);
        float[] flat = features.castTo(DataType.FLOAT).data().asFloat();
        for (int i = 0; i < k; i++) {
            double[] model = space.toModel(adversarial[i]);
            for (int j = 0; j < size; j++) {
                flat[i * size + j] = (float) model[j];
            }
        }
        return new DataSet(Nd4j.create(flat, shape, 'c').castTo(features.dataType()), batch.getLabels());
    }

    /** Adversarial versions of {@code pixels} (rows in pixel units) for their one-hot {@code labels}. */
    double[][] craft(double[][] pixels, INDArray labels, long[] batchShape, Random random) {
        double eps = settings.epsilon();
        if (settings.method() == AdversarialTraining.Method.FGSM) {
            double[][] g = pixelGradients(pixels, labels, batchShape);
            double[][] out = new double[pixels.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = SignedSteps.fgsm(pixels[i], g[i], eps, space);
            }
            return out;
        }
        // PGD as in Madry et al.'s training: the last iterate from a random start (no search for the worst).
        double alpha = AdversarialTraining.PGD_STEP_SCALE * eps / settings.steps();
        double[][] x = new double[pixels.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = SignedSteps.start(pixels[i], eps, random, space);
        }
        for (int step = 0; step < settings.steps(); step++) {
            double[][] g = pixelGradients(x, labels, batchShape);
            for (int i = 0; i < x.length; i++) {
                SignedSteps.pgdStep(x[i], pixels[i], g[i], alpha, eps, space);
            }
        }
        return x;
    }

    /** d loss_i / d pixels_i on the live network: its input gradient times the normalisation's scale. */
    double[][] pixelGradients(double[][] pixels, INDArray labels, long[] batchShape) {
        int k = pixels.length;
        int size = pixels[0].length;
        double[] flat = new double[k * size];
        for (int i = 0; i < k; i++) {
            System.arraycopy(space.toModel(pixels[i]), 0, flat, i * size, size);
        }
        long[] shape = batchShape.clone();
        shape[0] = k;
        ComputationGraphConfiguration conf = net.getConfiguration();
        WorkspaceMode training = conf.getTrainingWorkspaceMode();
        WorkspaceMode inference = conf.getInferenceWorkspaceMode();
        List<TrainingListener> listeners = new ArrayList<>(net.getListeners());
        // Both modes: DL4J's backward pass takes its epsilons' workspaces from the inference mode.
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        net.addListeners(capture);
        captured = null;
        try {
            // In the network's own type: some layers' backward passes refuse mixed types.
            DataType type = net.params().dataType();
            net.setInputs(Nd4j.create(flat, shape, 'c').castTo(type));
            net.setLabels(labels.castTo(type));
            net.computeGradientAndScore();
        } finally {
            net.setListeners(listeners);
            conf.setTrainingWorkspaceMode(training);
            conf.setInferenceWorkspaceMode(inference);
            net.clear();
        }
        if (captured == null) {
            throw new IllegalStateException("the network gave no gradient for its input " + inputName);
        }
        double[][] g = captured.reshape(k, size).castTo(DataType.DOUBLE).toDoubleMatrix();
        for (double[] row : g) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= space.scale();
            }
        }
        return g;
    }
}
