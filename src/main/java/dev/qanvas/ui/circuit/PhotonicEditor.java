package dev.qanvas.ui.circuit;

import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.PhotonicReport;
import dev.qanvas.photonic.PhotonicSetup;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Operation;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.PhotonicBars;
import java.io.File;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Circuit workspace's photonic editor (docs/photonic.md): a palette of beam splitters and
 * phase shifters, the circuit on its mode rails with the input photons per mode, the selected
 * component's angle (the gate angle panel), and live views of the output distribution beside the
 * distinguishable photons' one, and of the unitary's magnitude and phase. The views follow
 * {@link PhotonicViewModel}, which computes off the UI thread.
 */
final class PhotonicEditor {

    private final PhotonicViewModel vm;
    private final Supplier<Window> owner;
    private final Supplier<java.nio.file.Path> document;
    private final PhotonicDrawing drawing = new PhotonicDrawing();
    private final AnglePanel anglePanel = new AnglePanel();
    private final PhotonicBars bars = new PhotonicBars();
    private final UnitaryView unitary = new UnitaryView();
    private final Label modesLabel = new Label();
    private final Label message = new Label();
    private final Label summary = new Label();
    private final Label title = new Label("Photonic circuit");
    /** A layer's circuit: its modes and input photons are the layer's settings. */
    private final javafx.beans.property.BooleanProperty inputsFixed = new javafx.beans.property.SimpleBooleanProperty();
    private final FlowPane features = new FlowPane(10, 6);
    private final ToolBar toolbar;
    private final SplitPane main;
    private final Consumer<Throwable> onError;

    PhotonicEditor(PhotonicViewModel vm, Supplier<Window> owner, Supplier<java.nio.file.Path> document, Runnable toQubits,
                   Consumer<String> say, Consumer<Throwable> onError) {
        this.vm = vm;
        this.owner = owner;
        this.document = document;
        this.onError = onError;
        toolbar = toolbar(toQubits);
        main = build();
        vm.setView(new PhotonicViewModel.View() {
            @Override
            public void showTarget(String label, boolean node) {
                title.setText(label);
                inputsFixed.set(node);
                drawing.setInputsFixed(node);
            }

            @Override
            public void showSetup(PhotonicSetup setup, int selected) {
                drawing.show(setup, selected);
                modesLabel.setText(setup.modes() + " modes");
                summary.setText(PhotonicDrawing.summary(setup));
            }

            @Override
            public void showAngle(String title, Operation op, Circuit circuit) {
                anglePanel.edit(op, circuit, title);
            }

            @Override
            public void showReport(PhotonicReport report) {
                bars.show(report);
                unitary.show(report.unitary());
            }

            @Override
            public void showReportError(String text) {
                bars.showError(text);
            }

            @Override
            public void showFeatures(int count) {
                PhotonicEditor.this.showFeatures(count);
            }

            @Override
            public void say(String text) {
                message.setText(text);
                say.accept(text);
            }

            @Override
            public void error(String title, Throwable e) {
                onError.accept(e);
            }
        });
    }

    ToolBar toolbar() { return toolbar; }
    Node view() { return main; }
    PhotonicDrawing drawing() { return drawing; }
    PhotonicBars bars() { return bars; }

    private SplitPane build() {
        drawing.setOnInput(vm::setInput);
        drawing.setOnSelect(vm::select);
        drawing.setOnDelete(vm::removeSelected);
        drawing.setOnPlace((kind, mode, index) -> {
            if (PhotonicDrawing.BEAM_SPLITTER.equals(kind)) {
                vm.placeBeamSplitter(mode, index);
            } else {
                vm.placePhaseShifter(mode, index);
            }
        });
        anglePanel.setId("photonic-angle-panel");
        anglePanel.setOnCommit((i, a) -> vm.setAngle(a));
        anglePanel.setOnPreview((i, a) -> vm.previewAngle(a));

        Label bs = PhotonicDrawing.paletteEntry("palette-beam-splitter", "Beam splitter  BS(θ)",
                "Drag onto a mode: mixes it with the mode below. BS(θ) = [[cos θ/2, i sin θ/2], [i sin θ/2, cos θ/2]]; θ = π/2 is 50:50."
                        + " Or click here, then click a mode.");
        Label ps = PhotonicDrawing.paletteEntry("palette-phase-shifter", "Phase shifter  PS(φ)",
                "Drag onto a mode: multiplies its amplitude by e^{iφ}. Or click here, then click a mode.");
        PhotonicDrawing.dragSource(bs, PhotonicDrawing.BEAM_SPLITTER, () -> arm(PhotonicDrawing.BEAM_SPLITTER, "beam splitter"));
        PhotonicDrawing.dragSource(ps, PhotonicDrawing.PHASE_SHIFTER, () -> arm(PhotonicDrawing.PHASE_SHIFTER, "phase shifter"));
        Label paletteTitle = new Label("Optical components");
        paletteTitle.getStyleClass().add("section-title");
        Label help = new Label("Drag onto a mode rail. Click a component to edit its angle; Delete removes it. "
                + "Set the photons entering each mode with the spinners on the left.");
        help.setWrapText(true);
        help.getStyleClass().add("muted");
        VBox palette = new VBox(8, paletteTitle, bs, ps, new Separator(), help, legendText());
        palette.setPadding(new Insets(8));
        palette.setPrefWidth(190);
        palette.setMinWidth(160);

        ScrollPane drawingScroll = new ScrollPane(drawing);
        drawing.minWidthProperty().bind(drawingScroll.widthProperty().subtract(4));
        drawing.minHeightProperty().bind(drawingScroll.heightProperty().subtract(4));
        features.setId("photonic-features");
        features.setPadding(new Insets(0, 6, 0, 6));
        showFeatures(0);
        summary.setId("photonic-summary");
        summary.getStyleClass().add("muted");
        VBox centre = new VBox(6, drawingScroll, summary, features, anglePanel);
        VBox.setVgrow(drawingScroll, Priority.ALWAYS);
        centre.setPadding(new Insets(0, 0, 4, 0));

        Label distTitle = new Label("Output distribution");
        distTitle.getStyleClass().add("section-title");
        Label uTitle = new Label("Unitary U (the product of the components, first applied first)");
        uTitle.getStyleClass().add("section-title");
        uTitle.setWrapText(true);
        VBox live = new VBox(8, distTitle, bars, new Separator(), uTitle, unitary);
        live.setPadding(new Insets(8));
        live.setId("photonic-live");
        ScrollPane liveScroll = new ScrollPane(live);
        liveScroll.setFitToWidth(true);
        liveScroll.setPrefWidth(420);
        liveScroll.setMinWidth(320);

        SplitPane split = new SplitPane(palette, centre, liveScroll);
        split.setDividerPositions(0.16, 0.62);
        SplitPane.setResizableWithParent(palette, false);
        split.setId("photonic-editor");
        return split;
    }

