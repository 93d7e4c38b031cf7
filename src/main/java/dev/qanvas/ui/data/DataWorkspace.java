package dev.qanvas.ui.data;

import static dev.qanvas.ui.common.Labels.sectionTitle;
import static dev.qanvas.ui.common.Labels.wrapping;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.DatasetSummary;
import dev.qanvas.data.TransformChain;
import dev.qanvas.data.Transform;
import dev.qanvas.project.Project;
import dev.qanvas.ui.common.Alerts;
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
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
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
 * images per class and zoom are view settings. This class builds the views and forwards to the
 * {@link DataViewModel}, which holds the state, the commands and the background loads.
 */
public final class DataWorkspace implements Workspace {

    private final DataViewModel vm;
    private final Supplier<Window> owner;

    private final BorderPane root = new BorderPane();
    private final ComboBox<DatasetSpec> datasetBox = new ComboBox<>();
    private final Label descriptionLabel = wrapping("");
    private final Label sourceLabel = wrapping("");
    private final Label factsLabel = new Label();
    private final GeneratorControls generator;
    private final TableView<ClassRow> classTable = new TableView<>();
    private final CheckBox resizeBox = new CheckBox("Resize to");
    private final Spinner<Integer> resizeWidth = new Spinner<>(1, 128, 14);
    private final Spinner<Integer> resizeHeight = new Spinner<>(1, 128, 14);
    private final ComboBox<String> normaliseBox = new ComboBox<>(FXCollections.observableArrayList(DataViewModel.NORMALISE_CHOICES));
    private final Label chainLabel = wrapping("");
    private final Spinner<Integer> noisePercent = new Spinner<>(0, 100, 0, 5);
    private final Spinner<Integer> tailRatio = new Spinner<>(1, (int) dev.qanvas.data.ClassImbalance.MAX_RATIO, 1, 10);
    private final CheckBox randomLabelsBox = new CheckBox("Random labels (every training label drawn at random)");
    private final Label labelEffects = wrapping("");
    private final ToggleGroup splitGroup = new ToggleGroup();
    private final ToggleButton trainToggle = new ToggleButton("Train");
    private final ToggleButton testToggle = new ToggleButton("Test");
    private final ComboBox<Integer> perClassBox = new ComboBox<>(FXCollections.observableArrayList(DataViewModel.PER_CLASS_CHOICES));
    private final ImageGrid grid;
    private final ImagePreview preview = new ImagePreview();

    /** Guards against control listeners editing the project while the controls follow the project. */
    private boolean syncing;

