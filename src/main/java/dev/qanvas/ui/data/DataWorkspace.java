package dev.qanvas.ui.data;

import static dev.qanvas.ui.common.Labels.sectionTitle;
import static dev.qanvas.ui.common.Labels.wrapping;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.DatasetSummary;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.ImageSet;
import dev.qanvas.data.PreparedData;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import dev.qanvas.project.Project;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.Pixels;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * The Data workspace: pick a dataset, see its classes and splits, browse sample images per class
 * and set the transform chain (class subset, resize, normalise), which the preview shows live.
 * Dataset choice and transforms are part of the project, so they are undoable edits; the split,
 * images per class and zoom are view settings.
 */
public final class DataWorkspace implements Workspace {

    private static final List<Integer> PER_CLASS_CHOICES = List.of(8, 16, 32, 64);
    private static final String[] NORMALISE_CHOICES = {"None", "To [0, 1]", "To [-1, 1]", "Standardise (mean 0, std 1)"};

    private final DocumentModel doc;
    private final Background background;
    private final Supplier<Window> owner;
    private final Alerts alerts;

    private final BorderPane root = new BorderPane();
    private final ComboBox<DatasetSpec> datasetBox = new ComboBox<>();
    private final Label descriptionLabel = wrapping("");
    private final Label sourceLabel = wrapping("");
    private final Label factsLabel = new Label();
    private final VBox syntheticBox = new VBox(6);
    private final TableView<ClassRow> classTable = new TableView<>();
    private final CheckBox resizeBox = new CheckBox("Resize to");
    private final Spinner<Integer> resizeWidth = new Spinner<>(1, 128, 14);
    private final Spinner<Integer> resizeHeight = new Spinner<>(1, 128, 14);
    private final ComboBox<String> normaliseBox = new ComboBox<>(FXCollections.observableArrayList(NORMALISE_CHOICES));
    private final Label chainLabel = wrapping("");
    private final ToggleGroup splitGroup = new ToggleGroup();
    private final ToggleButton trainToggle = new ToggleButton("Train");
    private final ToggleButton testToggle = new ToggleButton("Test");
    private final ComboBox<Integer> perClassBox = new ComboBox<>(FXCollections.observableArrayList(PER_CLASS_CHOICES));
    private final Slider zoomSlider = new Slider(28, 128, 56);
    private final VBox gridRows = new VBox(10);
    private final Label gridMessage = wrapping("");
    private final ImageView previewView = new ImageView();
    private final Label previewCaption = wrapping("Hover over an image to see it large; click to keep it here.");
    private final Label previewValues = wrapping("");

    /** Guards against control listeners editing the project while the controls follow the project. */
    private boolean syncing;
    private int generation;
    private Preview shown;
    private ImageView pinned;

    public DataWorkspace(DocumentModel doc, Background background, Supplier<Window> owner, Alerts alerts) {
        this.doc = doc;
        this.background = background;
        this.owner = owner;
        this.alerts = alerts;
        root.setId("data-workspace");
        SplitPane split = new SplitPane(buildControls(), buildGrid(), buildPreview());
        split.setDividerPositions(0.27, 0.79);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        SplitPane.setResizableWithParent(split.getItems().get(2), false);
        root.setCenter(split);
        doc.projectProperty().addListener((o, before, after) -> projectChanged(before, after));
        projectChanged(null, doc.project());
    }

    @Override
    public String id() {
        return "data";
    }

    @Override
    public String title() {
        return "Data";
    }

    @Override
    public Node view() {
        return root;
    }

    // ----- building the view -----