    private void arm(String kind, String name) {
        drawing.arm(kind);
        message.setText("Click a mode to place the " + name + " (Esc cancels)");
    }

    private static Label legendText() {
        Label l = new Label("Colours as for gates: orange a constant angle, purple a trainable weight, green an input feature x.");
        l.setWrapText(true);
        l.getStyleClass().add("muted");
        return l;
    }

    private ToolBar toolbar(Runnable toQubits) {
        Button qubits = new Button("Qubits");
        qubits.setId("to-qubit-circuit");
        qubits.setTooltip(new Tooltip("Back to the qubit circuit editor"));
        qubits.setOnAction(e -> toQubits.run());
        title.setStyle("-fx-font-weight: bold;");
        title.setId("photonic-target");
        Button remove = new Button("−");
        remove.setId("remove-mode");
        remove.setTooltip(new Tooltip("Remove the last mode and the components on it"));
        remove.setOnAction(e -> vm.removeMode());
        remove.disableProperty().bind(inputsFixed);
        Button add = new Button("+");
        add.setId("add-mode");
        add.setTooltip(new Tooltip("Add a mode at the bottom"));
        add.setOnAction(e -> vm.addMode());
        add.disableProperty().bind(inputsFixed);
        modesLabel.setId("mode-count");
        MenuButton templates = new MenuButton("Template");
        templates.setId("photonic-templates");
        for (PhotonicSetup.Template t : PhotonicSetup.Template.values()) {
            MenuItem item = new MenuItem(t.label());
            item.setOnAction(e -> vm.applyTemplate(t));
            templates.getItems().add(item);
        }
        templates.setTooltip(new Tooltip("Replace the circuit by a mesh on the current modes; Clements and Reck decompose the same random unitary"));
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.clear());
        clear.setTooltip(new Tooltip("Remove every component (undo brings them back)"));
        ComboBox<String> detector = new ComboBox<>();
        detector.setId("photonic-detector");
        detector.getItems().setAll("Number-resolving", "Threshold");
        detector.setValue(vm.detector() == Detector.PNR ? "Number-resolving" : "Threshold");
        detector.setOnAction(e -> vm.setDetector(detector.getSelectionModel().getSelectedIndex() == 0 ? Detector.PNR : Detector.THRESHOLD));
        Button open = new Button("Open JSON…");
        open.setOnAction(e -> open());
        Button save = new Button("Save JSON…");
        save.setOnAction(e -> save());
        save.setTooltip(new Tooltip("Save as the circuit file of qanvas photonic (the input state goes in --input)"));
        message.getStyleClass().add("hint-text");
        message.setId("photonic-message");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button own = new Button("Own circuit");
        own.setId("photonic-own");
        own.setTooltip(new Tooltip("Back to the project's own photonic circuit"));
        own.setOnAction(e -> vm.openNode(null));
        own.visibleProperty().bind(inputsFixed);
        own.managedProperty().bind(inputsFixed);
        return new ToolBar(qubits, new Separator(), title, own, new Label("Modes:"), remove, modesLabel, add, templates, clear, new Separator(),
                new Label("Detectors:"), detector, new Separator(), open, save, new Separator(), message, grow);
    }

    private void showFeatures(int count) {
        features.getChildren().clear();
        features.setVisible(count > 0);
        features.setManaged(count > 0);
        if (count > 0) {
            Label l = new Label("Inputs x[0.." + (count - 1) + "]:");
            l.setMinWidth(Region.USE_PREF_SIZE);
            features.getChildren().add(l);
        }
        for (int i = 0; i < count; i++) {
            features.getChildren().add(CircuitWorkspace.inputSlider("photonic-feature-" + i, i, 1, vm.feature(i), vm::setFeature));
        }
    }

    private FileChooser chooser(String title) {
        return FileChoosers.nearDocument(document.get(), title, "Photonic circuit JSON", "*.json");
    }

    private void open() {
        File file = chooser("Open photonic circuit").showOpenDialog(owner.get());
        if (file != null) {
            vm.open(file.toPath());
        }
    }

    private void save() {
        FileChooser chooser = chooser("Save photonic circuit");
        chooser.setInitialFileName("photonic-circuit.json");
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            vm.save(FileChoosers.withExtension(file.toPath(), ".json"), false);
        }
    }
}
