package dev.qanvas.nn.qrnn;

import dev.qanvas.quantum.PostselectedAdjoint;
import dev.qanvas.quantum.QuantumNeuron;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a {@link QrnnCell} on a {@link QrnnTask} by simulation: the loss is the mean
 * cross-entropy -log p_t(target) over every step with a target, p_t the postselected class
 * distribution; its exact gradient comes from {@link PostselectedAdjoint} (one forward and one
 * backward pass per sequence), and Adam takes one full-batch step per epoch. Seeded: the same
 * settings give the same run.
 */
public final class QrnnTraining {

    private QrnnTraining() {
    }

    /** Epochs (full-batch Adam steps), Adam's learning rate, and the seed of the initial parameters. */
    public record Settings(int epochs, double learningRate, long seed) {
        public Settings {
            if (epochs < 1 || epochs > 100_000) {
                throw new IllegalArgumentException("epochs are 1..100000, not " + epochs);
            }
            if (!(learningRate > 0 && learningRate <= 10)) {
                throw new IllegalArgumentException("the learning rate is in (0, 10], not " + learningRate);
            }
        }
    }

    /**
     * One epoch: the loss and the training accuracy (scored steps) of the parameters it started
     * from (read off the gradient's own forward pass), and the test accuracy of the parameters
     * after its step, measured every {@link #TEST_EVERY} epochs and at the last (NaN between).
     */
    public record Epoch(int epoch, double loss, double trainAccuracy, double testAccuracy) {
    }

    /** How often the test accuracy is measured (it costs a forward pass per test sequence). */
    public static final int TEST_EVERY = 10;

    /** The trained parameters and each epoch's numbers. */
    public record Outcome(double[] parameters, List<Epoch> history) {
        public Epoch last() {
            return history.get(history.size() - 1);
        }
    }

    /**
     * Initial parameters: biases pi/4 + N(0, 0.1^2), where the activation q is steepest (q'(pi/4)
     * = 2; at 0 it is flat), the other weights N(0, 0.5^2).
     */
    public static double[] initialParameters(QrnnCell cell, long seed) {
        Random r = new Random(seed);
        double[] p = new double[cell.parameterCount()];
        for (QuantumNeuron n : cell.neurons()) {
            for (QuantumNeuron.Term t : n.terms()) {
                p[t.parameter()] = t.controls().isEmpty() ? Math.PI / 4 + 0.1 * r.nextGaussian() : 0.5 * r.nextGaussian();
            }
        }
        return p;
    }

    /** The mean loss over the sequences' targeted steps, its gradient, and the accuracy on the scored steps. */
    public record LossAndGradient(double loss, double[] gradient, double accuracy) {
    }

    public static LossAndGradient lossAndGradient(QrnnCell cell, double[] parameters, List<QrnnTask.Sequence> sequences) {
        int count = 0;
        for (QrnnTask.Sequence s : sequences) {
            for (int y : s.targets()) {
                count += y >= 0 ? 1 : 0;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("no step has a target");
        }
        int k = cell.classes();
        int right = 0, scored = 0;
        double loss = 0;
        double[] gradient = new double[parameters.length];
        QrnnCell.Compiled compiled = cell.compile(parameters);
        for (QrnnTask.Sequence s : sequences) {
            QrnnCell.CompiledRun u = compiled.unroll(s.inputs());
            int total = count;
            double[] lossHere = {0};
            PostselectedAdjoint.Result r = PostselectedAdjoint.vectorJacobian(cell.qubits(), u.steps(), u.readouts(),
                    parameters.length, values -> {
                        // d(-log(N/D)) = -dN/N + dD/D, averaged over the targeted steps
                        double[] w = new double[values.length];
                        for (int t = 0; t < s.targets().length; t++) {
                            int y = s.targets()[t];
                            if (y < 0) {
                                continue;
                            }
                            double n = values[t * (k + 1) + y], d = values[t * (k + 1) + k];
                            lossHere[0] -= Math.log(n / d) / total;
                            w[t * (k + 1) + y] -= 1 / (total * n);
                            w[t * (k + 1) + k] += 1 / (total * d);
                        }
                        return w;
                    });
            loss += lossHere[0];
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += r.gradient()[i];
            }
            double[][] dist = cell.distributions(r.values(), s.inputs().length);
            for (int t = 0; t < dist.length; t++) {
                if (s.scored()[t]) {
                    scored++;
                    right += argmax(dist[t]) == s.targets()[t] ? 1 : 0;
                }
            }
        }
        return new LossAndGradient(loss, gradient, scored == 0 ? Double.NaN : (double) right / scored);
    }

    /** The index of the largest value (the first, on ties). */
    static int argmax(double[] p) {
        int best = 0;
        for (int y = 1; y < p.length; y++) {
            best = p[y] > p[best] ? y : best;
        }
        return best;
    }

    /** The fraction of scored steps whose most probable class is the target (NaN when none is scored). */
    public static double accuracy(QrnnCell cell, double[] parameters, List<QrnnTask.Sequence> sequences) {
        int right = 0, scored = 0;
        QrnnCell.Compiled compiled = cell.compile(parameters);
        for (QrnnTask.Sequence s : sequences) {
            double[][] dist = compiled.distributions(s.inputs());
            for (int t = 0; t < dist.length; t++) {
                if (!s.scored()[t]) {
                    continue;
                }
                scored++;
                right += argmax(dist[t]) == s.targets()[t] ? 1 : 0;
            }
        }
        return scored == 0 ? Double.NaN : (double) right / scored;
    }

    /** Trains from {@link #initialParameters}; {@code progress} sees each epoch (on this thread). */
    public static Outcome train(QrnnCell cell, QrnnTask task, Settings settings, Consumer<Epoch> progress) {
        if (task.inputLanes() > cell.inputLanes() || task.outputLanes() != cell.outputLanes()) {
            throw new IllegalArgumentException("task " + task.name() + " needs " + task.inputLanes() + " input lanes and "
                    + task.outputLanes() + " output lanes; the cell has " + cell.inputLanes() + " and " + cell.outputLanes());
        }
        double[] p = initialParameters(cell, settings.seed());
        double[] m = new double[p.length], v = new double[p.length];
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        List<Epoch> history = new ArrayList<>();
        for (int e = 1; e <= settings.epochs(); e++) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            LossAndGradient lg = lossAndGradient(cell, p, task.train());
            double[] g = lg.gradient();
            for (int i = 0; i < p.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(beta1, e)), vHat = v[i] / (1 - Math.pow(beta2, e));
                p[i] -= settings.learningRate() * mHat / (Math.sqrt(vHat) + eps);
            }
            boolean test = e % TEST_EVERY == 0 || e == settings.epochs();
            Epoch epoch = new Epoch(e, lg.loss(), lg.accuracy(), test ? accuracy(cell, p, task.test()) : Double.NaN);
            history.add(epoch);
            progress.accept(epoch);
        }
        return new Outcome(p, history);
    }
}
