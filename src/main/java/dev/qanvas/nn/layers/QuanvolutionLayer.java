package dev.qanvas.nn.layers;

import dev.qanvas.quantum.Circuit;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Quanvolution (Henderson et al. 2019): a k x k patch circuit slid over every input channel with
 * a stride (no padding). Each patch's k*k pixels are the circuit's inputs x[0..k*k-1] (row-major
 * in the patch); each qubit's Z expectation is one output channel, so C input channels give
 * C * qubits output channels. The circuit is fixed (random) or trainable: its weights are the
 * layer's parameters only when {@code trainable}. Images are NCHW.
 * DL4J stores this class's name in saved models: do not rename or move it.
 */
public class QuanvolutionLayer extends CircuitLayer {

    private int kernel;
    private int stride;
    private boolean trainable;

    /** For DL4J's JSON deserialisation. */
    public QuanvolutionLayer() {
    }

    private QuanvolutionLayer(Builder b) {
        super(b, b.circuit);
        if (b.circuit.inputCount() != b.kernel * b.kernel) {
            throw new IllegalArgumentException("a " + b.kernel + "x" + b.kernel + " quanvolution needs a circuit reading "
                    + b.kernel * b.kernel + " inputs, this one reads " + b.circuit.inputCount());
        }
        this.kernel = b.kernel;
        this.stride = b.stride;
        this.trainable = b.trainable;
        initializeConstraints(b);
    }

    public int getKernel() { return kernel; }
    public void setKernel(int k) { this.kernel = k; }
    public int getStride() { return stride; }
    public void setStride(int s) { this.stride = s; }
    public boolean isTrainable() { return trainable; }
    public void setTrainable(boolean t) { this.trainable = t; }

    /** Output size along one axis for an input of {@code size}. */
    public int outputSize(long size) {
        return (int) ((size - kernel) / stride + 1);
    }

    @Override
    protected QuanvolutionLayerImpl newImplementation(NeuralNetConfiguration conf, DataType dataType) {
        return new QuanvolutionLayerImpl(conf, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional in)) {
            throw new IllegalArgumentException("quanvolution " + layerName + " needs an image input, got " + inputType);
        }
        int qubits = circuit().qubits();
        return InputType.convolutional(outputSize(in.getHeight()), outputSize(in.getWidth()), in.getChannels() * qubits);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeConvolutional in) {
            this.nIn = in.getChannels();
            this.nOut = in.getChannels() * circuit().qubits();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null; // works on images as they come
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, QuanvolutionLayer.class, inputType, getOutputType(-1, inputType))
                .standardMemory(trainable ? circuit().weightNames().size() : 0, 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }

    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private Circuit circuit;
        private int kernel = 2;
        private int stride = 2;
        private boolean trainable;

        public Builder circuit(Circuit c) {
            this.circuit = c;
            return this;
        }

        public Builder kernel(int k) {
            this.kernel = k;
            return this;
        }

        public Builder stride(int s) {
            this.stride = s;
            return this;
        }

        public Builder trainable(boolean t) {
            this.trainable = t;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public QuanvolutionLayer build() {
            if (circuit == null) {
                throw new IllegalStateException("a quanvolution layer needs a patch circuit");
            }
            return new QuanvolutionLayer(this);
        }
    }
}
