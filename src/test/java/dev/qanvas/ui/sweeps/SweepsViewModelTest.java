package dev.qanvas.ui.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.project.RunRecord;
import dev.qanvas.sweep.SweepFolder;
import dev.qanvas.ui.common.Immediate;
import dev.qanvas.ui.shell.Background;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sweeps view model without JavaFX, on a real sweep folder: {@code qanvas sweep} of two
 * binary-hypercube variants x learning rate 0.01, 0.05 x seeds 1-3 (3 epochs), its run folders
 * without checkpoints and charts (src/test/resources/sweeps/hypercube-mini).
 */
class SweepsViewModelTest {

    static final Path FIXTURE = Path.of("src/test/resources/sweeps/hypercube-mini");

    @TempDir
    Path tmp;

    private final List<String> errors = new ArrayList<>();
    private final List<RunRecord> inspected = new ArrayList<>();
    private final List<List<RunRecord>> overlaid = new ArrayList<>();
    private final List<Path> opened = new ArrayList<>();

    private final Background.Runner now = new Background.Runner() {
        @Override
        public <T> void run(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            Immediate.deliver(work, onDone, onError);
        }
    };

    private SweepsViewModel vm() {
        return new SweepsViewModel(now, now, new SweepsViewModel.Links() {
            @Override
            public void inspect(RunRecord run) {
                inspected.add(run);
            }

            @Override
            public void overlay(List<RunRecord> runs) {
                overlaid.add(runs);
            }

            @Override
            public void opened(Path dir) {
                opened.add(dir);
            }

            @Override
            public void error(String title, Throwable error) {
                errors.add(title + ": " + error.getMessage());
            }
        });
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void aFinishedSweepShowsItsPointsSummaryAndCharts() {
        SweepsViewModel vm = vm();
        vm.open(FIXTURE);
        assertEquals(List.of(), errors);
        assertEquals(List.of(FIXTURE), opened, "remembered in the recent list");
        assertEquals(12, vm.rows().size());
        assertTrue(vm.rows().stream().allMatch(r -> r.status().equals("done")));
        assertEquals(List.of("learning_rate", "epochs", "seed"), vm.parameters());
        assertFalse(vm.liveProperty().get(), "every point finished: no more reading");
        assertEquals("hypercube mini: 12 of 12 points done, 0 failed", vm.statusProperty().get());
        SweepsViewModel.PointRow p5 = vm.rows().get(4);
        assertEquals("p0005", p5.id());
        assertEquals(0.8125, p5.metric("test_accuracy"), 0);
        assertEquals(FIXTURE.resolve("runs/p0005"), p5.runDir());

        // Mean ± std over seeds, by hand from results.csv: classical at 0.05 reached 0.6125, 0.8125, 0.725.
        SweepFolder.Group g = vm.snapshotProperty().get().summary().get(1);
        assertEquals("classical", g.variant());
        assertEquals("0.05", g.params().get("learning_rate"));
        double mean = (0.6125 + 0.8125 + 0.725) / 3;
        double std = Math.sqrt((Math.pow(0.6125 - mean, 2) + Math.pow(0.8125 - mean, 2) + Math.pow(0.725 - mean, 2)) / 2);
        assertEquals(mean, g.metrics().get("test_accuracy").mean(), 1e-12);
        assertEquals(std, g.metrics().get("test_accuracy").std(), 1e-12);
        assertEquals("0.7167 ± 0.1003", SweepsWorkspace.meanStd(g.metrics().get("test_accuracy")));

        assertEquals("learning_rate", vm.scatterParameterProperty().get(), "the first parameter that varies");
        SweepPlots.Scatter s = vm.scatter();
        assertTrue(s.x().numeric());
        assertEquals(List.of("classical", "quantum"), List.copyOf(s.byVariant().keySet()));
        assertEquals(6, s.byVariant().get("quantum").size());
        assertEquals(new SweepPlots.Dot("p0010", 0.05, 1.0), s.byVariant().get("quantum").get(3));
        vm.scatterParameterProperty().set("seed");
        vm.scatterMetricProperty().set("final_train_loss");
        assertEquals(new SweepPlots.Dot("p0011", 2, 0.01886283135972917), vm.scatter().byVariant().get("quantum").get(4));

        SweepPlots.Parallel par = vm.parallel();
        assertEquals(List.of("learning_rate", "seed", "final_train_loss"), par.axes().stream().map(SweepPlots.Axis::name).toList(),
                "the parameters that vary (epochs is 3 everywhere), then the metric");
        assertEquals(12, par.lines().size());
        SweepPlots.Line p11 = par.lines().get(10);
        assertEquals("p0011", p11.id());
        assertEquals(1.0, p11.scaled()[0], 1e-12, "learning rate 0.05 is the axis's top");
        assertEquals(0.5, p11.scaled()[1], 1e-12, "seed 2 is halfway from 1 to 3");
        assertEquals(0.0, p11.scaled()[2], 1e-12, "the lowest loss is the axis's bottom");
        assertEquals(1.0, par.lines().get(6).scaled()[2], 1e-12, "p0007 has the highest loss");
        assertEquals(0.6849989533424378, par.axes().get(2).max(), 0);
    }

    @Test
    void aRunningSweepIsReadAgainUntilEveryPointFinished() throws Exception {
        Path dir = tmp.resolve("live");
        copy(FIXTURE, dir);
        List<String> all = Files.readAllLines(dir.resolve("results.csv"));
        // As the sweep stood mid-way: 5 rows and half of the sixth written, p0006 training, later points not begun.
        Files.writeString(dir.resolve("results.csv"), String.join("\n", all.subList(0, 6)) + "\n" + all.get(6).substring(0, 20));
        Files.delete(dir.resolve("runs/p0006/summary.json"));
        for (int i = 7; i <= 12; i++) {
            Path run = dir.resolve(String.format("runs/p%04d", i));
            try (Stream<Path> files = Files.list(run)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        SweepsViewModel vm = vm();
        vm.open(dir);
        assertEquals(List.of(), errors);
        assertEquals(12, vm.rows().size(), "every planned point has a row");
        assertEquals("running", vm.rows().get(5).status());
        assertEquals("pending", vm.rows().get(6).status());
        assertTrue(vm.liveProperty().get());
        assertEquals("hypercube mini: 5 of 12 points done, 0 failed, 1 running (refreshing every few seconds)", vm.statusProperty().get());
        assertEquals(5, vm.scatter().byVariant().get("classical").size(), "only done points are plotted");

        vm.tick("p0006", true);
        vm.tick("p0007", true);
        vm.overlayTicked();
        assertEquals(1, overlaid.size());
        assertEquals(List.of("p0006"), overlaid.get(0).stream().map(RunRecord::id).toList(), "a running point's curves so far; a pending one has none");
        assertEquals("RUNNING", overlaid.get(0).get(0).outcome());

        // The sweep finishes, with p0012 failed.
        List<String> rows = new ArrayList<>(all.subList(0, 12));
        String failed = "p0012,quantum,failed,0.05,3,3,,,,,,,,,,2.000,\"loss became NaN, stopped\",runs/p0012";
        rows.add(failed);
        Files.writeString(dir.resolve("results.csv"), String.join("\n", rows) + "\n");
        vm.refresh();
        assertFalse(vm.liveProperty().get());
        assertEquals("failed", vm.rows().get(11).status());
        assertEquals("loss became NaN, stopped", vm.rows().get(11).error());
        assertEquals("hypercube mini: 11 of 12 points done, 1 failed", vm.statusProperty().get());
        assertEquals(5, vm.scatter().byVariant().get("quantum").size(), "a failed point has no metric to plot");
        assertEquals(List.of("p0006", "p0007"), vm.ticked(), "ticks survive a refresh");
    }

    @Test
    void aPointOpensInInspectAndTickedPointsOverlayInTrain() {
        SweepsViewModel vm = vm();
        vm.open(FIXTURE);
        vm.inspect("p0010");
        assertEquals(1, inspected.size());
        RunRecord r = inspected.get(0);
        assertEquals("p0010", r.id());
        assertEquals(FIXTURE.resolve("runs/p0010").toAbsolutePath().toString(), r.directory());
        assertEquals(1.0, r.testAccuracy(), 0);
        assertEquals(RunRecord.QUANTUM, r.trained());

        vm.tick("p0001", true);
        vm.tick("p0010", true);
        vm.tick("p0001", false);
        vm.tick("p0004", true);
        vm.overlayTicked();
        assertEquals(List.of("p0004", "p0010"), overlaid.get(0).stream().map(RunRecord::id).toList(), "in the table's order");
        assertEquals(3, overlaid.get(0).get(0).epochs().size());
        assertFalse(overlaid.get(0).get(1).quantum().isEmpty(), "the quantum variant's entanglement curves come along");
    }

    @Test
    void aFolderThatIsNoSweepSaysSoAndKeepsTheOpenOne() throws Exception {
        SweepsViewModel vm = vm();
        vm.open(FIXTURE);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        vm.open(empty);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("Cannot open sweep folder: ") && errors.get(0).contains("not a sweep folder"), errors.toString());
        assertEquals(FIXTURE, vm.folderProperty().get());
        assertEquals(12, vm.rows().size());
        assertTrue(vm.statusProperty().get().startsWith("Could not open "), vm.statusProperty().get());

        SweepsViewModel fresh = vm();
        fresh.open(empty);
        assertNull(fresh.folderProperty().get());
        assertEquals(List.of(), fresh.rows());
    }
}
