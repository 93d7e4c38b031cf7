package dev.qanvas.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.project.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sweeps, end to end: tiny hypercube points (1 epoch, seconds each). */
class SweepRunTest {

    private static final String TWO_POINTS = """
            {"format": "qanvas-sweep", "version": 1, "name": "tiny",
             "variants": [{"name": "quantum", "sample": "binary-hypercube-quantum.qanvas"}],
             "grid": {"epochs": [1], "seed": [1, 2]}}""";

    private static SweepPlan plan(String text, Path dir) {
        return SweepPlan.expand(SweepFile.parse("t.json", text, "t"), dir);
    }

    private static SweepRunner.Outcome run(String text, Path out, int parallel, List<String> heard) throws Exception {
        SweepFile f = SweepFile.parse("t.json", text, "t");
        SweepPlan plan = SweepPlan.expand(f, out);
        try (SweepFolder folder = SweepFolder.open(out, f, plan)) {
            SweepFileException busy = assertThrows(SweepFileException.class, () -> SweepFolder.open(out, f, plan));
            assertTrue(busy.getMessage().contains("another sweep is running in this folder"), busy.getMessage());
            return SweepRunner.run(folder, plan, parallel,
                    (r, finished, remaining, elapsed, eta) -> heard.add(r.id() + " " + r.status() + " " + remaining));
        }
    }

    /** The metrics that must repeat exactly (the times never do). */
    private static Map<String, Double> numbers(PointResult r) {
        Map<String, Double> m = new java.util.LinkedHashMap<>(r.metrics());
        m.remove("train_seconds");
        return m;
    }

