package dev.qanvas.ui.sweeps;

import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunFolderRecord;
import dev.qanvas.project.RunRecord;
import dev.qanvas.sweep.PointResult;
import dev.qanvas.sweep.SweepFolder;
import dev.qanvas.ui.shell.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Sweeps workspace without its views: the sweep folder open (read with
 * {@link SweepFolder#read}, off the UI thread, again and again while the sweep still runs), its
 * points as table rows (finished ones from results.csv, the others running or pending), the
 * per-variant summary, the scatter's and parallel coordinates' choices and data
 * ({@link SweepPlots}), the ticked points, and handing a point's run folder to Inspect or the
 * ticked points' curves to Train ({@link Links}; the main window wires them).
 */
public final class SweepsViewModel {

    /** What the Sweeps workspace asks of the other workspaces; the main window answers. */
    public interface Links {
        /** Shows this run (a point's folder read as a record) in Inspect. */
        void inspect(RunRecord run);

        /** Overlays these runs on Train's charts. */
        void overlay(List<RunRecord> runs);

        /** A sweep folder was opened (remembered in the recent list). */
        void opened(Path dir);

        void error(String title, Throwable error);
    }

    /** A point not yet in results.csv whose run folder has begun its metrics.csv. */
    public static final String RUNNING = "running";
    /** A point not yet started. */
    public static final String PENDING = "pending";

    /** One row of the points table: a finished point as results.csv has it, or a planned one (running or pending). */
    public record PointRow(String id, String variant, String status, Map<String, String> params, Map<String, Double> metrics,
                           double seconds, String error, Path runDir) {

        public double metric(String name) {
            return metrics.getOrDefault(name, Double.NaN);
        }

        /** Whether the point has curves to overlay (its run began). */
        public boolean hasCurves() {
            return !status.equals(PENDING);
        }
    }

    /** What one background read found: the folder's snapshot and the points whose run folder has begun. */
    record Read(SweepFolder.Snapshot snapshot, Set<String> started) {
    }

    private final Background.Runner jobs;
    /** Runs the periodic re-reads of a running sweep: quietly, not in the status bar every few seconds. */
    private final Background.Runner refreshes;
    private final Links links;
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>(this, "folder");
    private final ObjectProperty<SweepFolder.Snapshot> snapshot = new SimpleObjectProperty<>(this, "snapshot");
    private final ObservableList<PointRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> parameters = FXCollections.observableArrayList();
    private final ObservableList<String> metrics = FXCollections.observableArrayList(PointResult.METRICS);
    private final StringProperty status = new SimpleStringProperty(this, "status",
            "Open a sweep folder (the --out folder of qanvas sweep) to see its points.");
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live");
    private final StringProperty scatterParameter = new SimpleStringProperty(this, "scatterParameter");
    private final StringProperty scatterMetric = new SimpleStringProperty(this, "scatterMetric", "test_accuracy");
    private final ObservableList<String> ticked = FXCollections.observableArrayList();
    /** Counts opens: a read of a folder no longer open is dropped. */
    private int generation;
    private boolean reading;

    public SweepsViewModel(Background.Runner jobs, Background.Runner refreshes, Links links) {
        this.jobs = jobs;
        this.refreshes = refreshes;
        this.links = links;
    }

    public ReadOnlyObjectProperty<Path> folderProperty() { return folder; }
    public ReadOnlyObjectProperty<SweepFolder.Snapshot> snapshotProperty() { return snapshot; }
    public ObservableList<PointRow> rows() { return rows; }
    /** The sweep's parameter names (columns and scatter choices). */
    public ObservableList<String> parameters() { return parameters; }
    public ObservableList<String> metrics() { return metrics; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    /** Whether points are still to finish: the workspace then calls {@link #refresh} every few seconds. */
    public ReadOnlyBooleanProperty liveProperty() { return live; }
    public StringProperty scatterParameterProperty() { return scatterParameter; }
    public StringProperty scatterMetricProperty() { return scatterMetric; }
    /** The ids of the ticked points, in the order ticked. */
    public ObservableList<String> ticked() { return ticked; }

    /** Opens a sweep folder: read in the background; an error leaves the folder open before as it was. */
    public void open(Path dir) {
        int g = ++generation;
        reading = true;
        status.set("Reading " + dir + "…");
        jobs.run("Reading sweep " + dir.getFileName(), r -> read(dir), read -> {
            if (g != generation) {
                return;
            }
            reading = false;
            boolean other = !dir.equals(folder.get());
            folder.set(dir);
            if (other) {
                ticked.clear();
            }
            show(read);
            links.opened(dir);
        }, error -> {
            if (g == generation) {
                reading = false;
                status.set(folder.get() == null ? "Could not open " + dir : "Could not open " + dir + "; showing " + folder.get());
                links.error("Cannot open sweep folder", error);
            }
        });
    }

    /** Reads the open folder again (the workspace calls this every few seconds while {@link #liveProperty} holds); skipped while a read runs. */
    public void refresh() {
        Path dir = folder.get();
        if (dir == null || reading) {
            return;
        }
        int g = generation;
        reading = true;
        refreshes.run("Refreshing sweep " + dir.getFileName(), r -> read(dir), read -> {
            if (g == generation) {
                reading = false;
                show(read);
            }
        }, error -> {
            if (g == generation) {
                reading = false;
                status.set("Could not refresh " + dir + ": " + error.getMessage());
            }
        });
    }

    /** Off the UI thread: the folder's snapshot and which unfinished points have begun (a metrics.csv in their run folder). */
    static Read read(Path dir) throws java.io.IOException {
        SweepFolder.Snapshot s = SweepFolder.read(dir);
        Set<String> finished = new HashSet<>();
        s.rows().forEach(r -> finished.add(r.id()));
        Set<String> started = new HashSet<>();
        for (SweepFolder.Planned p : s.points()) {
            if (!finished.contains(p.id()) && Files.isRegularFile(runFolder(dir, p.id()).metrics())) {
                started.add(p.id());
            }
        }
        return new Read(s, started);
    }

    private static RunFolder runFolder(Path dir, String id) {
        return new RunFolder(dir.resolve(SweepFolder.RUNS).resolve(id));
    }

    private void show(Read read) {
        SweepFolder.Snapshot s = read.snapshot();
        Path dir = folder.get();
        Map<String, PointResult> results = new LinkedHashMap<>();
        s.rows().forEach(r -> results.put(r.id(), r));
        List<PointRow> next = new ArrayList<>();
        for (SweepFolder.Planned p : s.points()) {
            PointResult r = results.get(p.id());
            if (r != null) {
                Path run = r.runDir().isEmpty() ? runFolder(dir, r.id()).path() : dir.resolve(r.runDir()).normalize();
                next.add(new PointRow(r.id(), r.variant(), r.status(), r.params(), r.metrics(), r.seconds(), r.error(), run));
            } else {
                next.add(new PointRow(p.id(), p.variant(), read.started().contains(p.id()) ? RUNNING : PENDING, p.params(), Map.of(),
                        Double.NaN, "", runFolder(dir, p.id()).path()));
            }
        }
        if (!s.parameters().equals(parameters)) {
            parameters.setAll(s.parameters());
        }
        if (!s.metrics().equals(metrics)) {
            metrics.setAll(s.metrics());
        }
        if (scatterParameter.get() == null || !parameters.contains(scatterParameter.get())) {
            scatterParameter.set(SweepPlots.varying(next, parameters).stream().findFirst().orElse(parameters.isEmpty() ? null : parameters.get(0)));
        }
        if (!metrics.contains(scatterMetric.get())) {
            scatterMetric.set(metrics.isEmpty() ? null : metrics.get(0));
        }
        ticked.removeIf(id -> next.stream().noneMatch(r -> r.id().equals(id)));
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
        snapshot.set(s);
        long done = s.rows().size() - s.failed();
        long running = next.stream().filter(r -> r.status().equals(RUNNING)).count();
        live.set(s.rows().size() < s.points().size());
        status.set(String.format(Locale.ROOT, "%s: %d of %d points done, %d failed%s", s.name().isEmpty() ? dir.getFileName() : s.name(),
                done, s.points().size(), s.failed(), live.get() ? ", " + running + " running (refreshing every few seconds)" : ""));
    }

    /** Ticks or unticks a point for the overlay in Train. */
    public void tick(String id, boolean on) {
        if (on && !ticked.contains(id)) {
            ticked.add(id);
        } else if (!on) {
            ticked.remove(id);
        }
    }

    /** Reads the ticked points' run folders (in the background) and overlays their curves in Train; points without curves are left out. */
    public void overlayTicked() {
        List<PointRow> chosen = rows.stream().filter(r -> ticked.contains(r.id()) && r.hasCurves()).toList();
        if (chosen.isEmpty()) {
            status.set("Tick points that have started (the box in the first column) to overlay their curves in Train.");
            return;
        }
        jobs.run("Reading " + chosen.size() + " run folder" + (chosen.size() == 1 ? "" : "s"), r -> {
            List<RunRecord> records = new ArrayList<>();
            for (PointRow p : chosen) {
                records.add(RunFolderRecord.read(new RunFolder(p.runDir()), p.id()));
            }
            return records;
        }, links::overlay, error -> links.error("Cannot overlay the ticked points", error));
    }

    /** Reads the point's run folder (in the background) and shows it in Inspect. */
    public void inspect(String id) {
        PointRow p = rows.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
        if (p == null) {
            return;
        }
        if (!p.hasCurves()) {
            status.set(id + " has not started: nothing to inspect yet.");
            return;
        }
        jobs.run("Reading " + id, r -> RunFolderRecord.read(new RunFolder(p.runDir()), p.id()), links::inspect,
                error -> links.error("Cannot open " + id + " in Inspect", error));
    }

    /** Writes an exported chart (PNG or CSV) in the background. */
    public void exportTo(Path file, byte[] bytes) {
        jobs.run("Exporting " + file.getFileName(), r -> {
            dev.qanvas.project.ProjectFiles.writeAtomically(file, bytes);
            return file;
        }, done -> status.set("Exported " + done), error -> links.error("Cannot export the chart", error));
    }

    /** The scatter of the chosen metric against the chosen parameter, one series per variant. */
    public SweepPlots.Scatter scatter() {
        return SweepPlots.scatter(rows, scatterParameter.get(), scatterMetric.get());
    }

    /** The parallel coordinates: the parameters that vary, then the chosen metric. */
    public SweepPlots.Parallel parallel() {
        return SweepPlots.parallel(rows, parameters, scatterMetric.get());
    }

}
