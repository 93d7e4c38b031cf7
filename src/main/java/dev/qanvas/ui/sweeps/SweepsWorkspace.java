package dev.qanvas.ui.sweeps;

import dev.qanvas.sweep.SweepFolder;
import dev.qanvas.ui.common.ChartView;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.sweeps.SweepsViewModel.PointRow;
import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The Sweeps workspace (issue 22): a sweep's output folder as a sortable table of its points
 * (ticked points are overlaid in Train, a point opens in Inspect), the mean ± std of each metric
 * per variant, a metric against a parameter and parallel coordinates. While the sweep runs, the
 * folder is read again every few seconds (off the UI thread).
 */
public final class SweepsWorkspace implements Workspace {

    /** How often an unfinished sweep's folder is read again. */
    static final Duration REFRESH_EVERY = Duration.seconds(3);

    private final SweepsViewModel vm;
    private final Supplier<Window> owner;
    private final BorderPane root = new BorderPane();
    private final TableView<PointRow> points = new TableView<>();
    private final TableView<SweepFolder.Group> summary = new TableView<>();
    private final MenuButton recent = new MenuButton("Recent");
    private final SweepCharts charts;
    private final Timeline refresher = new Timeline(new KeyFrame(REFRESH_EVERY, e -> refreshIfLive()));
    private final LatestWorker refreshWorker = new LatestWorker("qanvas-sweep-refresh");

