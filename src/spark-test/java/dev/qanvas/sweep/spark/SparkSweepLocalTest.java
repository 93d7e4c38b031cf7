package dev.qanvas.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.cli.SparkSweep;
import dev.qanvas.project.RunFolder;
import dev.qanvas.sweep.PointResult;
import dev.qanvas.sweep.PointRun;
import dev.qanvas.sweep.SweepFile;
import dev.qanvas.sweep.SweepFolder;
import dev.qanvas.sweep.SweepPlan;
import dev.qanvas.sweep.SweepPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Spark driver in {@code local[2]} (executors inside this JVM, tasks through Spark's
 * serialisation and scheduler): results.csv rows and run folders as the embedded sweep writes them,
 * the same numbers as {@link PointRun} gives the same points embedded, a failing point recorded
 * with its error while the sweep goes on, and a resume that runs only what is not done.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the suite's default is 3 minutes; Spark JVMs start slowly on a loaded machine
class SparkSweepLocalTest {

    /** Two seeds of the hypercube parity sample, two epochs each: seconds per point. */
    static Path tinySweep(Path dir) throws Exception {
        return write(dir.resolve("tiny.json"), """
                {"format": "qanvas-sweep", "version": 1, "name": "tiny",
                 "variants": [{"name": "classical", "sample": "binary-hypercube-classical.qanvas"}],
                 "grid": {"epochs": [2], "seed": [1, 2]}}""");
    }

    private static Path write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        return file;
    }

    private static int sparkSweep(Path sweep, Path out) {
        return new CommandLine(new SparkSweep()).execute(sweep.toString(), "--out", out.toString(), "--master", "local[2]");
    }

    private static Map<String, PointResult> rows(Path out) throws Exception {
        return SweepFolder.read(out).rows().stream().collect(Collectors.toMap(PointResult::id, r -> r));
    }

    @Test
    void twoPointsInLocal2GiveTheEmbeddedNumbers(@TempDir Path dir) throws Exception {
        Path sweep = tinySweep(dir);
        Path out = dir.resolve("spark");
        assertEquals(0, sparkSweep(sweep, out));

        Map<String, PointResult> spark = rows(out);
        assertEquals(List.of("p0001", "p0002"), spark.keySet().stream().sorted().toList());
        String header = Files.readAllLines(out.resolve(SweepFolder.RESULTS)).get(0);
        assertEquals(String.join(",", SweepFolder.header(List.of("epochs", "seed"))), header);
        assertTrue(Files.readString(out.resolve(SweepFolder.SUMMARY)).contains("classical"));

        SweepPlan plan = SweepPlan.expand(SweepFile.read(sweep), dir);
        Path embeddedRuns = dir.resolve("embedded").resolve(SweepFolder.RUNS);
        for (SweepPoint point : plan.points()) {
            PointResult s = spark.get(point.id());
            assertEquals(PointResult.DONE, s.status(), s.error());
            assertEquals("runs/" + point.id(), s.runDir());
            RunFolder run = new RunFolder(out.resolve(s.runDir()));
            for (Path f : List.of(run.summary(), run.metrics(), run.model(), run.path().resolve(PointRun.LOG))) {
                assertTrue(Files.isRegularFile(f), "the driver has the run folder's " + f.getFileName());
            }
            PointResult embedded = PointRun.execute(point, embeddedRuns);
            assertEquals(PointResult.DONE, embedded.status(), embedded.error());
            for (String metric : PointResult.METRICS) {
                if (!metric.equals("train_seconds")) { // wall time; every other number is the seed's
                    assertEquals(embedded.metric(metric), s.metric(metric), 0.0, point.id() + " " + metric);
                }
            }
            assertTrue(s.metric("test_accuracy") > 0.5, "trained: " + s.metric("test_accuracy"));
            // the per-epoch numbers too, not just the summary
            assertEquals(epochRows(new RunFolder(embeddedRuns.resolve(point.id())).metrics()), epochRows(run.metrics()));
        }
    }

    /** metrics.csv's per-epoch rows without the time column (the last one). */
    private static List<String> epochRows(Path metrics) throws Exception {
        List<String> lines = Files.readAllLines(metrics);
        List<String> header = List.of(lines.get(0).split(","));
        int seconds = header.indexOf("seconds");
        return lines.stream().skip(1).filter(l -> l.startsWith("epoch,")).map(l -> {
            List<String> cells = new java.util.ArrayList<>(List.of(l.split(",", -1)));
            if (seconds >= 0 && seconds < cells.size()) {
                cells.remove(seconds);
            }
            return String.join(",", cells);
        }).toList();
    }

    private static String doneRow(Path out) throws Exception {
        return Files.readAllLines(out.resolve(SweepFolder.RESULTS)).stream().filter(l -> l.startsWith("p0001,")).findFirst().orElseThrow();
    }

    @Test
    void aFailingPointIsARowWithItsErrorTheSweepGoesOnAndResumeRunsItAgain(@TempDir Path dir) throws Exception {
        Path sweep = write(dir.resolve("failing.json"), """
                {"format": "qanvas-sweep", "version": 1, "name": "failing",
                 "variants": [{"name": "classical", "sample": "binary-hypercube-classical.qanvas"}],
                 "grid": {"epochs": [1], "class_subset": [[0, 1], [0, 7]]}}""");
        Path out = dir.resolve("out");
        assertEquals(1, sparkSweep(sweep, out), "exit code 1: a point failed");
        Map<String, PointResult> first = rows(out);
        assertEquals(2, first.size());
        assertEquals(PointResult.DONE, first.get("p0001").status(), first.get("p0001").error());
        PointResult failed = first.get("p0002");
        assertEquals(PointResult.FAILED, failed.status());
        assertTrue(failed.error().contains("7"), failed.error());
        String doneRow = doneRow(out);

        // resume: the done point is skipped (its row kept as it was), the failed one runs again (and fails again)
        assertEquals(1, sparkSweep(sweep, out));
        List<String> lines = Files.readAllLines(out.resolve(SweepFolder.RESULTS));
        assertEquals(3, lines.size(), "header and one row per point: " + lines);
        assertEquals(doneRow, doneRow(out));
        assertEquals(PointResult.FAILED, rows(out).get("p0002").status());
    }
}