    @Test
    void aTinySweepTrainsEachPointIntoARunFolderAndSummarises(@TempDir Path out) throws Exception {
        List<String> heard = new ArrayList<>();
        SweepRunner.Outcome o = run(TWO_POINTS, out, 1, heard);
        assertEquals(new SweepRunner.Outcome(2, 0, 0, o.seconds()), o);
        assertEquals(List.of("p0001 done 1", "p0002 done 0"), heard);
        SweepFolder.Snapshot s = SweepFolder.read(out);
        assertEquals(2, s.rows().size());
        assertEquals(List.of("epochs", "seed"), s.parameters());
        for (PointResult r : s.rows()) {
            assertTrue(r.done(), r.toString());
            assertTrue(r.metric("test_accuracy") >= 0 && r.metric("test_accuracy") <= 1, r.toString());
            assertEquals(1.0, r.metric("epochs_completed"));
            assertEquals(6.0, r.metric("quantum_parameters"), "6 circuit weights");
            RunFolder run = new RunFolder(out.resolve(r.runDir()));
            assertTrue(Files.isRegularFile(run.summary()) && run.hasModel() && Files.isRegularFile(run.metrics())
                    && Files.isRegularFile(run.lossChart()), "an ordinary run folder: " + run.path());
            assertEquals(r, PointResult.fromJson(r.toJson()));
        }
        // The two seeds differ, and the summary's mean and std are those of the two rows.
        double a = s.rows().get(0).metric("final_train_loss");
        double b = s.rows().get(1).metric("final_train_loss");
        assertTrue(a != b, "seeds 1 and 2 start differently");
        SweepFolder.Stat loss = s.summary().get(0).metrics().get("final_train_loss");
        assertEquals((a + b) / 2, loss.mean(), 1e-12);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), loss.std(), 1e-12, "sample std of two values: |a - b| / sqrt 2");
        String md = Files.readString(out.resolve(SweepFolder.SUMMARY));
        assertTrue(md.contains("2 of 2 points done, 0 failed.") && md.contains("| quantum | 1 | 2 | 0 |"), md);
        List<String> csv = Files.readAllLines(out.resolve(SweepFolder.RESULTS));
        assertEquals("point,variant,status,epochs,seed,test_accuracy,balanced_accuracy,macro_roc_auc,final_train_loss,"
                + "final_validation_accuracy,epochs_completed,train_seconds,classical_parameters,quantum_parameters,seconds,error,run_dir", csv.get(0));
        assertTrue(csv.get(1).startsWith("p0001,quantum,done,1,1,") && csv.get(1).endsWith(",,runs/p0001"), csv.get(1));
    }

    @Test
    void theSameSeedGivesTheSameNumbersAlsoTwoAtATime(@TempDir Path dir) throws Exception {
        SweepPlan plan = plan(TWO_POINTS, dir);
        PointResult once = PointRun.execute(plan.points().get(0), dir.resolve("a"));
        PointResult twice = PointRun.execute(plan.points().get(0), dir.resolve("b"));
        assertEquals(numbers(once), numbers(twice));
        List<String> heard = new ArrayList<>();
        run(TWO_POINTS, dir.resolve("parallel"), 2, heard);
        SweepFolder.Snapshot s = SweepFolder.read(dir.resolve("parallel"));
        PointResult p1 = s.rows().stream().filter(r -> r.id().equals("p0001")).findFirst().orElseThrow();
        assertEquals(numbers(once), numbers(p1), "trained beside another point, the same numbers");
    }

    @Test
    void aFailingPointIsRecordedAndTheSweepGoesOn(@TempDir Path out) throws Exception {
        // class 0 alone gives one class to an Output of two: that point fails when it is trained.
        String text = """
                {"format": "qanvas-sweep", "version": 1,
                 "variants": [{"name": "classical", "sample": "binary-hypercube-classical.qanvas"}],
                 "grid": {"epochs": [1], "class_subset": [[0], [0, 1]]}}""";
        SweepRunner.Outcome o = run(text, out, 1, new ArrayList<>());
        assertEquals(1, o.done());
        assertEquals(1, o.failed());
        SweepFolder.Snapshot s = SweepFolder.read(out);
        PointResult bad = s.rows().get(0);
        assertEquals(PointResult.FAILED, bad.status());
        assertTrue(bad.error().contains("Output") && bad.error().contains("classes"), bad.error());
        assertTrue(Double.isNaN(bad.metric("test_accuracy")));
        assertTrue(s.rows().get(1).done());
        assertTrue(Files.readString(out.resolve(SweepFolder.SUMMARY)).contains("Failed points:\n\n- p0001 (classical): "));
        assertTrue(Files.readString(out.resolve("runs/p0001/" + PointRun.LOG)).contains("Output"), "the run's log keeps the trace");
    }

    @Test
    void aResumedSweepSkipsTheDonePointsAndRerunsTheRest(@TempDir Path out) throws Exception {
        String three = TWO_POINTS.replace("[1, 2]", "[1, 2, 3]");
        run(three, out, 1, new ArrayList<>());
        List<PointResult> full = SweepFolder.read(out).rows();
        // As if the sweep had been killed after its first point: point 2 half-appended, point 3 not started.
        List<String> lines = Files.readAllLines(out.resolve(SweepFolder.RESULTS));
        Files.writeString(out.resolve(SweepFolder.RESULTS), lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).substring(0, 20));
        assertEquals(1, SweepFolder.read(out).rows().size(), "a half-written last line is not a row");
        FileTime first = Files.getLastModifiedTime(out.resolve("runs/p0001/summary.json"));
        List<String> heard = new ArrayList<>();
        SweepRunner.Outcome o = run(three, out, 1, heard);
        assertEquals(1, o.skipped());
        assertEquals(List.of("p0002 done 1", "p0003 done 0"), heard);
        assertEquals(first, Files.getLastModifiedTime(out.resolve("runs/p0001/summary.json")), "point 1 was not trained again");
        List<PointResult> resumed = SweepFolder.read(out).rows();
        assertEquals(3, resumed.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(numbers(full.get(i)), numbers(resumed.get(i)), "the same results after resuming: " + full.get(i).id());
        }
        assertEquals(4, Files.readAllLines(out.resolve(SweepFolder.RESULTS)).size(), "one row per point");
        // Another sweep file may not resume into this folder.
        SweepFile other = SweepFile.parse("t.json", TWO_POINTS, "t");
        SweepFileException e = assertThrows(SweepFileException.class, () -> SweepFolder.open(out, other, SweepPlan.expand(other, out)));
        assertTrue(e.getMessage().contains("another sweep"), e.getMessage());
        assertFalse(Files.exists(out.resolve("runs/p0004")));
    }
}
