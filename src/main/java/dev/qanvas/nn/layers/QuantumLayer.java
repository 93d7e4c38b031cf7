package dev.qanvas.nn.layers;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.CircuitText;
import dev.qanvas.quantum.PauliString;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DL4J configuration of a quantum layer: a circuit whose input features {@code x[i]} are the
 * layer's inputs (times {@code inputScale}) and whose outputs are the expectation values of the
 * chosen Pauli measurements. Its parameters are the circuit's trainable weights, in
 * {@link Circuit#weightNames()} order. Forward and backward run on Qanvas's batched simulator;
 * the backward pass is adjoint differentiation, so gradients reach both the weights and the
 * inputs and the layer can sit anywhere in a network.
 *
 * <p>The circuit is stored as {@link CircuitText} so DL4J's JSON serialisation keeps it exactly.
 * DL4J stores this class's name in saved models: do not rename or move it.
 */
public class QuantumLayer extends CircuitLayer {

    private String[] measurements;
    private double inputScale = 1.0;
    private boolean outputScaling;

    /** For DL4J's JSON deserialisation. */
    public QuantumLayer() {
    }

    private QuantumLayer(Builder b) {
        super(b, b.circuit);
        this.measurements = b.measurements.stream().map(PauliString::toString).toArray(String[]::new);
        this.inputScale = b.inputScale;
        this.outputScaling = b.outputScaling;
        this.nIn = b.circuit.inputCount();
        this.nOut = b.measurements.size();
        initializeConstraints(b);
    }


    /** The circuit's input features for a batch of layer inputs [batch][features]: the inputs times {@code inputScale}. */
    public double[][] circuitInputs(org.nd4j.linalg.api.ndarray.INDArray input) {
        return Rows.of(input, inputScale);
    }

    public List<PauliString> measurementList() {
        return Arrays.stream(measurements).map(PauliString::parse).toList();
    }

    // Getters and setters are what DL4J's JSON serialisation reads and writes.
    public String[] getMeasurements() { return measurements; }
    public void setMeasurements(String[] measurements) { this.measurements = measurements; }
    public double getInputScale() { return inputScale; }
    public void setInputScale(double inputScale) { this.inputScale = inputScale; }
    /** When true, each output is {@code scale * <O> + bias} with a trainable scale (from 1) and bias (from 0). */
    public boolean isOutputScaling() { return outputScaling; }
    public void setOutputScaling(boolean outputScaling) { this.outputScaling = outputScaling; }

    @Override
    protected QuantumLayerImpl newImplementation(NeuralNetConfiguration conf, DataType dataType) {
        return new QuantumLayerImpl(conf, dataType);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // nIn is fixed by the circuit; a mismatching input is reported by the model graph's validation.
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        Circuit c = circuit();
        return new LayerMemoryReport.Builder(layerName, QuantumLayer.class, inputType, getOutputType(-1, inputType))
                .standardMemory(initializer().numParams(this), 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }

    /** Builds a quantum layer from a circuit and its measurements. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private Circuit circuit;
        private List<PauliString> measurements;
        private double inputScale = 1.0;
        private boolean outputScaling;

        public Builder outputScaling(boolean on) {
            this.outputScaling = on;
            return this;
        }

        public Builder circuit(Circuit c) {
            this.circuit = c;
            return this;
        }

        public Builder measurements(List<PauliString> m) {
            this.measurements = List.copyOf(m);
            return this;
        }

        public Builder inputScale(double scale) {
            this.inputScale = scale;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public QuantumLayer build() {
            if (circuit == null || measurements == null || measurements.isEmpty()) {
                throw new IllegalStateException("a quantum layer needs a circuit and at least one measurement");
            }
            return new QuantumLayer(this);
        }
    }
}
