package dev.qanvas.project.model;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.project.KernelRun;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A kernel project's model (issue 17) as the Model workspace draws it: the pipeline Input ->
 * Features -> Feature map -> SVM, read from {@link Project#kernel()}, and the classical baselines
 * that {@code project/KernelRun} trains beside the SVM on the same features, folds and test points
 * (RBF SVM, random forest). Each stage is a card with a few lines, like a layer's node card.
 *
 * @param stages       in data order: {@link #INPUT}, {@link #FEATURES}, {@link #FEATURE_MAP}, {@link #SVM}
 * @param alternatives the baselines compared with the SVM: {@link #RBF_SVM}, {@link #FOREST}
 */
public record KernelPipeline(List<Stage> stages, List<Stage> alternatives) {

    public static final String INPUT = "input";
    public static final String FEATURES = "features";
    public static final String FEATURE_MAP = "feature-map";
    public static final String SVM = "svm";
    public static final String RBF_SVM = "rbf-svm";
    public static final String FOREST = "random-forest";

    /** One card: {@code id} one of the constants above, coloured as a node of {@code kind}. */
    public record Stage(String id, String title, List<String> lines, NodeCard.Kind kind) {
    }

    public static KernelPipeline of(Project project) {
        KernelSpec k = project.kernel();
        if (k == null) {
            throw new IllegalArgumentException(project.name() + " has no kernel model");
        }
        List<String> input = new ArrayList<>();
        input.add(project.dataset().label());
        input.add(project.transforms().steps().isEmpty() ? "no transforms" : NodeCard.count(project.transforms().steps().size(), "transform"));

        List<String> features = new ArrayList<>();
        features.add(switch (k.features()) {
            case "pca" -> "PCA, " + k.components() + " components";
            case "activations" -> "activations of " + k.run();
            default -> "pixels after the transforms";
        });
        features.add(k.angles() ? "scaled to [0, π]" : "unscaled");
        features.add(k.trainPerClass() + " train + " + k.testPerClass() + " test / class");

        List<String> map = new ArrayList<>();
        map.add(mapName(k));
        if (!k.map().equals(KernelSpec.CUSTOM)) {
            map.add("reps " + k.reps() + (k.map().equals("z") ? "" : ", " + k.entanglement()));
        }
        map.add(k.knownFeatures().isPresent() ? NodeCard.count(k.knownFeatures().getAsInt(), "qubit") + ", one per feature"
                : k.map().equals(KernelSpec.CUSTOM) ? NodeCard.count(k.circuit().qubits(), "qubit") : "one qubit per feature");
        map.add(k.kind() + " kernel" + (k.kind().equals("projected") ? " (γ " + number(k.gamma()) + ")" : "") + ", "
                + (k.shots() == 0 ? "exact" : k.shots() + " shots"));

        List<String> svm = new ArrayList<>();
        svm.add("on the quantum kernel (LIBSVM)");
        svm.add("C = " + number(k.c()));
        svm.add("class weights " + weights(k));
        svm.add(k.folds() + "-fold CV, seed " + k.seed());

        List<Stage> stages = List.of(
                new Stage(INPUT, "Input", input, NodeCard.Kind.IO),
                new Stage(FEATURES, "Features", features, NodeCard.Kind.CLASSICAL),
                new Stage(FEATURE_MAP, "Feature map", map, NodeCard.Kind.QUANTUM),
                new Stage(SVM, "SVM", svm, NodeCard.Kind.CLASSICAL));
        List<Stage> alternatives = List.of(
                new Stage(RBF_SVM, "RBF SVM", List.of("same features and C", "γ \"scale\", same weights"), NodeCard.Kind.CLASSICAL),
                new Stage(FOREST, "Random forest", List.of(k.trees() + " trees (Tribuo)", "same features, unweighted"),
                        NodeCard.Kind.CLASSICAL));
        return new KernelPipeline(stages, alternatives);
    }

    /** "ZZ feature map", "Pauli feature map Z, XY", "Custom circuit, 12 gates". */
    public static String mapName(KernelSpec k) {
        return switch (k.map()) {
            case "z" -> "Z feature map";
            case "zz" -> "ZZ feature map";
            case KernelSpec.CUSTOM -> "Custom circuit, " + NodeCard.count(k.circuit().size(), "gate");
            default -> "Pauli feature map " + String.join(", ", k.paulis() != null ? k.paulis() : List.of("Z", "ZZ"));
        };
    }

    /** "equal", or "1, 2.5" in label order. */
    public static String weights(KernelSpec k) {
        return k.classWeights() == null ? "equal" : String.join(", ", k.classWeights().stream().map(KernelPipeline::number).toList());
    }

    /** The stage or alternative {@code id}. */
    public Stage stage(String id) {
        for (Stage s : stages) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return alternatives.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + id));
    }

    /**
     * How many features (so qubits) the feature map reads: pca's components, else read from disk
     * (the prepared images' values for pixels; for activations the width of what the trained run's
     * output layer receives, from its project file). Reads files: call it off the UI thread.
     *
     * @param projectFile where the project lives (a relative {@code run} is taken beside it); may be null
     */
    public static int featureCount(Project project, Path projectFile) throws IOException {
        KernelSpec k = project.kernel();
        if (k.knownFeatures().isPresent()) {
            return k.knownFeatures().getAsInt();
        }
        if (k.features().equals("pixels")) {
            Dataset d = PreparedData.load(project.dataset(), project.transforms()).data();
            return d.channels() * d.height() * d.width();
        }
        Path runDir = KernelRun.runFolder(k, projectFile);
        ModelGraph model = ProjectFiles.read(new RunFolder(runDir).project()).model();
        GraphAnalysis analysis = model.analyse();
        for (ModelGraph.Node n : model.nodes()) {
            if (n.spec() instanceof Output) {
                List<String> in = model.inputsOf(n.id());
                if (in.size() == 1) {
                    return analysis.shape(in.get(0)).map(Shape::size)
                            .orElseThrow(() -> new IOException(runDir + ": the size of what the output layer receives is not known"));
                }
            }
        }
        throw new IOException(runDir + ": the trained model has no output layer with one input");
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v).replaceAll("0+$", "");
    }
}
