package dev.qanvas.nn;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.GraphProblem;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelLimits;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.layers.QuantumLayer;
import dev.qanvas.nn.layers.QuanvolutionLayer;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The one adapter from a {@link ModelGraph} to a DL4J {@link ComputationGraph}: each canvas node
 * becomes one DL4J layer or vertex of the same name (a ParallelQuantum becomes one subset vertex
 * and one quantum layer per group, merged), in the graph's topological order. A graph with
 * problems is refused with all of them listed.
 */
public final class GraphCompiler {

    private GraphCompiler() {
    }

    public static ComputationGraph compile(ModelGraph graph, TrainingSettings settings) {
        return compile(graph, settings, DataType.FLOAT);
    }

    public static ComputationGraph compile(ModelGraph graph, TrainingSettings settings, DataType dataType) {
        return compile(graph, settings.seed(), settings.updater(), dataType, settings.batchSize());
    }

    /** With an explicit updater (gradient checks need {@code NoOp}), sized for batches of one. */
    static ComputationGraph compile(ModelGraph graph, long seed, IUpdater updater, DataType dataType) {
        return compile(graph, seed, updater, dataType, 1);
    }

    /**
     * Refuses a graph with problems, or one whose training in batches of {@code batch} would need
     * more memory than {@link ModelLimits} allows, <i>before</i> DL4J allocates anything.
     */
    static ComputationGraph compile(ModelGraph graph, long seed, IUpdater updater, DataType dataType, int batch) {
        ComputationGraphConfiguration conf = configure(graph, seed, updater, dataType);
        List<GraphProblem> memory = ModelLimits.memoryProblems(graph.analyse(), batch, dataType.width());
        if (!memory.isEmpty()) {
            throw new IllegalArgumentException(cannotBeBuilt(memory));
        }
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static String cannotBeBuilt(List<GraphProblem> problems) {
        return "the model cannot be built:\n" + problems.stream()
                .map(GraphProblem::message).map(m -> "- " + m).collect(Collectors.joining("\n"));
    }

    public static ComputationGraphConfiguration configure(ModelGraph graph, long seed, IUpdater updater, DataType dataType) {
        GraphAnalysis analysis = graph.analyse();
        if (!analysis.isValid()) {
            throw new IllegalArgumentException(cannotBeBuilt(analysis.problems()));
        }
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(updater).weightInit(WeightInit.XAVIER).dataType(dataType)
                .graphBuilder();
        List<InputType> inputTypes = new ArrayList<>();
        String output = null;
        for (String id : analysis.order()) {
            ModelGraph.Node node = graph.node(id).orElseThrow();
            String[] in = graph.inputsOf(id).toArray(String[]::new);
            LayerSpec spec = node.spec();
            if (spec instanceof LayerSpec.Input i) {
                b.addInputs(id);
                Shape s = analysis.shape(id).orElseThrow();
                inputTypes.add(s.isVector() ? InputType.feedForward(s.size()) : InputType.convolutional(s.height(), s.width(), s.channels()));
            } else if (spec instanceof LayerSpec.Flatten) {
                Shape s = analysis.shape(in[0]).orElseThrow();
                if (s.isVector()) {
                    b.addVertex(id, new SubsetVertex(0, (int) s.size() - 1), in); // already flat: pass through
                } else {
                    b.addVertex(id, new PreprocessorVertex(new CnnToFeedForwardPreProcessor(s.height(), s.width(), s.channels())), in);
                }
            } else if (spec instanceof LayerSpec.Dense d) {
                b.addLayer(id, new DenseLayer.Builder().nOut(d.units()).activation(activation(d.activation())).build(), in);
            } else if (spec instanceof LayerSpec.Conv2D c) {
                b.addLayer(id, new ConvolutionLayer.Builder(c.kernel(), c.kernel()).stride(c.stride(), c.stride()).nOut(c.filters())
                        .convolutionMode(c.padding() == LayerSpec.Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                        .activation(activation(c.activation())).build(), in);
            } else if (spec instanceof LayerSpec.MaxPool p) {
                b.addLayer(id, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(p.kernel(), p.kernel())
                        .stride(p.stride(), p.stride()).build(), in);
            } else if (spec instanceof LayerSpec.AvgPool p) {
                b.addLayer(id, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(p.kernel(), p.kernel())
                        .stride(p.stride(), p.stride()).build(), in);
            } else if (spec instanceof LayerSpec.BatchNorm) {
                b.addLayer(id, new BatchNormalization.Builder().build(), in);
            } else if (spec instanceof LayerSpec.Dropout d) {
                // DL4J's dropout argument is the probability of KEEPING a unit.
                b.addLayer(id, new DropoutLayer.Builder(1 - d.rate()).build(), in);
            } else if (spec instanceof LayerSpec.ActivationLayer a) {
                b.addLayer(id, new ActivationLayer.Builder().activation(activation(a.activation())).build(), in);
            } else if (spec instanceof LayerSpec.Concat) {
                b.addVertex(id, new MergeVertex(), in);
            } else if (spec instanceof LayerSpec.Add) {
                b.addVertex(id, new ElementWiseVertex(ElementWiseVertex.Op.Add), in);
            } else if (spec instanceof LayerSpec.Slice s) {
                b.addVertex(id, new SubsetVertex(s.from(), s.to() - 1), in);
            } else if (spec instanceof LayerSpec.Output o) {
                boolean softmax = o.kind() == LayerSpec.OutputKind.SOFTMAX;
                b.addLayer(id, new OutputLayer.Builder(softmax ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.XENT)
                        .nOut(o.classes()).activation(softmax ? Activation.SOFTMAX : Activation.SIGMOID).build(), in);
                output = id;
            } else if (spec instanceof LayerSpec.Quantum q) {
                b.addLayer(id, new QuantumLayer.Builder().circuit(q.circuit()).measurements(q.measurements())
                        .inputScale(q.inputScale()).outputScaling(q.outputScaling()).build(), in);
            } else if (spec instanceof LayerSpec.Quanvolution q) {
                b.addLayer(id, new QuanvolutionLayer.Builder().circuit(q.patchCircuit()).kernel(q.kernel()).stride(q.stride())
                        .trainable(q.trainable()).build(), in);
            } else if (spec instanceof LayerSpec.ParallelQuantum p) {
                int k = p.circuit().inputCount();
                String[] parts = new String[p.groups()];
                for (int g = 0; g < p.groups(); g++) {
                    String slice = id + "_in" + g;
                    b.addVertex(slice, new SubsetVertex(g * k, (g + 1) * k - 1), in);
                    parts[g] = id + "_q" + g;
                    b.addLayer(parts[g], new QuantumLayer.Builder().circuit(p.circuit()).measurements(p.measurements()).build(), slice);
                }
                b.addVertex(id, new MergeVertex(), parts);
            } else if (spec instanceof LayerSpec.Autoencoder a) {
                // The encoder half; Pretraining.autoencoders fills its weights before training.
                DenseLayer encoder = new DenseLayer.Builder().nOut(a.code()).activation(Activation.SIGMOID).build();
                b.addLayer(id, a.frozen() ? new FrozenLayerWithBackprop(encoder) : encoder, in);
            } else {
                throw new IllegalArgumentException("no DL4J mapping for " + spec.typeName() + " " + id);
            }
        }
        b.setOutputs(output);
        b.setInputTypes(inputTypes.toArray(InputType[]::new));
        return b.build();
    }

    private static Activation activation(LayerSpec.Activation a) {
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
