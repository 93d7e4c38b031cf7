package dev.qanvas.ui.circuit;

import dev.qanvas.project.CircuitTarget;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.common.Pixels;
import dev.qanvas.ui.common.StatePanel;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
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
import javafx.scene.control.SpinnerValueFactory;
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
    private final Supplier<Window> owner;
    private final Alerts alerts;
    /** Simulates the circuit being edited for the live state; the newest edit wins. */
    private final LatestWorker live = new LatestWorker("qanvas-live-state");
    /** Parses the typed QASM text in the background; the newest text wins. */
    private final LatestWorker textParser = new LatestWorker("qanvas-qasm-text");

    private final CircuitEditor editor = new CircuitEditor();
    private final GatePalette palette = new GatePalette();
    /** The target takes no edits: the palette and the buttons that edit are off. */
    private javafx.beans.binding.BooleanBinding readOnly;
    private final AnglePanel anglePanel = new AnglePanel();
    private final StepPanel stepPanel = new StepPanel();
    private final StatePanel statePanel = new StatePanel();
    private NoisePanel noisePanel;
    private final ComboBox<CircuitTarget> targetBox = new ComboBox<>();
    private List<String> shownTargetLabels = List.of();
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
    /** The patch a quanvolution reads, outlined on the image (a tint alone is a few pixels at this size). */
    private final javafx.scene.shape.Rectangle patchBox = new javafx.scene.shape.Rectangle();
    private final javafx.scene.layout.Pane imagePane = new javafx.scene.layout.Pane(imageView, patchBox);
    private final VBox gridAndLabel = new VBox(2, gridView, imageLabel);
    private final FlowPane sliders = new FlowPane(10, 6);
    private final HBox inputsRow = new HBox(8);
    private final PauseTransition textSettle = new PauseTransition(TEXT_SETTLE);
    private final BorderPane view = new BorderPane();
    private final CircuitViewModel vm;
    /** The photonic editor (issue 21), shown in place of the qubit editor by the toolbar's switch. */
    private final PhotonicViewModel photonicVm;
    private final PhotonicEditor photonic;
    private ToolBar qubitToolbar;
    private SplitPane qubitMain;

    public CircuitWorkspace(DocumentModel doc, Background background, Supplier<Window> owner, Alerts alerts) {
        this.doc = doc;
        this.owner = owner;
        this.alerts = alerts;
        vm = new CircuitViewModel(doc, background::run, CircuitViewModel.Requests.of(live),
                CircuitViewModel.Requests.of(textParser), editor::cursor);
        vm.setView(new Views());
        noisePanel = new NoisePanel(vm);
        doc.openedProperty().addListener(o -> noisePanel.reset()); // the view model is back to no noise
        photonicVm = new PhotonicViewModel(doc, background::run, CircuitViewModel.Requests.of(live));
        photonic = new PhotonicEditor(photonicVm, owner, doc::file, () -> showPhotonic(false), this::say,
                e -> alerts.error("Photonic circuit", e));
        build();
        vm.refresh();
        photonicVm.refresh();
        doc.openedProperty().addListener(o -> showPhotonic(false)); // another document starts on its qubit circuit
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

    CircuitViewModel viewModel() { return vm; }
    CircuitEditor editor() { return editor; }
    StatePanel statePanel() { return statePanel; }
    NoisePanel noisePanel() { return noisePanel; }
    TextArea qasmText() { return qasmText; }
    PhotonicViewModel photonicViewModel() { return photonicVm; }
    PhotonicEditor photonicEditor() { return photonic; }

    /** Shows the photonic editor, or the qubit editor again. */
    void showPhotonic(boolean on) {
        view.setTop(on ? photonic.toolbar() : qubitToolbar);
        view.setCenter(on ? photonic.view() : qubitMain);
    }
    Label qasmError() { return qasmError; }

    /** Edits {@code t} from now on (the Model workspace opens a quantum node's circuit this way). */
    public void open(CircuitTarget t) {
        if (t instanceof CircuitTarget.Node n && doc.project().model().node(n.nodeId())
                .map(x -> x.spec() instanceof dev.qanvas.nn.graph.kinds.Photonic).orElse(false)) {
            photonicVm.openNode(n.nodeId()); // a Photonic layer's circuit is optical: the photonic editor edits it
            showPhotonic(true);
            return;
        }
        if (t instanceof CircuitTarget.Node n && doc.project().model().node(n.nodeId())
                .map(x -> x.spec() instanceof dev.qanvas.nn.graph.kinds.Qrnn).orElse(false)) {
            t = new CircuitTarget.QrnnNode(n.nodeId()); // a QRNN node's circuit is its cell, derived from its settings
        }
        vm.open(t);
        showPhotonic(false);
    }

    // ----- layout -----

    private void build() {
        readOnly = vm.drawingEditableProperty().not(); // e.g. a QRNN cell, derived from its layer
        view.getStyleClass().add("circuit-workspace");
        editor.setId("circuit-editor");
        editor.setOnEdit(vm::commit);
        editor.setOnCursor(c -> vm.cursorMoved());
        editor.setOnSelect(vm::select);
        editor.setOnTemplate((item, slot) -> TemplateDialog.ask(owner.get(), item, vm.circuit(), slot.wire())
                .ifPresent(ops -> vm.insertAt(slot.column(), ops)));
        editor.setOnMessage(this::say);
        palette.setOnActivate(editor::place);
        palette.disableProperty().bind(readOnly);

        anglePanel.setId("angle-panel");
        anglePanel.setOnCommit(vm::setAngle);
        anglePanel.setOnPreview(vm::previewAngle);
        stepPanel.setOnCommit(vm::replaceSelected);

        ScrollPane paletteScroll = new ScrollPane(palette);
        paletteScroll.setFitToWidth(true);
        paletteScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        paletteScroll.setPrefWidth(210);
        paletteScroll.setMinWidth(180);

        ScrollPane editorScroll = new ScrollPane(editor);
        editorScroll.getStyleClass().add("editor-scroll");
        editor.minWidthProperty().bind(editorScroll.widthProperty().subtract(4));
        editor.minHeightProperty().bind(editorScroll.heightProperty().subtract(4));
        VBox drawing = new VBox(editorScroll, inputsRow, stepPanel, anglePanel);
        VBox.setVgrow(editorScroll, Priority.ALWAYS);
        drawing.setSpacing(6);

        qasmText.setId("qasm-text");
        qasmText.getStyleClass().add("qasm-text");
        qasmText.setPrefRowCount(8);
        qasmText.textProperty().bindBidirectional(vm.qasmTextProperty());
        qasmText.editableProperty().bind(vm.qasmEditableProperty());
        // no empty read-only box: a circuit Qanvas writes no text for shows the note alone
        qasmText.visibleProperty().bind(vm.qasmEditableProperty().or(vm.qasmTextProperty().isNotEmpty()));
        qasmText.managedProperty().bind(qasmText.visibleProperty());
        qasmText.textProperty().addListener((o, was, now) -> {
            if (!vm.isWritingText() && qasmText.isEditable()) {
                textSettle.playFromStart();
            }
        });
        textSettle.setOnFinished(e -> vm.applyText());
        qasmError.setId("qasm-error");
        qasmError.getStyleClass().add("error-text");
        qasmError.setWrapText(true);
        qasmTitle.getStyleClass().add("section-title");
        qasmNote.getStyleClass().add("muted");
        qasmNote.setWrapText(true);
        qasmNote.setId("qasm-note");
        qasmTitle.textProperty().bind(vm.qasmTitleProperty());
        vm.qasmNoteProperty().addListener((o, was, now) -> showQasmNote(now));
        showQasmNote(vm.qasmNoteProperty().get());
        vm.qasmErrorProperty().addListener((o, was, now) -> showQasmError(now));
        showQasmError(vm.qasmErrorProperty().get());
        VBox qasmBox = new VBox(4, qasmTitle, qasmNote, qasmText, qasmError);
        qasmBox.setPadding(new Insets(4, 0, 0, 0));
        VBox.setVgrow(qasmText, Priority.ALWAYS);

        SplitPane centre = new SplitPane(drawing, qasmBox);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.7);

        ScrollPane stateScroll = new ScrollPane(new VBox(noisePanel, statePanel));
        stateScroll.setFitToWidth(true);
        stateScroll.setPrefWidth(400);
        stateScroll.setMinWidth(300);
        statePanel.setId("state-panel");

        SplitPane main = new SplitPane(paletteScroll, centre, stateScroll);
        main.setDividerPositions(0.16, 0.66);
        SplitPane.setResizableWithParent(paletteScroll, false);
        qubitToolbar = toolbar();
        qubitMain = main;
        view.setTop(qubitToolbar);
        view.setCenter(main);
        buildInputsRow();
    }

    private ToolBar toolbar() {
        targetBox.setId("circuit-target");
        targetBox.setCellFactory(l -> new TargetCell());
        targetBox.setButtonCell(new TargetCell());
        targetBox.setOnAction(e -> vm.selectTarget(targetBox.getValue()));
        Button addQubit = new Button("+");
        addQubit.setId("add-qubit");
        addQubit.setTooltip(new Tooltip("Add a qubit (a wire at the bottom)"));
        addQubit.setOnAction(e -> vm.addQubit());
        addQubit.disableProperty().bind(readOnly);
        removeQubit.setId("remove-qubit");
        removeQubit.setTooltip(new Tooltip("Remove the selected wire and its gates (the last wire if none is selected)"));
        removeQubit.setOnAction(e -> vm.removeQubit(editor.slot().wire()));
        removeQubit.disableProperty().bind(vm.canRemoveQubitProperty().not());
        qubitsLabel.setId("qubit-count");
        qubitsLabel.textProperty().bind(vm.qubitCountProperty());

        Button photons = new Button("Photonic…");
        photons.setId("to-photonic-circuit");
        photons.setTooltip(new Tooltip("Edit the project's photonic circuit: photons, beam splitters and phase shifters"));
        photons.setOnAction(e -> showPhotonic(true));

        Button clear = new Button("Clear");
        clear.setId("circuit-clear");
        clear.setTooltip(new Tooltip("Remove every gate (undo brings them back)"));
        clear.setOnAction(e -> vm.clear());
        clear.disableProperty().bind(readOnly);

        Button open = new Button("Open QASM…");
        open.setId("circuit-open-qasm");
        open.setOnAction(e -> openQasm());
        open.disableProperty().bind(readOnly);
        Button save = new Button("Save QASM…");
        save.setOnAction(e -> export("OpenQASM 2.0", "*.qasm", ".qasm", vm::saveQasm2));
        save.setTooltip(new Tooltip("Save as OpenQASM 2.0 (trainable weights are written as their initial values; a circuit that reads inputs needs Export → OpenQASM 3.0)"));
        MenuItem qasm3 = new MenuItem("OpenQASM 3.0…");
        qasm3.setOnAction(e -> export("OpenQASM 3.0", "*.qasm", ".qasm", vm::exportQasm3));
        MenuItem svg = new MenuItem("SVG image…");
        svg.setOnAction(e -> export("SVG image", "*.svg", ".svg", vm::exportSvg));
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
        return new ToolBar(photons, new Label("Circuit:"), targetBox, new Separator(), new Label("Qubits:"), removeQubit, qubitsLabel,
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
        inputSource.setValue(vm.inputSource());
        inputSource.setOnAction(e -> vm.setInputSource(inputSource.getValue()));
        imageIndex.setId("image-index");
        imageIndex.setPrefWidth(90);
        imageIndex.setMinWidth(90);
        inputSource.setMinWidth(Region.USE_PREF_SIZE);
        imageIndex.setTooltip(new Tooltip("Which test image feeds the circuit's inputs"));
        imageIndex.setEditable(true);
        imageIndex.valueProperty().addListener((o, was, now) -> vm.setImageIndex(now));
        // For a quanvolution's circuit, clicking the image picks the patch that feeds it.
        imageView.setOnMouseClicked(e -> {
            if (imageView.getImage() != null) {
                vm.pickPatch(imageView.getImage().getWidth(), e.getY(), e.getX());
            }
        });
        imageView.setId("input-image");
        patchBox.setId("input-patch-box");
        patchBox.setFill(javafx.scene.paint.Color.TRANSPARENT);
        patchBox.setStroke(javafx.scene.paint.Color.web("#ff7a00"));
        patchBox.setStrokeWidth(2);
        patchBox.setMouseTransparent(true);
        imagePane.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        imageLabel.setId("input-image-label");
        imageLabel.setWrapText(true);
        imageLabel.setMaxWidth(130);
        imageLabel.setMinHeight(Region.USE_PREF_SIZE);
        gridAndLabel.setAlignment(Pos.CENTER_LEFT);
        gridAndLabel.setMinWidth(Region.USE_PREF_SIZE);
        sliders.setId("input-sliders");
        inputsRow.setAlignment(Pos.CENTER_LEFT);
        inputsRow.setPadding(new Insets(0, 6, 0, 6));
    }

    // ----- what the view model tells the views -----

    /** The views' side of {@link CircuitViewModel.View}. */
    private final class Views implements CircuitViewModel.View {
        @Override
        public void showTargets(List<CircuitTarget> targets, CircuitTarget target) {
            List<String> labels = targets.stream().map(t -> t.label(doc.project())).toList();
            if (!targetBox.getItems().equals(targets)) {
                targetBox.getItems().setAll(targets);
            } else if (!labels.equals(shownTargetLabels)) {
                // same targets, new names (a feature map became custom): cells only redraw for a new item
                targetBox.setButtonCell(new TargetCell());
                targetBox.setCellFactory(l -> new TargetCell());
            }
            shownTargetLabels = labels;
            targetBox.setValue(target);
        }

        @Override
        public void showCircuit(Circuit circuit) {
            editor.setCircuit(circuit);
        }

        @Override
        public void circuitOpened() {
            editor.setCursor(Integer.MAX_VALUE); // past the last column: the output state, following edits
        }

        @Override
        public void showAngles(Operation op, Circuit circuit) {
            anglePanel.edit(op, circuit);
            stepPanel.edit(op);
        }

        @Override
        public void showInputs() {
            CircuitWorkspace.this.showInputs();
        }

        @Override
        public void imagesLoaded(int count) {
            imageIndex.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, count - 1, 0));
        }

        @Override
        public void showInputImage(CircuitViewModel.InputImage image) {
            imageLabel.setText(image.label());
            imageLabel.setTooltip(new Tooltip(image.tooltip()));
            imageView.setImage(Pixels.image(image.width(), image.height(), image.argb(), image.displaySize()));
            gridView.setImage(Pixels.image(image.side(), image.side(), image.gridArgb(), 56));
            patchBox.setVisible(image.box() != null);
            if (image.box() != null) {
                double scale = imageView.getImage().getWidth() / image.width();
                patchBox.setX(image.box()[1] * scale - 1);
                patchBox.setY(image.box()[0] * scale - 1);
                patchBox.setWidth(image.box()[2] * scale + 2);
                patchBox.setHeight(image.box()[2] * scale + 2);
            }
        }

        @Override
        public void showState(StateReport report, String caption) {
            statePanel.show(report);
            statePanel.setCaption(caption);
            editor.showReadouts(report);
        }

        @Override
        public void showNoise(dev.qanvas.quantum.MixedStateReport report, CircuitNoise noise) {
            statePanel.probabilityView().setIdeal(report == null ? null : report.ideal());
            noisePanel.show(report, noise);
        }

        @Override
        public void showStateError(String text) {
            statePanel.showError(text);
            editor.showReadouts(null);
        }

        @Override
        public void say(String text) {
            CircuitWorkspace.this.say(text);
        }

        @Override
        public void error(String title, Throwable error) {
            alerts.error(title, error);
        }
    }

    private void showQasmNote(String why) {
        qasmNote.setText(why == null ? "" : why);
        qasmNote.setVisible(why != null);
        qasmNote.setManaged(why != null);
    }

    private void showQasmError(String error) {
        qasmError.setText(error == null ? "" : error + " — the drawing keeps the last valid circuit.");
        qasmError.setVisible(error != null);
        qasmError.setManaged(error != null);
        qasmText.pseudoClassStateChanged(PseudoClass.getPseudoClass("error"), error != null);
    }

    /** Rebuilds the row of inputs x: the source picker, then the image and its grid, or the sliders. */
    private void showInputs() {
        int count = vm.inputCount();
        inputsRow.getChildren().clear();
        if (count == 0) {
            inputsRow.setVisible(false);
            inputsRow.setManaged(false);
            return;
        }
        inputsRow.setVisible(true);
        inputsRow.setManaged(true);
        Label title = new Label("Inputs x[0.." + (count - 1) + "]:");
        title.setMinWidth(Region.USE_PREF_SIZE);
        inputsRow.getChildren().addAll(title, inputSource);
        if (!vm.inputSource().equals(inputSource.getValue())) {
            // the view model may switch it (a feature map starts on sliders); not a user's choice, so no action
            var onAction = inputSource.getOnAction();
            inputSource.setOnAction(null);
            inputSource.setValue(vm.inputSource());
            inputSource.setOnAction(onAction);
        }
        if (CircuitViewModel.DATASET_IMAGE.equals(vm.inputSource())) {
            inputsRow.getChildren().addAll(imageIndex, imagePane, new Label("→"), gridAndLabel);
        } else {
            sliders.getChildren().clear();
            for (int i = 0; i < count; i++) {
                sliders.getChildren().add(inputSlider("input-slider-" + i, i, vm.sliderMax(), vm.sliderInput(i), vm::setSliderInput));
            }
            inputsRow.getChildren().add(sliders);
            HBox.setHgrow(sliders, Priority.ALWAYS);
        }
    }

    /** A slider for input x[i] from 0 to {@code max}, labelled with its value; moves go to {@code onMove(i, value)}. */
    static HBox inputSlider(String id, int i, double max, double value, java.util.function.ObjDoubleConsumer<Integer> onMove) {
        Slider s = new Slider(0, max, value);
        s.setId(id);
        s.setPrefWidth(90);
        Label shown = new Label(String.format(Locale.ROOT, "x[%d] %.2f", i, value));
        s.valueProperty().addListener((o, was, now) -> {
            shown.setText(String.format(Locale.ROOT, "x[%d] %.2f", i, now.doubleValue()));
            onMove.accept(i, now.doubleValue());
        });
        HBox h = new HBox(4, shown, s);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
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
        vm.openQasm(file);
    }

    /** Asks where to save as {@code kind}, then has {@code save} write there. */
    private void export(String kind, String pattern, String extension, Consumer<Path> save) {
        FileChooser chooser = chooser("Save " + kind, kind, pattern);
        chooser.setInitialFileName("circuit" + extension);
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            save.accept(FileChoosers.withExtension(file.toPath(), extension));
        }
    }

    private void exportPng() {
        FileChooser chooser = chooser("Export PNG", "PNG image", "*.png");
        chooser.setInitialFileName("circuit.png");
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            Path path = FileChoosers.withExtension(file.toPath(), ".png");
            WritableImage image = editor.exportImage();
            vm.saveBytes(path, () -> FileChoosers.png(image));
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
