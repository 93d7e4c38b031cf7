package dev.qanvas.ui.circuit;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.CircuitInputs;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.project.CircuitTarget;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.MixedStateReport;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.quantum.draw.CircuitEdits;
import dev.qanvas.quantum.draw.CircuitLayout;
import dev.qanvas.quantum.draw.CircuitSvg;
import dev.qanvas.quantum.qasm.OpenQasm;
import dev.qanvas.quantum.qasm.QasmException;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Circuit workspace without its views: which {@link CircuitTarget} is edited and its current
 * circuit, the selected gate, the OpenQASM text and its error, the inputs x of the live view
 * (sliders or a dataset image, and for a quanvolution the chosen patch), and the commands that
 * change them. Every edit is a project edit through {@link DocumentModel}. Work off the UI thread
 * goes through the {@link Background.Runner} and {@link Requests} passed in ({@link Background} and two
 * {@link LatestWorker}s in the app, synchronous stand-ins in tests); their
 * callbacks run on the UI thread. Needs no JavaFX toolkit: what the views must redraw is told to a
 * {@link View}, simple texts and flags are observable properties.
 */
public final class CircuitViewModel {

    /**
     * Above this the live views would cost several seconds per edit (2^n amplitudes, n^2
     * concurrences, the half cut's 2^(n/2)-row density matrix); at 20 one edit costs about a second
     * of two cores (docs/benchmarks.md, `bench quantum --only single`).
     */
    public static final int MAX_LIVE_QUBITS = 20;
    public static final String SLIDERS = "Sliders";
    public static final String DATASET_IMAGE = "Dataset image";

    /**
     * Newest-request-wins work off the UI thread: a {@link LatestWorker} in the
     * app (its {@code submit} and {@code cancelAll}).
     */
    public interface Requests {
        <T> void submit(String slot, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError);

        void cancelAll();

        /** {@code worker}'s requests. */
        static Requests of(LatestWorker worker) {
            return new Requests() {
                @Override
                public <T> void submit(String slot, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
                    worker.submit(slot, work, onDone, onError);
                }

                @Override
                public void cancelAll() {
                    worker.cancelAll();
                }
            };
        }
    }

    /** What the views are told to redraw, in the order the workspace always did it; every method defaults to nothing. */
    public interface View {
        /** The circuits that can be edited, and the one that is. */
        default void showTargets(List<CircuitTarget> targets, CircuitTarget target) {}

        /** A new version of the edited circuit (the drawing). */
        default void showCircuit(Circuit circuit) {}

        /** Another circuit was opened (or another project): show its output state, the step cursor at the end. */
        default void circuitOpened() {}

        /** The selected operation's angles ({@code op} null for none). */
        default void showAngles(Operation op, Circuit circuit) {}

        /** The inputs row: rebuild it from {@link #inputCount()}, {@link #inputSource()} and {@link #sliderInput(int)}. */
        default void showInputs() {}

        /** The dataset images for the inputs were loaded: {@code count} test images to pick from, the first picked. */
        default void imagesLoaded(int count) {}

        /** The image feeding the inputs and the grid of x values it gives. */
        default void showInputImage(InputImage image) {}

        /** A live-state result. */
        default void showState(StateReport report, String caption) {}

        default void showStateError(String message) {}

        /** The noisy or sampled state beside the live state ({@link #showState} shows its views), or null when the noise is off. */
        default void showNoise(MixedStateReport report, CircuitNoise noise) {}

        /** A short transient message. */
        default void say(String text) {}

        /** An error dialog. */
        default void error(String title, Throwable error) {}
    }

    /** The live state: the report, the noisy state's report (null without noise), and how long they took. */
    public record Result(StateReport report, MixedStateReport noisy, long millis) {}

    /**
     * The picture of the inputs: the test image ({@code argb}, {@code width} x {@code height},
     * shown {@code displaySize} pixels large; a quanvolution's patch tinted) and the {@code side} x
     * {@code side} grid of x values ({@code gridArgb}), with a label and its tooltip; {@code box} is
     * the patch read, {row, col, size} in image pixels, outlined on the image (null if none).
     */
    public record InputImage(int width, int height, int[] argb, int displaySize, int side, int[] gridArgb, String label,
                             String tooltip, int[] box) {}

