package dev.qanvas.ui.model;

import dev.qanvas.nn.graph.kinds.Conv2D;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.nn.graph.kinds.Output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.TransformChain;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.project.CircuitTarget;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.model.KernelEdits;
import dev.qanvas.project.model.KernelPipeline;
import dev.qanvas.project.model.NodeCard;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import dev.qanvas.project.Project;
import dev.qanvas.project.Samples;
import dev.qanvas.ui.common.Immediate;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Model workspace's commands and state, without a toolkit: background reads run at once. */
class ModelViewModelTest {

    private final List<String> statuses = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private DocumentModel doc;
    private ModelViewModel vm;

    /** Runs the work on the calling thread: what the background worker does, minus the thread. */
    private static final Background.Runner AT_ONCE = new Background.Runner() {
        @Override
        public <T> void run(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            Immediate.deliver(work, onDone, onError);
        }
    };

    @BeforeEach
    void open() throws Exception {
        doc = new DocumentModel(Samples.load("mnist-quanvolution.qanvas"));
        vm = new ModelViewModel(doc, AT_ONCE, statuses::add, (title, e) -> errors.add(title + ": " + e.getMessage()));
        doc.projectProperty().addListener((o, before, after) -> vm.projectChanged(before, after));
    }

    private LayerSpec spec(String id) {
        return doc.project().model().node(id).orElseThrow().spec();
    }

