package dev.qanvas.ui.shell;

import dev.qanvas.data.Datasets;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.project.CircuitTarget;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.Samples;
import dev.qanvas.project.Version;
import dev.qanvas.ui.circuit.CircuitWorkspace;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.Labels;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.data.DataWorkspace;
import dev.qanvas.ui.home.HomeWorkspace;
import dev.qanvas.ui.inspect.InspectWorkspace;
import dev.qanvas.ui.model.ModelWorkspace;
import dev.qanvas.ui.sweeps.SweepsViewModel;
import dev.qanvas.ui.sweeps.SweepsWorkspace;
import dev.qanvas.ui.train.TrainWorkspace;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

/**
 * The main window: menus, the workspace bar, the current workspace, and the status bar. Owns the
 * document and the file actions (new, open, save, samples, recent) and what is remembered
 * between runs.
 */
public final class MainWindow {

    private final Stage stage;
    private final DocumentModel doc = new DocumentModel(Project.untitled());
    private final Background background = new Background();
    /** How often unsaved edits are copied to the autosave file. */
    private static final Duration AUTOSAVE_EVERY = Duration.minutes(1);
    private final Autosave autosave = Autosave.inSettingsFolder();
    private final Alerts alerts;
    /** Every workspace by id, in the bar's order; each but Home is built the first time it is needed (see {@link Slot}). */
    private final Map<String, Slot<?>> workspaces = new LinkedHashMap<>();
    private final Map<String, ToggleButton> workspaceButtons = new LinkedHashMap<>();
    private final Map<String, RadioMenuItem> workspaceMenuItems = new LinkedHashMap<>();
    private final StackPane content = new StackPane();
    private final StatusBar statusBar = new StatusBar();
    private final Label engineLabel = new Label("Numeric engine starting…");
    private final Menu recentMenu = new Menu("Recent");
    private final Menu samplesMenu = new Menu("Open Sample");
    private final HomeWorkspace home;
    private final Slot<DataWorkspace> data;
    private final Slot<CircuitWorkspace> circuit;
    private final Slot<ModelWorkspace> model;
    private final Slot<TrainWorkspace> train;
    private final Slot<InspectWorkspace> inspect;
    private final Slot<SweepsWorkspace> sweeps;
    private final MenuBar menuBar;
    private final PauseTransition statusReset = new PauseTransition(Duration.seconds(8));
    private AppSettings settings;
    private String currentWorkspace;

