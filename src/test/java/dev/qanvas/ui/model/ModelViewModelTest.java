package dev.qanvas.ui.model;

import dev.qanvas.nn.graph.kinds.Conv2D;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.nn.graph.kinds.Output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.LayerSpec;
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
    void aPhotonicLayerIsQuantumAndSwapsToItsTwinButHasNoQubitCircuitToEdit() {
        assertTrue(vm.hasQubitCircuit("quanv"));
        vm.commit(dev.qanvas.nn.graph.ModelGraph.chain(
                new dev.qanvas.nn.graph.ModelGraph.Node("in", dev.qanvas.nn.graph.kinds.Input.vector(4), 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("photonic1", new dev.qanvas.nn.graph.kinds.Photonic(4, 2,
                        dev.qanvas.nn.graph.kinds.Photonic.Readout.OCCUPATIONS, Math.PI, 1), 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("out", new Output(2, LayerSpec.OutputKind.SOFTMAX), 0, 0)));
        assertTrue(vm.isQuantum("photonic1"));
        assertEquals(2 * 4 * 4, doc.project().model().analyse().quantumParameters(), "all its angles count as quantum parameters");
        assertFalse(vm.hasQubitCircuit("photonic1"), "the Circuit workspace edits qubit circuits only");
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
}
