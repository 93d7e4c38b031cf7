package dev.qanvas.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit jar on a real standalone cluster: a Spark master and a worker on 127.0.0.1 started
 * from the Spark jars as their own JVMs (as Spark's sbin scripts start them), the sweep submitted
 * with Spark's own SparkSubmit (as bin/spark-submit does). While the first point trains, its
 * executor JVM is killed: Spark starts another executor and retries the task, and the sweep still
 * has exactly one row per point, every point done, with its run folder and the numbers the
 * embedded {@link PointRun} gives the same point.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // the suite's default is 3 minutes; Spark JVMs start slowly on a loaded machine
class SparkStandaloneIT {

    @Test
    void aSweepOnAStandaloneMasterAndWorkerSurvivesALostExecutor(@TempDir Path dir) throws Exception {
        SparkHome home = SparkHome.ofBuild();
        Path jar = SparkHome.submitJar();
        Path sweep = SparkSweepLocalTest.tinySweep(dir);
        Path out = dir.resolve("out");
        Path executorTmp = Files.createDirectories(dir.resolve("executor-tmp"));
        int port = SparkHome.freePort();
        String url = "spark://127.0.0.1:" + port;
        Process master = null;
        Process worker = null;
        Process submit = null;
        try {
            Path masterLog = dir.resolve("master.log");
            master = home.start("org.apache.spark.deploy.master.Master",
                    List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(SparkHome.freePort())), masterLog);
            SparkHome.awaitLog(masterLog, "I have been elected leader", master, 120);
            Path workerLog = dir.resolve("worker.log");
            worker = home.start("org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1", "--cores", "2", "--memory", "2g",
                    "--work-dir", dir.resolve("work").toString(), "--webui-port", String.valueOf(SparkHome.freePort()), url), workerLog);
            SparkHome.awaitLog(workerLog, "Successfully registered with master", worker, 120);

            Path driverLog = dir.resolve("driver.log");
            submit = home.start("org.apache.spark.deploy.SparkSubmit", List.of("--master", url, "--deploy-mode", "client",
                    "--class", "dev.qanvas.cli.SparkSweep", "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.executor.memory=1g", "--conf", "spark.task.maxFailures=4",
                    "--conf", "spark.executor.extraJavaOptions=-Djava.io.tmpdir=" + executorTmp,
                    jar.toString(), sweep.toString(), "--out", out.toString()), driverLog);

            // Lose the executor while it trains a point: its scratch folder (qanvas-point-*) shows the task is in PointRun.
            awaitScratchFolder(executorTmp, submit, driverLog);
            ProcessHandle executor = executorOf(worker).orElseThrow(() -> new AssertionError("no executor JVM under the worker"));
            executor.destroyForcibly();
            executor.onExit().get(30, TimeUnit.SECONDS);

            assertTrue(submit.waitFor(15, TimeUnit.MINUTES), "the sweep did not finish in 15 minutes; " + driverLog);
            String driver = Files.readString(driverLog);
            assertEquals(0, submit.exitValue(), driver);
            assertTrue(driver.matches("(?s).*Lost executor \\d+.*"), "the driver saw the executor go");
            assertTrue(driver.matches("(?s).*Starting task 0\\.1 in stage.*"), "Spark ran a task a second time");

            SweepFolder.Snapshot s = SweepFolder.read(out);
            assertEquals(List.of("p0001", "p0002"), s.rows().stream().map(PointResult::id).sorted().toList(), "one row per point");
            Map<String, SweepPoint> points = SweepPlan.expand(SweepFile.read(sweep), dir).points().stream()
                    .collect(Collectors.toMap(SweepPoint::id, p -> p));
            for (PointResult r : s.rows()) {
                assertEquals(PointResult.DONE, r.status(), r.error());
                RunFolder run = new RunFolder(out.resolve(r.runDir()));
                assertTrue(Files.isRegularFile(run.summary()) && Files.isRegularFile(run.metrics()), "run folder " + run.path());
                // the retried point on the cluster gives the embedded numbers of its seed
                PointResult embedded = PointRun.execute(points.get(r.id()), dir.resolve("embedded").resolve(SweepFolder.RUNS));
                for (String metric : List.of("test_accuracy", "balanced_accuracy", "final_train_loss", "final_validation_accuracy")) {
                    assertEquals(embedded.metric(metric), r.metric(metric), 0.0, r.id() + " " + metric);
                }
            }
            assertTrue(Files.readString(out.resolve(SweepFolder.SUMMARY)).contains("classical"));
        } finally {
            SparkHome.stop(submit);
            SparkHome.stop(worker);
            SparkHome.stop(master);
            SparkHome.keepLogs(dir, "master.log", "worker.log", "driver.log");
        }
    }

    @Test
    void theSubmitJarRunsTheDriverAndCarriesNoSpark() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(SparkHome.submitJar().toFile())) {
            assertEquals(dev.qanvas.cli.SparkSweep.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(jar.getEntry("dev/qanvas/sweep/spark/SparkPoints.class") != null);
            assertTrue(jar.getEntry("org/nd4j/linalg/factory/Nd4j.class") != null, "the training code's libraries");
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/apache/spark/")), "Spark is the cluster's");
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("javafx/")), "no desktop UI toolkit");
        }
    }

    private static void awaitScratchFolder(Path executorTmp, Process submit, Path driverLog) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < end && submit.isAlive()) {
            try (Stream<Path> files = Files.list(executorTmp)) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith("qanvas-point-"))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no point started on the executor; driver log:\n" + Files.readString(driverLog));
    }

    /** The executor JVM the worker started (Spark's CoarseGrainedExecutorBackend). */
    private static Optional<ProcessHandle> executorOf(Process worker) {
        return worker.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .findFirst();
    }
}
