package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.DatasetSpec;
import dev.qanvas.project.CircuitTarget;
import dev.qanvas.project.Project;
import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.quantum.qasm.OpenQasm;
import dev.qanvas.ui.common.Immediate;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Circuit workspace's view model alone: plain JUnit, no JavaFX toolkit, background work run inline. */
class CircuitViewModelTest {

    private static final Circuit BELL = new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1));
    private static final Circuit GHZ = new Circuit(3, Operation.of(Gate.H, 0), Operation.cnot(0, 1), Operation.cnot(1, 2));
    /** RY(pi x[0]) on one qubit: P(1) = sin^2(pi x / 2). */
    private static final Circuit ENCODER = new Circuit(1, Operation.of(Gate.RY, new Angle.Input(0, Math.PI), 0));

    @TempDir
    Path dir;

    /** Runs background work at once on the calling thread, as {@link Background#run} would, minus the thread. */
    private static final class InlineTasks implements Background.Runner {
        final List<String> titles = new ArrayList<>();

        @Override
        public <T> void run(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            titles.add(title);
            Immediate.deliver(work, onDone, onError);
        }
    }

    /**
     * A newest-request-wins worker that runs requests when told ({@link #flush}) or at once: a new
     * request replaces the one waiting in its slot, {@code cancelAll} forgets the waiting ones.
     */
    private static final class HeldRequests implements CircuitViewModel.Requests {
        private record Job<T>(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            void run() {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onError.accept(e);
                    return;
                }
                onDone.accept(result);
            }
        }

        final Map<String, Job<?>> waiting = new LinkedHashMap<>();
        boolean hold;
        int submitted;

        @Override
        public <T> void submit(String slot, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            submitted++;
            Job<T> job = new Job<>(work, onDone, onError);
            if (hold) {
                waiting.remove(slot);
                waiting.put(slot, job);
            } else {
                job.run();
            }
        }

        @Override
        public void cancelAll() {
            waiting.clear();
        }

        void flush() {
            List<Job<?>> jobs = new ArrayList<>(waiting.values());
            waiting.clear();
            jobs.forEach(Job::run);
        }
    }

    /** Records what the views were told. */
    private static final class RecordingView implements CircuitViewModel.View {
        final List<Circuit> circuits = new ArrayList<>();
        final List<String> captions = new ArrayList<>();
        final List<String> stateErrors = new ArrayList<>();
        final List<String> said = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<Integer> imagesLoaded = new ArrayList<>();
        List<CircuitTarget> targets;
        CircuitTarget target;
        StateReport state;
        Operation angles;
        CircuitViewModel.InputImage image;
        int inputRows;
        int opened;

        @Override
        public void circuitOpened() {
            opened++;
        }

        @Override
        public void showTargets(List<CircuitTarget> targets, CircuitTarget target) {
            this.targets = targets;
            this.target = target;
        }

        @Override
        public void showCircuit(Circuit circuit) {
            circuits.add(circuit);
        }

        @Override
        public void showAngles(Operation op, Circuit circuit) {
            angles = op;
        }

        @Override
        public void showInputs() {
            inputRows++;
        }

        @Override
        public void imagesLoaded(int count) {
            imagesLoaded.add(count);
        }

        @Override
        public void showInputImage(CircuitViewModel.InputImage image) {
            this.image = image;
        }

        @Override
        public void showState(StateReport report, String caption) {
            state = report;
            captions.add(caption);
        }

        @Override
        public void showStateError(String message) {
            stateErrors.add(message);
        }

        dev.qanvas.quantum.MixedStateReport noisy;
        int noiseShown;

        @Override
        public void showNoise(dev.qanvas.quantum.MixedStateReport report, CircuitNoise noise) {
            noisy = report;
            noiseShown++;
        }

        @Override
        public void say(String text) {
            said.add(text);
        }

        @Override
        public void error(String title, Throwable error) {
            errors.add(title);
        }
    }

    private DocumentModel doc = new DocumentModel(Project.untitled().withCircuit(BELL));
    private final InlineTasks tasks = new InlineTasks();
    private final HeldRequests live = new HeldRequests();
    private final HeldRequests parser = new HeldRequests();
    private final RecordingView view = new RecordingView();
    /** The drawing's state cursor; MAX_VALUE: after the whole circuit. */
    private int cursor = Integer.MAX_VALUE;
    private CircuitViewModel vm;

    /** The view model of a document on {@code project}, bound to the recording view, as the workspace starts it. */
    private CircuitViewModel started(Project project, String inputSource) {
        doc = new DocumentModel(project);
        vm = new CircuitViewModel(doc, tasks, live, parser, () -> cursor);
        vm.setView(view);
        if (!inputSource.equals(vm.inputSource())) {
            vm.setInputSource(inputSource); // the user's pick before the project opened
        }
        vm.refresh();
        return vm;
    }

    private CircuitViewModel started(Circuit circuit) {
        return started(Project.untitled().withCircuit(circuit), CircuitViewModel.DATASET_IMAGE);
    }

    private CircuitViewModel started() {
        return started(BELL);
    }

    private Circuit circuit() {
        return doc.project().circuit();
    }

    @Test
    void refreshShowsTheProjectsCircuitItsTextAndItsLiveState() {
        started();
        assertEquals(new CircuitTarget.Own(), view.target);
        assertEquals(List.of(new CircuitTarget.Own()), view.targets);
        assertEquals(List.of(BELL), view.circuits);
        assertEquals("2 qubits", vm.qubitCountProperty().get());
        assertTrue(vm.canRemoveQubitProperty().get());
        assertTrue(vm.qasmEditableProperty().get());
        assertTrue(vm.qasmTextProperty().get().contains("cx q[0],q[1];"), vm.qasmTextProperty().get());
        assertNull(vm.qasmNoteProperty().get());
        assertNull(vm.qasmErrorProperty().get());
        assertEquals(1, view.inputRows);
        assertArrayEquals(new double[] {0.5, 0, 0, 0.5}, view.state.probabilities(), 1e-9);
        assertTrue(view.captions.get(0).startsWith("State after the whole circuit (2 columns) · "), view.captions.get(0));
    }

    /** Seen in use: "State after column 3 of 6" on a circuit just opened. A circuit opens at its output state. */
    @Test
    void openingACircuitOrAProjectPutsTheStepCursorAtTheEnd() {
        started();
        assertEquals(0, view.opened);
        vm.open(new CircuitTarget.Own());
        assertEquals(1, view.opened, "opening a circuit moves the cursor to the end");
        circuitEdit();
        assertEquals(1, view.opened, "an edit keeps the cursor where the user put it");
        doc.replace(Project.untitled().withCircuit(BELL), null);
        assertEquals(2, view.opened, "opening a project does too");
    }

    private void circuitEdit() {
        vm.addQubit();
    }

    @Test
    void theCursorLimitsTheLiveStateToTheColumnsBeforeIt() {
        cursor = 1;
        started();
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, view.state.probabilities(), 1e-9); // index bit 0 is q0
        assertTrue(view.captions.get(0).startsWith("State after column 1 of 2 · "), view.captions.get(0));
        cursor = 0;
        vm.cursorMoved();
        assertArrayEquals(new double[] {1, 0, 0, 0}, view.state.probabilities(), 1e-9);
        assertTrue(view.captions.get(1).startsWith("Initial state |0…0⟩ · "), view.captions.get(1));
    }

    @Test
    void toolbarCommandsAreUndoableProjectEdits() {
        started();
        vm.addQubit();
        assertEquals(3, circuit().qubits());
        assertEquals("3 qubits", vm.qubitCountProperty().get());
        assertTrue(doc.isModified());
        assertEquals(circuit(), view.circuits.get(view.circuits.size() - 1));

        vm.removeQubit(99); // beyond the last wire: the last one goes
        assertEquals(BELL, circuit());
        vm.removeQubit(1); // and the CNOT that touches it
        assertEquals(new Circuit(1, Operation.of(Gate.H, 0)), circuit());
        assertEquals("1 qubit", vm.qubitCountProperty().get());
        assertFalse(vm.canRemoveQubitProperty().get());

        vm.clear();
        assertEquals(Circuit.empty(1), circuit());
        doc.undo();
        assertEquals(new Circuit(1, Operation.of(Gate.H, 0)), circuit());
        assertEquals(new Circuit(1, Operation.of(Gate.H, 0)), view.circuits.get(view.circuits.size() - 1));

        vm.commit(circuit()); // an unchanged circuit is no edit
        doc.redo();
        assertEquals(Circuit.empty(1), circuit());
    }

    @Test
    void addingAQubitBeyondTheLimitIsRefusedWithAMessage() {
        started(Circuit.empty(Circuit.MAX_QUBITS));
        vm.addQubit();
        assertEquals(Circuit.MAX_QUBITS, circuit().qubits());
        assertEquals(List.of("Circuits have at most " + Circuit.MAX_QUBITS + " qubits."), view.said);
    }

    @Test
    void anglesOfTheSelectedGateAreEditedAndPreviewed() {
        started(new Circuit(1, Operation.of(Gate.RY, new Angle.Constant(Math.PI / 2, "pi/2"), 0)));
        assertNull(view.angles);
        vm.setAngle(0, new Angle.Constant(Math.PI, "pi")); // nothing selected: no edit
        assertFalse(doc.isModified());

        vm.select(java.util.Optional.of(0));
        assertEquals(circuit().operations().get(0), view.angles);
        vm.previewAngle(0, new Angle.Constant(Math.PI, "pi"));
        assertArrayEquals(new double[] {0, 1}, view.state.probabilities(), 1e-9);
        assertFalse(doc.isModified(), "a preview is no edit");

        vm.setAngle(0, new Angle.Constant(Math.PI / 3, "pi/3"));
        assertEquals(new Angle.Constant(Math.PI / 3, "pi/3"), circuit().operations().get(0).angles().get(0));
        assertEquals(0.25, view.state.probability(1), 1e-9);
    }

    @Test
    void typedQasmBecomesTheCircuitAndABrokenTextKeepsIt() {
        started();
        vm.qasmTextProperty().set(OpenQasm.toQasm2(GHZ));
        vm.applyText();
        assertEquals(GHZ, circuit());
        assertNull(vm.qasmErrorProperty().get());
        assertEquals(8, view.state.size());

        String broken = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\nh q[0];\nhx q[1];\n";
        vm.qasmTextProperty().set(broken);
        vm.applyText();
        assertTrue(vm.qasmErrorProperty().get().contains("line 5"), vm.qasmErrorProperty().get());
        assertEquals(GHZ, circuit(), "the drawing keeps the last valid circuit");
        assertEquals(broken, vm.qasmTextProperty().get(), "the user's text stays for fixing");
    }

    /** measure lines become measurement steps; barrier lines are read but not kept, and the note above the text says so. */
    @Test
    void pastedMeasureLinesAreKeptAndBarrierLinesReportedAsDropped() {
        started();
        String pasted = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\nbarrier q;\n"
                + "cx q[1],q[2];\nmeasure q[0] -> c[0];\nmeasure q[1] -> c[1];\n";
        vm.qasmTextProperty().set(pasted);
        vm.applyText();
        assertEquals(GHZ.append(Operation.measure(0, 0)).append(Operation.measure(1, 1)), circuit());
        assertNull(vm.qasmErrorProperty().get());
        assertEquals("Dropped 1 barrier line: barriers only group gates for drawing and do not change the state;"
                + " they are not kept when Qanvas writes the circuit.", vm.qasmNoteProperty().get());
        // The two bits read are equal, each pattern half the time.
        assertEquals(Map.of(0b00L, 0.5, 0b11L, 0.5), rounded(view.noisy.readout()));
        assertEquals(pasted, vm.qasmTextProperty().get(), "the user's text stays as pasted");

        vm.qasmTextProperty().set(OpenQasm.toQasm2(BELL));
        vm.applyText();
        assertNull(vm.qasmNoteProperty().get(), "nothing dropped, nothing said");

        vm.qasmTextProperty().set("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nbarrier q[0],q[1];\nh q[0];\n");
        vm.applyText();
        assertTrue(vm.qasmNoteProperty().get().startsWith("Dropped 1 barrier line: barriers only group gates"), vm.qasmNoteProperty().get());
    }

    @Test
    void aParseResultForTextChangedSinceIsDropped() {
        started();
        parser.hold = true;
        vm.qasmTextProperty().set(OpenQasm.toQasm2(GHZ));
        vm.applyText();
        vm.qasmTextProperty().set("OPENQASM 2.0;\nqreg q[1];\nx q[0];\n"); // typing goes on, not yet settled
        parser.flush();
        assertEquals(BELL, circuit());
        assertNull(vm.qasmErrorProperty().get());
    }

    @Test
    void openingAnotherProjectResetsTheTargetTheTextAndItsError() {
        started();
        vm.open(new CircuitTarget.Node("q1")); // no such node in this project: back to the own circuit
        assertEquals(new CircuitTarget.Own(), vm.target());
        assertEquals(new CircuitTarget.Own(), view.target);

        vm.qasmTextProperty().set("OPENQASM 2.0;\nqreg q[2];\ncx q[0];\n");
        vm.applyText();
        assertTrue(vm.qasmErrorProperty().get() != null);

        doc.replace(Project.untitled().withCircuit(GHZ), null);
        assertEquals(GHZ, view.circuits.get(view.circuits.size() - 1));
        assertEquals("3 qubits", vm.qubitCountProperty().get());
        assertNull(vm.qasmErrorProperty().get());
        assertEquals(OpenQasm.toQasm2(GHZ), vm.qasmTextProperty().get());
        assertFalse(doc.isModified());
        assertEquals(8, view.state.size());
    }

    @Test
    void aCircuitWithInputsIsShownAsReadOnlyQasm3AndItsInputsComeFromSliders() {
        started(Project.untitled().withCircuit(ENCODER), CircuitViewModel.SLIDERS);
        assertFalse(vm.qasmEditableProperty().get());
        assertEquals("OpenQASM 3.0 (read-only)", vm.qasmTitleProperty().get());
        assertTrue(vm.qasmNoteProperty().get().contains("input features"), vm.qasmNoteProperty().get());
        assertEquals(OpenQasm.toQasm3(ENCODER), vm.qasmTextProperty().get());
        assertEquals(1, vm.inputCount());
        assertEquals(0.5, vm.sliderInput(0));
        assertEquals(0.5, view.state.probability(1), 1e-9); // sin^2(pi/4)
        assertEquals(List.of(), tasks.titles, "no images are loaded for sliders");

        vm.setSliderInput(0, 1.0);
        assertEquals(1.0, view.state.probability(1), 1e-9);
    }

    @Test
    void aCircuitWithInputsThatMeasuresHasNoTextAndTheTitleSaysSo() {
        Circuit measured = new Circuit(1, Operation.of(Gate.RY, new Angle.Input(0, Math.PI), 0), Operation.reset(0));
        started(Project.untitled().withCircuit(measured), CircuitViewModel.SLIDERS);
        assertFalse(vm.qasmEditableProperty().get());
        assertEquals("", vm.qasmTextProperty().get());
        assertEquals("OpenQASM: none for this circuit", vm.qasmTitleProperty().get());
        assertTrue(vm.qasmNoteProperty().get().contains("no text"), vm.qasmNoteProperty().get());
    }

    @Test
    void datasetImagesAreLoadedInTheBackgroundAndFeedTheInputs() {
        started(Project.untitled().withCircuit(ENCODER).withDataset(new DatasetSpec.BarsAndStripes(4, 40, 0.0, 1)),
                CircuitViewModel.DATASET_IMAGE);
        assertEquals(CircuitViewModel.DATASET_IMAGE, vm.inputSource());
        assertTrue(tasks.titles.get(0).startsWith("Loading images of "), tasks.titles.toString());
        assertTrue(vm.imagesLoaded());
        assertEquals(1, view.imagesLoaded.size());
        assertEquals(0, vm.imageIndex());
        assertEquals(4, view.image.width());
        assertEquals(1, view.image.side());
        assertTrue(view.image.label().startsWith("class "), view.image.label());

        vm.setImageIndex(1);
        assertTrue(view.image.tooltip().startsWith("Test image 1 "), view.image.tooltip());
        vm.refresh();
        assertEquals(1, tasks.titles.size(), "the same dataset is loaded once");
    }

    @Test
    void imagesThatCannotBeLoadedAreReported() {
        started(Project.untitled().withCircuit(ENCODER).withDataset(new DatasetSpec.IdxFolder(dir.resolve("none").toString())),
                CircuitViewModel.DATASET_IMAGE);
        assertEquals(List.of("Could not load the images for the circuit inputs"), view.errors);
        assertFalse(vm.imagesLoaded());
        assertEquals(0.5, view.state.probability(1), 1e-9, "the sliders' values stand in");
    }

    @Test
    void onlyTheNewestLiveRequestIsSimulated() {
        live.hold = true;
        started(new Circuit(1, Operation.of(Gate.RY, new Angle.Constant(Math.PI / 2, "pi/2"), 0)));
        vm.select(java.util.Optional.of(0));
        vm.previewAngle(0, new Angle.Constant(0, "0"));
        vm.previewAngle(0, new Angle.Constant(Math.PI, "pi"));
        assertNull(view.state);
        live.flush();
        assertEquals(1, view.captions.size());
        assertArrayEquals(new double[] {0, 1}, view.state.probabilities(), 1e-9);
    }

    @Test
    void tooManyQubitsForTheLiveStateIsSaidAtOnceAndEarlierRequestsAreDropped() {
        live.hold = true;
        started();
        assertEquals(1, live.waiting.size());
        doc.edit(doc.project().withCircuit(Circuit.empty(CircuitViewModel.MAX_LIVE_QUBITS + 1)));
        assertEquals(List.of("The live state is shown for up to 20 qubits; this circuit has 21. Editing, files and export still work."),
                view.stateErrors);
        assertEquals(0, live.waiting.size());
        live.flush();
        assertNull(view.state);
    }

    @Test
    void qasmFilesOpenAndSaveInTheBackgroundAndABadFileChangesNothing() throws Exception {
        started();
        Path good = dir.resolve("ghz.qasm");
        Files.writeString(good, OpenQasm.toQasm2(GHZ));
        vm.openQasm(good);
        assertEquals(GHZ, circuit());
        assertEquals(List.of("Opened ghz.qasm"), view.said);

        Path bad = dir.resolve("bad.qasm");
        Files.writeString(bad, "OPENQASM 2.0;\nqreg q[2];\ncx q[0];\n");
        vm.openQasm(bad);
        assertEquals(List.of("Could not open bad.qasm"), view.errors);
        assertEquals(GHZ, circuit(), "a bad file changes nothing");

        Path saved = dir.resolve("out.qasm");
        vm.saveQasm2(saved);
        assertEquals(GHZ, OpenQasm.parse(Files.readString(saved)));
        vm.exportSvg(dir.resolve("out.svg"));
        assertTrue(Files.readString(dir.resolve("out.svg")).contains("<svg"));
        assertEquals(List.of("Opened ghz.qasm", "Saved out.qasm", "Saved out.svg"), view.said);
        assertEquals(List.of("Opening ghz.qasm", "Opening bad.qasm", "Saving out.qasm", "Saving out.svg"), tasks.titles);
    }

    @Test
    void aCircuitQasm2CannotCarryIsRefusedBeforeAnythingIsWritten() {
        started(Project.untitled().withCircuit(ENCODER), CircuitViewModel.SLIDERS);
        Path file = dir.resolve("x.qasm");
        vm.saveQasm2(file);
        assertEquals(List.of("This circuit cannot be written as OpenQASM 2.0"), view.errors);
        assertFalse(Files.exists(file));
        vm.exportQasm3(file);
        assertTrue(Files.exists(file));
    }

    // ----- a kernel project's feature map (issue 17) -----

    @Test
    void anOpenFeatureMapFollowsTheKernelsComponentsAndAnotherProjectStartsOnItsOwnCircuit() throws Exception {
        Project kernel = dev.qanvas.project.Samples.load("quantum-kernels-mnist-3-vs-5.qanvas");
        started(kernel, CircuitViewModel.DATASET_IMAGE);
        vm.open(new CircuitTarget.FeatureMap(8));
        assertEquals(8, vm.circuit().qubits());
        // PCA 4 in the Model workspace: the open map becomes the 4-feature map, not a stale 8-qubit one
        doc.edit(doc.project().withKernel(dev.qanvas.project.model.KernelEdits.apply(doc.project().kernel(), "components", "4")));
        assertEquals(new CircuitTarget.FeatureMap(4), vm.target());
        assertEquals(4, vm.circuit().qubits());
        assertEquals(new CircuitTarget.FeatureMap(4), view.target);

        doc.replace(Project.untitled().withCircuit(BELL), null);
        assertEquals(new CircuitTarget.Own(), vm.target(), "another project opens on its own circuit");
        assertEquals(BELL, vm.circuit());
    }

    @Test
    void aKernelFeatureMapIsATargetOnSlidersAndItsEditsBecomeTheCustomMap() throws Exception {
        Project kernel = dev.qanvas.project.Samples.load("quantum-kernels-mnist-3-vs-5.qanvas");
        started(kernel, CircuitViewModel.DATASET_IMAGE);
        assertEquals(List.of(new CircuitTarget.Own(), new CircuitTarget.FeatureMap(8)), view.targets, "PCA 8: listed at once");
        vm.open(new CircuitTarget.FeatureMap(8));
        assertEquals(CircuitViewModel.SLIDERS, vm.inputSource(), "a feature map reads features, not pixels");
        assertEquals(Math.PI, vm.sliderMax(), "the sample scales its features to [0, pi], so its sliders reach pi");
        vm.setSliderInput(0, 3.0);
        assertEquals(3.0, vm.sliderInput(0));
        vm.open(new CircuitTarget.Own());
        assertEquals(1.0, vm.sliderMax(), "the project's own circuit reads pixels, 0..1");
        assertTrue(vm.sliderInput(0) <= 1.0, "a feature value beyond 1 comes back inside 0..1");
        vm.open(new CircuitTarget.FeatureMap(8));
        assertEquals(dev.qanvas.quantum.FeatureMaps.zz(8, 2, dev.qanvas.quantum.FeatureMaps.Pattern.LINEAR), vm.circuit());
        assertTrue(view.said.get(view.said.size() - 1).contains("custom map"), view.said.toString());

        vm.removeQubit(7);
        assertEquals("custom", doc.project().kernel().map());
        assertEquals(7, doc.project().kernel().circuit().qubits());
        assertEquals(new CircuitTarget.FeatureMap(7), view.target, "still the feature map after it became custom (listed by its 7 inputs)");

        // a map that reads no feature is refused with the reason, and nothing changes
        Project before = doc.project();
        vm.commit(new Circuit(2, Operation.of(Gate.H, 0)));
        assertEquals(before, doc.project());
        assertTrue(view.said.get(view.said.size() - 1).contains("reads no feature"), view.said.toString());

        // a feature count read from data (pixels): the opened target stays, in place of a listed one
        doc.edit(doc.project().withKernel(dev.qanvas.project.model.KernelEdits.apply(doc.project().kernel(), "map", "zz")));
        Project pixels = doc.project().withKernel(dev.qanvas.project.model.KernelEdits.apply(doc.project().kernel(), "features", "pixels"));
        doc.edit(pixels);
        vm.open(new CircuitTarget.FeatureMap(5));
        assertEquals(new CircuitTarget.FeatureMap(5), view.target);
        assertEquals(List.of(new CircuitTarget.Own(), new CircuitTarget.FeatureMap(5)), view.targets);
        assertEquals(5, vm.circuit().qubits());
    }

    @Test
    void noiseSwitchesShowTheMixedStateAndWhichMethodRanUntilAnotherProjectOpens() {
        started();
        assertNull(view.noisy, "no noise: the ideal state only");
        assertFalse(view.state.isMixed());

        // Depolarizing P after each gate on each of its qubits of the Bell circuit: the hand formulas.
        double p = 0.1;
        vm.setNoise("depolarizing", "0.1", "", "");
        assertNull(vm.noiseErrorProperty().get());
        assertEquals(new CircuitNoise("depolarizing", p, 0, 0), vm.noise());
        assertEquals(dev.qanvas.quantum.ProgramRunner.Method.DENSITY_MATRIX, view.noisy.method());
        assertTrue(view.state.isMixed(), "the state views show the density matrix");
        assertTrue(view.noisy.purity() < 1);
        // The h's channel on q0, then the cx's on both: Z-basis flips with 2P/3 each; q0 and q1 still read alike
        // when the cx's two flips agree, however the h's went.
        double f = 2 * p / 3, agree = (1 - f) * (1 - f) + f * f;
        double[] probabilities = view.state.probabilities();
        assertEquals(agree, probabilities[0] + probabilities[3], 1e-12);
        assertArrayEquals(new double[] {0.5, 0, 0, 0.5}, view.noisy.ideal(), 1e-12);

        // Shots: counts of every qubit read, as many as asked, seeded (the same switches give the same counts).
        vm.setNoise("depolarizing", "0.1", "2000", "3");
        assertEquals(2000, view.noisy.counts().values().stream().mapToLong(Long::longValue).sum());
        Map<Long, Long> counts = view.noisy.counts();
        vm.setNoise(CircuitNoise.NONE, "", "2000", "3");
        assertEquals(dev.qanvas.quantum.ProgramRunner.Method.STATE_VECTOR, view.noisy.method(), "shots alone keep the state pure");
        vm.setNoise("depolarizing", "0.1", "2000", "3");
        assertEquals(counts, view.noisy.counts());

        // A field that does not read keeps the switches and says why.
        int shown = view.noiseShown;
        vm.setNoise("depolarizing", "2", "0", "0");
        assertTrue(vm.noiseErrorProperty().get().contains("0 to 1"), vm.noiseErrorProperty().get());
        assertEquals(2000, vm.noise().shots());
        assertEquals(shown, view.noiseShown, "nothing recomputed");

        // A device profile: its noise model, by name.
        vm.setNoise(CircuitNoise.PROFILE + "illustrative-noisy", "", "0", "0");
        assertNull(vm.noiseErrorProperty().get());
        assertTrue(view.noisy.purity() < 1 && view.noisy.fidelity() > 0.9, "a few gates on a noisy device: " + view.noisy.fidelity());

        // Opening another project: no noise again.
        doc.replace(Project.untitled().withCircuit(GHZ), null);
        assertEquals(CircuitNoise.OFF, vm.noise());
        assertNull(view.noisy);
        assertFalse(view.state.isMixed());
    }

    @Test
    void noiseTooCostlyForTheLiveViewIsRefusedWithTheWayOut() {
        java.util.List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < 11; q++) {
            ops.add(Operation.of(Gate.H, q));
        }
        started(new Circuit(11, ops));
        vm.setNoise("depolarizing", "0.01", "0", "0");
        assertTrue(view.stateErrors.get(view.stateErrors.size() - 1).contains("switch shots on"), view.stateErrors.toString());
        vm.setNoise("depolarizing", "0.01", "1000000", "0");
        assertTrue(view.stateErrors.get(view.stateErrors.size() - 1).contains("hold up the live view"), view.stateErrors.toString());
        vm.setNoise("depolarizing", "0.01", "200", "0");
        assertEquals(dev.qanvas.quantum.ProgramRunner.Method.TRAJECTORIES, view.noisy.method());
        assertEquals(200, view.noisy.counts().values().stream().mapToLong(Long::longValue).sum());
    }

    private static Map<Long, Double> rounded(Map<Long, Double> distribution) {
        Map<Long, Double> out = new java.util.HashMap<>();
        distribution.forEach((v, p) -> {
            if (p > 1e-12) {
                out.put(v, Math.round(p * 1e9) / 1e9);
            }
        });
        return out;
    }

    /** Teleportation drawn in the workspace: Alice's bits are uniform and Bob holds the input, whatever she read. */
    @Test
    void teleportationShowsTheClassicalRegisterAndBobsQubitHoldsTheInput() {
        double theta = 1.1, phi = 0.7;
        Circuit teleport = new Circuit(3,
                Operation.of(Gate.U3, List.of(new Angle.Constant(theta), new Angle.Constant(phi), new Angle.Constant(0)), 0),
                Operation.of(Gate.H, 1), Operation.cnot(1, 2), Operation.cnot(0, 1), Operation.of(Gate.H, 0),
                Operation.measure(0, 0), Operation.measure(1, 1),
                Operation.of(Gate.X, 2).when(2), Operation.of(Gate.X, 2).when(3),
                Operation.of(Gate.Z, 2).when(1), Operation.of(Gate.Z, 2).when(3));
        started(teleport);
        assertFalse(vm.noise().isOn(), "no noise switched on: the steps alone make the views mixed-state ones");
        assertEquals(dev.qanvas.quantum.ProgramRunner.Method.DENSITY_MATRIX, view.noisy.method());
        assertEquals(2, view.noisy.clbits());
        assertEquals(Map.of(0L, 0.25, 1L, 0.25, 2L, 0.25, 3L, 0.25), rounded(view.noisy.readout()));
        // Bob's qubit is pure with the input's Bloch vector; Alice's two are measured, so the whole state is mixed.
        double[] bob = view.state.bloch()[2];
        assertArrayEquals(new double[] {Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)}, bob, 1e-9);
        assertEquals(0.25, view.noisy.purity(), 1e-9, "Alice's qubits are left in one of four basis states, each 1/4");
        assertTrue(Double.isNaN(view.noisy.fidelity()), "no pure ideal state to compare with");
        assertTrue(vm.qasmTextProperty().get().contains("if(c==2) x q[2];"), vm.qasmTextProperty().get());
        // Shots count the register values.
        vm.setNoise(CircuitNoise.NONE, "", "4000", "1");
        assertEquals(4000, view.noisy.keptShots());
        for (long v = 0; v < 4; v++) {
            double p = view.noisy.counts().getOrDefault(v, 0L) / 4000.0;
            assertEquals(0.25, p, 4 * Math.sqrt(0.25 * 0.75 / 4000), "c=" + v);
        }
    }

    /** Measure, reset and reuse; a condition set on the selected gate is one undo step. */
    @Test
    void aResetQubitIsReusedAndAConditionIsAnUndoableEdit() {
        Circuit c = new Circuit(1, Operation.of(Gate.H, 0), Operation.measure(0, 0), Operation.reset(0),
                Operation.of(Gate.X, 0), Operation.measure(0, 1));
        started(c);
        assertEquals(Map.of(0b10L, 0.5, 0b11L, 0.5), rounded(view.noisy.readout()), "c0 a coin, c1 always 1");
        vm.select(Optional.of(3));
        vm.replaceSelected(Operation.of(Gate.X, 0).when(0)); // flip only when c == 0 (the first reading was 0)
        assertEquals(Operation.of(Gate.X, 0).when(0), circuit().operations().get(3));
        // c=0 after the first reading 0: flipped, so c1 = 1 (c = 0b10); after reading 1 (c = 1): not flipped, c1 = 0.
        assertEquals(Map.of(0b10L, 0.5, 0b01L, 0.5), rounded(view.noisy.readout()));
        doc.undo();
        assertEquals(c, circuit());
    }

    /** Repeat until success: postselecting both ancillas on 0 succeeds 5/8 of the time (worked in PostselectionTest). */
    @Test
    void postselectionShowsItsSuccessProbability() {
        Circuit rus = new Circuit(3, Operation.of(Gate.H, 2), Operation.of(Gate.H, 0), Operation.of(Gate.H, 1),
                Operation.toffoli(0, 1, 2), Operation.of(Gate.S, 2), Operation.toffoli(0, 1, 2),
                Operation.of(Gate.H, 0), Operation.of(Gate.H, 1), Operation.postselect(0, 0), Operation.postselect(1, 0));
        started(rus);
        assertEquals(5.0 / 8, view.noisy.successProbability(), 1e-12);
        assertArrayEquals(new double[] {3.0 / 5, 4.0 / 5, 0}, view.state.bloch()[2], 1e-9);
        assertEquals(1, view.noisy.purity(), 1e-9, "postselection keeps the state pure");
        assertEquals("", vm.qasmTextProperty().get(), "OpenQASM 2.0 has no postselection");
        assertTrue(vm.qasmNoteProperty().get().contains("postselection"), vm.qasmNoteProperty().get());
    }
}
