package dev.qanvas.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's points on this machine, {@code parallel} at a time (each on its own thread, each
 * its own model and run folder), skipping the points already done in the folder, appending each
 * finished point's row as it finishes and keeping summary.md current.
 */
public final class SweepRunner {

    /** The heap one point is given when choosing how many to run at once (a 28 x 28 MNIST run with its copies of the data). */
    public static final long MEMORY_PER_POINT = 1L << 30;
    /** summary.md is rewritten at most this often while points finish (and once at the end). */
    private static final long SUMMARY_EVERY_NANOS = 10_000_000_000L;

    private SweepRunner() {
    }

    /** What a sweep run did: points run now (done, failed), skipped as already done, and its wall seconds. */
    public record Outcome(int done, int failed, int skipped, double seconds) {
    }

    /** Hears each point as it finishes (on the thread that ran it; calls are serialised). */
    public interface Progress {
        /**
         * @param finished points finished in this run so far, {@code remaining} still to run
         * @param etaSeconds the time left, from the mean time per finished point and the parallelism (NaN before the first)
         */
        void finished(PointResult result, int finished, int remaining, double elapsedSeconds, double etaSeconds);
    }

    /**
     * The default parallelism: as many points as there are cores, but no more than the heap holds at
     * {@link #MEMORY_PER_POINT} each, and at least one.
     */
    public static int defaultParallel() {
        int cores = Runtime.getRuntime().availableProcessors();
        long byMemory = Runtime.getRuntime().maxMemory() / MEMORY_PER_POINT;
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    /**
     * Where points train: on this machine's threads ({@link #threads}) or as Spark tasks (the submit
     * jar's {@code SparkPoints}, docs/sweeps.md#spark). Hands each point's result to {@code finished}
     * once, in any order, from any thread, after its run folder is in {@code runs}.
     */
    public interface Points {
        void run(List<SweepPoint> todo, Path runs, Finished finished) throws IOException, InterruptedException;
    }

    /** Takes one finished point's result (writes its row). */
    public interface Finished {
        void accept(PointResult result) throws IOException;
    }

    /** Runs the points of {@code plan} not yet done in {@code folder} on this machine, {@code parallel} at a time. */
    public static Outcome run(SweepFolder folder, SweepPlan plan, int parallel, Progress progress) throws IOException, InterruptedException {
        return run(folder, plan, threads(parallel), progress);
    }

    /** Runs the points of {@code plan} not yet done in {@code folder} where {@code points} says; returns when all have finished. */
    public static Outcome run(SweepFolder folder, SweepPlan plan, Points points, Progress progress) throws IOException, InterruptedException {
        Set<String> done = folder.finished();
        List<SweepPoint> todo = plan.points().stream().filter(p -> !done.contains(p.id())).toList();
        int skipped = plan.points().size() - todo.size();
        long t0 = System.nanoTime();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Object lock = new Object();
        long[] lastSummary = {System.nanoTime()};
        points.run(todo, folder.runs(), r -> {
            synchronized (lock) {
                folder.appendResult(r);
                (r.done() ? ok : failed).incrementAndGet();
                int finished = ok.get() + failed.get();
                double elapsed = (System.nanoTime() - t0) / 1e9;
                int remaining = todo.size() - finished;
                double eta = elapsed / finished * remaining;
                if (System.nanoTime() - lastSummary[0] > SUMMARY_EVERY_NANOS) {
                    folder.writeSummary();
                    lastSummary[0] = System.nanoTime();
                }
                progress.finished(r, finished, remaining, elapsed, eta);
            }
        });
        folder.writeSummary();
        return new Outcome(ok.get(), failed.get(), skipped, (System.nanoTime() - t0) / 1e9);
    }

    /** On this machine: {@code parallel} points at a time, each on its own thread with its own model and run folder. */
    public static Points threads(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1");
        }
        return (todo, runs, finished) -> {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, todo.size())), r -> {
                Thread t = new Thread(r, "sweep-point");
                t.setDaemon(true); // Ctrl+C ends the sweep; finished points are in results.csv already
                return t;
            });
            try {
                List<Future<?>> futures = todo.stream().<Future<?>>map(p -> pool.submit(() -> {
                    finished.accept(PointRun.execute(p, runs));
                    return null;
                })).toList();
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw new IOException("cannot write the sweep folder: " + e.getCause().getMessage(), e.getCause());
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        };
    }
}
