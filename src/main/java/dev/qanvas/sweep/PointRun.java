package dev.qanvas.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.project.KernelRun;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunCharts;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import dev.qanvas.project.RunSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains one point into {@code runsRoot/<id>/}, an ordinary run folder, through the same flow as
 * {@code qanvas train} ({@link RunSession}, or {@link KernelRun} for a kernel project, and the same
 * charts, {@link RunCharts}), and reads its metrics back from the folder. A failing point never
 * throws: its result says "failed" and why. What the run says as it goes is kept in the folder's
 * {@code train.log}. Safe to call from several threads at once (each run has its own model and folder).
 */
public final class PointRun {

    /** The run's own log beside its other files. */
    public static final String LOG = "train.log";

    private PointRun() {
    }

    public static PointResult execute(SweepPoint point, Path runsRoot) {
        long t0 = System.nanoTime();
        Path dir = runsRoot.resolve(point.id());
        String runDir = "runs".equals(String.valueOf(runsRoot.getFileName())) ? "runs/" + point.id() : dir.toAbsolutePath().toString();
        Map<String, Double> metrics = new LinkedHashMap<>();
        PointResult.METRICS.forEach(m -> metrics.put(m, Double.NaN));
        StringBuilder log = new StringBuilder();
        String status = PointResult.DONE;
        String error = "";
        try {
            dev.qanvas.nn.NumericEngine.sizeThisThread(); // before the model is built: its ND4J op threads are kept per thread
            deleteRecursively(dir); // what a crashed attempt left
            Files.createDirectories(dir);
            Project project = ProjectFiles.read("point " + point.id(),
                    new ByteArrayInputStream(point.project().getBytes(StandardCharsets.UTF_8)));
            String failure = train(project, dir, line -> log.append(line).append('\n'), metrics);
            if (failure != null) {
                status = PointResult.FAILED;
                error = failure;
            }
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            status = PointResult.FAILED;
            error = oneLine(e);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            log.append(trace);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try {
            if (Files.isDirectory(dir)) {
                Files.writeString(dir.resolve(LOG), log.toString());
            }
        } catch (IOException e) {
            // the log is a convenience; the result row says what happened
        }
        return new PointResult(point.id(), point.variant(), status, point.params(), metrics, seconds, error, runDir);
    }

    /** Trains {@code project} into {@code dir} and fills {@code metrics}; returns the failure text of a failed run, or null. */
    private static String train(Project project, Path dir, java.util.function.Consumer<String> log, Map<String, Double> metrics)
            throws Exception {
        RunFolder folder = new RunFolder(dir);
        String failure = null;
        if (project.isKernel()) {
            KernelRun.run(project, null, dir, log);
        } else {
            GraphAnalysis analysis = project.model().analyse();
            metrics.put("classical_parameters", (double) analysis.classicalParameters());
            metrics.put("quantum_parameters", (double) analysis.quantumParameters());
            RunSession session = RunSession.prepare(project, project.training(), dir, Map.of(), log);
            RunSession.Result result = session.run(new RunEvents() {
                @Override
                public void epoch(EpochStats e) {
                    log.accept(String.format(Locale.ROOT, "epoch %d: loss %.4f, train accuracy %.4f, validation loss %.4f, accuracy %.4f (%.1f s)",
                            e.epoch() + 1, e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds()));
                }
            });
            log.accept(result.outcome() + ": " + result.message());
            RunCharts.write(folder, result.record());
            List<RunRecord.Epoch> epochs = result.record().epochs();
            if (!epochs.isEmpty()) {
                metrics.put("final_train_loss", epochs.get(epochs.size() - 1).trainLoss());
                metrics.put("final_validation_accuracy", epochs.get(epochs.size() - 1).validationAccuracy());
            }
            if (result.outcome() == RunEvents.Outcome.FAILED) {
                failure = "training failed: " + result.message();
            }
        }
        JsonNode s = new ObjectMapper().readTree(Files.readAllBytes(folder.summary())); // written by the run itself
        metrics.put("test_accuracy", number(s, "test_accuracy"));
        metrics.put("balanced_accuracy", number(s, "balanced_accuracy"));
        metrics.put("macro_roc_auc", number(s, "macro_roc_auc"));
        metrics.put("epochs_completed", number(s, "epochs_completed"));
        metrics.put("train_seconds", number(s, "total_seconds"));
        return failure;
    }

    private static double number(JsonNode s, String field) {
        return s.path(field).isNumber() ? s.path(field).asDouble() : Double.NaN;
    }

    /** The error in one line, as results.csv keeps it. */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof OutOfMemoryError || e instanceof StackOverflowError) {
            m = e.getClass().getSimpleName() + ": " + m;
        }
        return oneLine(m);
    }

    /** A message in one line of at most 500 characters, as results.csv keeps errors. */
    public static String oneLine(String message) {
        String m = message.replaceAll("\\s+", " ").trim();
        return m.length() <= 500 ? m : m.substring(0, 500) + "...";
    }

    /** Deletes a folder and what is in it; symbolic links are deleted, never followed. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