    private final DocumentModel doc;
    private final Background.Runner tasks;
    private final Requests live;
    private final Requests textParser;
    private final IntSupplier cursor;
    private View view = new View() {};

    private final SimpleStringProperty qubitCount = new SimpleStringProperty("");
    private final SimpleBooleanProperty canRemoveQubit = new SimpleBooleanProperty(false);
    private final SimpleBooleanProperty drawingEditable = new SimpleBooleanProperty(true);
    private final SimpleStringProperty qasmText = new SimpleStringProperty("");
    private final SimpleBooleanProperty qasmEditable = new SimpleBooleanProperty(true);
    private final SimpleStringProperty qasmTitle = new SimpleStringProperty("");
    private final SimpleStringProperty qasmNote = new SimpleStringProperty();
    private final SimpleStringProperty qasmError = new SimpleStringProperty();
    private final SimpleStringProperty noiseError = new SimpleStringProperty();
    private CircuitNoise noise = CircuitNoise.OFF;

    private CircuitTarget target = new CircuitTarget.Own();
    /** Top-left pixel {row, col} of the patch a quanvolution target reads, or null for the busiest patch. */
    private int[] chosenPatch;
    private Optional<Integer> selectedOperation = Optional.empty();
    private String inputSource = DATASET_IMAGE; // how an image is encoded is the point; sliders are one click away
    /** Slider values for x[0..], in [0, 1] like pixels; grows with the circuit's inputs. */
    private double[] sliderInputs = new double[0];
    private int imageIndex;
    private Dataset inputImages;
    private DatasetSpec inputImagesSpec;
    private float[] inputRange;
    /** The model run up to a node target's layer; built and used on the live worker's thread (see {@link #probeFor}). */
    private NodeProbe probe;
    private List<Object> probeKey;
    private volatile Exception probeFailure;
    /** The input picture last shown (its size maps clicks to patches). */
    private InputImage shownImage;
    /** Set while the text is written from the circuit, so that write is not parsed back as a user edit. */
    private boolean writingText;

    /**
     * Follows {@code doc}; {@code cursor} tells how many columns of the drawing the live state
     * covers. Call {@link #setView} and then {@link #refresh} once the views are bound.
     */
    public CircuitViewModel(DocumentModel doc, Background.Runner tasks, Requests live, Requests textParser, IntSupplier cursor) {
        this.doc = doc;
        this.tasks = tasks;
        this.live = live;
        this.textParser = textParser;
        this.cursor = cursor;
        doc.projectProperty().addListener((o, old, now) -> refresh());
        doc.openedProperty().addListener(o -> {
            // another document: start again on its own circuit (a node or feature map of the old one means nothing here)
            target = new CircuitTarget.Own();
            chosenPatch = null;
            noise = CircuitNoise.OFF;
            noiseError.set(null);
            refresh();
            view.circuitOpened();
        });
    }

    public void setView(View view) {
        this.view = view;
    }

    // ----- state -----