    public SweepsWorkspace(Background background, Supplier<Window> owner, SweepsViewModel.Links links) {
        this.owner = owner;
        this.vm = new SweepsViewModel(background::run, quietly(refreshWorker), links);
        this.charts = new SweepCharts(vm, this::export);
        root.setId("sweeps-workspace");

        Button open = new Button("Open sweep folder…");
        open.setId("sweep-open");
        open.setOnAction(e -> chooseFolder());
        recent.setId("sweep-recent");
        recent.setDisable(true);
        Label status = new Label();
        status.setId("sweep-status");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(0);
        Label folder = new Label();
        folder.setId("sweep-folder");
        folder.getStyleClass().add("muted");
        folder.textProperty().bind(vm.folderProperty().asString().map(s -> s.equals("null") ? "" : s));
        folder.setMinWidth(0);
        HBox header = new HBox(8, open, recent, new VBox(2, status, folder));
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8));

        buildPoints();
        buildSummary();
        Button inspect = new Button("Open in Inspect");
        inspect.setId("sweep-inspect");
        inspect.disableProperty().bind(points.getSelectionModel().selectedItemProperty().isNull());
        inspect.setOnAction(e -> vm.inspect(points.getSelectionModel().getSelectedItem().id()));
        Button overlay = new Button("Overlay ticked in Train");
        overlay.setId("sweep-overlay");
        overlay.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.ticked()));
        overlay.setOnAction(e -> vm.overlayTicked());
        Label hint = new Label("Tick points to overlay their curves in Train; double-click a point to open it in Inspect.");
        hint.getStyleClass().add("muted");
        hint.setMinWidth(0);
        HBox actions = new HBox(8, inspect, overlay, hint);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(6, 0, 0, 0));
        BorderPane pointsPane = new BorderPane(points);
        pointsPane.setBottom(actions);
        Tab pointsTab = new Tab("Points", pointsPane);
        pointsTab.setId("sweep-points-tab");
        Tab summaryTab = new Tab("Mean ± std per variant", summary);
        summaryTab.setId("sweep-summary-tab");
        TabPane tabs = new TabPane(pointsTab, summaryTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(tabs, charts);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        root.setTop(header);
        root.setCenter(split);
        BorderPane.setMargin(split, new Insets(0, 8, 8, 8));

        refresher.setCycleCount(Animation.INDEFINITE);
        refresher.play();
    }

    /** Work on {@code worker}, off the UI thread and out of the status bar (the newest request wins). */
    private static Background.Runner quietly(LatestWorker worker) {
        Background.Reporter silent = new Background.Reporter() {
            @Override
            public void message(String text) {
            }

            @Override
            public void progress(double done, double max) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        return new Background.Runner() {
            @Override
            public <T> void run(String title, Background.Work<T> work, java.util.function.Consumer<T> onDone,
                                java.util.function.Consumer<Throwable> onError) {
                worker.submit("refresh", () -> work.run(silent), onDone, onError);
            }
        };
    }

    private void refreshIfLive() {
        if (vm.liveProperty().get()) {
            vm.refresh();
        }
    }

    @Override
    public String id() {
        return "sweeps";
    }

    @Override
    public String title() {
        return "Sweeps";
    }

    @Override
    public Node view() {
        return root;
    }

    /** Opens a sweep folder (the --out folder of qanvas sweep). */
    public void open(Path dir) {
        vm.open(dir);
    }

    /** The recent sweep folders, newest first (the main window keeps them with the settings). */
    public void showRecent(List<String> folders) {
        recent.getItems().clear();
        for (String f : folders) {
            MenuItem item = new MenuItem(f);
            item.setOnAction(e -> vm.open(Path.of(f)));
            recent.getItems().add(item);
        }
        recent.setDisable(folders.isEmpty());
    }

    SweepsViewModel viewModel() { return vm; }
    SweepCharts charts() { return charts; }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a sweep folder (the --out folder of qanvas sweep)");
        Path now = vm.folderProperty().get();
        if (now != null && now.toAbsolutePath().getParent() != null) { // where the open sweep is (no disk check on the UI thread)
            chooser.setInitialDirectory(now.toAbsolutePath().getParent().toFile());
        }
        File dir = chooser.showDialog(owner.get());
        if (dir != null) {
            vm.open(dir.toPath());
        }
    }

    // ----- the points table -----

    /** Cells that hold numbers or text: numbers compare as numbers, so sorting a parameter column orders 0.01 before 0.1. */
    static final Comparator<String> NUMBERS_FIRST = (a, b) -> {
        boolean na = SweepPlots.isNumber(a), nb = SweepPlots.isNumber(b);
        if (na && nb) {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        }
        return na != nb ? (na ? -1 : 1) : a.compareTo(b);
    };

    private void buildPoints() {
        points.setId("sweep-points");
        points.setPlaceholder(new Label("No sweep open: Open sweep folder… picks the --out folder of qanvas sweep."));
        SortedList<PointRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(points.comparatorProperty());
        points.setItems(sorted);
        points.setRowFactory(t -> {
            TableRow<PointRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.inspect(row.getItem().id());
                }
            });
            return row;
        });
        vm.parameters().addListener((ListChangeListener<String>) c -> pointColumns());
        vm.metrics().addListener((ListChangeListener<String>) c -> pointColumns());
        vm.ticked().addListener((ListChangeListener<String>) c -> points.refresh());
        pointColumns();
    }

    private void pointColumns() {
        TableColumn<PointRow, Boolean> tick = new TableColumn<>("✓");
        tick.setId("column-tick");
        tick.setSortable(false);
        tick.setEditable(true);
        tick.setCellValueFactory(c -> {
            SimpleBooleanProperty on = new SimpleBooleanProperty(vm.ticked().contains(c.getValue().id()));
            on.addListener((o, was, now) -> vm.tick(c.getValue().id(), now));
            return on;
        });
        tick.setCellFactory(CheckBoxTableCell.forTableColumn(tick));
        tick.setPrefWidth(32);
        points.setEditable(true);
        List<TableColumn<PointRow, ?>> columns = new java.util.ArrayList<>();
        columns.add(tick);
        columns.add(text("point", "point", PointRow::id));
        columns.add(text("variant", "variant", PointRow::variant));
        columns.add(text("status", "status", PointRow::status));
        for (String p : vm.parameters()) {
            columns.add(text(p, "param-" + p, r -> r.params().getOrDefault(p, "")));
        }
        for (String m : vm.metrics()) {
            columns.add(number(m, "metric-" + m, r -> r.metric(m)));
        }
        columns.add(number("seconds", "seconds", PointRow::seconds));
        columns.add(text("error", "error", PointRow::error));
        points.getSortOrder().clear();
        points.getColumns().setAll(columns);
    }

    private static TableColumn<PointRow, String> text(String title, String id, java.util.function.Function<PointRow, String> value) {
        TableColumn<PointRow, String> c = new TableColumn<>(title);
        c.setId("column-" + id);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        c.setComparator(NUMBERS_FIRST);
        return c;
    }

    private static TableColumn<PointRow, Double> number(String title, String id, java.util.function.ToDoubleFunction<PointRow> value) {
        TableColumn<PointRow, Double> c = new TableColumn<>(title);
        c.setId("column-" + id);
        c.setCellValueFactory(cell -> new SimpleObjectProperty<>(value.applyAsDouble(cell.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : SweepPlots.number(v));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        // NaN (not measured) after every number, whichever way the column is sorted.
        c.setComparator(Comparator.nullsLast(Comparator.comparingDouble(v -> Double.isNaN(v) ? Double.MAX_VALUE : v)));
        return c;
    }

    // ----- the summary table -----

    private void buildSummary() {
        summary.setId("sweep-summary");
        summary.setPlaceholder(new Label("No finished points yet."));
        vm.snapshotProperty().addListener((o, was, now) -> {
            if (now == null) {
                return;
            }
            if (was == null || !was.parameters().equals(now.parameters()) || !was.metrics().equals(now.metrics())) {
                summaryColumns(now);
            }
            summary.getItems().setAll(now.summary());
        });
    }

    private void summaryColumns(SweepFolder.Snapshot s) {
        List<TableColumn<SweepFolder.Group, ?>> columns = new java.util.ArrayList<>();
        columns.add(groupText("variant", SweepFolder.Group::variant));
        for (String p : s.parameters()) {
            if (!p.equals("seed")) { // the spread is over seeds
                columns.add(groupText(p, g -> g.params().getOrDefault(p, "")));
            }
        }
        columns.add(groupText("done", g -> Integer.toString(g.done())));
        columns.add(groupText("failed", g -> Integer.toString(g.failed())));
        for (String m : s.metrics()) {
            columns.add(groupText(m, g -> meanStd(g.metrics().get(m))));
        }
        summary.getColumns().setAll(columns);
    }

    /** "mean ± std" over the done points (the std of one point is not shown), or blank. */
    static String meanStd(SweepFolder.Stat s) {
        if (s == null || s.n() == 0) {
            return "";
        }
        return s.n() == 1 ? SweepPlots.number(s.mean()) : SweepPlots.number(s.mean()) + " ± " + SweepPlots.number(s.std());
    }

    private static TableColumn<SweepFolder.Group, String> groupText(String title,
                                                                   java.util.function.Function<SweepFolder.Group, String> value) {
        TableColumn<SweepFolder.Group, String> c = new TableColumn<>(title);
        c.setId("summary-" + title);
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        c.setComparator(NUMBERS_FIRST);
        return c;
    }

    // ----- export -----

    private void export(String name, String extension, byte[] bytes) {
        String kind = extension.equals("png") ? "PNG image" : "CSV table";
        // Starts in the sweep folder: nearDocument opens the folder a document is in, and the sweep's results.csv is in it.
        FileChooser chooser = FileChoosers.nearDocument(vm.folderProperty().get() == null ? null
                : vm.folderProperty().get().resolve(SweepFolder.RESULTS), "Export the chart as " + extension.toUpperCase(Locale.ROOT), kind, "*." + extension);
        chooser.setInitialFileName(name + "." + extension);
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            vm.exportTo(FileChoosers.withExtension(file.toPath(), "." + extension), bytes);
        }
    }

    /** Stops reading the folder again (the app is closing). */
    public void shutdown() {
        refresher.stop();
        refreshWorker.shutdown();
    }
}