    // (tests)
    public MainWindow(Stage stage, AppSettings settings, Image icon) {
        this.stage = stage;
        this.settings = settings;
        this.alerts = new Alerts(() -> stage, this::flashStatus);
        home = new HomeWorkspace(new HomeWorkspace.Actions() {
            @Override
            public void newProject() {
                MainWindow.this.newProject();
            }

            @Override
            public void openProject() {
                MainWindow.this.openProject();
            }

            @Override
            public void openSample(Samples.Sample sample) {
                MainWindow.this.openSample(sample);
            }

            @Override
            public void openRecent(String path) {
                MainWindow.this.openRecent(path);
            }
        });
        // Built on first use, not here: together they took most of the start-up (docs/benchmarks.md).
        // Each follows the document from the moment it is built (it reads the project open then),
        // so a workspace built after a project was opened starts in the same state as a reset one.
        data = new Slot<>("data", "Data", () -> new DataWorkspace(doc, background, () -> stage, alerts));
        circuit = new Slot<>("circuit", "Circuit", () -> new CircuitWorkspace(doc, background, () -> stage, alerts));
        model = new Slot<>("model", "Model", () -> {
            ModelWorkspace m = new ModelWorkspace(doc, background, () -> stage, alerts, nodeId -> {
                circuit.get().open(new CircuitTarget.Node(nodeId));
                showWorkspace("circuit");
            });
            m.setOnOpenCircuit(target -> {
                circuit.get().open(target);
                showWorkspace("circuit");
            });
            return m;
        });
        inspect = new Slot<>("inspect", "Inspect", () -> new InspectWorkspace(doc, background, () -> stage, alerts));
        train = new Slot<>("train", "Train", () -> {
            TrainWorkspace t = new TrainWorkspace(doc, background, () -> stage, alerts);
            t.setOnInspect(runId -> {
                showWorkspace("inspect");
                inspect.get().select(runId);
            });
            return t;
        });
        addWorkspace(new Slot<>(home.id(), home.title(), () -> home));
        addWorkspace(data);
        addWorkspace(model);
        addWorkspace(circuit);
        addWorkspace(train);
        addWorkspace(inspect);
        sweeps = new Slot<>("sweeps", "Sweeps", this::buildSweeps);
        addWorkspace(sweeps);

        menuBar = buildMenus();
        VBox bar = new VBox(4);
        bar.getStyleClass().add("workspace-bar");
        ToggleGroup group = new ToggleGroup();
        for (ToggleButton b : workspaceButtons.values()) {
            b.setToggleGroup(group);
            bar.getChildren().add(b);
        }
        statusBar.setId("status-bar");
        statusBar.textProperty().bind(background.messageProperty());
        statusBar.progressProperty().bind(background.progressProperty());
        engineLabel.setId("engine-status");
        statusBar.getRightItems().addAll(new Separator(Orientation.VERTICAL), engineLabel);

        BorderPane root = new BorderPane(content);
        root.setTop(menuBar);
        root.setLeft(bar);
        root.setBottom(statusBar);
        Scene scene = new Scene(root, settings.width(), settings.height());
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/qanvas/ui/qanvas.css").toExternalForm());
        // A second accelerator for Redo, as on Windows and in most editors.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN), doc::redo);
        stage.setScene(scene);
        if (icon != null) {
            stage.getIcons().add(icon);
        }
        restoreGeometry();
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        doc.projectProperty().addListener((o, a, b) -> updateTitle());
        doc.fileProperty().addListener((o, a, b) -> updateTitle());
        doc.modifiedProperty().addListener((o, a, b) -> updateTitle());
        statusReset.setOnFinished(e -> background.setIdleMessage("Ready"));
        updateTitle();
        refreshRecent();
        String remembered = workspaces.containsKey(settings.workspace()) ? settings.workspace() : "home";
        if (remembered.equals("home")) {
            showWorkspace("home");
        } else {
            selectWorkspace(remembered); // built and shown by show(), after the window's first frame
        }
    }

    Stage stage() { return stage; }
    // (tests)
    public DocumentModel document() { return doc; }
    Background background() { return background; }
    // The workspaces, built if they were not yet (tests).
    DataWorkspace dataWorkspace() { return data.get(); }
    // (tests)
    public CircuitWorkspace circuitWorkspace() { return circuit.get(); }
    ModelWorkspace modelWorkspace() { return model.get(); }
    TrainWorkspace trainWorkspace() { return train.get(); }
    InspectWorkspace inspectWorkspace() { return inspect.get(); }
    SweepsWorkspace sweepsWorkspace() { return sweeps.get(); }
    /** Whether the workspace with this id has been built (tests). */
    boolean isBuilt(String id) { return workspaces.get(id).built() != null; }
    String currentWorkspace() { return currentWorkspace; }

