package dev.qanvas.ui.model;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.ClassicalTwin;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.project.CircuitTarget;
import dev.qanvas.project.Project;
import dev.qanvas.project.model.KernelEdits;
import dev.qanvas.project.model.KernelPipeline;
import java.nio.file.Path;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The Model workspace without its views: the analysis of the current graph, the node commands
 * (swap with the classical twin and back, rename, match the dataset) and what the workspace
 * remembers between them (each swapped node's quantum original). It needs no JavaFX toolkit:
 * reading the dataset goes through {@link Background.Runner}, which the workspace backs with its background
 * worker and a test with a direct call.
 */
public final class ModelViewModel {

    private final DocumentModel doc;
    private final Background.Runner reads;
    private final Consumer<String> status;
    private final BiConsumer<String, Throwable> error;

    private ModelGraph analysedGraph;
    private GraphAnalysis analysis;
    private boolean committing;

    public ModelViewModel(DocumentModel doc, Background.Runner reads, Consumer<String> status, BiConsumer<String, Throwable> error) {
        this.doc = doc;
        this.reads = reads;
        this.status = status;
        this.error = error;
    }

    /** The analysis of {@code graph}, computed once per graph version. */
    public GraphAnalysis analysis(ModelGraph graph) {
        if (graph != analysedGraph) {
            analysis = graph.analyse();
            analysedGraph = graph;
        }
        return analysis;
    }

    /** Whether the project change being applied is this workspace's own edit (not a new document). */
    public boolean committing() {
        return committing;
    }

    /**
     * Follows a project change: another document (New, Open, a sample) forgets what this one
     * remembered. Returns whether it was another document.
     */
    public boolean projectChanged(Project before, Project after) {
        boolean opened = before == null || !committing && opened(before, after);
        if (opened) {
            doc.twins().clear();
        }
        return opened;
    }

    /**
     * True when another document arrived (New, Open, a sample) rather than an undo or redo: its
     * name or description differs, or a non-empty model was replaced by one with no node in common.
     */
    static boolean opened(Project before, Project after) {
        if (!before.name().equals(after.name()) || !before.description().equals(after.description())) {
            return true;
        }
        Set<String> ids = new HashSet<>(before.model().nodeIds());
        return !ids.isEmpty() && after.model().nodeIds().stream().noneMatch(ids::contains);
    }

    /** Makes {@code next} the project's model, as one undoable edit. */
    public void commit(ModelGraph next) {
        committing = true;
        try {
            doc.edit(doc.project().withModel(next));
        } finally {
            committing = false;
        }
    }

    public boolean isQuantum(String id) {
        return doc.project().model().node(id).map(n -> n.spec().isQuantum()).orElse(false);
    }

    /**
     * Whether node {@code id} runs a circuit the Circuit workspace shows: a qubit circuit, a Photonic
     * layer's optical one (both edited there), or a QRNN's cell (shown, derived from its settings).
     */
    public boolean hasCircuit(String id) {
        return doc.project().model().node(id).map(n -> n.spec() instanceof LayerSpec.QuantumLayer
                || n.spec() instanceof dev.qanvas.nn.graph.kinds.Photonic || n.spec() instanceof dev.qanvas.nn.graph.kinds.Qrnn)
                .orElse(false);
    }

    /** Whether node {@code id}'s circuit is derived from its settings (a QRNN cell): shown in the Circuit workspace, not edited. */
    public boolean showsDerivedCircuit(String id) {
        return doc.project().model().node(id).map(n -> n.spec() instanceof dev.qanvas.nn.graph.kinds.Qrnn).orElse(false);
    }

    /** A classical node whose quantum original is remembered, of the twin's type (not since replaced by another type). */
    public boolean canSwapBack(String id) {
        return doc.twins().isTwin(doc.project().model(), id);
    }

    /** Swaps quantum node {@code id} for its classical twin, named {@code id-twin}; returns the twin's name (or {@code id} if nothing changed). */
    public String swapToTwin(String id) {
        ModelGraph g = doc.project().model();
        LayerSpec original = g.node(id).map(ModelGraph.Node::spec).orElse(null);
        if (original == null || !original.isQuantum()) {
            return id;
        }
        ModelGraph swapped;
        String twin = ClassicalTwin.twinId(g, id);
        try {
            swapped = ClassicalTwin.swapRenamed(g, id);
        } catch (IllegalArgumentException e) {
            status.accept("Cannot swap " + id + ": " + e.getMessage());
            return id;
        }
        doc.twins().remember(twin, id, original);
        commit(swapped);
        status.accept("Swapped " + id + " for its classical twin " + twin + ": " + swapped.node(twin).orElseThrow().spec().describe());
        return twin;
    }

    /** Restores the quantum original of twin {@code id}, under its old name when that is free; returns the node's name. */
    public String swapBack(String id) {
        Optional<ClassicalTwin.Originals.Original> original = doc.twins().of(id);
        if (original.isEmpty() || !canSwapBack(id)) {
            return id;
        }
        ModelGraph g = doc.project().model().replaced(id, original.get().spec());
        String name = original.get().id();
        if (!name.equals(id) && !g.contains(name)) {
            g = g.renamed(id, name);
        } else {
            name = id;
        }
        doc.twins().forget(id);
        commit(g);
        status.accept("Swapped " + id + " back to its quantum layer " + name);
        return name;
    }

    /** Renames a node; a remembered quantum original follows it. */
    public void rename(String id, String newId) {
        ModelGraph renamed = doc.project().model().renamed(id, newId);
        doc.twins().renamed(id, newId);
        commit(renamed);
    }

    /** Sets the Input's shape or the Output's classes from the project's dataset, read in the background. */
    public void matchDataset(String id) {
        Project p = doc.project();
        reads.run("Reading " + p.dataset().label(), r -> {
            Dataset d = PreparedData.load(p.dataset(), p.transforms()).data();
            return new int[] {d.channels(), d.height(), d.width(), d.classCount()};
        }, dims -> {
            ModelGraph g = doc.project().model();
            Optional<LayerSpec> spec = g.node(id).map(ModelGraph.Node::spec);
            if (spec.isPresent() && spec.get() instanceof Input) {
                commit(g.replaced(id, new Input(dims[0], dims[1], dims[2])));
            } else if (spec.isPresent() && spec.get() instanceof Output o) {
                commit(g.replaced(id, new Output(dims[3], o.kind())));
            }
        }, e -> error.accept("Cannot read the dataset", e));
    }

    // ----- kernel projects (issue 17) -----

    /** Whether the project holds a kernel model, shown as a pipeline instead of a network. */
    public boolean isKernel() {
        return doc.project().isKernel();
    }

    /** The kernel model's pipeline and its baselines; empty for a network project. */
    public Optional<KernelPipeline> pipeline() {
        return doc.project().isKernel() ? Optional.of(KernelPipeline.of(doc.project())) : Optional.empty();
    }

    /** What setting {@code key} of the kernel model holds, as a form shows it. */
    public String kernelText(String key) {
        return KernelEdits.text(doc.project().kernel(), key);
    }

    /**
     * Sets kernel setting {@code key} from {@code text} as one undoable edit; returns why it was
     * refused (a sentence for the field), or empty when it was applied or changed nothing.
     */
    public Optional<String> setKernel(String key, String text) {
        KernelSpec before = doc.project().kernel();
        if (before == null) {
            return Optional.of("This project has no kernel model.");
        }
        KernelSpec next;
        try {
            next = KernelEdits.apply(before, key, text);
        } catch (IllegalArgumentException e) {
            return Optional.of(sentence(e.getMessage()));
        }
        if (!next.equals(before)) {
            committing = true;
            try {
                doc.edit(doc.project().withKernel(next));
            } finally {
                committing = false;
            }
        }
        return Optional.empty();
    }

    /**
     * Opens the kernel's feature map in the Circuit workspace: at once when its size is known
     * (pca, a custom circuit), else after reading the feature count in the background.
     */
    public void openFeatureMap(Consumer<CircuitTarget> open) {
        Project p = doc.project();
        if (!p.isKernel()) {
            return;
        }
        Optional<CircuitTarget.FeatureMap> known = CircuitTarget.FeatureMap.known(p);
        if (known.isPresent()) {
            open.accept(known.get());
            return;
        }
        Path file = doc.file();
        reads.run("Reading the kernel's features", r -> KernelPipeline.featureCount(p, file), n -> {
            if (n > KernelSpec.MAX_QUBITS) {
                status.accept("The features give " + n + " values, so the feature map would need " + n + " qubits; it may have at most "
                        + KernelSpec.MAX_QUBITS + ". Choose PCA features with fewer components.");
            } else {
                open.accept(new CircuitTarget.FeatureMap(n));
            }
        }, e -> error.accept("Cannot read the kernel's features", e));
    }

    /** "Kernel.c must be ... ." from the record's "kernel.c must be ...". */
    private static String sentence(String message) {
        String m = message == null || message.isEmpty() ? "not a valid value" : message.replaceFirst("^kernel\\.", "");
        String s = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
