package dev.qanvas.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.Thinning;
import dev.qanvas.quantum.BoundedFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A run folder read back as a {@link RunRecord}, for a run that no project recorded (a sweep's
 * point, a `qanvas train --out` folder): its curves from {@code metrics.csv} (the columns of
 * {@link RunSession#CSV_HEADER}, found by name), outcome and test accuracy from
 * {@code summary.json}, settings and model kind from {@code project.qanvas}; a kernel run ({@link KernelRun}) has no
 * curves and is known by its summary. The batch losses are
 * thinned as {@link RunSession} thins them for its record. {@code metrics.csv} keeps only the mean
 * of the named entanglement cuts, so their spread reads as 0 unless the cut is the main one.
 * Every file is bounded before it is read; errors name the file and line. Reads the disk.
 */
public final class RunFolderRecord {

    /** metrics.csv is streamed (constant memory), but not without end. */
    static final long MAX_METRICS_BYTES = 256L << 20;
    /** A metrics.csv line is about 100 characters. */
    static final int MAX_LINE_CHARS = 4096;
    static final long MAX_SUMMARY_BYTES = 1L << 20;

    private RunFolderRecord() {
    }

    /** The folder's run under the id {@code id}: needs metrics.csv; summary.json and project.qanvas are read when present. */
    public static RunRecord read(RunFolder folder, String id) throws IOException {
        Path metrics = folder.metrics();
        // A kernel run (KernelRun) has no epochs and no metrics.csv: its summary says what it is.
        boolean kernel = !Files.isRegularFile(metrics) && folder.isKernelRun();
        if (!kernel && !Files.isRegularFile(metrics)) {
            throw new IOException(folder.path() + ": no " + RunFolder.METRICS + " (not a training run folder, or it has not started)");
        }
        if (!kernel && Files.size(metrics) > MAX_METRICS_BYTES) {
            throw new IOException(metrics + ": " + Files.size(metrics) + " bytes; a metrics file is at most " + (MAX_METRICS_BYTES >> 20)
                    + " MiB here");
        }
        Curves curves = kernel ? new Curves(List.of(), List.of(), List.of()) : curves(metrics);
        String outcome = "RUNNING";
        double accuracy = Double.NaN;
        String started = null;
        if (Files.isRegularFile(folder.summary())) {
            JsonNode s;
            try {
                s = new ObjectMapper().readTree(BoundedFiles.read(folder.summary(), MAX_SUMMARY_BYTES, "a run summary"));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
            outcome = s.path("outcome").asText("UNKNOWN");
            accuracy = s.path("test_accuracy").asDouble(Double.NaN);
            // The summary is written when the run ends, total_seconds after it started.
            started = Files.getLastModifiedTime(folder.summary()).toInstant()
                    .minusMillis(Math.round(1000 * s.path("total_seconds").asDouble(0))).truncatedTo(ChronoUnit.SECONDS).toString();
        }
        if (started == null) {
            started = Files.getLastModifiedTime(metrics).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
        }
        Project trained = Files.isRegularFile(folder.project()) ? ProjectFiles.read(folder.project()) : null;
        String kind = kernel ? RunRecord.KERNEL : trained == null ? null : RunRecord.kindOf(trained.model());
        return new RunRecord(id, started, trained == null ? null : trained.training(), folder.path().toAbsolutePath().toString(),
                outcome, accuracy, curves.epochs, curves.losses, curves.quantum,
                kind, trained == null ? null : RunRecord.digest(trained.model()));
    }

    private record Curves(List<RunRecord.Epoch> epochs, List<RunRecord.LossPoint> losses, List<RunRecord.QuantumPoint> quantum) {
    }

    private static Curves curves(Path file) throws IOException {
        List<RunRecord.Epoch> epochs = new ArrayList<>();
        List<RunRecord.QuantumPoint> quantum = new ArrayList<>();
        Thinning losses = new Thinning(RunRecord.MAX_LOSS_POINTS);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = line(in, file, 1);
            if (header == null || !header.startsWith("kind,epoch,")) {
                throw new IOException(file + ":1: not a Qanvas metrics file (its header is not " + RunSession.CSV_HEADER + ")");
            }
            Columns c = new Columns(Arrays.asList(header.split(",", -1)));
            String text;
            for (int n = 2; (text = line(in, file, n)) != null; n++) {
                if (text.isBlank()) {
                    continue;
                }
                String[] f = text.split(",", -1);
                String where = file + ":" + n;
                try {
                    switch (f[0]) {
                        case "batch" -> losses.add(c.number(f, "progress"), c.number(f, "loss"));
                        case "epoch" -> epochs.add(new RunRecord.Epoch((int) c.number(f, "epoch"), c.number(f, "loss"),
                                c.number(f, "train_accuracy"), c.number(f, "validation_loss"), c.number(f, "validation_accuracy"),
                                c.number(f, "seconds"), c.number(f, "validation_balanced_accuracy"),
                                c.number(f, "validation_macro_roc_auc")));
                        case "quantum", "quantum_step" -> quantum.add(quantumPoint(c, f));
                        default -> throw new IOException(where + ": unknown row kind \"" + f[0] + "\"");
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": " + e.getMessage(), e);
                }
            }
        }
        List<RunRecord.LossPoint> points = new ArrayList<>(losses.size());
        for (int i = 0; i < losses.size(); i++) {
            points.add(new RunRecord.LossPoint(losses.x(i), losses.y(i)));
        }
        return new Curves(epochs, points, quantum);
    }

    private static RunRecord.QuantumPoint quantumPoint(Columns c, String[] f) {
        double entropy = c.number(f, "entropy_mean");
        double entropyStd = c.number(f, "entropy_std");
        List<QuantumProbe.Cut> cuts = new ArrayList<>();
        for (Map.Entry<String, String> cut : Map.of(QuantumProbe.HALF, "half_cut_entropy", QuantumProbe.UP_DOWN, "up_down_entropy",
                QuantumProbe.LEFT_RIGHT, "left_right_entropy").entrySet()) {
            double mean = c.number(f, cut.getValue());
            if (Double.isFinite(mean)) {
                // Only the mean is in the file; a cut whose mean is the main entropy's is the main cut (same spread).
                boolean main = Math.abs(mean - entropy) < 1e-6;
                cuts.add(new QuantumProbe.Cut(cut.getKey(), main ? entropy : mean, main ? entropyStd : 0));
            }
        }
        cuts.sort(java.util.Comparator.comparingInt(cut -> List.of(QuantumProbe.HALF, QuantumProbe.UP_DOWN, QuantumProbe.LEFT_RIGHT)
                .indexOf(cut.name())));
        return new RunRecord.QuantumPoint(c.number(f, "progress"), f[c.index("layer")], entropy, entropyStd,
                c.number(f, "meyer_wallach_mean"), c.number(f, "meyer_wallach_std"), c.number(f, "gradient_variance"),
                c.number(f, "recent_loss"), cuts);
    }

    /** Columns by name, so files with fewer (older) or more (newer) columns read too; a missing or empty cell is NaN. */
    private record Columns(List<String> names) {
        int index(String name) {
            return names.indexOf(name);
        }

        double number(String[] f, String name) {
            int i = names.indexOf(name);
            return i < 0 || i >= f.length || f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
        }
    }

    /** The next whole line, refusing one longer than {@link #MAX_LINE_CHARS} before it is held whole. */
    private static String line(BufferedReader in, Path file, int n) throws IOException {
        StringBuilder sb = new StringBuilder();
        int ch;
        while ((ch = in.read()) >= 0) {
            if (ch == '\n') {
                return sb.toString();
            }
            if (ch != '\r') {
                if (sb.length() >= MAX_LINE_CHARS) {
                    throw new IOException(file + ":" + n + ": longer than " + MAX_LINE_CHARS + " characters");
                }
                sb.append((char) ch);
            }
        }
        return null; // the end, or a last line still being written (its writer ends every line): not read
    }
}