    /**
     * Shows the window, then starts slow things in the background so the window is usable at once.
     * {@code initialProject} is the project file given on the command line being read (null with no
     * file); it opens, on the workspace it lands on, once read and after the window's first frame.
     */
    // (tests)
    public void show(Path initialFile, java.util.concurrent.CompletableFuture<Project> initialProject) {
        if (initialFile != null && initialProject != null) {
            content.getChildren().clear();
            openAfterFirstFrame(initialFile, initialProject);
        } else if (workspaces.get(currentWorkspace).built() != null) {
            showWorkspace(currentWorkspace);
        } else {
            content.getChildren().clear();
            showAfterFirstFrame(currentWorkspace, workspaces.get(currentWorkspace).title);
        }
        stage.show();
        offerAutosavedWork();
        javafx.animation.Timeline every = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(AUTOSAVE_EVERY, e -> autosaveNow()));
        every.setCycleCount(javafx.animation.Animation.INDEFINITE);
        every.play();
        doc.modifiedProperty().addListener((o, was, modified) -> {
            if (!modified) {
                clearAutosave(); // saved, or back at the saved version: nothing to restore
            }
        });
        background.run("Reading samples", r -> Samples.list(), samples -> {
            home.showSamples(samples);
            samplesMenu.getItems().clear();
            Map<Samples.Group, Menu> byGroup = new LinkedHashMap<>();
            for (Samples.Sample s : samples) {
                MenuItem item = new MenuItem(s.project().name());
                item.setOnAction(e -> openSample(s));
                byGroup.computeIfAbsent(s.group(), g -> new Menu(g.title())).getItems().add(item);
            }
            samplesMenu.getItems().setAll(byGroup.values());
        }, error -> home.showSamplesError(Alerts.messageOf(error)));
        background.run("Starting the numeric engine", r -> NumericEngine.start(),
                info -> engineLabel.setText("Numeric engine ready (ND4J " + info.backend().replace("Backend", "") + ", " + info.blasVendor() + ")"),
                error -> engineLabel.setText("Numeric engine failed: " + Alerts.messageOf(error)));
    }

    // ----- workspaces -----

    /** The Sweeps workspace, with its links: a point opens in Inspect, ticked points overlay in Train, opened folders are remembered. */
    private SweepsWorkspace buildSweeps() {
        SweepsWorkspace w = new SweepsWorkspace(background, () -> stage, new SweepsViewModel.Links() {
            @Override
            public void inspect(dev.qanvas.project.RunRecord run) {
                showWorkspace("inspect");
                inspect.get().open(run);
            }

            @Override
            public void overlay(List<dev.qanvas.project.RunRecord> runs) {
                showWorkspace("train");
                train.get().overlay(runs);
            }

            @Override
            public void opened(Path dir) {
                settings = settings.withRecentSweep(dir);
                sweeps.get().showRecent(settings.recentSweeps());
                saveSettingsInBackground();
            }

            @Override
            public void error(String title, Throwable error) {
                alerts.error(title, error);
            }
        });
        w.showRecent(settings.recentSweeps());
        return w;
    }

    /**
     * A workspace that is built the first time it is shown or asked for, on the UI thread. Its id
     * and title are known before, for the workspace bar and the View menu.
     */
    private static final class Slot<W extends Workspace> {
        private final String id;
        private final String title;
        private final Supplier<W> build;
        private W workspace;

        Slot(String id, String title, Supplier<W> build) {
            this.id = id;
            this.title = title;
            this.build = build;
        }

        W get() {
            if (workspace == null) {
                workspace = build.get();
                if (!workspace.id().equals(id) || !workspace.title().equals(title)) {
                    throw new IllegalStateException("workspace " + workspace.id() + " built for slot " + id);
                }
            }
            return workspace;
        }

        /** The workspace if it was built, else null. */
        W built() {
            return workspace;
        }
    }

    private void addWorkspace(Slot<?> w) {
        workspaces.put(w.id, w);
        ToggleButton button = new ToggleButton(w.title);
        button.setId("workspace-" + w.id);
        button.getStyleClass().add("workspace-button");
        button.setMaxWidth(Double.MAX_VALUE);
        button.setOnAction(e -> showWorkspace(w.id));
        workspaceButtons.put(w.id, button);
    }

    void showWorkspace(String id) {
        Slot<?> w = workspaces.get(id);
        if (w == null) {
            return;
        }
        selectWorkspace(id);
        Node view = w.get().view();
        content.getChildren().setAll(view);
    }

    /** Marks {@code id} as the current workspace in the bar and the View menu, without building it. */
    private void selectWorkspace(String id) {
        currentWorkspace = id;
        workspaceButtons.forEach((k, b) -> b.setSelected(k.equals(id)));
        workspaceMenuItems.forEach((k, m) -> m.setSelected(k.equals(id)));
    }

    /**
     * At start-up: builds and shows the first workspace once the window has drawn its first frame,
     * so the window appears at once and building the workspace (a few hundred ms) does not hold it
     * up. The status bar says what is opening meanwhile.
     */
    private void showAfterFirstFrame(String id, String what) {
        afterFirstFrame("Opening " + what, r -> id, this::showFirst, error -> showFirst(id));
    }

    /**
     * At start-up: opens the project given on the command line once it is read (on the thread
     * that read the settings, while the UI toolkit started) and the window has drawn its first
     * frame, as {@link #open} would. If another document was opened meanwhile, that one stays.
     */
    private void openAfterFirstFrame(Path file, java.util.concurrent.CompletableFuture<Project> reading) {
        int openedBefore = doc.openedProperty().get();
        afterFirstFrame("Opening " + file.getFileName(), r -> {
            try {
                return reading.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e; // the reader's own message, as open() shows it
            }
        }, project -> {
            if (doc.openedProperty().get() != openedBefore) {
                return;
            }
            confirmDiscard(() -> {
                doc.replace(project, file);
                remember(file);
                showFirst(landingWorkspace(project));
            });
        }, error -> {
            alerts.error("Cannot open project", error);
            showFirst(currentWorkspace);
        });
    }

    /**
     * Runs {@code work} in the background once the window has drawn its first frame (or after 2 s),
     * then hands its result to the UI thread. A background task waits for the frame (the UI thread
     * never waits), which also counts the pending start-up work as running work for tests.
     */
    private <T> void afterFirstFrame(String title, Background.Work<T> work, java.util.function.Consumer<T> then,
                                     java.util.function.Consumer<Throwable> failed) {
        CountDownLatch firstFrame = new CountDownLatch(1);
        Runnable onPulse = firstFrame::countDown;
        stage.getScene().addPostLayoutPulseListener(onPulse);
        background.run(title, r -> {
            firstFrame.await(2, TimeUnit.SECONDS);
            return work.run(r);
        }, result -> {
            stage.getScene().removePostLayoutPulseListener(onPulse);
            then.accept(result);
        }, error -> {
            stage.getScene().removePostLayoutPulseListener(onPulse);
            failed.accept(error);
        });
    }

    /** Shows the start-up's first workspace unless the user chose one meanwhile; logs when (docs/benchmarks.md). */
    private void showFirst(String id) {
        if (!content.getChildren().isEmpty()) {
            return; // switched meanwhile
        }
        showWorkspace(id);
        QanvasApp.logSinceStart("Workspace " + id + " shown");
    }

    // ----- menus -----

    private MenuBar buildMenus() {
        MenuItem newItem = item("New", "N", false, this::newProject);
        MenuItem openItem = item("Open…", "O", false, this::openProject);
        MenuItem saveItem = item("Save", "S", false, this::save);
        MenuItem saveAsItem = item("Save As…", "S", true, this::saveAs);
        MenuItem quitItem = item("Quit", "Q", false, this::quit);
        recentMenu.setId("menu-recent");
        samplesMenu.setId("menu-samples");
        Menu file = new Menu("File", null, newItem, openItem, samplesMenu, recentMenu, new SeparatorMenuItem(),
                saveItem, saveAsItem, new SeparatorMenuItem(), quitItem);

        MenuItem undo = item("Undo", "Z", false, doc::undo);
        undo.disableProperty().bind(doc.canUndoProperty().not());
        undo.setId("menu-undo");
        MenuItem redo = item("Redo", "Z", true, doc::redo);
        redo.disableProperty().bind(doc.canRedoProperty().not());
        redo.setId("menu-redo");
        Menu edit = new Menu("Edit", null, undo, redo);

        Menu view = new Menu("View");
        ToggleGroup group = new ToggleGroup();
        int n = 1;
        for (Slot<?> w : workspaces.values()) {
            RadioMenuItem item = new RadioMenuItem(w.title);
            item.setToggleGroup(group);
            item.setAccelerator(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(n++)), KeyCombination.SHORTCUT_DOWN));
            item.setOnAction(e -> showWorkspace(w.id));
            workspaceMenuItems.put(w.id, item);
            view.getItems().add(item);
        }
        MenuItem fullScreen = new MenuItem("Full Screen");
        fullScreen.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        fullScreen.setOnAction(e -> stage.setFullScreen(!stage.isFullScreen()));
        view.getItems().addAll(new SeparatorMenuItem(), fullScreen);

        MenuItem shortcuts = new MenuItem("Keyboard Shortcuts");
        shortcuts.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        shortcuts.setOnAction(e -> showShortcuts());
        MenuItem about = new MenuItem("About Qanvas");
        about.setOnAction(e -> showAbout());
        Menu help = new Menu("Help", null, shortcuts, about);
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static MenuItem item(String text, String key, boolean shift, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(shift
                ? new KeyCodeCombination(KeyCode.getKeyCode(key), KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)
                : new KeyCodeCombination(KeyCode.getKeyCode(key), KeyCombination.SHORTCUT_DOWN));
        item.setOnAction(e -> action.run());
        return item;
    }

    // ----- autosave -----

    /** Copies the document to the autosave file if it has unsaved edits (every minute, and on demand in tests). */
    void autosaveNow() {
        if (!doc.isModified()) {
            return;
        }
        Project version = doc.project();
        Path file = doc.file();
        background.run("Autosaving", r -> {
            autosave.write(version, file);
            return true;
        }, ok -> { }, error -> flashStatus("Autosave failed: " + Alerts.messageOf(error)));
    }

    private void clearAutosave() {
        background.run("Clearing autosave", r -> {
            autosave.clear();
            return true;
        }, ok -> { }, error -> flashStatus("Could not remove the autosave file: " + Alerts.messageOf(error)));
    }

    /** At start-up: work autosaved by a session that did not end normally is offered back. */
    private void offerAutosavedWork() {
        background.run("Looking for unsaved work", r -> autosave.find(), found -> found.ifPresent(this::askToRestore),
                error -> alerts.error("Unsaved work from the last session could not be read", error));
    }

    private void askToRestore(Autosave.Found found) {
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Qanvas closed before \"" + found.project().name()
                + "\" was saved. Its last autosaved state is from " + found.savedAt().atZone(java.time.ZoneId.systemDefault())
                .toLocalDateTime().withNano(0).toString().replace('T', ' ')
                + (found.originalFile() == null ? " (never saved to a file)." : ", from " + found.originalFile() + ".")
                + "\nRestore replaces the project open now.", restore, discard);
        ask.initOwner(stage);
        ask.setTitle("Qanvas");
        ask.setHeaderText("Restore unsaved work?");
        ask.getDialogPane().setId("restore-dialog");
        ask.setOnHidden(e -> {
            if (ask.getResult() == restore) {
                restore(found);
            } else {
                clearAutosave();
            }
        });
        ask.show();
    }

    /** Opens the file the work belonged to, then applies the work as an edit: modified, and undo shows the file. */
    private void restore(Autosave.Found found) {
        Path original = found.originalFile();
        background.run("Restoring unsaved work", r -> original != null && Files.isRegularFile(original)
                ? ProjectFiles.read(original) : null, onDisk -> {
            doc.replace(onDisk != null ? onDisk : Project.untitled(), onDisk != null ? original : null);
            doc.edit(found.project());
            showWorkspace(landingWorkspace(found.project()));
            flashStatus("Restored unsaved work" + (onDisk != null ? " on " + original.getFileName() : "") + "; save it to keep it");
        }, error -> alerts.error("Could not restore the unsaved work", error));
    }

    // ----- file actions -----

    /** Where a kernel project is edited, trained and inspected (issue 17), said when one is opened; empty for other projects. */
    static String kernelNote(Project p) {
        return p.isKernel() ? ". A kernel project (QSVM against RBF SVM and random forest): the Model workspace shows and edits"
                + " its pipeline, Train trains it and Inspect shows its Gram matrix" : "";
    }

    /** Where an opened project starts: its model if it has one, else its circuit if it has one, else its data. */
    private static String landingWorkspace(Project p) {
        if (!p.model().nodes().isEmpty()) {
            return "model";
        }
        return p.circuit().size() > 0 ? "circuit" : "data";
    }

    void newProject() {
        confirmDiscard(() -> {
            doc.replace(Project.untitled(), null);
            showWorkspace("data");
        });
    }

    private void openProject() {
        FileChooser chooser = projectChooser("Open project");
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            open(file.toPath());
        }
    }

    /**
     * Opens a project file (menu, Recent, command line). The file is read first: if it cannot be
     * opened the user is told why and the open document stays as it is, unsaved edits included.
     */
    void open(Path file) {
        background.run("Opening " + file.getFileName(), r -> ProjectFiles.read(file),
                project -> confirmDiscard(() -> {
                    doc.replace(project, file);
                    remember(file);
                    showWorkspace(landingWorkspace(project));
                    flashStatus("Opened " + file + kernelNote(project));
                }),
                error -> alerts.error("Cannot open project", error));
    }

    /** Opens a recent file, or forgets it when it is gone; whether it is there is asked off the UI thread. */
    void openRecent(String path) {
        Path file = Path.of(path);
        background.run("Opening " + file.getFileName(), r -> Files.isRegularFile(file), there -> {
            if (there) {
                open(file);
            } else {
                forget(path);
            }
        }, error -> alerts.error("Cannot open project", error));
    }

    void openSample(Samples.Sample sample) {
        confirmDiscard(() -> {
            doc.replace(sample.project(), null);
            showWorkspace(landingWorkspace(sample.project()));
            flashStatus("Opened sample " + sample.project().name() + " (Save As to keep your changes)" + kernelNote(sample.project()));
        });
    }

    void save() {
        if (doc.file() == null) {
            saveAs();
        } else {
            write(doc.file(), () -> { });
        }
    }

    private void saveAs() {
        FileChooser chooser = projectChooser("Save project as");
        chooser.setInitialFileName(doc.project().name().replaceAll("[^A-Za-z0-9._ -]", "_") + ProjectFiles.EXTENSION);
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            write(FileChoosers.withExtension(file.toPath(), ProjectFiles.EXTENSION), () -> { });
        }
    }

    private void write(Path file, Runnable then) {
        Project version = doc.project();
        background.run("Saving " + file.getFileName(), r -> {
            ProjectFiles.write(file, version);
            return file;
        }, saved -> {
            doc.saved(version, saved);
            remember(saved);
            flashStatus("Saved " + saved);
            then.run();
        }, error -> alerts.error("Cannot save project", error));
    }

    private FileChooser projectChooser(String title) {
        return FileChoosers.nearDocument(doc.file(), title, "Qanvas projects", "*" + ProjectFiles.EXTENSION);
    }

    /** Runs {@code proceed} once unsaved changes are saved or the user agrees to lose them. */
    private void confirmDiscard(Runnable proceed) {
        TrainWorkspace training = train.built(); // not built yet: nothing is training
        if (training != null && training.isBusy()) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "The run is kept: it stops after the current batch, "
                    + "saves the model it has so far and is recorded in this project.", ButtonType.OK, ButtonType.CANCEL);
            ask.initOwner(stage);
            ask.setTitle("Qanvas");
            ask.setHeaderText("Stop the training run first?");
            ask.getDialogPane().setId("confirm-stop-training");
            ask.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> {
                flashStatus("Stopping the training run…");
                training.stopThen(() -> confirmDiscard(proceed));
            });
            return;
        }
        if (!doc.isModified()) {
            proceed.run();
            return;
        }
        ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Your changes are lost if you don't save them.",
                saveButton, discard, ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setTitle("Qanvas");
        ask.setHeaderText("Save changes to \"" + doc.project().name() + "\"?");
        ask.getDialogPane().setId("confirm-discard");
        ask.showAndWait().ifPresent(choice -> {
            if (choice == saveButton) {
                if (doc.file() == null) {
                    saveAs();
                    if (!doc.isModified()) {
                        proceed.run();
                    }
                } else {
                    write(doc.file(), proceed);
                }
            } else if (choice == discard) {
                proceed.run();
            }
        });
    }

    void quit() {
        confirmDiscard(() -> {
            AppSettings toSave = settings.withWindow(stage.getX(), stage.getY(),
                    stage.isMaximized() ? settings.width() : stage.getWidth(),
                    stage.isMaximized() ? settings.height() : stage.getHeight(), stage.isMaximized(), currentWorkspace);
            background.run("Saving settings", r -> {
                toSave.save();
                autosave.clear(); // a normal end: nothing to restore next time
                return true;
            }, ok -> exit(), error -> exit());
        });
    }

    private void exit() {
        if (train.built() != null) {
            train.built().shutdown();
        }
        if (inspect.built() != null) {
            inspect.built().shutdown();
        }
        if (sweeps.built() != null) {
            sweeps.built().shutdown();
        }
        Platform.exit();
    }

    // ----- window state -----

    private void restoreGeometry() {
        stage.setWidth(settings.width());
        stage.setHeight(settings.height());
        if (!Double.isNaN(settings.x()) && !Double.isNaN(settings.y())) {
            boolean onScreen = Screen.getScreens().stream().map(Screen::getVisualBounds)
                    .anyMatch(b -> b.intersects(new Rectangle2D(settings.x(), settings.y(), 100, 40)));
            if (onScreen) {
                stage.setX(settings.x());
                stage.setY(settings.y());
            }
        }
        stage.setMaximized(settings.maximized());
    }

    private void remember(Path file) {
        if (file == null) {
            return;
        }
        settings = settings.withRecent(file);
        refreshRecent();
        saveSettingsInBackground();
    }

    private void forget(String path) {
        settings = settings.withoutRecent(path);
        refreshRecent();
        saveSettingsInBackground();
        alerts.error("Cannot open project", path + ": the file no longer exists; it was removed from the recent list");
    }

    private void saveSettingsInBackground() {
        AppSettings toSave = settings.withWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), currentWorkspace);
        background.run("Saving settings", r -> {
            toSave.save();
            return true;
        }, ok -> { }, error -> flashStatus("Settings not saved: " + Alerts.messageOf(error)));
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (String path : settings.recentFiles()) {
            MenuItem item = new MenuItem(path);
            item.setOnAction(e -> openRecent(path));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(settings.recentFiles().isEmpty());
        home.showRecent(settings.recentFiles());
    }

    private void updateTitle() {
        String name = doc.file() != null ? doc.file().getFileName().toString() : doc.project().name();
        stage.setTitle((doc.isModified() ? "• " : "") + name + " — Qanvas");
    }

    private void flashStatus(String message) {
        background.setIdleMessage(message);
        statusReset.playFromStart();
    }

    // ----- help -----

    private void showShortcuts() {
        TableView<String[]> table = new TableView<>();
        TableColumn<String[], String> action = new TableColumn<>("Action");
        action.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue()[0]));
        TableColumn<String[], String> keys = new TableColumn<>("Keys");
        keys.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue()[1]));
        table.getColumns().add(action);
        table.getColumns().add(keys);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getItems().addAll(shortcutRows());
        table.setPrefSize(420, 380);
        Alert dialog = new Alert(Alert.AlertType.INFORMATION);
        dialog.initOwner(stage);
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        dialog.getDialogPane().setContent(table);
        dialog.getDialogPane().setId("shortcuts-dialog");
        dialog.show();
    }

    /** Every accelerator in the menus (the one source of truth), plus the alternate Redo key. */
    List<String[]> shortcutRows() {
        List<String[]> rows = new ArrayList<>();
        for (Menu menu : menuBar.getMenus()) {
            collectShortcuts(menu, menu.getText(), rows);
        }
        rows.add(new String[] {"Edit > Redo (alternative)", new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN).getDisplayText()});
        return rows;
    }

    private static void collectShortcuts(Menu menu, String path, List<String[]> rows) {
        for (MenuItem item : menu.getItems()) {
            if (item instanceof Menu sub) {
                collectShortcuts(sub, path + " > " + sub.getText(), rows);
            } else if (item.getAccelerator() != null) {
                rows.add(new String[] {path + " > " + item.getText(), item.getAccelerator().getDisplayText()});
            }
        }
    }

    private void showAbout() {
        StringBuilder credits = new StringBuilder();
        for (String id : Datasets.BUNDLED) {
            Datasets.bundledInfo(id).ifPresent(i -> credits.append("• ").append(i.name()).append(": ").append(i.source()).append("\n"));
        }
        Alert about = new Alert(Alert.AlertType.INFORMATION);
        about.initOwner(stage);
        about.setTitle("About Qanvas");
        about.setHeaderText("Qanvas " + Version.current());
        Label text = Labels.wrapping("A visual workbench for hybrid quantum-classical machine learning on images.\n\n"
                + "Java " + System.getProperty("java.version") + ", JavaFX " + System.getProperty("javafx.runtime.version")
                + "\n" + engineLabel.getText() + "\n\nBundled data:\n" + credits);
        text.setPrefWidth(520);
        about.getDialogPane().setContent(text);
        about.getDialogPane().setPadding(new Insets(8));
        about.show();
    }
}