    public CircuitTarget target() { return target; }
    public Circuit circuit() { return target.circuit(doc.project()).orElseGet(() -> doc.project().circuit()); }
    public Optional<Integer> selectedOperation() { return selectedOperation; }
    /** "3 qubits". */
    public ReadOnlyStringProperty qubitCountProperty() { return qubitCount; }
    public ReadOnlyBooleanProperty canRemoveQubitProperty() { return canRemoveQubit; }
    /** Whether the target takes edits ({@link CircuitTarget#editable}): the palette and the qubit buttons follow it. */
    public ReadOnlyBooleanProperty drawingEditableProperty() { return drawingEditable; }
    /** The OpenQASM text; the text area is bound to it both ways. */
    public StringProperty qasmTextProperty() { return qasmText; }
    public ReadOnlyBooleanProperty qasmEditableProperty() { return qasmEditable; }
    public ReadOnlyStringProperty qasmTitleProperty() { return qasmTitle; }
    /** Why the text is read-only, or null. */
    public ReadOnlyStringProperty qasmNoteProperty() { return qasmNote; }
    /** What is wrong with the typed text, or null. */
    public ReadOnlyStringProperty qasmErrorProperty() { return qasmError; }
    /** The noise and shots switches in force. */
    public CircuitNoise noise() { return noise; }
    /** What is wrong with the typed noise switches, or null. */
    public ReadOnlyStringProperty noiseErrorProperty() { return noiseError; }
    /** True while the text is being written from the circuit (not a user edit). */
    public boolean isWritingText() { return writingText; }
    public int inputCount() { return circuit().inputCount(); }
    public String inputSource() { return inputSource; }
    public double sliderInput(int i) { return sliderInputs[i]; }
    /**
     * The sliders' top value: a kernel's features reach its feature map scaled to [0, pi] (the
     * kernel's {@code angles}, on by default), so its sliders cover that range; image pixels are 0..1.
     */
    public double sliderMax() {
        var kernel = doc.project().kernel();
        return target instanceof CircuitTarget.FeatureMap && kernel != null && Boolean.TRUE.equals(kernel.angles()) ? Math.PI : 1;
    }
    public int imageIndex() { return imageIndex; }
    /** The chosen patch {row, col} of a quanvolution's input image, or null for the busiest one. */
    public int[] chosenPatch() { return chosenPatch == null ? null : chosenPatch.clone(); }
    public boolean imagesLoaded() { return inputImages != null; }

    // ----- commands -----

    /** Edits {@code t} from now on (the Model workspace opens a quantum node's circuit this way). */
    public void open(CircuitTarget t) {
        target = t;
        chosenPatch = null;
        if (t instanceof CircuitTarget.FeatureMap) {
            inputSource = SLIDERS; // a feature map reads features (PCA components, activations), not an image's first pixels
        } else if (t instanceof CircuitTarget.QrnnNode) {
            inputSource = SLIDERS; // the inputs are a token's bits, not an image's first grey levels
            sliderInputs = new double[circuit().inputCount()]; // token 0 (a slider's 0.5 would be no token the cell ever reads)
        }
        refresh();
        view.circuitOpened();
        if (t instanceof CircuitTarget.FeatureMap) {
            view.say("The kernel's feature map, one qubit per feature: an edit here makes it the kernel's custom map, which training uses.");
        } else if (t instanceof CircuitTarget.QrnnNode q) {
            view.say("QRNN " + q.nodeId() + "'s cell, one step: read-only, derived from the layer (see the note under OpenQASM).");
        }
    }

    /** The user picked {@code picked} in the target list. */
    public void selectTarget(CircuitTarget picked) {
        if (picked != null && !picked.equals(target)) {
            open(picked);
        }
    }

    /** Makes {@code next} the target's circuit, as one undoable project edit (nothing if unchanged). */
    public void commit(Circuit next) {
        if (!next.equals(circuit())) {
            try {
                doc.edit(target.with(doc.project(), next));
            } catch (IllegalArgumentException e) {
                view.say("Not applied: " + e.getMessage()); // e.g. a feature map that reads no feature
            }
        }
    }

    public void addQubit() {
        if (circuit().qubits() >= Circuit.MAX_QUBITS) {
            view.say("Circuits have at most " + Circuit.MAX_QUBITS + " qubits.");
        } else {
            commit(CircuitEdits.addQubit(circuit()));
        }
    }

    /** Removes wire {@code wire} (the last one if beyond) and its gates. */
    public void removeQubit(int wire) {
        Circuit c = circuit();
        commit(CircuitEdits.removeQubit(c, Math.min(wire, c.qubits() - 1)));
    }

    public void clear() {
        commit(Circuit.empty(circuit().qubits()));
    }

    public void insertAt(int column, List<Operation> ops) {
        commit(CircuitEdits.insertAt(circuit(), column, ops));
    }

    /** The drawing's selection changed: a single operation, or none. */
    public void select(Optional<Integer> operation) {
        selectedOperation = operation;
        showAngles();
    }

    /** Replaces the selected operation (its condition or classical bit changed). */
    public void replaceSelected(Operation op) {
        selectedOperation.filter(i -> i < circuit().size()).ifPresent(i -> commit(circuit().replace(i, op)));
    }

