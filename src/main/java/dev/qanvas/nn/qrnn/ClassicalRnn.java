package dev.qanvas.nn.qrnn;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The classical baseline for a {@link QrnnTask}: a DL4J {@code SimpleRnn} (tanh, h hidden units)
 * with a softmax output at every step, fed the same token bits as the QRNN's input lanes and
 * trained on the same targeted steps (the others masked) by full-batch Adam. Its size is chosen
 * to match a QRNN's parameter count ({@link #hiddenFor}).
 */
public final class ClassicalRnn {

    private ClassicalRnn() {
    }

    /** Hidden units, parameters, accuracy on the scored steps of the training and test sequences. */
    public record Outcome(int hidden, long parameters, double trainAccuracy, double testAccuracy) {
    }

    /** Parameters of a SimpleRnn with {@code h} units on {@code inputs} features and its softmax over {@code classes}. */
    public static long parameters(int inputs, int h, int classes) {
        return (long) inputs * h + (long) h * h + h + (long) h * classes + classes;
    }

    /** The hidden size whose parameter count is closest to {@code target}. */
    public static int hiddenFor(int inputs, int classes, int target) {
        int best = 1;
        for (int h = 1; h <= 256; h++) {
            if (Math.abs(parameters(inputs, h, classes) - target) < Math.abs(parameters(inputs, best, classes) - target)) {
                best = h;
            }
        }
        return best;
    }

    public static Outcome train(QrnnTask task, int hidden, int epochs, double learningRate, long seed) {
        int inputs = task.inputLanes(), classes = 1 << task.outputLanes();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(learningRate)).weightInit(WeightInit.XAVIER).list()
                .layer(new SimpleRnn.Builder().nIn(inputs).nOut(hidden).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet train = arrays(task.train(), inputs, classes);
        for (int e = 0; e < epochs; e++) {
            net.fit(train);
        }
        return new Outcome(hidden, net.numParams(), accuracy(net, task.train(), inputs, classes),
                accuracy(net, task.test(), inputs, classes));
    }

    /** Features [n, inputs, T] (token bits), one-hot labels [n, classes, T], masks [n, T] (padding, untargeted steps). */
    private static DataSet arrays(List<QrnnTask.Sequence> seqs, int inputs, int classes) {
        int n = seqs.size();
        int length = seqs.stream().mapToInt(s -> s.inputs().length).max().orElse(1);
        INDArray f = Nd4j.zeros(DataType.FLOAT, n, inputs, length), l = Nd4j.zeros(DataType.FLOAT, n, classes, length);
        INDArray fm = Nd4j.zeros(DataType.FLOAT, n, length), lm = Nd4j.zeros(DataType.FLOAT, n, length);
        for (int i = 0; i < n; i++) {
            QrnnTask.Sequence s = seqs.get(i);
            for (int t = 0; t < s.inputs().length; t++) {
                fm.putScalar(i, t, 1);
                for (int b = 0; b < inputs; b++) {
                    f.putScalar(new int[] {i, b, t}, (s.inputs()[t] >> b) & 1);
                }
                if (s.targets()[t] >= 0) {
                    lm.putScalar(i, t, 1);
                    l.putScalar(new int[] {i, s.targets()[t], t}, 1);
                }
            }
        }
        return new DataSet(f, l, fm, lm);
    }

    private static double accuracy(MultiLayerNetwork net, List<QrnnTask.Sequence> seqs, int inputs, int classes) {
        DataSet d = arrays(seqs, inputs, classes);
        INDArray out = net.output(d.getFeatures(), false, d.getFeaturesMaskArray(), null);
        int right = 0, scored = 0;
        for (int i = 0; i < seqs.size(); i++) {
            QrnnTask.Sequence s = seqs.get(i);
            for (int t = 0; t < s.inputs().length; t++) {
                if (!s.scored()[t]) {
                    continue;
                }
                scored++;
                double[] p = new double[classes];
                for (int y = 0; y < classes; y++) {
                    p[y] = out.getDouble(i, y, t);
                }
                right += QrnnTraining.argmax(p) == s.targets()[t] ? 1 : 0;
            }
        }
        return scored == 0 ? Double.NaN : (double) right / scored;
    }
}
