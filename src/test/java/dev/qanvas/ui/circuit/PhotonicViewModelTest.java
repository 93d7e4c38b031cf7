package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.photonic.Component;
import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.OpticalAngle;
import dev.qanvas.photonic.PhotonicReport;
import dev.qanvas.photonic.PhotonicSetup;
import dev.qanvas.project.Project;
import dev.qanvas.quantum.Angle;
import dev.qanvas.ui.common.Immediate;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The photonic editor's view model alone: plain JUnit, no toolkit, background work and live reports run inline. */
class PhotonicViewModelTest {

    @TempDir
    Path dir;

    private static final class Inline implements Background.Runner, CircuitViewModel.Requests {
        int reports;

        @Override
        public <T> void run(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            Immediate.deliver(work, onDone, onError);
        }

        @Override
        public <T> void submit(String slot, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            reports++;
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onError.accept(e);
                return;
            }
            onDone.accept(result);
        }

        @Override
        public void cancelAll() {
        }
    }

    private static final class Seen implements PhotonicViewModel.View {
        PhotonicReport report;
        String reportError;
        String angleTitle;
        final List<String> said = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override public void showReport(PhotonicReport r) { report = r; reportError = null; }
        @Override public void showReportError(String text) { reportError = text; }
        @Override public void showAngle(String title, dev.qanvas.quantum.Operation op, dev.qanvas.quantum.Circuit c) { angleTitle = title; }
        @Override public void say(String text) { said.add(text); }
        @Override public void error(String title, Throwable e) { errors.add(e); }
    }

    private final DocumentModel doc = new DocumentModel(Project.untitled());
    private final Inline inline = new Inline();
    private final Seen seen = new Seen();
    private final PhotonicViewModel vm = new PhotonicViewModel(doc, inline, inline);

    {
        vm.setView(seen);
        vm.refresh();
    }

    @Test
    void buildingHongOuMandelIsUndoableAndShowsTheDip() {
        assertNull(doc.project().photonic());
        assertEquals(1.0, seen.report.probability("1,0"), 1e-12); // the empty circuit: the photon stays in mode 0
        vm.setInput(1, 1);
        vm.placeBeamSplitter(0, 0);
        assertEquals(new PhotonicSetup(PhotonicSetup.hongOuMandel().circuit(), new int[] {1, 1}), doc.project().photonic());
        assertEquals(0.0, seen.report.probability("1,1"), 1e-12);
        assertEquals(0.5, seen.report.distinguishableProbability("1,1"), 1e-12);
        assertEquals(0, vm.selected()); // the new component is selected, its angle shown
        assertTrue(seen.angleTitle.startsWith("Beam splitter"), seen.angleTitle);
        // the angle panel commits theta = pi/3: P(1,1) = (cos^2 - sin^2)^2 of theta/2 = cos^2(theta) = 1/4
        vm.setAngle(new Angle.Constant(Math.PI / 3));
        assertEquals(0.25, seen.report.probability("1,1"), 1e-12);
        doc.undo();
        assertEquals(0.0, seen.report.probability("1,1"), 1e-12);
        doc.undo();
        assertEquals(0, doc.project().photonic().circuit().components().size());
        doc.redo();
        doc.redo();
        assertEquals(0.25, seen.report.probability("1,1"), 1e-12);
    }

    @Test
    void previewsFollowTheSliderWithoutAnEditAndProductsAreRefused() {
        vm.setInput(1, 1);
        vm.placeBeamSplitter(0, 0);
        Project before = doc.project();
        vm.previewAngle(new Angle.Constant(0));
        assertEquals(1.0, seen.report.probability("1,1"), 1e-12);
        assertEquals(before, doc.project());
        vm.setAngle(new Angle.Product(List.of(0, 1), 2));
        assertEquals(before, doc.project());
        assertTrue(seen.said.get(seen.said.size() - 1).contains("no products"));
    }

    @Test
    void inputAnglesReadTheFeatureSlidersAndDetectorsFoldOutcomes() {
        vm.placeBeamSplitter(0, 0);
        vm.placePhaseShifter(0, 1);
        vm.placeBeamSplitter(0, 2);
        vm.select(1);
        vm.setAngle(new Angle.Input(0, Math.PI)); // a Mach-Zehnder: P(mode 0) = sin^2(pi x / 2)
        assertEquals(0.0, seen.report.probability("1,0"), 1e-12);
        vm.setFeature(0, 0.5);
        assertEquals(0.5, seen.report.probability("1,0"), 1e-12);
        vm.setFeature(0, 1);
        assertEquals(1.0, seen.report.probability("1,0"), 1e-12);
        vm.setInput(0, 2);
        vm.setDetector(Detector.THRESHOLD);
        assertEquals(List.of("1,0", "1,1", "0,1"), seen.report.outcomes());
    }

    @Test
    void modesTemplatesAndRemoval() {
        vm.addMode();
        vm.addMode();
        assertEquals(4, vm.setup().modes());
        vm.applyTemplate(PhotonicSetup.Template.TRAINABLE_UNITARY);
        assertEquals(16, vm.setup().circuit().weightNames().size());
        var u = seen.report.unitary();
        vm.applyTemplate(PhotonicSetup.Template.CLEMENTS);
        assertTrue(seen.report.unitary().distance(u) < 1e-9, "Clements decomposes the same unitary");
        vm.select(0);
        vm.removeSelected();
        assertEquals(4 * 3 / 2 * 2 + 4 - 1, vm.setup().circuit().components().size());
        vm.removeMode();
        assertEquals(3, vm.setup().modes());
        vm.clear();
        assertEquals(0, vm.setup().circuit().components().size());
    }

    @Test
    void savesTheCliFileAndOpensItBack() throws Exception {
        vm.setInput(1, 1);
        vm.placeBeamSplitter(0, 0);
        Path file = dir.resolve("hom.json");
        vm.save(file, false);
        assertTrue(seen.said.get(seen.said.size() - 1).contains("--input 1,1"), seen.said.toString());
        assertTrue(Files.readString(file).contains("\"type\": \"bs\""));
        doc.edit(doc.project().withPhotonic(null));
        vm.open(file);
        assertArrayEquals(new int[] {1, 0}, vm.setup().input()); // the file has no input state
        assertEquals(PhotonicSetup.hongOuMandel().circuit(), vm.setup().circuit());
        Files.writeString(dir.resolve("bad.json"), "{\"modes\": 2, \"components\": [{\"type\": \"bs\", \"modes\": [0, 0], \"theta\": 1}]}");
        vm.open(dir.resolve("bad.json"));
        assertNotNull(seen.errors.isEmpty() ? null : seen.errors.get(0));
        assertTrue(seen.errors.get(0).getMessage().contains("bad.json:1:"), seen.errors.get(0).getMessage());
    }

    @Test
    void tooManyPhotonsForTheLiveViewIsAMessage() {
        for (int i = 0; i < 10; i++) {
            vm.addMode();
        }
        vm.setInput(0, 8);
        // 8 photons in 12 modes have C(19, 8) = 75,582 outcomes: the view says so instead of computing them
        assertTrue(seen.reportError != null && seen.reportError.contains("75582 outcomes"), seen.reportError);
        vm.setInput(0, 3);
        assertNull(seen.reportError);
    }

    @Test
    void aPhotonicLayersCircuitIsEditedInItsNodeAndItsSettingsStayTheModelWorkspaces() {
        dev.qanvas.nn.graph.kinds.Photonic layer = new dev.qanvas.nn.graph.kinds.Photonic(3, 2,
                dev.qanvas.nn.graph.kinds.Photonic.Readout.OCCUPATIONS, Math.PI, 4);
        doc.edit(doc.project().withModel(dev.qanvas.nn.graph.ModelGraph.chain(
                new dev.qanvas.nn.graph.ModelGraph.Node("in", dev.qanvas.nn.graph.kinds.Input.vector(3), 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("p", layer, 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("out", new dev.qanvas.nn.graph.kinds.Output(2,
                        dev.qanvas.nn.graph.LayerSpec.OutputKind.SOFTMAX), 0, 0))));
        vm.openNode("p");
        assertEquals("p", vm.node());
        assertEquals(layer.circuit(), vm.setup().circuit());
        assertArrayEquals(new int[] {1, 1, 0}, vm.setup().input());
        vm.setInput(2, 1);
        vm.addMode();
        assertArrayEquals(new int[] {1, 1, 0}, vm.setup().input());
        assertTrue(seen.said.get(seen.said.size() - 1).contains("Model workspace"));
        // a template in the layer: it trains 9 weights now, and the project file keeps the edited circuit
        vm.applyTemplate(PhotonicSetup.Template.TRAINABLE_UNITARY);
        var edited = (dev.qanvas.nn.graph.kinds.Photonic) doc.project().model().node("p").orElseThrow().spec();
        assertEquals(PhotonicSetup.Template.TRAINABLE_UNITARY.circuit(3, 1), edited.edited());
        assertEquals(9, edited.parameters());
        assertEquals(9, doc.project().model().analyse().quantumParameters());
        assertNull(doc.project().photonic(), "the project's own photonic circuit is untouched");
        // a feature the layer lacks is refused with the reason
        vm.select(0);
        vm.setAngle(new Angle.Input(5, 1));
        assertTrue(seen.said.get(seen.said.size() - 1).contains("x[5]"), seen.said.toString());
        doc.undo();
        assertEquals(layer, doc.project().model().node("p").orElseThrow().spec());
        vm.openNode(null);
        assertNull(vm.node());
    }
}