    /** Sets angle {@code k} of the selected operation. */
    public void setAngle(int k, Angle angle) {
        selectedOperation.ifPresent(i -> commit(CircuitEdits.withAngle(circuit(), i, k, angle)));
    }

    /** Shows the live state as if angle {@code k} of the selected operation were {@code angle}, without an edit. */
    public void previewAngle(int k, Angle angle) {
        selectedOperation.ifPresent(i -> simulate(CircuitEdits.withAngle(circuit(), i, k, angle)));
    }

    /**
     * Sets the noise and shots switches from the fields' text and shows the state under them; a
     * field that does not read keeps the switches as they were and says why.
     */
    public void setNoise(String source, String strength, String shots, String seed) {
        CircuitNoise next;
        try {
            next = CircuitNoise.parse(source, strength, shots, seed);
        } catch (IllegalArgumentException e) {
            noiseError.set(e.getMessage());
            return;
        }
        noiseError.set(null);
        if (!next.equals(noise)) {
            noise = next;
            simulate(circuit());
        }
    }

    /** The drawing's state cursor moved. */
    public void cursorMoved() {
        simulate(circuit());
    }

    public void setInputSource(String source) {
        inputSource = source;
        showInputs();
    }

    public void setSliderInput(int i, double value) {
        sliderInputs[i] = value;
        simulate(circuit());
    }

    public void setImageIndex(int index) {
        imageIndex = index;
        chosenPatch = null;
        simulate(circuit());
    }

    /**
     * For a quanvolution's circuit, picks the patch at ({@code y}, {@code x}) of the input image
     * shown {@code shownWidth} pixels wide.
     */
    public void pickPatch(double shownWidth, double y, double x) {
        quanvolution().ifPresent(q -> {
            if (shownImage == null) {
                return;
            }
            double scale = shownWidth / shownImage.width();
            chosenPatch = CircuitInputs.patchAt(shownImage.height(), shownImage.width(), q.kernel(), q.stride(), y / scale, x / scale);
            simulate(circuit());
        });
    }

    /**
     * The user's QASM text, once typing settles: valid text becomes the circuit; an error is shown
     * and nothing changes. Parsed off the UI thread (pasted text may be megabytes); a result for
     * text that has changed since is dropped.
     */
    public void applyText() {
        String text = qasmText.get();
        textParser.submit("qasm", () -> OpenQasm.read(text), parsed -> {
            if (text.equals(qasmText.get())) {
                showQasmError(null);
                commit(parsed.circuit());
                String dropped = parsed.droppedNote();
                if (dropped != null) {
                    qasmNote.set(dropped); // above the text the user typed or pasted
                }
            }
        }, e -> {
            if (text.equals(qasmText.get())) {
                showQasmError(e instanceof QasmException ? e.getMessage() : Alerts.messageOf(e));
            }
        });
    }

