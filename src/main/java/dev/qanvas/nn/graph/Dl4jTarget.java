package dev.qanvas.nn.graph;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * Where a {@link LayerKind} adds the DL4J layers or vertices of one node, as the compiler
 * ({@code dev.qanvas.nn.GraphCompiler}) builds the graph in topological order. The node's main
 * layer or vertex must be named {@link #id()}; helper parts are named {@code id + "_..."}.
 */
public interface Dl4jTarget {

    /** The node's id. */
    String id();

    /** The ids of the nodes feeding it, in edge order. */
    String[] inputs();

    /** The analysed shape of input {@code i}. */
    Shape inputShape(int i);

    /** The analysed output shape of the node. */
    Shape outputShape();

    /** The builder to add layers and vertices to. */
    ComputationGraphConfiguration.GraphBuilder builder();

    /** Declares the node as the network's input of this shape (the Input kind). */
    void addNetworkInput(Shape shape);

    /** Declares the node as the network's output (the Output kind). */
    void markNetworkOutput();

    /** DL4J's activation for ours. */
    static Activation activation(LayerSpec.Activation a) {
        return switch (a) {
            case IDENTITY -> Activation.IDENTITY;
            case RELU -> Activation.RELU;
            case LEAKY_RELU -> Activation.LEAKYRELU;
            case TANH -> Activation.TANH;
            case SIGMOID -> Activation.SIGMOID;
            case SOFTMAX -> Activation.SOFTMAX;
        };
    }
}
