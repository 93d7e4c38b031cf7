package dev.qanvas.nn.layers;

import dev.qanvas.nn.qrnn.QrnnCell;
import dev.qanvas.nn.qrnn.QrnnTraining;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DL4J configuration of a QRNN layer (nn.graph.kinds.Qrnn, docs/qrnn.md): each example's
 * {@code steps * inputLanes} values become {@code steps} tokens ({@link QrnnCell#tokens}) read by
 * the cell; the output is the log of the class distribution after the last step. Its one parameter array "W"
 * holds the cell's parameters in {@link QrnnCell#neurons()} order, started at
 * {@link QrnnTraining#initialParameters} of the seed. DL4J stores this class's name in saved
 * models: do not rename or move it.
 */
public class QrnnLayer extends FixedWidthLayer {

    public static final String WEIGHTS = "W";
    /** The smallest probability passed on as it is: below it the output is ln FLOOR (and its gradient 0), never -infinity. */
    public static final double FLOOR = 1e-12;

    private int inputLanes;
    private int steps;
    private int cellLanes;
    private int outputLanes;
    private int order;
    private int degree;
    private double threshold = 0.5;
    private int seed;

    /** For DL4J's JSON deserialisation. */
    public QrnnLayer() {
    }

    private QrnnLayer(Builder b) {
        super(b);
        this.inputLanes = b.inputLanes;
        this.steps = b.steps;
        this.cellLanes = b.cellLanes;
        this.outputLanes = b.outputLanes;
        this.order = b.order;
        this.degree = b.degree;
        this.threshold = b.threshold;
        this.seed = b.seed;
        this.nIn = (long) steps * inputLanes;
        this.nOut = 1L << outputLanes;
        initializeConstraints(b);
    }

    /** The cell (one layer of neurons). */
    public QrnnCell cell() {
        return new QrnnCell(inputLanes, cellLanes, outputLanes, order, degree, 1);
    }

    // Getters and setters are what DL4J's JSON serialisation reads and writes.
    public int getInputLanes() { return inputLanes; }
    public void setInputLanes(int v) { this.inputLanes = v; }
    public int getSteps() { return steps; }
    public void setSteps(int v) { this.steps = v; }
    public int getCellLanes() { return cellLanes; }
    public void setCellLanes(int v) { this.cellLanes = v; }
    public int getOutputLanes() { return outputLanes; }
    public void setOutputLanes(int v) { this.outputLanes = v; }
    public int getOrder() { return order; }
    public void setOrder(int v) { this.order = v; }
    public int getDegree() { return degree; }
    public void setDegree(int v) { this.degree = v; }
    public double getThreshold() { return threshold; }
    public void setThreshold(double v) { this.threshold = v; }
    public int getSeed() { return seed; }
    public void setSeed(int v) { this.seed = v; }

    @Override
    protected QrnnLayerImpl newImplementation(NeuralNetConfiguration conf, DataType dataType) {
        return new QrnnLayerImpl(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return Params.INSTANCE;
    }

    /** One row vector "W" of the weights, started at their initial values. */
    static final class Params extends WeightRow {
        static final Params INSTANCE = new Params();

        @Override
        long count(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return ((QrnnLayer) layer).cell().parameterCount();
        }

        @Override
        double[] initial(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return QrnnTraining.initialParameters(((QrnnLayer) layer).cell(), ((QrnnLayer) layer).seed);
        }
    }

    /** Builds a QRNN layer from its settings. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int inputLanes = 1;
        private int steps;
        private int cellLanes;
        private int outputLanes = 1;
        private int order = 1;
        private int degree = 1;
        private double threshold = 0.5;
        private int seed;

        public Builder inputLanes(int v) { this.inputLanes = v; return this; }
        public Builder steps(int v) { this.steps = v; return this; }
        public Builder cellLanes(int v) { this.cellLanes = v; return this; }
        public Builder outputLanes(int v) { this.outputLanes = v; return this; }
        public Builder order(int v) { this.order = v; return this; }
        public Builder degree(int v) { this.degree = v; return this; }
        public Builder threshold(double v) { this.threshold = v; return this; }
        public Builder seed(int v) { this.seed = v; return this; }

        @Override
        @SuppressWarnings("unchecked")
        public QrnnLayer build() {
            if (steps < 1) {
                throw new IllegalStateException("a QRNN layer reads at least one step");
            }
            new QrnnCell(inputLanes, cellLanes, outputLanes, order, degree, 1); // refuses bad shapes with its message
            return new QrnnLayer(this);
        }
    }
}