    /** Reads and parses off the UI thread; a bad file is reported with its line and the circuit stays. */
    public void openQasm(Path file) {
        tasks.run("Opening " + file.getFileName(), r -> {
            try {
                return OpenQasm.read(OpenQasm.readText(file));
            } catch (QasmException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }, read -> {
            commit(read.circuit());
            String dropped = read.droppedNote();
            if (dropped != null) {
                qasmNote.set(dropped);
            }
            view.say("Opened " + file.getFileName() + (dropped == null ? "" : ". " + dropped));
        }, e -> view.error("Could not open " + file.getFileName(), e));
    }

    /** Saves the circuit as OpenQASM 2.0 to {@code path}. */
    public void saveQasm2(Path path) {
        saveText("OpenQASM 2.0", path, () -> OpenQasm.toQasm2(circuit()));
    }

    public void exportQasm3(Path path) {
        saveText("OpenQASM 3.0", path, () -> OpenQasm.toQasm3(circuit()));
    }

    public void exportSvg(Path path) {
        saveText("SVG image", path, () -> CircuitSvg.render(circuit()));
    }

    private void saveText(String kind, Path path, Supplier<String> content) {
        String text;
        try {
            text = content.get();
        } catch (IllegalArgumentException e) {
            view.error("This circuit cannot be written as " + kind, e);
            return;
        }
        saveBytes(path, () -> text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} (computed off the UI thread, e.g. a PNG of the drawing) to {@code path}. */
    public void saveBytes(Path path, Callable<byte[]> bytes) {
        tasks.run("Saving " + path.getFileName(), r -> {
            ProjectFiles.writeAtomically(path, bytes.call());
            return path;
        }, p -> view.say("Saved " + p.getFileName()), e -> view.error("Could not save " + path.getFileName(), e));
    }

    // ----- reacting to the document -----

    /** Shows the current version of the target circuit everywhere (after any edit, undo or new document). */
    public void refresh() {
        Project p = doc.project();
        List<CircuitTarget> targets = new java.util.ArrayList<>(CircuitTarget.all(p));
        if (target instanceof CircuitTarget.FeatureMap) {
            // follow the kernel's settings (e.g. fewer PCA components) when its size is known from them;
            // a count read from the data stands until then
            var known = CircuitTarget.FeatureMap.known(p);
            if (known.isPresent()) {
                target = known.get();
            } else if (p.kernel() == null) {
                target = new CircuitTarget.Own();
            }
        }
        if (target instanceof CircuitTarget.FeatureMap && target.circuit(p).isPresent()) {
            // opened with a feature count read from the data: it stands for the listed feature map
            targets.removeIf(CircuitTarget.FeatureMap.class::isInstance);
            targets.add(1, target);
        } else if (!targets.contains(target)) {
            target = new CircuitTarget.Own();
        }
        view.showTargets(targets, target);
        Circuit c = circuit();
        view.showCircuit(c);
        qubitCount.set(c.qubits() + (c.qubits() == 1 ? " qubit" : " qubits"));
        drawingEditable.set(target.editable());
        canRemoveQubit.set(c.qubits() >= 2 && target.editable());
        writeText(c);
        showInputs();
        showAngles();
    }

    private void showAngles() {
        Circuit c = circuit();
        view.showAngles(selectedOperation.filter(i -> i < c.size()).map(c.operations()::get).orElse(null), c);
    }

    /**
     * Rewrites the QASM text unless it already describes this circuit (so typing is not disturbed).
     * OpenQASM 2.0 has no inputs and no trainable parameters: a circuit with either is shown as
     * OpenQASM 3.0, read-only, rather than as 2.0 text whose round trip would lose them.
     */
    private void writeText(Circuit c) {
        String qasm2 = null;
        String why = null;
        if (target instanceof CircuitTarget.QrnnNode) {
            why = "Read-only: one step of the cell as training builds it from the Qrnn layer (settings, Seed's weights); change the"
                    + " layer in Model. x[b] = the token's bit b; cell lanes start in |0>.";
        } else if ((c.inputCount() > 0 || !c.weightNames().isEmpty()) && !c.isUnitary()) {
            why = "This circuit has " + (c.inputCount() > 0 ? "input features" : "trainable weights")
                    + ", which OpenQASM 2.0 cannot carry, and measures, resets or conditions, which Qanvas writes only as"
                    + " OpenQASM 2.0: no text. Edit it in the drawing.";
        } else if (c.inputCount() > 0 || !c.weightNames().isEmpty()) {
            why = "This circuit has " + (c.inputCount() > 0 ? "input features" : "trainable weights")
                    + ", which OpenQASM 2.0 cannot carry: shown as OpenQASM 3.0, read-only. Edit it in the drawing.";
        } else {
            try {
                qasm2 = OpenQasm.toQasm2(c);
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        String text = qasm2 != null ? qasm2 : c.isUnitary() ? OpenQasm.toQasm3(c) : "";
        qasmEditable.set(qasm2 != null);
        qasmTitle.set(qasm2 != null ? "OpenQASM 2.0 — edit the text to change the circuit"
                : text.isEmpty() ? "OpenQASM: none for this circuit" : "OpenQASM 3.0 (read-only)");
        qasmNote.set(why);
        if (qasm2 != null) {
            try {
                if (OpenQasm.read(qasmText.get()).circuit().equals(c)) {
                    return;
                }
            } catch (QasmException | RuntimeException ignored) {
                // the text is not this circuit: rewrite it below
            }
        }
        writingText = true;
        try {
            qasmText.set(text);
        } finally {
            writingText = false;
        }
        showQasmError(null);
    }

    private void showQasmError(String error) {
        qasmError.set(error);
    }

    // ----- inputs for the live view -----

    private void showInputs() {
        int count = circuit().inputCount();
        if (sliderInputs.length < count) {
            int old = sliderInputs.length;
            sliderInputs = Arrays.copyOf(sliderInputs, count);
            Arrays.fill(sliderInputs, old, count, 0.5);
        }
        for (int i = 0; i < sliderInputs.length; i++) {
            sliderInputs[i] = Math.min(sliderInputs[i], sliderMax()); // back inside 0..1 after a feature map's 0..pi
        }
        view.showInputs();
        if (count > 0 && DATASET_IMAGE.equals(inputSource)) {
            loadInputImages();
        }
        simulate(circuit());
    }

    private void loadInputImages() {
        DatasetSpec spec = doc.project().dataset();
        if (spec.equals(inputImagesSpec)) {
            return;
        }
        inputImagesSpec = spec;
        tasks.run("Loading images of " + spec.label(), r -> {
            Dataset d = Datasets.load(spec);
            return Map.entry(d, d.test().valueRange());
        }, loaded -> {
            Dataset d = loaded.getKey();
            inputImages = d;
            inputRange = loaded.getValue();
            imageIndex = 0;
            view.imagesLoaded(d.test().size());
            simulate(circuit());
        }, e -> {
            inputImagesSpec = null;
            view.error("Could not load the images for the circuit inputs", e);
        });
    }

    /** The quanvolution layer whose circuit is shown, if the target is one. */
    private Optional<Quanvolution> quanvolution() {
        if (target instanceof CircuitTarget.Node n) {
            return doc.project().model().node(n.nodeId()).map(node -> node.spec())
                    .filter(spec -> spec instanceof Quanvolution)
                    .map(spec -> (Quanvolution) spec);
        }
        return Optional.empty();
    }

    /**
     * The inputs x of the live view: the sliders, or the chosen test image (see {@link DatasetInputs}),
     * whose picture the views are shown.
     */
    double[] inputs(Circuit c) {
        int count = c.inputCount();
        if (DATASET_IMAGE.equals(inputSource) && inputImages != null && count > 0) {
            String note = !(target instanceof CircuitTarget.Node) ? null
                    : "The model cannot be run up to this layer yet (" + (probeFailure == null ? "it is being built"
                    : Alerts.messageOf(probeFailure)) + "), so the image itself feeds the circuit.";
            DatasetInputs picked = DatasetInputs.of(inputImages, inputRange, imageIndex, count, quanvolution(), chosenPatch, note);
            shownImage = picked.image();
            view.showInputImage(picked.image());
            return picked.x();
        }
        return Arrays.copyOf(sliderInputs, count);
    }

    /**
     * Simulates {@code c} up to the drawing's cursor, with the current inputs and initial weights,
     * off the UI thread; only the newest request's result is shown.
     */
    private void simulate(Circuit c) {
        int columnsShown = cursor.getAsInt();
        CircuitLayout layout = CircuitLayout.of(c);
        Circuit shown = columnsShown >= layout.columns() ? c : layout.prefix(c, columnsShown - 1);
        String caption = columnsShown >= layout.columns() ? "State after the whole circuit (" + layout.columns() + " columns)"
                : columnsShown == 0 ? "Initial state |0…0⟩" : "State after column " + columnsShown + " of " + layout.columns();
        if (shown.qubits() <= MAX_LIVE_QUBITS && target instanceof CircuitTarget.Node n && DATASET_IMAGE.equals(inputSource)
                && c.inputCount() > 0) {
            simulateInModel(shown, caption, n.nodeId());
            return;
        }
        double[] x = inputs(c);
        if (shown.qubits() > MAX_LIVE_QUBITS) {
            live.cancelAll(); // results of earlier requests are no longer wanted
            view.showStateError("The live state is shown for up to " + MAX_LIVE_QUBITS + " qubits; this circuit has "
                    + shown.qubits() + ". Editing, files and export still work.");
            return;
        }
        CircuitNoise switches = noise;
        live.submit("state", () -> {
            long start = System.nanoTime();
            return state(shown, x, shown.initialWeights(), switches, start);
        }, result -> show(result, caption + " · " + result.millis() + " ms", switches), e -> {
            if (e instanceof RuntimeException) {
                view.showStateError("Cannot simulate: " + e.getMessage());
                view.showNoise(null, switches);
            }
        });
    }

    /**
     * The live state of {@code shown} for inputs x and weights w: the ideal state, or with the
     * noise switches on, or steps that are not gates (measure, reset, postselect, if), the mixed
     * state, whose views then show the density matrix. Off the UI thread.
     */
    private static Result state(Circuit shown, double[] x, double[] w, CircuitNoise switches, long start) {
        if (!switches.isOn() && shown.isUnitary()) {
            return new Result(StateReport.of(Simulator.run(shown, x, w)), null, (System.nanoTime() - start) / 1_000_000);
        }
        MixedStateReport noisy = switches.liveState(shown, x, w);
        return new Result(noisy.asStateReport(), noisy, (System.nanoTime() - start) / 1_000_000);
    }

    /** Shows a live state (a sampled one too wide for a density matrix has only its shots to show). */
    private void show(Result result, String caption, CircuitNoise switches) {
        view.showNoise(result.noisy(), switches); // first: the views draw the ideal state beside the noisy one
        if (result.report() != null) {
            view.showState(result.report(), caption);
        } else {
            view.showStateError("Sampled with shots only: " + result.noisy().qubits() + " qubits are too many for a density matrix.");
        }
    }

    /** A live state computed inside the model: the state, the input picture and how long it took. */
    private record InModel(Result state, InputImage image) {}

    /**
     * Simulates a model node's circuit ({@code shown}, up to the cursor) with what the node really
     * receives: the model run on the chosen test image up to the node, with the model's current
     * weights ({@link NodeProbe}), off the UI thread. If the model cannot be run yet (incomplete,
     * unreadable data), the image itself feeds the circuit, as for the workspace circuit.
     */
    private void simulateInModel(Circuit shown, String caption, String nodeId) {
        Project p = doc.project();
        Path file = doc.file();
        int index = imageIndex;
        int[] patch = chosenPatch;
        CircuitNoise switches = noise;
        live.submit("state", () -> {
            long start = System.nanoTime();
            NodeProbe inModel = probeFor(p, nodeId, file);
            QuantumStates.Node node = inModel.at(index);
            int k = node.isQuanvolution() ? DatasetInputs.patchIndex(node, patch) : 0;
            double[] w = DatasetInputs.weightsFor(shown, node);
            Result state = state(shown, node.inputsOf(k), w, switches, start);
            InputImage image = DatasetInputs.inModel(inModel, node, index, k);
            return new InModel(state, image);
        }, result -> {
            shownImage = result.image();
            view.showInputImage(result.image());
            show(result.state(), caption + " · " + result.state().millis() + " ms", switches);
        }, e -> {
            double[] x = inputs(shown);
            live.submit("state", () -> state(shown, x, shown.initialWeights(), switches, System.nanoTime()),
                    r -> show(r, caption, switches), e2 -> {
                        view.showStateError("Cannot simulate: " + e2.getMessage());
                        view.showNoise(null, switches);
                    });
        });
    }

    /** The probe of {@code p}'s model for node {@code nodeId}, rebuilt only when the model, data, settings or runs change. */
    private synchronized NodeProbe probeFor(Project p, String nodeId, Path file) throws Exception {
        List<Object> key = Arrays.asList(p.model(), p.dataset(), p.transforms(), p.training(), p.runs(), nodeId, file);
        if (!key.equals(probeKey)) {
            probeKey = key;
            probe = null;
            probeFailure = null;
            try {
                probe = NodeProbe.load(p, nodeId, file);
            } catch (Exception | OutOfMemoryError e) {
                probeFailure = e instanceof Exception ex ? ex : new IllegalStateException("out of memory", e);
            }
        }
        if (probe == null) {
            throw probeFailure;
        }
        return probe;
    }
}