    public DataWorkspace(DocumentModel doc, Background background, Supplier<Window> owner, Alerts alerts) {
        this.vm = new DataViewModel(doc, background::run, new DataViewModel.Feedback() {
            @Override
            public void status(String message) {
                alerts.status(message);
            }

            @Override
            public void error(String title, Throwable error) {
                alerts.error(title, error);
            }
        });
        this.owner = owner;
        this.generator = new GeneratorControls(spec -> {
            if (!syncing) {
                vm.editSynthetic(spec);
            }
        });
        this.grid = new ImageGrid(preview, () -> vm.shownDataset());
        root.setId("data-workspace");
        SplitPane split = new SplitPane(buildControls(), buildGrid(), preview.view());
        split.setDividerPositions(0.27, 0.79);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        SplitPane.setResizableWithParent(split.getItems().get(2), false);
        root.setCenter(split);
        vm.listen(this::syncControls, this::show, this::showLoadError);
        vm.start();
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

    /** The workspace's state and commands, without the views. */
    public DataViewModel viewModel() {
        return vm;
    }

    // ----- building the view -----

    private Node buildControls() {
        datasetBox.setId("dataset-picker");
        datasetBox.setMaxWidth(Double.MAX_VALUE);
        datasetBox.setCellFactory(list -> new SpecCell());
        datasetBox.setButtonCell(new SpecCell());
        datasetBox.setItems(vm.datasets());
        datasetBox.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                vm.chooseDataset(b);
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
                sourceLabel, factsLabel, generator.view());

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
        allClasses.setOnAction(e -> vm.useAllClasses());
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
            int[] start = vm.suggestedResize();
            if (!syncing && b && start != null) {
                syncing = true;
                resizeWidth.getValueFactory().setValue(start[0]);
                resizeHeight.getValueFactory().setValue(start[1]);
                syncing = false;
            }
            resizeChanged();
        });
        HBox resizeRow = new HBox(6, resizeBox, resizeWidth, new Label("x"), resizeHeight);
        resizeRow.setAlignment(Pos.CENTER_LEFT);
        normaliseBox.setId("normalise-choice");
        normaliseBox.setMaxWidth(Double.MAX_VALUE);
        normaliseBox.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                vm.normalise(normaliseBox.getValue());
            }
        });
        Label normaliseLabel = new Label("Normalise");
        normaliseLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox normaliseRow = new HBox(6, normaliseLabel, normaliseBox);
        normaliseRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(normaliseBox, Priority.ALWAYS);
        chainLabel.setId("transform-chain");
        chainLabel.getStyleClass().add("muted");
        VBox transformSection = new VBox(8, sectionTitle("Transforms"), resizeRow, normaliseRow, labelControls(), chainLabel,
                labelEffects);

        VBox controls = new VBox(16, datasetSection, classSection, transformSection);
        controls.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(controls);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(340);
        scroll.setPrefWidth(370);
        return scroll;
    }

    /** Training-split-only steps (docs/data-centric.md): label noise, long tail, random labels. */
    private Node labelControls() {
        noisePercent.setId("label-noise");
        tailRatio.setId("long-tail");
        randomLabelsBox.setId("random-labels");
        labelEffects.setId("label-effects");
        for (Spinner<Integer> s : List.of(noisePercent, tailRatio)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        noisePercent.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) {
                vm.labelNoise(b);
            }
        });
        tailRatio.valueProperty().addListener((o, a, b) -> {
            if (!syncing && b != null) {
                vm.longTail(b);
            }
        });
        randomLabelsBox.selectedProperty().addListener((o, a, b) -> {
            if (!syncing) {
                vm.randomLabels(b);
            }
        });
        randomLabelsBox.setWrapText(true);
        HBox noiseRow = new HBox(6, new Label("Label noise %"), noisePercent);
        noiseRow.setAlignment(Pos.CENTER_LEFT);
        HBox tailRow = new HBox(6, new Label("Long tail ratio"), tailRatio);
        tailRow.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(noiseRow, new Tooltip("Flips this share of the training labels to other classes (seeded); the test split is untouched"));
        Tooltip.install(tailRow, new Tooltip("Keeps fewer training images of later classes: class k keeps ratio^(-k/(K-1)) of them"));
        return new VBox(8, noiseRow, tailRow, randomLabelsBox);
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
                vm.showSplit(testToggle.isSelected());
            }
        });
        perClassBox.setValue(DataViewModel.DEFAULT_PER_CLASS);
        perClassBox.setId("per-class");
        perClassBox.valueProperty().addListener((o, a, b) -> vm.showPerClass(perClassBox.getValue()));
        HBox segmented = new HBox(0, trainToggle, testToggle);
        segmented.getStyleClass().add("segmented");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(10, new Label("Split"), segmented, new Label("Images per class"), perClassBox,
                spacer, new Label("Zoom"), grid.zoomSlider());
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(8, 12, 8, 12));
        toolbar.getStyleClass().add("workspace-toolbar");

        BorderPane pane = new BorderPane(grid.view());
        pane.setTop(toolbar);
        return pane;
    }

    // ----- following the project -----

    private void syncControls(Project p) {
        syncing = true;
        try {
            DatasetSpec spec = p.dataset();
            vm.include(spec);
            datasetBox.setValue(spec);
            generator.show(spec);
            TransformChain chain = p.transforms();
            var resize = chain.find(Transform.Resize.class);
            resizeBox.setSelected(resize.isPresent());
            resize.ifPresent(r -> {
                resizeWidth.getValueFactory().setValue(r.width());
                resizeHeight.getValueFactory().setValue(r.height());
            });
            normaliseBox.setValue(DataViewModel.normaliseChoice(chain));
            chainLabel.setText(DataViewModel.describe(chain));
            noisePercent.getValueFactory().setValue(DataViewModel.labelNoisePercent(chain));
            tailRatio.getValueFactory().setValue(DataViewModel.longTailRatio(chain));
            randomLabelsBox.setSelected(chain.find(dev.qanvas.data.RandomLabels.class).isPresent());
            if (vm.shown() != null) {
                updateClassUse(chain);
            }
        } finally {
            syncing = false;
        }
    }

    // ----- edits -----

    private void resizeChanged() {
        if (syncing) {
            return;
        }
        resizeWidth.setDisable(!resizeBox.isSelected());
        resizeHeight.setDisable(!resizeBox.isSelected());
        vm.resize(resizeBox.isSelected(), resizeWidth.getValue(), resizeHeight.getValue());
    }

    private void classUseChanged() {
        if (syncing) {
            return;
        }
        List<Integer> used = new ArrayList<>();
        for (ClassRow row : classTable.getItems()) {
            if (row.used.get()) {
                used.add(row.label);
            }
        }
        if (!vm.useClasses(used)) {
            updateClassUse(vm.document().project().transforms());
        }
    }

    private void chooseFolder(boolean imageFolder) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(imageFolder ? "Open an image folder (one sub-folder per class)" : "Open a folder of IDX files");
        File dir = chooser.showDialog(owner.get());
        if (dir == null) {
            return;
        }
        if (!imageFolder) {
            vm.openIdxFolder(dir);
            return;
        }
        ImageFolderDialog.ask(owner.get(), dir).ifPresent(vm::switchDataset);
    }

    // ----- showing -----

    private void show(DataViewModel.Preview shown) {
        Dataset raw = shown.raw();
        descriptionLabel.setText(raw.description());
        labelEffects.setText(shown.labelEffects());
        sourceLabel.setText("Source: " + raw.source());
        DatasetSummary s = shown.summary();
        factsLabel.setText(String.format("%s  ·  %,d train / %,d test  ·  %d classes  ·  values %.3g … %.3g",
                s.shape(), s.trainSize(), s.testSize(), s.classes().size(), s.minValue(), s.maxValue()));
        syncing = true;
        ObservableList<ClassRow> rows = FXCollections.observableArrayList();
        for (DatasetSummary.ClassCount c : shown.rawSummary().classes()) {
            ClassRow row = new ClassRow(c.label(), c.name(), c.train(), c.test());
            row.used.addListener((o, a, b) -> classUseChanged());
            rows.add(row);
        }
        classTable.setItems(rows);
        // Tall enough for up to ten classes without empty rows; more classes scroll.
        classTable.setFixedCellSize(24);
        classTable.setPrefHeight(Math.min(rows.size(), 10) * 24 + 30);
        updateClassUse(shown.project().transforms());
        syncing = false;
        resizeWidth.setDisable(!resizeBox.isSelected());
        resizeHeight.setDisable(!resizeBox.isSelected());
        grid.show(shown);
    }

    private void showLoadError(String message) {
        grid.showError(message);
        classTable.setItems(FXCollections.observableArrayList());
        preview.clearImage();
    }

    private void updateClassUse(TransformChain chain) {
        boolean wasSyncing = syncing;
        syncing = true;
        for (ClassRow row : classTable.getItems()) {
            row.used.set(DataViewModel.isUsed(row.label, chain));
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
            return DataViewModel.classText(label, name, "  ");
        }
    }

    private static final class SpecCell extends ListCell<DatasetSpec> {
        @Override
        protected void updateItem(DatasetSpec item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
        }
    }

    /** For tests: the number of thumbnails on screen. */
    public int thumbnailCount() {
        return grid.thumbnailCount();
    }

    /** For tests: the dataset currently previewed, after transforms. */
    public Dataset shownDataset() {
        return vm.shownDataset();
    }
}
