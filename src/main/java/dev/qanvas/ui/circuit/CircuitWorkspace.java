package dev.qanvas.ui.circuit;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.CircuitInputs;
import dev.qanvas.project.CircuitTarget;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.draw.CircuitEdits;
import dev.qanvas.quantum.draw.CircuitLayout;
import dev.qanvas.quantum.draw.CircuitSvg;
import dev.qanvas.quantum.qasm.OpenQasm;
import dev.qanvas.quantum.qasm.QasmException;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.common.Pixels;
import dev.qanvas.ui.common.StatePanel;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The Circuit workspace: a gate palette, the circuit drawing, the live state beside it (updated
 * off the UI thread on every edit), an angle editor for the selected gate, and the circuit's
 * OpenQASM text, editable. It edits one {@link CircuitTarget} of the project (its own circuit or
 * a quantum node's), and every edit is a project edit, so Undo/Redo and "modified" just work.
 */
public final class CircuitWorkspace implements Workspace {

    private static final Duration TEXT_SETTLE = Duration.millis(300);

    private final DocumentModel doc;
    private final Background background;
    private final Supplier<Window> owner;
    private final Alerts alerts;
    private final LiveState live = new LiveState();

    private final CircuitEditor editor = new CircuitEditor();
    private final GatePalette palette = new GatePalette();
    private final AnglePanel anglePanel = new AnglePanel();
    private final StatePanel statePanel = new StatePanel();
    private final ComboBox<CircuitTarget> targetBox = new ComboBox<>();
    private final Label qubitsLabel = new Label();
    private final Button removeQubit = new Button("−");
    private final Label message = new Label();
    private final TextArea qasmText = new TextArea();
    private final Label qasmError = new Label();
    private final Label qasmTitle = new Label();
    private final Label qasmNote = new Label();
    private final ComboBox<String> inputSource = new ComboBox<>();
    private final Spinner<Integer> imageIndex = new Spinner<>(0, 0, 0);
    private final ImageView imageView = new ImageView();
    private final ImageView gridView = new ImageView();
    private final Label imageLabel = new Label();
    private final FlowPane sliders = new FlowPane(10, 6);
    private final HBox inputsRow = new HBox(8);
    private final PauseTransition textSettle = new PauseTransition(TEXT_SETTLE);
    private final BorderPane view = new BorderPane();

    private CircuitTarget target = new CircuitTarget.Own();
    /** Top-left pixel {row, col} of the patch a quanvolution target reads, or null for the busiest patch. */
    private int[] chosenPatch;
    private Optional<Integer> selectedOperation = Optional.empty();
    /** Slider values for x[0..], in [0, 1] like pixels; grows with the circuit's inputs. */
    private double[] sliderInputs = new double[0];
    private Dataset inputImages;
    private DatasetSpec inputImagesSpec;
    private float[] inputRange;
    /** Set while the text is written from the circuit, so that write is not parsed back as a user edit. */
    private boolean writingText;
    /** Parses the typed QASM text in the background; the newest text wins. */
    private final LatestWorker textParser = new LatestWorker("qanvas-qasm-text");

    public CircuitWorkspace(DocumentModel doc, Background background, Supplier<Window> owner, Alerts alerts) {
        this.doc = doc;
        this.background = background;
        this.owner = owner;
        this.alerts = alerts;
        build();
        doc.projectProperty().addListener((o, old, now) -> refresh());
        refresh();
    }

    @Override
    public String id() {
        return "circuit";
    }

    @Override
    public String title() {
        return "Circuit";
    }

    @Override
    public Node view() {
        return view;
    }

    CircuitEditor editor() { return editor; }
    StatePanel statePanel() { return statePanel; }
    TextArea qasmText() { return qasmText; }
    Label qasmError() { return qasmError; }

    /** Edits {@code t} from now on (the Model workspace opens a quantum node's circuit this way). */
    public void open(CircuitTarget t) {
        target = t;
        chosenPatch = null;
        refresh();
    }

    private Circuit circuit() {
        return target.circuit(doc.project()).orElseGet(() -> doc.project().circuit());
    }

    private void commit(Circuit next) {
        if (!next.equals(circuit())) {
            doc.edit(target.with(doc.project(), next));
        }
    }

    // ----- layout -----

    private void build() {
        view.getStyleClass().add("circuit-workspace");
        editor.setId("circuit-editor");
        editor.setOnEdit(this::commit);
        editor.setOnCursor(c -> simulate(circuit()));
        editor.setOnSelect(i -> {
            selectedOperation = i;
            showAngles();
        });
        editor.setOnTemplate((item, slot) -> TemplateDialog.ask(owner.get(), item, circuit(), slot.wire())
                .ifPresent(ops -> commit(CircuitEdits.insertAt(circuit(), slot.column(), ops))));
        editor.setOnMessage(this::say);
        palette.setOnActivate(editor::place);

        anglePanel.setId("angle-panel");
        anglePanel.setOnCommit((k, angle) -> selectedOperation.ifPresent(i -> commit(CircuitEdits.withAngle(circuit(), i, k, angle))));
        anglePanel.setOnPreview((k, angle) -> selectedOperation.ifPresent(i -> simulate(CircuitEdits.withAngle(circuit(), i, k, angle))));

        ScrollPane paletteScroll = new ScrollPane(palette);
        paletteScroll.setFitToWidth(true);
        paletteScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        paletteScroll.setPrefWidth(210);
        paletteScroll.setMinWidth(180);

        ScrollPane editorScroll = new ScrollPane(editor);
        editorScroll.getStyleClass().add("editor-scroll");
        editor.minWidthProperty().bind(editorScroll.widthProperty().subtract(4));
        editor.minHeightProperty().bind(editorScroll.heightProperty().subtract(4));
        VBox drawing = new VBox(editorScroll, inputsRow, anglePanel);
        VBox.setVgrow(editorScroll, Priority.ALWAYS);
        drawing.setSpacing(6);

        qasmText.setId("qasm-text");
        qasmText.getStyleClass().add("qasm-text");
        qasmText.setPrefRowCount(8);
        qasmText.textProperty().addListener((o, was, now) -> {
            if (!writingText && qasmText.isEditable()) {
                textSettle.playFromStart();
            }
        });
        textSettle.setOnFinished(e -> applyText());
        qasmError.setId("qasm-error");
        qasmError.getStyleClass().add("error-text");
        qasmError.setWrapText(true);
        qasmTitle.getStyleClass().add("section-title");
        qasmNote.getStyleClass().add("muted");
        qasmNote.setWrapText(true);
        qasmNote.setId("qasm-note");
        VBox qasmBox = new VBox(4, qasmTitle, qasmNote, qasmText, qasmError);
        qasmBox.setPadding(new Insets(4, 0, 0, 0));
        VBox.setVgrow(qasmText, Priority.ALWAYS);

        SplitPane centre = new SplitPane(drawing, qasmBox);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.7);

        ScrollPane stateScroll = new ScrollPane(statePanel);
        stateScroll.setFitToWidth(true);
        stateScroll.setPrefWidth(400);
        stateScroll.setMinWidth(300);
        statePanel.setId("state-panel");

        SplitPane main = new SplitPane(paletteScroll, centre, stateScroll);
        main.setDividerPositions(0.16, 0.66);
        SplitPane.setResizableWithParent(paletteScroll, false);
        view.setTop(toolbar());
        view.setCenter(main);
        buildInputsRow();
    }

    private ToolBar toolbar() {
        targetBox.setId("circuit-target");
        targetBox.setCellFactory(l -> new TargetCell());
        targetBox.setButtonCell(new TargetCell());
        targetBox.setOnAction(e -> {
            CircuitTarget picked = targetBox.getValue();
            if (picked != null && !picked.equals(target)) {
                target = picked;
                chosenPatch = null;
                refresh();
            }
        });
        Button addQubit = new Button("+");
        addQubit.setId("add-qubit");
        addQubit.setTooltip(new Tooltip("Add a qubit (a wire at the bottom)"));
        addQubit.setOnAction(e -> {
            if (circuit().qubits() >= Circuit.MAX_QUBITS) {
                say("Circuits have at most " + Circuit.MAX_QUBITS + " qubits.");
            } else {
                commit(CircuitEdits.addQubit(circuit()));
            }
        });
        removeQubit.setId("remove-qubit");
        removeQubit.setTooltip(new Tooltip("Remove the selected wire and its gates (the last wire if none is selected)"));
        removeQubit.setOnAction(e -> {
            Circuit c = circuit();
            commit(CircuitEdits.removeQubit(c, Math.min(editor.slot().wire(), c.qubits() - 1)));
        });
        qubitsLabel.setId("qubit-count");

        Button clear = new Button("Clear");
        clear.setTooltip(new Tooltip("Remove every gate (undo brings them back)"));
        clear.setOnAction(e -> commit(Circuit.empty(circuit().qubits())));

        Button open = new Button("Open QASM…");
        open.setOnAction(e -> openQasm());
        Button save = new Button("Save QASM…");
        save.setOnAction(e -> saveQasm());
        save.setTooltip(new Tooltip("Save as OpenQASM 2.0 (trainable weights are written as their initial values; a circuit that reads inputs needs Export → OpenQASM 3.0)"));
        MenuItem qasm3 = new MenuItem("OpenQASM 3.0…");
        qasm3.setOnAction(e -> export("OpenQASM 3.0", "*.qasm", ".qasm", () -> OpenQasm.toQasm3(circuit())));
        MenuItem svg = new MenuItem("SVG image…");
        svg.setOnAction(e -> export("SVG image", "*.svg", ".svg", () -> CircuitSvg.render(circuit())));
        MenuItem png = new MenuItem("PNG image…");
        png.setOnAction(e -> exportPng());
        MenuButton export = new MenuButton("Export", null, qasm3, svg, png);
        export.setId("circuit-export");

        HBox legend = new HBox(10, legendEntry("fixed", "#dce8f7", "#3d6fb0"), legendEntry("constant angle", "#fde9d0", "#c97420"),
                legendEntry("trainable weight", "#ebe2fb", "#7245c9"), legendEntry("encodes input x", "#dcf2e1", "#2b8a4b"));
        legend.setAlignment(Pos.CENTER_LEFT);
        message.getStyleClass().add("hint-text");
        message.setId("circuit-message");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        return new ToolBar(new Label("Circuit:"), targetBox, new Separator(), new Label("Qubits:"), removeQubit, qubitsLabel,
                addQubit, clear, new Separator(), open, save, export, new Separator(), message, grow, legend);
    }

    /** One swatch of the gate-colour legend (the colours of the editor's CSS classes). */
    private static Label legendEntry(String text, String fill, String stroke) {
        javafx.scene.shape.Rectangle swatch = new javafx.scene.shape.Rectangle(12, 12, javafx.scene.paint.Color.web(fill));
        swatch.setStroke(javafx.scene.paint.Color.web(stroke));
        swatch.setArcWidth(3);
        swatch.setArcHeight(3);
        Label l = new Label(text, swatch);
        l.getStyleClass().add("gate-legend");
        return l;
    }

    private void buildInputsRow() {
        inputSource.setId("input-source");
        inputSource.getItems().setAll("Sliders", "Dataset image");
        inputSource.setValue("Dataset image"); // how an image is encoded is the point; sliders are one click away
        inputSource.setOnAction(e -> showInputs());
        imageIndex.setId("image-index");
        imageIndex.setPrefWidth(90);
        imageIndex.setMinWidth(90);
        inputSource.setMinWidth(Region.USE_PREF_SIZE);
        imageIndex.setTooltip(new Tooltip("Which test image feeds the circuit's inputs"));
        imageIndex.setEditable(true);
        imageIndex.valueProperty().addListener((o, was, now) -> {
            chosenPatch = null;
            simulate(circuit());
        });
        // For a quanvolution's circuit, clicking the image picks the patch that feeds it.
        imageView.setOnMouseClicked(e -> quanvolution().ifPresent(q -> {
            if (inputImages == null || imageView.getImage() == null) {
                return;
            }
            ImageSet test = inputImages.test();
            double scale = imageView.getImage().getWidth() / test.width();
            chosenPatch = CircuitInputs.patchAt(test, q.kernel(), q.stride(), e.getY() / scale, e.getX() / scale);
            simulate(circuit());
        }));
        imageView.setId("input-image");
        sliders.setId("input-sliders");
        inputsRow.setAlignment(Pos.CENTER_LEFT);
        inputsRow.setPadding(new Insets(0, 6, 0, 6));
    }

    // ----- reacting to the document -----

    /** Shows the current version of the target circuit everywhere (after any edit, undo or new document). */
    private void refresh() {
        Project p = doc.project();
        List<CircuitTarget> targets = CircuitTarget.all(p);
        if (!targets.contains(target)) {
            target = new CircuitTarget.Own();
        }
        if (!targetBox.getItems().equals(targets)) {
            targetBox.getItems().setAll(targets);
        }
        targetBox.setValue(target);
        Circuit c = circuit();
        editor.setCircuit(c);
        qubitsLabel.setText(c.qubits() + (c.qubits() == 1 ? " qubit" : " qubits"));
        removeQubit.setDisable(c.qubits() < 2);
        writeText(c);
        showInputs();
        showAngles();
    }

    private void showAngles() {
        Circuit c = circuit();
        anglePanel.edit(selectedOperation.filter(i -> i < c.size()).map(c.operations()::get).orElse(null), c);
    }

    /**
     * Rewrites the QASM text unless it already describes this circuit (so typing is not disturbed).
     * OpenQASM 2.0 has no inputs and no trainable parameters: a circuit with either is shown as
     * OpenQASM 3.0, read-only, rather than as 2.0 text whose round trip would lose them.
     */
    private void writeText(Circuit c) {
        String qasm2 = null;
        String why = null;
        if (c.inputCount() > 0 || !c.weightNames().isEmpty()) {
            why = "This circuit has " + (c.inputCount() > 0 ? "input features" : "trainable weights")
                    + ", which OpenQASM 2.0 cannot carry: shown as OpenQASM 3.0, read-only. Edit it in the drawing.";
        } else {
            try {
                qasm2 = OpenQasm.toQasm2(c);
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
        }
        qasmText.setEditable(qasm2 != null);
        qasmTitle.setText(qasm2 != null ? "OpenQASM 2.0 — edit the text to change the circuit" : "OpenQASM 3.0 (read-only)");
        qasmNote.setText(why == null ? "" : why);
        qasmNote.setVisible(why != null);
        qasmNote.setManaged(why != null);
        if (qasm2 != null) {
            try {
                if (OpenQasm.parse(qasmText.getText()).equals(c)) {
                    return;
                }
            } catch (QasmException | RuntimeException ignored) {
                // the text is not this circuit: rewrite it below
            }
        }
        writingText = true;
        try {
            qasmText.setText(qasm2 != null ? qasm2 : OpenQasm.toQasm3(c));
        } finally {
            writingText = false;
        }
        showQasmError(null);
    }

    /**
     * The user's QASM text, once typing settles: valid text becomes the circuit; an error is shown
     * and nothing changes. Parsed off the UI thread (pasted text may be megabytes); a result for
     * text that has changed since is dropped.
     */
    private void applyText() {
        String text = qasmText.getText();
        textParser.submit("qasm", () -> OpenQasm.parse(text), parsed -> {
            if (text.equals(qasmText.getText())) {
                showQasmError(null);
                commit(parsed);
            }
        }, e -> {
            if (text.equals(qasmText.getText())) {
                showQasmError(e instanceof QasmException ? e.getMessage() : Alerts.messageOf(e));
            }
        });
    }

    private void showQasmError(String error) {
        qasmError.setText(error == null ? "" : error + " — the drawing keeps the last valid circuit.");
        qasmError.setVisible(error != null);
        qasmError.setManaged(error != null);
        qasmText.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), error != null);
    }

    // ----- inputs for the live view -----

    private void showInputs() {
        int count = circuit().inputCount();
        if (sliderInputs.length < count) {
            int old = sliderInputs.length;
            sliderInputs = Arrays.copyOf(sliderInputs, count);
            Arrays.fill(sliderInputs, old, count, 0.5);
        }
        inputsRow.getChildren().clear();
        if (count == 0) {
            inputsRow.setVisible(false);
            inputsRow.setManaged(false);
            simulate(circuit());
            return;
        }
        inputsRow.setVisible(true);
        inputsRow.setManaged(true);
        Label title = new Label("Inputs x[0.." + (count - 1) + "]:");
        title.setMinWidth(Region.USE_PREF_SIZE);
        inputsRow.getChildren().addAll(title, inputSource);
        if ("Dataset image".equals(inputSource.getValue())) {
            inputsRow.getChildren().addAll(imageIndex, imageView, new Label("→"), gridView, imageLabel);
            loadInputImages();
        } else {
            sliders.getChildren().clear();
            for (int i = 0; i < count; i++) {
                int k = i;
                Slider s = new Slider(0, 1, sliderInputs[i]);
                s.setId("input-slider-" + i);
                s.setPrefWidth(90);
                Label value = new Label(String.format(Locale.ROOT, "x[%d] %.2f", i, sliderInputs[i]));
                s.valueProperty().addListener((o, was, now) -> {
                    sliderInputs[k] = now.doubleValue();
                    value.setText(String.format(Locale.ROOT, "x[%d] %.2f", k, now.doubleValue()));
                    simulate(circuit());
                });
                sliders.getChildren().add(new HBox(4, value, s));
            }
            inputsRow.getChildren().add(sliders);
            HBox.setHgrow(sliders, Priority.ALWAYS);
        }
        simulate(circuit());
    }

    private void loadInputImages() {
        DatasetSpec spec = doc.project().dataset();
        if (spec.equals(inputImagesSpec)) {
            return;
        }
        inputImagesSpec = spec;
        background.run("Loading images of " + spec.label(), r -> {
            Dataset d = Datasets.load(spec);
            return java.util.Map.entry(d, d.test().valueRange());
        }, loaded -> {
            Dataset d = loaded.getKey();
            inputImages = d;
            inputRange = loaded.getValue();
            imageIndex.setValueFactory(new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(0, d.test().size() - 1, 0));
            simulate(circuit());
        }, e -> {
            inputImagesSpec = null;
            alerts.error("Could not load the images for the circuit inputs", e);
        });
    }

    /** The quanvolution layer whose circuit is shown, if the target is one. */
    private java.util.Optional<dev.qanvas.nn.graph.LayerSpec.Quanvolution> quanvolution() {
        if (target instanceof CircuitTarget.Node n) {
            return doc.project().model().node(n.nodeId()).map(node -> node.spec())
                    .filter(spec -> spec instanceof dev.qanvas.nn.graph.LayerSpec.Quanvolution)
                    .map(spec -> (dev.qanvas.nn.graph.LayerSpec.Quanvolution) spec);
        }
        return java.util.Optional.empty();
    }

    /**
     * The inputs x of the live view: the sliders, or the chosen test image: for a quanvolution's
     * circuit, one patch of it (the pixels the filter reads there); otherwise the image shrunk to
     * a grid of x values.
     */
    private double[] inputs(Circuit c) {
        int count = c.inputCount();
        if ("Dataset image".equals(inputSource.getValue()) && inputImages != null && count > 0) {
            int index = Math.min(imageIndex.getValue(), inputImages.test().size() - 1);
            ImageSet test = inputImages.test();
            float[] range = inputRange;
            int[] argb = Pixels.argb(test, index, range[0], range[1]);
            var quanv = quanvolution().filter(q -> q.kernel() * q.kernel() >= count && q.kernel() <= Math.min(test.width(), test.height()));
            double[] x;
            int side;
            if (quanv.isPresent()) {
                int k = quanv.get().kernel();
                int[] patch = chosenPatch != null ? chosenPatch : CircuitInputs.busiestPatch(test, index, k, quanv.get().stride());
                x = Arrays.copyOf(CircuitInputs.fromPatch(test, index, k, patch[0], patch[1]), count);
                side = k;
                tintPatch(argb, test.width(), patch, k);
                imageLabel.setText("patch (" + patch[0] + ", " + patch[1] + ")");
                imageLabel.setTooltip(new Tooltip("The " + k + "×" + k + " pixels (tinted) the quanvolution filter reads at row "
                        + patch[0] + ", column " + patch[1] + " of test image " + index + " (class "
                        + inputImages.classNames().get(test.label(index)) + "), row by row into x[0.." + (count - 1)
                        + "]. Click the image to pick another patch."));
            } else {
                x = CircuitInputs.fromImage(test, index, count);
                side = CircuitInputs.gridSide(count);
                imageLabel.setText("class " + inputImages.classNames().get(test.label(index)) + " · " + side + "×" + side
                        + " cells → x[0.." + (count - 1) + "]");
                imageLabel.setTooltip(new Tooltip("Test image " + index + " shrunk by area averaging to " + side + "×" + side
                        + " cells, read row by row into x[0.." + (count - 1) + "]"
                        + (target instanceof CircuitTarget.Node ? ". Inside the model this layer reads the outputs of the layer "
                        + "before it; the Inspect workspace shows its state for a real input." : "")));
            }
            // Larger for a patch, so the tinted pixels can be seen and clicked.
            imageView.setImage(Pixels.image(test.width(), test.height(), argb, quanv.isPresent() ? 84 : 56));
            float[] grid = new float[side * side];
            for (int k = 0; k < count; k++) {
                grid[k] = (float) x[k];
            }
            gridView.setImage(Pixels.image(side, side, Pixels.argb(ImageSet.ofFloats(side, side, 1, grid, new int[] {0}), 0,
                    range[0], range[1]), 56));
            return x;
        }
        return Arrays.copyOf(sliderInputs, count);
    }

    /** Blends the patch's pixels with orange so the user sees where the inputs come from. */
    private static void tintPatch(int[] argb, int width, int[] patch, int k) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int p = (patch[0] + i) * width + patch[1] + j;
                int v = argb[p];
                int r = ((v >> 16) & 0xff) / 2 + 0x7f, g = ((v >> 8) & 0xff) / 2 + 0x40, b = (v & 0xff) / 2;
                argb[p] = 0xff000000 | r << 16 | g << 8 | b;
            }
        }
    }

    private void simulate(Circuit c) {
        int cursor = editor.cursor();
        CircuitLayout layout = CircuitLayout.of(c);
        Circuit shown = cursor >= layout.columns() ? c : layout.prefix(c, cursor - 1);
        String caption = cursor >= layout.columns() ? "State after the whole circuit (" + layout.columns() + " columns)"
                : cursor == 0 ? "Initial state |0…0⟩" : "State after column " + cursor + " of " + layout.columns();
        live.request(shown, inputs(c), result -> {
            statePanel.show(result.report());
            statePanel.setCaption(caption + " · " + result.millis() + " ms");
        }, statePanel::showError);
    }

    private void say(String text) {
        message.setText(text);
        PauseTransition clear = new PauseTransition(Duration.seconds(6));
        clear.setOnFinished(e -> {
            if (message.getText().equals(text)) {
                message.setText("");
            }
        });
        clear.play();
    }

    // ----- files -----

    private FileChooser chooser(String title, String description, String pattern) {
        return FileChoosers.nearDocument(doc.file(), title, description, pattern);
    }

    private void openQasm() {
        File file = chooser("Open OpenQASM 2.0 circuit", "OpenQASM", "*.qasm").showOpenDialog(owner.get());
        if (file != null) {
            openQasm(file.toPath());
        }
    }

    /** Reads and parses off the UI thread; a bad file is reported with its line and the circuit stays. */
    void openQasm(Path file) {
        background.run("Opening " + file.getFileName(), r -> {
            try {
                return OpenQasm.parse(OpenQasm.readText(file));
            } catch (QasmException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }, c -> {
            commit(c);
            say("Opened " + file.getFileName());
        }, e -> alerts.error("Could not open " + file.getFileName(), e));
    }

    private void saveQasm() {
        export("OpenQASM 2.0", "*.qasm", ".qasm", () -> OpenQasm.toQasm2(circuit()));
    }

    private void export(String kind, String pattern, String extension, Supplier<String> content) {
        FileChooser chooser = chooser("Save " + kind, kind, pattern);
        chooser.setInitialFileName("circuit" + extension);
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            String text;
            try {
                text = content.get();
            } catch (IllegalArgumentException e) {
                alerts.error("This circuit cannot be written as " + kind, e);
                return;
            }
            Path path = FileChoosers.withExtension(file.toPath(), extension);
            background.run("Saving " + path.getFileName(), r -> {
                ProjectFiles.writeAtomically(path, text.getBytes(StandardCharsets.UTF_8));
                return path;
            }, p -> say("Saved " + p.getFileName()), e -> alerts.error("Could not save " + path.getFileName(), e));
        }
    }

    private void exportPng() {
        FileChooser chooser = chooser("Export PNG", "PNG image", "*.png");
        chooser.setInitialFileName("circuit.png");
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            Path path = FileChoosers.withExtension(file.toPath(), ".png");
            WritableImage image = FileChoosers.snapshot(editor);
            background.run("Saving " + path.getFileName(), r -> {
                ProjectFiles.writeAtomically(path, FileChoosers.png(image));
                return path;
            }, p -> say("Saved " + p.getFileName()), e -> alerts.error("Could not save " + path.getFileName(), e));
        }
    }

    void shutdown() {
        live.shutdown();
    }

    /** A circuit target named for the picker. */
    private final class TargetCell extends ListCell<CircuitTarget> {
        @Override
        protected void updateItem(CircuitTarget item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label(doc.project()));
        }
    }
}
