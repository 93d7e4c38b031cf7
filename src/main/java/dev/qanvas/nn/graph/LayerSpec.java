package dev.qanvas.nn.graph;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a node of the {@link ModelGraph} computes: a layer type with its settings. Each type is
 * an immutable record that checks its own numbers when built (a Dense has at least one unit, a
 * dropout rate is in [0, 1), ...) and throws {@link IllegalArgumentException} otherwise. Whether a
 * layer fits its <i>input</i> is not checked here but by {@link ModelGraph#analyse()}, which
 * reports it as a {@link GraphProblem}.
 *
 * <p>Shapes and parameter counts of each type are described on the record; everything else about
 * a type (shape rule, parameter count, fields, DL4J mapping, palette entry) is its {@link LayerKind}
 * in {@link LayerKinds#ALL}, which must have one kind per record here.
 */
public sealed interface LayerSpec {

    /** Element-wise activation functions. */
    enum Activation { IDENTITY, RELU, LEAKY_RELU, TANH, SIGMOID, SOFTMAX }

    /** Convolution padding: SAME keeps ceil(size / stride), VALID uses only whole windows. */
    enum Padding { SAME, VALID }

    /** The loss of the Output layer: softmax with cross-entropy, or sigmoid with binary cross-entropy. */
    enum OutputKind { SOFTMAX, SIGMOID }

    /** The name shown on the canvas and in messages: "Conv2D", "Quantum", ... */
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** A one-line description of the settings, e.g. "Conv2D 8 3x3/1 valid relu". */
    String describe();

    /** How many inputs the layer takes: 0 (Input), 1, or {@link Integer#MAX_VALUE} for Concat and Add. */
    default int maxInputs() {
        return 1;
    }

    /** True for Concat and Add, which join two or more inputs. */
    default boolean isMerge() {
        return false;
    }

    /** True for the layers that run a circuit on the simulator. */
    default boolean isQuantum() {
        return this instanceof QuantumLayer;
    }

    /** The layers that run a quantum circuit: {@link Quantum}, {@link Quanvolution}, {@link ParallelQuantum}. */
    sealed interface QuantumLayer extends LayerSpec permits Quantum, Quanvolution, ParallelQuantum {
        /** The circuit (for a ParallelQuantum, the one each group runs a copy of). */
        Circuit circuit();

        /** The trainable circuit weights of this layer (all copies). */
        int circuitParameters();

        /** Qubits in use: the circuit's, times the number of copies for a ParallelQuantum. */
        int qubitsUsed();

        /** What the layer measures, in output order. */
        List<PauliString> measurements();

        /** The same layer running {@code newCircuit} (what the Circuit workspace's edits make). */
        QuantumLayer withCircuit(Circuit newCircuit);
    }

    /**
     * The dataset's examples: an image of {@code channels x height x width}, or, when channels and
     * height are 1, a vector of {@code width} features.
     */
    record Input(int channels, int height, int width) implements LayerSpec {
        public Input {
            positive("channels", channels);
            positive("height", height);
            positive("width", width);
        }

        /** A vector input of {@code features} values. */
        public static Input vector(int features) {
            return new Input(1, 1, features);
        }

        public Shape shape() {
            return new Shape(channels, height, width);
        }

        @Override
        public int maxInputs() {
            return 0;
        }

        @Override
        public String describe() {
            return "Input " + shape();
        }
    }

    /** Image to vector of channels * height * width features (a vector passes unchanged). */
    record Flatten() implements LayerSpec {
        @Override
        public String describe() {
            return "Flatten";
        }
    }

    /** Fully connected: {@code units} outputs; an image input is flattened first. Parameters in * units + units. */
    record Dense(int units, Activation activation) implements LayerSpec {
        public Dense {
            positive("units", units);
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public String describe() {
            return "Dense " + units + " " + lower(activation);
        }
    }

    /**
     * 2-D convolution of square {@code kernel x kernel} windows moved by {@code stride}, giving
     * {@code filters} channels. Parameters kernel * kernel * inChannels * filters + filters.
     */
    record Conv2D(int filters, int kernel, int stride, Padding padding, Activation activation) implements LayerSpec {
        public Conv2D {
            positive("filters", filters);
            positive("kernel", kernel);
            positive("stride", stride);
            Objects.requireNonNull(padding, "padding");
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public String describe() {
            return "Conv2D " + filters + " " + kernel + "x" + kernel + "/" + stride + " " + lower(padding) + " " + lower(activation);
        }
    }

    /** Maximum over square windows (VALID padding), per channel. No parameters. */
    record MaxPool(int kernel, int stride) implements LayerSpec {
        public MaxPool {
            positive("kernel", kernel);
            positive("stride", stride);
        }

        @Override
        public String describe() {
            return "MaxPool " + kernel + "x" + kernel + "/" + stride;
        }
    }

    /** Average over square windows (VALID padding), per channel. No parameters. */
    record AvgPool(int kernel, int stride) implements LayerSpec {
        public AvgPool {
            positive("kernel", kernel);
            positive("stride", stride);
        }

        @Override
        public String describe() {
            return "AvgPool " + kernel + "x" + kernel + "/" + stride;
        }
    }

    /**
     * Batch normalisation, per channel of an image or per feature of a vector. Parameters 4 per
     * channel (or feature): gamma and beta, which are trained, and the running mean and variance,
     * which DL4J stores among the parameters too.
     */
    record BatchNorm() implements LayerSpec {
        @Override
        public String describe() {
            return "BatchNorm";
        }
    }

    /** Drops each value with probability {@code rate} while training; 0 <= rate < 1. */
    record Dropout(double rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("a dropout rate is at least 0 and below 1, not " + rate);
            }
        }

        @Override
        public String describe() {
            return "Dropout " + rate;
        }
    }

    /** An activation function on its own. */
    record ActivationLayer(Activation activation) implements LayerSpec {
        public ActivationLayer {
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public String typeName() {
            return "Activation";
        }

        @Override
        public String describe() {
            return "Activation " + lower(activation);
        }
    }

    /** The layers that join two or more inputs: {@link Concat} and {@link Add}. */
    sealed interface Merge extends LayerSpec permits Concat, Add {
        @Override
        default int maxInputs() {
            return Integer.MAX_VALUE;
        }

        @Override
        default boolean isMerge() {
            return true;
        }
    }

    /**
     * Joins two or more inputs, in the order of their edges: vectors end to end, images along
     * channels (their height and width must match).
     */
    record Concat() implements Merge {
        @Override
        public String describe() {
            return "Concat";
        }
    }

    /** Element-wise sum of two or more inputs of the same shape (a residual connection). */
    record Add() implements Merge {
        @Override
        public String describe() {
            return "Add";
        }
    }

    /** Features [from, to) of a vector: 0 <= from < to. */
    record Slice(int from, int to) implements LayerSpec {
        public Slice {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("a slice takes features [from, to) with 0 <= from < to, not [" + from + ", " + to + ")");
            }
        }

        public int size() {
            return to - from;
        }

        @Override
        public String describe() {
            return "Slice [" + from + ", " + to + ")";
        }
    }

    /**
     * The classifier at the end: a dense layer of {@code classes} units with the loss of
     * {@code kind}. A SIGMOID output is for two classes (1 or 2 units); the analysis reports other
     * counts. Parameters as a Dense.
     */
    record Output(int classes, OutputKind kind) implements LayerSpec {
        public Output {
            positive("classes", classes);
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String describe() {
            return "Output " + classes + " " + lower(kind);
        }
    }

    /**
     * The encoder half of a dense autoencoder, pretrained for {@code pretrainEpochs} epochs to
     * reconstruct its input, then {@code frozen} or trained on with the rest: input vector to
     * {@code code} features. Parameters in * code + code (the decoder is not part of the model).
     */
    record Autoencoder(int code, int pretrainEpochs, boolean frozen) implements LayerSpec {
        public Autoencoder {
            positive("code", code);
            if (pretrainEpochs < 0) {
                throw new IllegalArgumentException("pretrainEpochs must be >= 0, not " + pretrainEpochs);
            }
        }

        @Override
        public String describe() {
            return "Autoencoder " + code + (frozen ? " frozen" : "");
        }
    }

    /**
     * A variational circuit as a layer: input feature i (times {@code inputScale}) feeds the
     * circuit's x[i], for i < {@code circuit.inputCount()}, which must equal the input size; one
     * output per measurement (its expectation, in [-1, 1]). With {@code outputScaling} each output
     * gets a trainable scale and bias. Parameters: the circuit's weights, plus 2 per output when
     * scaling.
     */
    record Quantum(Circuit circuit, List<PauliString> measurements, double inputScale, boolean outputScaling)
            implements QuantumLayer {
        public Quantum {
            Objects.requireNonNull(circuit, "circuit");
            measurements = List.copyOf(measurements);
            if (measurements.isEmpty()) {
                throw new IllegalArgumentException("a quantum layer measures at least one observable");
            }
            if (!Double.isFinite(inputScale)) {
                throw new IllegalArgumentException("inputScale must be finite, not " + inputScale);
            }
        }

        @Override
        public Quantum withCircuit(Circuit newCircuit) {
            return new Quantum(newCircuit, measurements, inputScale, outputScaling);
        }

        /** The circuit measured with Z on every qubit, inputs unscaled, no output scaling. */
        public static Quantum of(Circuit circuit) {
            return new Quantum(circuit, zOnEach(circuit.qubits()), 1.0, false);
        }

        @Override
        public int circuitParameters() {
            return circuit.weightNames().size();
        }

        @Override
        public int qubitsUsed() {
            return circuit.qubits();
        }

        @Override
        public String describe() {
            return "Quantum " + circuit.qubits() + " qubits, measures " + measurements;
        }
    }

    /**
     * Quanvolution (Henderson et al. 2019): {@code patchCircuit} reads a {@code kernel x kernel}
     * patch (x[0..k*k-1], row by row) of each input channel, moved by {@code stride} with VALID
     * padding, and gives one output channel per qubit (Z measured on each). Output
     * (inChannels * qubits) x outH x outW. Parameters: the circuit's weights if {@code trainable},
     * else 0 (a fixed random filter).
     */
    record Quanvolution(Circuit patchCircuit, int kernel, int stride, boolean trainable) implements QuantumLayer {
        public Quanvolution {
            Objects.requireNonNull(patchCircuit, "patchCircuit");
            positive("kernel", kernel);
            positive("stride", stride);
        }

        @Override
        public Circuit circuit() {
            return patchCircuit;
        }

        @Override
        public Quanvolution withCircuit(Circuit newCircuit) {
            return new Quanvolution(newCircuit, kernel, stride, trainable);
        }

        @Override
        public int circuitParameters() {
            return trainable ? patchCircuit.weightNames().size() : 0;
        }

        @Override
        public int qubitsUsed() {
            return patchCircuit.qubits();
        }

        @Override
        public List<PauliString> measurements() {
            return zOnEach(patchCircuit.qubits());
        }

        @Override
        public String describe() {
            return "Quanvolution " + kernel + "x" + kernel + "/" + stride + ", " + patchCircuit.qubits() + " qubits"
                    + (trainable ? "" : ", fixed");
        }
    }

    /**
     * The input split into {@code groups} equal contiguous groups of {@code circuit.inputCount()}
     * features, each through its own copy of the circuit (own weights); outputs concatenated
     * group by group: groups * measurements values. Parameters groups * circuit weights.
     */
    record ParallelQuantum(Circuit circuit, int groups, List<PauliString> measurements) implements QuantumLayer {
        public ParallelQuantum {
            Objects.requireNonNull(circuit, "circuit");
            positive("groups", groups);
            measurements = List.copyOf(measurements);
            if (measurements.isEmpty()) {
                throw new IllegalArgumentException("a quantum layer measures at least one observable");
            }
        }

        @Override
        public ParallelQuantum withCircuit(Circuit newCircuit) {
            return new ParallelQuantum(newCircuit, groups, measurements);
        }

        /** Copies of the circuit measured with Z on every qubit. */
        public static ParallelQuantum of(Circuit circuit, int groups) {
            return new ParallelQuantum(circuit, groups, zOnEach(circuit.qubits()));
        }

        /** Saturates at Integer.MAX_VALUE for absurd group counts (which the analysis reports). */
        @Override
        public int circuitParameters() {
            return (int) Math.min(Integer.MAX_VALUE, (long) groups * circuit.weightNames().size());
        }

        /** Saturates at Integer.MAX_VALUE for absurd group counts (which the analysis reports). */
        @Override
        public int qubitsUsed() {
            return (int) Math.min(Integer.MAX_VALUE, (long) groups * circuit.qubits());
        }

        @Override
        public String describe() {
            return "ParallelQuantum " + groups + " x " + circuit.qubits() + " qubits, measures " + measurements;
        }
    }

    /** Z0, Z1, ..., Z(n-1). */
    private static List<PauliString> zOnEach(int qubits) {
        List<PauliString> z = new ArrayList<>();
        for (int q = 0; q < qubits; q++) {
            z.add(PauliString.z(q));
        }
        return List.copyOf(z);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, not " + value);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
