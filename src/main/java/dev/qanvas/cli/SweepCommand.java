package dev.qanvas.cli;

import dev.qanvas.sweep.PointResult;
import dev.qanvas.sweep.SweepFile;
import dev.qanvas.sweep.SweepFolder;
import dev.qanvas.sweep.SweepPlan;
import dev.qanvas.sweep.SweepRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas sweep SWEEP.json [--out DIR] [--parallel N]}: expands a sweep file (docs/sweeps.md)
 * and trains its points on this machine, N at a time, into DIR (one ordinary run folder per point,
 * results.csv, summary.md). Run again on the same folder, it skips the points already done. Exit
 * code 1 when any point failed (each failure is in results.csv with its error).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train every point of a sweep file (grid and/or seeded random sample over settings, transforms and variants);"
                + " resumable; writes results.csv and summary.md.")
final class SweepCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SWEEP", description = "A sweep file (JSON, format \"qanvas-sweep\"; docs/sweeps.md).")
    Path sweepFile;

    @Option(names = "--out", description = "Output folder (default: runs/sweeps/<the sweep's name>). Run again to resume.")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "Points trained at once (default 0: as many as the cores, at most one per"
            + " GiB of Java heap, at least 1).", defaultValue = "0")
    int parallel;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run on Apache Spark (e.g. local[2], spark://host:7077). The desktop"
            + " app does not carry Spark: prints how to build the submit jar and the spark-submit command (exit code 2).")
    String spark;

    /** The Spark driver's main class, in the submit jar only (src/spark/java). */
    static final String SPARK_MAIN = "dev.qanvas.cli.SparkSweep";
    /** The submit jar that {@code mvn -Pspark -DskipTests package} builds. */
    static final String SPARK_JAR = "target/qanvas-spark.jar";

    @Override
    public Integer call() throws Exception {
        if (spark != null) {
            System.err.print(sparkHowTo(spark, sweepFile, out));
            return 2;
        }
        SweepFile file = SweepFile.read(sweepFile);
        Path dir = out != null ? out : defaultOut(file);
        return report(execute(file, SweepPlan.expand(file, sweepFile.toAbsolutePath().getParent()), dir, parallel, System.err), dir);
    }

    /** What to do instead of {@code --spark MASTER} in the desktop app: build the submit jar, then spark-submit. */
    static String sparkHowTo(String master, Path sweep, Path out) {
        String args = SPARK_JAR + " " + sweep + (out != null ? " --out " + out : "");
        String submit = "spark-submit --master %s --class " + SPARK_MAIN + " " + args;
        return String.join(System.lineSeparator(),
                "Spark is not part of the desktop app: a sweep runs on Spark from a separate submit jar (docs/sweeps.md#spark).",
                "1. Build it in a Qanvas source checkout (JDK 17+, Maven):",
                "     mvn -Pspark -DskipTests package        # writes " + SPARK_JAR,
                "2. Run this sweep with Spark 4.0's spark-submit (Spark's bin/ on the PATH):",
                "     " + String.format(Locale.ROOT, submit, "'" + master + "'"),
                "   on this machine, two points at a time:",
                "     " + String.format(Locale.ROOT, submit, "'local[2]'"),
                "   on a standalone cluster:",
                "     " + String.format(Locale.ROOT, submit, "spark://host:7077"),
                "   The output folder is on the driver (executors send each run folder back with its row);"
                        + " the same command resumes an interrupted sweep.",
                "");
    }

    /** Where a sweep goes without --out. */
    static Path defaultOut(SweepFile file) {
        return Path.of("runs", "sweeps", dev.qanvas.project.ProjectFiles.safeName(file.name()));
    }

    /** Runs {@code plan} into {@code dir} where {@code points} trains them, prints summary.md; 0 when every point is done, 1 when any failed. */
    static int run(SweepFile file, SweepPlan plan, Path dir, SweepRunner.Points points, String how, PrintStream err) throws Exception {
        return report(execute(file, plan, dir, points, how, err), dir);
    }

    /** Prints the finished sweep's summary.md; 0 when every point is done, 1 when any failed. */
    private static int report(SweepFolder.Snapshot s, Path dir) throws java.io.IOException {
        System.out.print(java.nio.file.Files.readString(dir.resolve(SweepFolder.SUMMARY)));
        return s.failed() > 0 ? 1 : 0;
    }

    /** {@link #execute(SweepFile, SweepPlan, Path, SweepRunner.Points, String, PrintStream)} on this machine, {@code parallel} at a time (0: the default, {@link SweepRunner#defaultParallel}). */
    static SweepFolder.Snapshot execute(SweepFile file, SweepPlan plan, Path dir, int parallel, PrintStream err) throws Exception {
        int n = parallel > 0 ? parallel : SweepRunner.defaultParallel();
        return execute(file, plan, dir, SweepRunner.threads(n), n + " at a time", err);
    }

    /**
     * Runs the points of {@code plan} not yet done in {@code dir} where {@code points} trains them ({@code how} says where,
     * for the first line), a progress line per point on {@code err}; returns what the folder holds then.
     */
    static SweepFolder.Snapshot execute(SweepFile file, SweepPlan plan, Path dir, SweepRunner.Points points, String how, PrintStream err)
            throws Exception {
        try (SweepFolder folder = SweepFolder.open(dir, file, plan)) {
            return execute(folder, plan, points, how, err);
        }
    }

    private static SweepFolder.Snapshot execute(SweepFolder folder, SweepPlan plan, SweepRunner.Points points, String how, PrintStream err)
            throws Exception {
        Path dir = folder.dir();
        int already = folder.finished().size();
        err.printf(Locale.ROOT, "Sweep %s: %d points (%s), %d already done, %s, into %s%n", plan.name(), plan.points().size(),
                plan.parameters().isEmpty() ? "variants only" : String.join(", ", plan.parameters()), already, how, dir);
        SweepRunner.Outcome o = SweepRunner.run(folder, plan, points, (r, finished, remaining, elapsed, eta) ->
                err.printf(Locale.ROOT, "[%d/%d] %s %s%s: %s%s (%.1f s) | elapsed %s, about %s left%n", already + finished,
                        plan.points().size(), r.id(), r.variant(), r.params().isEmpty() ? "" : " " + r.params().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                        r.status(), r.done() ? String.format(Locale.ROOT, ", test accuracy %.4f", r.metric("test_accuracy")) : ": " + r.error(),
                        r.seconds(), duration(elapsed), duration(eta)));
        err.printf(Locale.ROOT, "%d done, %d failed, %d skipped (done before) in %s. Results: %s, %s%n", o.done(), o.failed(), o.skipped(),
                duration(o.seconds()), folder.results(), folder.summary());
        return SweepFolder.read(dir);
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