    @Test
    void aPhotonicLayerIsQuantumSwapsToItsTwinAndHasACircuitToEdit() {
        assertTrue(vm.hasCircuit("quanv"));
        vm.commit(dev.qanvas.nn.graph.ModelGraph.chain(
                new dev.qanvas.nn.graph.ModelGraph.Node("in", dev.qanvas.nn.graph.kinds.Input.vector(4), 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("photonic1", new dev.qanvas.nn.graph.kinds.Photonic(4, 2,
                        dev.qanvas.nn.graph.kinds.Photonic.Readout.OCCUPATIONS, Math.PI, 1), 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("out", new Output(2, LayerSpec.OutputKind.SOFTMAX), 0, 0)));
        assertTrue(vm.isQuantum("photonic1"));
        assertEquals(2 * 4 * 4, doc.project().model().analyse().quantumParameters(), "all its angles count as quantum parameters");
        assertTrue(vm.hasCircuit("photonic1"), "its optical circuit opens in the Circuit workspace's photonic editor");
        assertEquals("photonic1-twin", vm.swapToTwin("photonic1"));
        assertEquals(new dev.qanvas.nn.graph.kinds.Dense(4, LayerSpec.Activation.SIGMOID), spec("photonic1-twin"));
    }

    @Test
    void swapToTheTwinAndBack() {
        assertTrue(vm.isQuantum("quanv"));
        assertFalse(vm.canSwapBack("quanv"), "nothing swapped yet");
        LayerSpec original = spec("quanv");

        assertEquals("quanv-twin", vm.swapToTwin("quanv"), "the twin is named for what it is");
        assertFalse(doc.project().model().contains("quanv"));
        assertInstanceOf(Conv2D.class, spec("quanv-twin"), "a quanvolution's twin is a convolution");
        assertTrue(statuses.get(statuses.size() - 1).startsWith("Swapped quanv for its classical twin quanv-twin"));
        assertTrue(vm.canSwapBack("quanv-twin"));
        assertTrue(doc.twins().isTwinModel(doc.project().model()), "no quantum layer left, and a remembered twin");
        assertTrue(doc.project().model().analyse().problems().isEmpty(), "the twin fits where the original did");

        assertEquals("quanv", vm.swapBack("quanv-twin"), "back under its old name");
        assertEquals(original, spec("quanv"));
        assertFalse(vm.canSwapBack("quanv"), "back to quantum: nothing to swap back");
        assertFalse(doc.twins().isTwinModel(doc.project().model()));
    }

    @Test
    void aRenamedTwinStillSwapsBack() {
        vm.swapToTwin("quanv");
        vm.rename("quanv-twin", "conv");
        assertTrue(vm.canSwapBack("conv"));
        vm.swapBack("conv");
        assertInstanceOf(Quanvolution.class, spec("quanv"));
    }

    @Test
    void undoKeepsWhatWasSwappedButOpeningAnotherProjectForgetsIt() throws Exception {
        vm.swapToTwin("quanv");
        doc.undo();
        doc.redo();
        assertTrue(vm.canSwapBack("quanv-twin"), "undo and redo are the same document");

        Project other = Samples.load("mnist-quanvolution.qanvas");
        Project renamed = new Project(other.formatVersion(), "Another project", other.description(), other.dataset(),
                other.transforms(), doc.project().model(), other.training(), other.runs(), other.circuit());
        doc.edit(renamed);
        assertFalse(vm.canSwapBack("quanv-twin"), "a new document starts with nothing remembered");
    }

    @Test
    void matchingTheDatasetSetsTheOutputsClassesFromTheData() {
        Output out = (Output) spec("output");
        vm.commit(doc.project().model().replaced("output", new Output(3, out.kind())));
        vm.matchDataset("output");
        assertEquals(10, ((Output) spec("output")).classes(), "MNIST has ten classes");
        assertEquals(List.of(), errors);
    }

    @Test
    void aSwapThatCannotBeMadeIsReportedAndChangesNothing() {
        vm.commit(doc.project().model().withoutEdge("input", "quanv"));
        Project before = doc.project();
        vm.swapToTwin("quanv");
        assertEquals(before, doc.project());
        assertTrue(statuses.get(statuses.size() - 1).startsWith("Cannot swap quanv:"), statuses.toString());
        vm.swapToTwin("flatten");
        assertEquals(before, doc.project(), "a classical node has no twin to swap to");
    }

    @Test
    void theAnalysisIsComputedOncePerGraphVersion() {
        var g = doc.project().model();
        assertTrue(vm.analysis(g) == vm.analysis(g));
        vm.swapToTwin("quanv");
        assertFalse(vm.analysis(g) == vm.analysis(doc.project().model()));
    }

    // ----- kernel projects (issue 17) -----

    private void openKernelSample() throws Exception {
        doc.replace(Samples.load("quantum-kernels-mnist-3-vs-5.qanvas"), null);
    }

    @Test
    void aKernelProjectReadsAsThePipelineWithItsBaselines() throws Exception {
        assertFalse(vm.isKernel());
        assertTrue(vm.pipeline().isEmpty(), "a network project has no pipeline");
        openKernelSample();
        assertTrue(vm.isKernel());
        KernelPipeline p = vm.pipeline().orElseThrow();
        assertEquals(List.of("Input", "Features", "Feature map", "SVM"), p.stages().stream().map(KernelPipeline.Stage::title).toList());
        assertEquals(List.of("RBF SVM", "Random forest"), p.alternatives().stream().map(KernelPipeline.Stage::title).toList());
        // what the sample file says, written out by hand
        assertEquals(List.of("PCA, 8 components", "scaled to [0, π]", "200 train + 100 test / class"),
                p.stage(KernelPipeline.FEATURES).lines());
        assertEquals(List.of("ZZ feature map", "reps 2, linear", "8 qubits, one per feature", "fidelity kernel, exact"),
                p.stage(KernelPipeline.FEATURE_MAP).lines());
        assertEquals(List.of("on the quantum kernel (LIBSVM)", "C = 1", "class weights equal", "5-fold CV, seed 42"),
                p.stage(KernelPipeline.SVM).lines());
        assertEquals(List.of("100 trees (Tribuo)", "same features, unweighted"), p.stage(KernelPipeline.FOREST).lines());
        assertEquals(NodeCard.Kind.QUANTUM, p.stage(KernelPipeline.FEATURE_MAP).kind());
    }

    @Test
    void kernelEditsAreUndoableAndSaved(@TempDir Path dir) throws Exception {
        openKernelSample();
        Project opened = doc.project();
        assertEquals(Optional.empty(), vm.setKernel("c", "2.5"));
        assertEquals(2.5, doc.project().kernel().c());
        assertEquals("2.5", vm.kernelText("c"));
        assertEquals(Optional.empty(), vm.setKernel("classWeights", "1, 3"));
        assertEquals(List.of(1.0, 3.0), doc.project().kernel().classWeights());
        assertEquals(Optional.empty(), vm.setKernel("map", "pauli"));
        assertEquals(Optional.empty(), vm.setKernel("paulis", "z, xy"));
        assertEquals(List.of("Z", "XY"), doc.project().kernel().paulis());
        assertEquals(Optional.empty(), vm.setKernel("trees", "20"));
        assertTrue(vm.pipeline().orElseThrow().stage(KernelPipeline.FEATURE_MAP).lines().contains("reps 2, linear"));
        assertEquals("Pauli feature map Z, XY", vm.pipeline().orElseThrow().stage(KernelPipeline.FEATURE_MAP).lines().get(0));

        // refused values change nothing and say why, in a sentence naming the field
        Project before = doc.project();
        assertTrue(vm.setKernel("c", "-1").orElseThrow().startsWith("C (the SVM's C) must be a positive number"));
        assertTrue(vm.setKernel("reps", "many").orElseThrow().startsWith("Reps is a whole number"));
        assertTrue(vm.setKernel("classWeights", "1, 0").orElseThrow().contains("positive"));
        assertTrue(vm.setKernel("features", "activations").orElseThrow().contains("Run"));
        assertEquals(before, doc.project());

        // saved like any edit: the file holds the new settings and reads back equal
        Path file = dir.resolve("k.qanvas");
        ProjectFiles.write(file, doc.project());
        assertEquals(doc.project(), ProjectFiles.read(file));
        assertTrue(Files.readString(file).contains("\"classWeights\" : [ 1.0, 3.0 ]"), Files.readString(file));

        // each edit is one undo step, back to the file as opened
        for (int i = 0; i < 5; i++) {
            doc.undo();
        }
        assertEquals(opened, doc.project());
        assertTrue(vm.pipeline().isPresent(), "an undo is not another document");
    }

    @Test
    void theFeatureMapOpensWithItsSizeKnownOrReadFromTheData() throws Exception {
        openKernelSample();
        List<CircuitTarget> opened = new ArrayList<>();
        vm.openFeatureMap(opened::add);
        assertEquals(List.of(new CircuitTarget.FeatureMap(8)), opened, "PCA 8: eight qubits, known at once");
        // pixels of 3-bit hypercube points: the count is read from the data (3 values per point)
        Project pixels = doc.project().withDataset(new DatasetSpec.Hypercube(3, 200, 0.1, 3))
                .withTransforms(TransformChain.EMPTY);
        doc.edit(pixels.withKernel(KernelEdits.apply(pixels.kernel(), "features", "pixels")));
        opened.clear();
        vm.openFeatureMap(opened::add);
        assertEquals(List.of(new CircuitTarget.FeatureMap(3)), opened);
        Circuit map = opened.get(0).circuit(doc.project()).orElseThrow();
        assertEquals(3, map.qubits());
        // ZZ, reps 2: every rep starts with H on each qubit (docs/kernels.md), so 3 of the first ops are H
        assertEquals(List.of(Gate.H, Gate.H, Gate.H), map.operations().subList(0, 3).stream().map(Operation::gate).toList());
        // editing the map in the Circuit workspace makes it the kernel's custom map
        Project edited = opened.get(0).with(doc.project(), map.remove(0));
        assertEquals("custom", edited.kernel().map());
        assertEquals(map.size() - 1, edited.kernel().featureMap(3).size());
    }
}