    private Node buildControls() {
        datasetBox.setId("dataset-picker");
        datasetBox.setMaxWidth(Double.MAX_VALUE);
        datasetBox.setCellFactory(list -> new SpecCell());
        datasetBox.setButtonCell(new SpecCell());
        datasetBox.getItems().setAll(Datasets.catalogue());
        datasetBox.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null && !b.equals(doc.project().dataset())) {
                switchDataset(b);
            }
        });
        Button idxButton = new Button("IDX folder…");
        idxButton.setTooltip(new Tooltip("Open a folder of MNIST-style IDX files (train/t10k images and labels, gz or not)"));
        idxButton.setOnAction(e -> chooseFolder(false));
        Button folderButton = new Button("Image folder…");
        folderButton.setTooltip(new Tooltip("Open a folder with one sub-folder of PNG/JPEG images per class"));
        folderButton.setOnAction(e -> chooseFolder(true));
        HBox openButtons = new HBox(6, idxButton, folderButton);

        factsLabel.setId("dataset-facts");
        factsLabel.setWrapText(true);
        factsLabel.setMinHeight(Region.USE_PREF_SIZE);
        VBox datasetSection = new VBox(6, sectionTitle("Dataset"), datasetBox, openButtons, descriptionLabel,
                sourceLabel, factsLabel, syntheticBox);

        classTable.setId("class-table");
        classTable.setEditable(true);
        classTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ClassRow, Boolean> useColumn = new TableColumn<>("Use");
        useColumn.setCellValueFactory(c -> c.getValue().used);
        useColumn.setCellFactory(CheckBoxTableCell.forTableColumn(useColumn));
        useColumn.setEditable(true);
        useColumn.setMaxWidth(44);
        useColumn.setMinWidth(44);
        useColumn.setSortable(false);
        TableColumn<ClassRow, String> nameColumn = new TableColumn<>("Class");
        nameColumn.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().displayName()));
        TableColumn<ClassRow, Number> trainColumn = new TableColumn<>("Train");
        trainColumn.setCellValueFactory(c -> new javafx.beans.property.SimpleIntegerProperty(c.getValue().train));
        TableColumn<ClassRow, Number> testColumn = new TableColumn<>("Test");
        testColumn.setCellValueFactory(c -> new javafx.beans.property.SimpleIntegerProperty(c.getValue().test));
        for (TableColumn<ClassRow, Number> c : List.of(trainColumn, testColumn)) {
            c.setMinWidth(58);
            c.setMaxWidth(70);
            c.setStyle("-fx-alignment: CENTER-RIGHT;");
        }
        classTable.getColumns().add(useColumn);
        classTable.getColumns().add(nameColumn);
        classTable.getColumns().add(trainColumn);
        classTable.getColumns().add(testColumn);
        classTable.setPlaceholder(new Label("No dataset loaded"));
        Button allClasses = new Button("Use all classes");
        allClasses.setOnAction(e -> editTransforms(doc.project().transforms().with(Transform.ClassSubset.class, null)));
        VBox classSection = new VBox(6, sectionTitle("Classes"), classTable, allClasses);
        VBox.setVgrow(classTable, Priority.ALWAYS);

        resizeBox.setId("resize-check");
        resizeWidth.setId("resize-width");
        resizeHeight.setId("resize-height");
        for (Spinner<Integer> s : List.of(resizeWidth, resizeHeight)) {
            s.setEditable(true);
            s.setPrefWidth(72);
            s.valueProperty().addListener((o, a, b) -> resizeChanged());
        }
        resizeBox.selectedProperty().addListener((o, a, b) -> {
            if (!syncing && b && shown != null) {
                // Start from half the current size: the common first step (e.g. 28 -> 14 for MNIST).
                syncing = true;
                resizeWidth.getValueFactory().setValue(Math.max(1, shown.raw.width() / 2));
                resizeHeight.getValueFactory().setValue(Math.max(1, shown.raw.isVector() ? 1 : shown.raw.height() / 2));
                syncing = false;
            }
            resizeChanged();
        });
        HBox resizeRow = new HBox(6, resizeBox, resizeWidth, new Label("x"), resizeHeight);
        resizeRow.setAlignment(Pos.CENTER_LEFT);
        normaliseBox.setId("normalise-choice");
        normaliseBox.setMaxWidth(Double.MAX_VALUE);
        normaliseBox.valueProperty().addListener((o, a, b) -> normaliseChanged());
        Label normaliseLabel = new Label("Normalise");
        normaliseLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox normaliseRow = new HBox(6, normaliseLabel, normaliseBox);
        normaliseRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(normaliseBox, Priority.ALWAYS);
        chainLabel.setId("transform-chain");
        chainLabel.getStyleClass().add("muted");
        VBox transformSection = new VBox(8, sectionTitle("Transforms"), resizeRow, normaliseRow, chainLabel);

        VBox controls = new VBox(16, datasetSection, classSection, transformSection);
        controls.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(controls);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(340);
        scroll.setPrefWidth(370);
        return scroll;
    }

    private Node buildGrid() {
        trainToggle.setToggleGroup(splitGroup);
        testToggle.setToggleGroup(splitGroup);
        trainToggle.setSelected(true);
        trainToggle.setId("split-train");
        testToggle.setId("split-test");
        splitGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // always one split shown
            } else {
                refresh();
            }
        });
        perClassBox.setValue(16);
        perClassBox.setId("per-class");
        perClassBox.valueProperty().addListener((o, a, b) -> refresh());
        zoomSlider.setId("zoom");
        zoomSlider.setPrefWidth(140);
        zoomSlider.valueProperty().addListener((o, a, b) -> applyZoom());
        HBox segmented = new HBox(0, trainToggle, testToggle);
        segmented.getStyleClass().add("segmented");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, new Label("Split"), segmented, new Label("Images per class"), perClassBox,
                spacer, new Label("Zoom"), zoomSlider);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8, 12, 8, 12));
        toolbar.getStyleClass().add("workspace-toolbar");

        gridRows.setId("image-grid");
        gridRows.setPadding(new Insets(12));
        gridMessage.setId("grid-message");
        gridMessage.setPadding(new Insets(8, 12, 0, 12));
        VBox content = new VBox(8, gridMessage, gridRows);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        BorderPane pane = new BorderPane(scroll);
        pane.setTop(toolbar);
        return pane;
    }

    private Node buildPreview() {
        previewView.setId("preview-image");
        previewView.setFitWidth(240);
        previewView.setFitHeight(240);
        previewView.setPreserveRatio(true);
        previewView.setSmooth(false);
        previewCaption.setId("preview-caption");
        previewValues.getStyleClass().add("muted");
        VBox box = new VBox(10, sectionTitle("Image"), previewView, previewCaption, previewValues);
        box.setPadding(new Insets(12));
        box.setMinWidth(260);
        box.setPrefWidth(270);
        return box;
    }

    // ----- following the project -----

    private void projectChanged(Project before, Project after) {
        if (before != null && before.dataset().equals(after.dataset()) && before.transforms().equals(after.transforms())) {
            return;
        }
        syncControls(after);
        refresh();
    }

    private void syncControls(Project p) {
        syncing = true;
        try {
            DatasetSpec spec = p.dataset();
            if (!datasetBox.getItems().contains(spec)) {
                // A synthetic spec with other parameters replaces its catalogue entry; a folder is added.
                datasetBox.getItems().removeIf(s -> s.getClass() == spec.getClass() && isSynthetic(s));
                datasetBox.getItems().add(spec);
            }
            datasetBox.setValue(spec);
            buildSyntheticControls(spec);
            TransformChain chain = p.transforms();
            var resize = chain.find(Transform.Resize.class);
            resizeBox.setSelected(resize.isPresent());
            resize.ifPresent(r -> {
                resizeWidth.getValueFactory().setValue(r.width());
                resizeHeight.getValueFactory().setValue(r.height());
            });
            var normalise = chain.find(Transform.Normalise.class);
            normaliseBox.setValue(normalise.map(n -> NORMALISE_CHOICES[n.mode().ordinal() + 1]).orElse(NORMALISE_CHOICES[0]));
            chainLabel.setText(describe(chain));
            if (shown != null) {
                updateClassUse(chain);
            }
        } finally {
            syncing = false;
        }
    }

    private static String describe(TransformChain chain) {
        if (chain.steps().isEmpty()) {
            return "No transforms: images as stored.";
        }
        StringBuilder sb = new StringBuilder("Applied in order:");
        int k = 1;
        for (Transform t : chain.steps()) {
            sb.append("\n").append(k++).append(". ").append(t.describe());
        }
        return sb.toString();
    }

    // ----- edits -----

    private void editTransforms(TransformChain chain) {
        doc.edit(doc.project().withTransforms(chain));
    }

    private void resizeChanged() {
        if (syncing) {
            return;
        }
        resizeWidth.setDisable(!resizeBox.isSelected());
        resizeHeight.setDisable(!resizeBox.isSelected());
        Transform step = resizeBox.isSelected() ? new Transform.Resize(resizeWidth.getValue(), resizeHeight.getValue()) : null;
        editTransforms(doc.project().transforms().with(Transform.Resize.class, step));
    }

    private void normaliseChanged() {
        if (syncing) {
            return;
        }
        int index = List.of(NORMALISE_CHOICES).indexOf(normaliseBox.getValue());
        Transform step = index <= 0 ? null : new Transform.Normalise(Transform.Normalise.Mode.values()[index - 1]);
        editTransforms(doc.project().transforms().with(Transform.Normalise.class, step));
    }

    private void classUseChanged() {
        if (syncing || shown == null) {
            return;
        }
        List<Integer> used = new ArrayList<>();
        for (ClassRow row : classTable.getItems()) {
            if (row.used.get()) {
                used.add(row.label);
            }
        }
        if (used.isEmpty()) {
            alerts.status("Keep at least one class.");
            updateClassUse(doc.project().transforms());
            return;
        }
        Transform step = used.size() == classTable.getItems().size() ? null : new Transform.ClassSubset(used);
        editTransforms(doc.project().transforms().with(Transform.ClassSubset.class, step));
    }

    /** Loads the new dataset first; only if that works does the project change. */
    private void switchDataset(DatasetSpec spec) {
        background.run("Opening " + spec.label(), r -> Datasets.load(spec), dataset -> {
            // A class subset names classes of the old dataset: it does not carry over.
            TransformChain chain = doc.project().transforms().with(Transform.ClassSubset.class, null);
            doc.edit(doc.project().withDataset(spec).withTransforms(chain));
        }, error -> {
            alerts.error("Cannot open dataset", error);
            syncControls(doc.project());
        });
    }

    private void chooseFolder(boolean imageFolder) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(imageFolder ? "Open an image folder (one sub-folder per class)" : "Open a folder of IDX files");
        File dir = chooser.showDialog(owner.get());
        if (dir == null) {
            return;
        }
        if (!imageFolder) {
            switchDataset(new DatasetSpec.IdxFolder(dir.getAbsolutePath()));
            return;
        }
        imageFolderOptions(dir).ifPresent(this::switchDataset);
    }

    private java.util.Optional<DatasetSpec> imageFolderOptions(File dir) {
        Dialog<DatasetSpec> dialog = new Dialog<>();
        dialog.initOwner(owner.get());
        dialog.setTitle("Image folder");
        dialog.setHeaderText("Read the images of " + dir.getName() + " as:");
        Spinner<Integer> w = new Spinner<>(4, 256, 28);
        Spinner<Integer> h = new Spinner<>(4, 256, 28);
        w.setEditable(true);
        h.setEditable(true);
        CheckBox gray = new CheckBox("Grayscale");
        gray.setSelected(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Size"), w, new Label("x"), h);
        grid.add(gray, 1, 1, 3, 1);
        grid.add(wrapping("Images are resized to this size. Without train/ and test/ sub-folders, 20% of "
                + "each class is held out for testing (seed 42)."), 0, 2, 4, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? new DatasetSpec.ImageFolder(dir.getAbsolutePath(), w.getValue(), h.getValue(), gray.isSelected(), 0.2, 42)
                : null);
        return dialog.showAndWait();
    }

    // ----- synthetic parameters -----

    private static boolean isSynthetic(DatasetSpec s) {
        return s instanceof DatasetSpec.Hypercube || s instanceof DatasetSpec.BarsAndStripes;
    }

    /** Makes a synthetic spec from the four generator settings. */
    private interface Generator {
        DatasetSpec make(int shape, int count, double noise, long seed);
    }

    private void buildSyntheticControls(DatasetSpec spec) {
        syntheticBox.getChildren().clear();
        GridPane grid;
        if (spec instanceof DatasetSpec.Hypercube h) {
            grid = generatorGrid("Dimension", 16, h.dimension(), "Points", h.count(), h.noise(), h.seed(),
                    (shape, count, noise, seed) -> new DatasetSpec.Hypercube(shape, count, noise, seed));
        } else if (spec instanceof DatasetSpec.BarsAndStripes b) {
            grid = generatorGrid("Size", 16, b.size(), "Images", b.count(), b.noise(), b.seed(),
                    (shape, count, noise, seed) -> new DatasetSpec.BarsAndStripes(shape, count, noise, seed));
        } else {
            return;
        }
        grid.setId("synthetic-parameters");
        syntheticBox.getChildren().addAll(sectionTitle("Generator"), grid);
    }

    private GridPane generatorGrid(String shapeName, int maxShape, int shape, String countName, int count,
                                   double noise, long seed, Generator generator) {
        Spinner<Integer> shapeSpinner = intSpinner(shapeName.equals("Size") ? 2 : 1, maxShape, shape, 1);
        Spinner<Integer> countSpinner = intSpinner(100, 20_000, count, 100);
        Spinner<Double> noiseSpinner = doubleSpinner(noise);
        Spinner<Integer> seedSpinner = intSpinner(0, 1_000_000, (int) seed, 1);
        Runnable apply = () -> editSynthetic(generator.make(shapeSpinner.getValue(), countSpinner.getValue(),
                noiseSpinner.getValue(), seedSpinner.getValue()));
        List.of(shapeSpinner, countSpinner, seedSpinner).forEach(sp -> sp.valueProperty().addListener((o, a, b) -> apply.run()));
        noiseSpinner.valueProperty().addListener((o, a, b) -> apply.run());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label(shapeName), shapeSpinner);
        grid.addRow(1, new Label(countName), countSpinner);
        grid.addRow(2, new Label("Noise (std)"), noiseSpinner);
        grid.addRow(3, new Label("Seed"), seedSpinner);
        return grid;
    }

    private void editSynthetic(DatasetSpec spec) {
        if (!syncing) {
            doc.edit(doc.project().withDataset(spec).withTransforms(doc.project().transforms().with(Transform.ClassSubset.class, null)));
        }
    }

    private static Spinner<Integer> intSpinner(int min, int max, int value, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, value, step);
        s.setEditable(true);
        s.setPrefWidth(110);
        return s;
    }

    private static Spinner<Double> doubleSpinner(double value) {
        Spinner<Double> s = new Spinner<>(0.0, 2.0, value, 0.05);
        s.setEditable(true);
        s.setPrefWidth(110);
        return s;
    }

    // ----- loading and showing -----

    /** What one background load produces for the view. */
    private record Preview(Project project, Dataset raw, Dataset transformed, DatasetSummary rawSummary,
                           DatasetSummary summary, boolean testSplit, List<List<Thumb>> thumbsByClass) {
    }

    private record Thumb(int index, int label, int width, int height, int[] argb) {
    }

    private void refresh() {
        Project p = doc.project();
        boolean test = testToggle.isSelected();
        int perClass = perClassBox.getValue() == null ? 16 : perClassBox.getValue();
        int gen = ++generation;
        background.run("Preparing preview of " + p.dataset().label(), r -> {
            PreparedData prepared = PreparedData.load(p.dataset(), p.transforms());
            Dataset raw = prepared.raw();
            Dataset transformed = prepared.data();
            DatasetSummary summary = DatasetSummary.of(transformed);
            ImageSet split = test ? transformed.test() : transformed.train();
            List<List<Thumb>> rows = new ArrayList<>();
            for (int c = 0; c < transformed.classCount(); c++) {
                List<Thumb> row = new ArrayList<>();
                for (int i : split.indicesOf(c)) {
                    if (row.size() == perClass) {
                        break;
                    }
                    row.add(new Thumb(i, c, split.width(), split.height(),
                            Pixels.argb(split, i, summary.minValue(), summary.maxValue())));
                }
                rows.add(row);
            }
            return new Preview(p, raw, transformed, DatasetSummary.of(raw), summary, test, rows);
        }, preview -> {
            if (gen == generation) {
                show(preview);
            }
        }, error -> {
            if (gen == generation) {
                showLoadError(p, error);
            }
        });
    }

    private void show(Preview preview) {
        shown = preview;
        pinned = null;
        Dataset raw = preview.raw();
        descriptionLabel.setText(raw.description());
        sourceLabel.setText("Source: " + raw.source());
        DatasetSummary s = preview.summary();
        factsLabel.setText(String.format("%s  ·  %,d train / %,d test  ·  %d classes  ·  values %.3g … %.3g",
                s.shape(), s.trainSize(), s.testSize(), s.classes().size(), s.minValue(), s.maxValue()));
        syncing = true;
        ObservableList<ClassRow> rows = FXCollections.observableArrayList();
        for (DatasetSummary.ClassCount c : preview.rawSummary().classes()) {
            ClassRow row = new ClassRow(c.label(), c.name(), c.train(), c.test());
            row.used.addListener((o, a, b) -> classUseChanged());
            rows.add(row);
        }
        classTable.setItems(rows);
        // Tall enough for up to ten classes without empty rows; more classes scroll.
        classTable.setFixedCellSize(24);
        classTable.setPrefHeight(Math.min(rows.size(), 10) * 24 + 30);
        updateClassUse(preview.project().transforms());
        syncing = false;
        resizeWidth.setDisable(!resizeBox.isSelected());
        resizeHeight.setDisable(!resizeBox.isSelected());

        gridMessage.setText(raw.isVector()
                ? "Each point is a feature vector, drawn as a strip of " + raw.width() + " cells (dark = low, light = high)."
                : "");
        gridMessage.getStyleClass().remove("error-text");
        gridMessage.setVisible(raw.isVector());
        gridMessage.setManaged(raw.isVector());
        gridRows.getChildren().clear();
        Dataset t = preview.transformed();
        ImageSet split = preview.testSplit() ? t.test() : t.train();
        int[] counts = split.classCounts(t.classCount());
        for (int c = 0; c < t.classCount(); c++) {
            Label header = new Label(String.format("%s  ·  %,d %s %s", t.classNames().get(c), counts[c],
                    preview.testSplit() ? "test" : "train", t.isVector() ? "points" : "images"));
            header.getStyleClass().add("class-header");
            FlowPane tiles = new FlowPane(4, 4);
            tiles.getStyleClass().add("class-row");
            for (Thumb thumb : preview.thumbsByClass().get(c)) {
                tiles.getChildren().add(thumbnail(thumb, t.classNames().get(c), preview.testSplit()));
            }
            gridRows.getChildren().add(new VBox(4, header, tiles));
        }
        applyZoom();
        List<Thumb> first = preview.thumbsByClass().stream().filter(r -> !r.isEmpty()).findFirst().orElse(List.of());
        if (!first.isEmpty()) {
            showLarge(first.get(0), t.classNames().get(first.get(0).label()), preview.testSplit());
        } else {
            previewView.setImage(null);
            previewCaption.setText("No images in this split.");
            previewValues.setText("");
        }
    }

    private Node thumbnail(Thumb thumb, String className, boolean test) {
        ImageView view = new ImageView(Pixels.image(thumb.width(), thumb.height(), thumb.argb(), 128));
        view.setSmooth(true);
        view.setPreserveRatio(false);
        view.getStyleClass().add("thumbnail");
        view.setUserData(thumb);
        Tooltip.install(view, new Tooltip(className + " · " + (test ? "test" : "train") + " #" + thumb.index()));
        view.setOnMouseEntered(e -> showLarge(thumb, className, test));
        view.setOnMouseExited(e -> {
            if (pinned != null && pinned != view) {
                Thumb p = (Thumb) pinned.getUserData();
                showLarge(p, shown.transformed().classNames().get(p.label()), test);
            }
        });
        view.setOnMouseClicked(e -> {
            if (pinned != null) {
                pinned.setEffect(null);
            }
            pinned = view;
            view.setEffect(new javafx.scene.effect.DropShadow(6, javafx.scene.paint.Color.DODGERBLUE));
            showLarge(thumb, className, test);
        });
        return view;
    }

    private void applyZoom() {
        double size = zoomSlider.getValue();
        for (Node rowBox : gridRows.getChildren()) {
            FlowPane tiles = (FlowPane) ((VBox) rowBox).getChildren().get(1);
            for (Node n : tiles.getChildren()) {
                ImageView v = (ImageView) n;
                Thumb t = (Thumb) v.getUserData();
                if (t.height() == 1) {
                    v.setFitWidth(size * 2);
                    v.setFitHeight(Math.max(8, size / 4));
                } else {
                    v.setFitWidth(size);
                    v.setFitHeight(size * t.height() / t.width());
                }
            }
        }
    }

    private void showLarge(Thumb thumb, String className, boolean test) {
        previewView.setImage(Pixels.image(thumb.width(), thumb.height(), thumb.argb(), 240));
        if (thumb.height() == 1) {
            previewView.setPreserveRatio(false);
            previewView.setFitHeight(40);
        } else {
            previewView.setPreserveRatio(true);
            previewView.setFitHeight(240);
        }
        previewCaption.setText(String.format("%s image #%d  ·  class %s", test ? "Test" : "Train", thumb.index(),
                classText(thumb.label(), className, " ")));
        ImageSet split = test ? shown.transformed().test() : shown.transformed().train();
        float[] values = split.image(thumb.index());
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        previewValues.setText(String.format("%s  ·  min %.3g, max %.3g, mean %.3g", shown.transformed().shapeText(),
                min, max, sum / values.length));
    }

    private void showLoadError(Project p, Throwable error) {
        shown = null;
        gridRows.getChildren().clear();
        classTable.setItems(FXCollections.observableArrayList());
        gridMessage.setText("Cannot show " + p.dataset().label() + ":\n" + Alerts.messageOf(error)
                + "\nPick another dataset or change the transforms; nothing in the project was changed.");
        gridMessage.setVisible(true);
        gridMessage.setManaged(true);
        gridMessage.getStyleClass().add("error-text");
        previewView.setImage(null);
    }

    private void updateClassUse(TransformChain chain) {
        var subset = chain.find(Transform.ClassSubset.class);
        boolean wasSyncing = syncing;
        syncing = true;
        for (ClassRow row : classTable.getItems()) {
            row.used.set(subset.map(s -> s.classes().contains(row.label)).orElse(true));
        }
        syncing = wasSyncing;
    }

    // ----- small pieces -----

    /** One row of the class table. */
    static final class ClassRow {
        final int label;
        final String name;
        final int train;
        final int test;
        final BooleanProperty used = new SimpleBooleanProperty(true);

        ClassRow(int label, String name, int train, int test) {
            this.label = label;
            this.name = name;
            this.train = train;
            this.test = test;
        }

        String displayName() {
            return classText(label, name, "  ");
        }
    }

    private static final class SpecCell extends ListCell<DatasetSpec> {
        @Override
        protected void updateItem(DatasetSpec item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
        }
    }

    /** "3  Dress" (with the separator given), or just "3" when the class is named by its label, as digits are. */
    static String classText(int label, String name, String separator) {
        return name.equals(Integer.toString(label)) ? name : label + separator + name;
    }

    /** For tests: the number of thumbnails on screen. */
    public int thumbnailCount() {
        return gridRows.getChildren().stream().mapToInt(n -> ((FlowPane) ((VBox) n).getChildren().get(1)).getChildren().size()).sum();
    }

    /** For tests: the dataset currently previewed, after transforms. */
    public Dataset shownDataset() {
        return shown == null ? null : shown.transformed();
    }
}
