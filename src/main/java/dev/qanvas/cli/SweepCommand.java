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

    @Option(names = "--out", description = "Output folder (default: runs/sweeps/<sweep file name>). Run again to resume.")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "Points trained at once (default 0: as many as the cores, at most one per"
            + " GiB of Java heap, at least 1).", defaultValue = "0")
    int parallel;

    @Override
    public Integer call() throws Exception {
        SweepFile file = SweepFile.read(sweepFile);
        Path dir = out != null ? out : Path.of("runs", "sweeps", dev.qanvas.project.ProjectFiles.safeName(file.name()));
        return run(file, SweepPlan.expand(file, sweepFile.toAbsolutePath().getParent()), dir, parallel, System.err);
    }

    /** Runs {@code plan} into {@code dir} with progress on {@code err}; 0 when every point is done, 1 when any failed. */
    static int run(SweepFile file, SweepPlan plan, Path dir, int parallel, PrintStream err) throws Exception {
        int n = parallel > 0 ? parallel : SweepRunner.defaultParallel();
        SweepFolder folder = SweepFolder.open(dir, file, plan);
        int already = folder.finished().size();
        err.printf(Locale.ROOT, "Sweep %s: %d points (%s), %d already done, %d at a time, into %s%n", plan.name(), plan.points().size(),
                plan.parameters().isEmpty() ? "variants only" : String.join(", ", plan.parameters()), already, n, dir);
        SweepRunner.Outcome o = SweepRunner.run(folder, plan, n, (r, finished, remaining, elapsed, eta) ->
                err.printf(Locale.ROOT, "[%d/%d] %s %s%s: %s%s (%.1f s) | elapsed %s, about %s left%n", already + finished,
                        plan.points().size(), r.id(), r.variant(), r.params().isEmpty() ? "" : " " + r.params().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                        r.status(), r.done() ? String.format(Locale.ROOT, ", test accuracy %.4f", r.metric("test_accuracy")) : ": " + r.error(),
                        r.seconds(), duration(elapsed), duration(eta)));
        SweepFolder.Snapshot s = SweepFolder.read(dir);
        err.printf(Locale.ROOT, "%d done, %d failed, %d skipped (done before) in %s. Results: %s, %s%n", o.done(), o.failed(), o.skipped(),
                duration(o.seconds()), folder.results(), folder.summary());
        System.out.print(java.nio.file.Files.readString(folder.summary()));
        return s.failed() > 0 ? 1 : 0;
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
