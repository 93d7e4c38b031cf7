package dev.qanvas.nn;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.GraphProblem;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelLimits;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The one adapter from a {@link ModelGraph} to a DL4J {@link ComputationGraph}: each canvas node
 * becomes one DL4J layer or vertex of the same name (a ParallelQuantum becomes one subset vertex
 * and one quantum layer per group, merged), in the graph's topological order. What each node
 * becomes is its kind's {@link dev.qanvas.nn.graph.LayerKind#toDl4j}. A graph with
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
        String[] output = new String[1];
        for (String id : analysis.order()) {
            LayerSpec spec = graph.node(id).orElseThrow().spec();
            String[] in = graph.inputsOf(id).toArray(String[]::new);
            LayerKinds.of(spec).toDl4j(spec, new Dl4jTarget() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public String[] inputs() {
                    return in.clone();
                }

                @Override
                public Shape inputShape(int i) {
                    return analysis.shape(in[i]).orElseThrow();
                }

                @Override
                public Shape outputShape() {
                    return analysis.shape(id).orElseThrow();
                }

                @Override
                public ComputationGraphConfiguration.GraphBuilder builder() {
                    return b;
                }

                @Override
                public void addNetworkInput(Shape s) {
                    b.addInputs(id);
                    inputTypes.add(s.isVector() ? InputType.feedForward(s.size()) : InputType.convolutional(s.height(), s.width(), s.channels()));
                }

                @Override
                public void markNetworkOutput() {
                    output[0] = id;
                }
            });
        }
        b.setOutputs(output[0]);
        b.setInputTypes(inputTypes.toArray(InputType[]::new));
        return b.build();
    }
}
