package dev.qanvas.nn.graph;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import java.util.List;

/**
 * What a node of the {@link ModelGraph} computes: a layer type with its settings. Each type is
 * an immutable record that checks its own numbers when built (a Dense has at least one unit, a
 * dropout rate is in [0, 1), ...) and throws {@link IllegalArgumentException} otherwise. Whether a
 * layer fits its <i>input</i> is not checked here but by {@link ModelGraph#analyse()}, which
 * reports it as a {@link GraphProblem}.
 *
 * <p>Each record lives in its own file in {@code dev.qanvas.nn.graph.kinds}, together with its
 * {@link LayerKind} (shape rule, parameter count, fields, DL4J mapping, palette entry) as the
 * nested class {@code Kind}; {@link LayerKinds} finds them there.
 */
public interface LayerSpec {

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

    /** The layers that run a quantum circuit: Quantum, Quanvolution, ParallelQuantum. */
    interface QuantumLayer extends LayerSpec {
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

    /** The layers that join two or more inputs: Concat and Add. */
    interface Merge extends LayerSpec {
        @Override
        default int maxInputs() {
            return Integer.MAX_VALUE;
        }

        @Override
        default boolean isMerge() {
            return true;
        }
    }
}
