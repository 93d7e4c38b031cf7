package dev.qanvas.sweep.spark;

import dev.qanvas.sweep.PointResult;
import dev.qanvas.sweep.PointRun;
import dev.qanvas.sweep.SweepFolder;
import dev.qanvas.sweep.SweepPoint;
import dev.qanvas.sweep.SweepRunner;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs sweep points as Spark tasks, one task (and one job) per point, all submitted at once so the
 * cluster runs as many as it has task slots. A task trains its point with {@link PointRun} (the
 * code `qanvas train` and the embedded sweep use) in a scratch folder on its executor and sends the
 * point's result and its run folder (zipped) back; the driver unpacks the folder into the sweep's
 * {@code runs/} and hands on the result. Spark retries a task whose executor is lost
 * ({@code spark.task.maxFailures}); whatever happens, each point yields one result: a point whose
 * task Spark gave up on yields a failed one with Spark's error.
 */
public final class SparkPoints implements SweepRunner.Points {

    private static final long POLL_MILLIS = 200;

    private final JavaSparkContext spark;

    public SparkPoints(JavaSparkContext spark) {
        this.spark = spark;
    }

    /** What a task sends back: the point's {@link PointResult} as JSON and its run folder, zipped (empty if none). */
    record Shipped(String result, byte[] runFolder) implements Serializable {
    }

    /** The task: runs on an executor. */
    static Shipped train(String pointJson) throws IOException {
        SweepPoint point = SweepPoint.fromJson(pointJson);
        Path scratch = Files.createTempDirectory("qanvas-point-");
        try {
            Path runs = scratch.resolve(SweepFolder.RUNS); // named "runs" so the result's run_dir reads runs/<id>
            PointResult result = PointRun.execute(point, runs);
            Path dir = runs.resolve(point.id());
            return new Shipped(result.toJson(), Files.isDirectory(dir) ? RunFolderZip.zip(dir) : new byte[0]);
        } finally {
            PointRun.deleteRecursively(scratch);
        }
    }

    private record Submitted(SweepPoint point, JavaFutureAction<List<Shipped>> job) {
    }

    /**
     * Runs {@code todo} on the cluster and calls {@code finished} (on this thread) once per point as
     * each finishes, after its run folder is in {@code runs}.
     */
    @Override
    public void run(List<SweepPoint> todo, Path runs, SweepRunner.Finished finished) throws IOException, InterruptedException {
        List<Submitted> pending = new ArrayList<>();
        for (SweepPoint point : todo) {
            spark.setJobDescription("qanvas sweep point " + point.id());
            pending.add(new Submitted(point, spark.parallelize(List.of(point.toJson()), 1).map(SparkPoints::train).collectAsync()));
        }
        Set<String> recorded = new HashSet<>();
        while (!pending.isEmpty()) {
            boolean any = false;
            for (Iterator<Submitted> it = pending.iterator(); it.hasNext(); ) {
                Submitted s = it.next();
                if (s.job().isDone()) {
                    it.remove();
                    any = true;
                    PointResult result = fetch(s, runs);
                    if (recorded.add(result.id())) { // one row per point, whatever Spark retried
                        finished.accept(result);
                    }
                }
            }
            if (!any) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    /** The point's result with its run folder unpacked into {@code runs}, or a failed result saying why not. */
    private static PointResult fetch(Submitted s, Path runs) throws InterruptedException {
        SweepPoint point = s.point();
        try {
            List<Shipped> shipped = s.job().get();
            if (shipped.size() != 1) {
                return failed(point, "Spark returned " + shipped.size() + " results for the point's task");
            }
            PointResult result = PointResult.fromJson(shipped.get(0).result());
            if (!result.id().equals(point.id())) {
                return failed(point, "Spark returned the result of point " + result.id());
            }
            if (shipped.get(0).runFolder().length > 0) {
                RunFolderZip.unzip(shipped.get(0).runFolder(), runs.resolve(point.id()), point.id());
            }
            return result;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(point, "Spark gave up on the point's task: " + cause.getMessage());
        } catch (IOException | RuntimeException e) {
            return failed(point, "cannot take the point's run folder from Spark: " + e.getMessage());
        }
    }

    private static PointResult failed(SweepPoint point, String error) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        PointResult.METRICS.forEach(m -> metrics.put(m, Double.NaN));
        return new PointResult(point.id(), point.variant(), PointResult.FAILED, point.params(), metrics, Double.NaN,
                PointRun.oneLine(String.valueOf(error)), SweepFolder.RUNS + "/" + point.id());
    }
}
