package dev.qanvas.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.kernel.KernelSpec;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a kernel run ({@link KernelRun}) leaves for the Inspect workspace, beside summary.json, and
 * reading it back. A run folder may come from anyone, so every file is bounded before anything is
 * allocated and every error names the file and line (docs/kernels.md, "What a kernel run saves"):
 * <ul>
 *   <li>{@code kernel-gram.bin}: the training points' Gram matrix: the 8 bytes {@code QKGRAM01},
 *       N as a big-endian int32 (1 .. {@link KernelSpec#MAX_POOL}), then N x N big-endian float32
 *       row by row, in pool order; the file is exactly 12 + 4 N^2 bytes;</li>
 *   <li>{@code kernel-points.csv}: header {@link #POINTS_HEADER}, one line per pool point (training
 *       points then test points): its place in the pool, {@code train} or {@code test}, its index in
 *       that split of the prepared data (the image it came from), its label, the QSVM's prediction
 *       (test points; empty for training points) and whether it is a support vector of the SVM
 *       refitted on all training points (1 or 0; empty for test points);</li>
 *   <li>{@code kernel-spectrum.csv}: header {@code eigenvalue}, the Gram matrix's eigenvalues
 *       largest first (only up to {@link KernelRun#MAX_SPECTRUM_POINTS} training points).</li>
 * </ul>
 */
public final class KernelRunFiles {

    public static final String POINTS_HEADER = "pool,split,index,label,predicted,support_vector";
    static final byte[] GRAM_MAGIC = "QKGRAM01".getBytes(StandardCharsets.US_ASCII);
    /** A points line is short (six small numbers); anything longer is not ours. */
    private static final int MAX_LINE = 200;
    private static final long MAX_SUMMARY_BYTES = 1 << 20;

    private KernelRunFiles() {
    }

    /**
     * The run's points.
     *
     * @param trainIndex     each training point's index in the prepared training split
     * @param support        pool indices (training points) of the support vectors
     * @param testIndex      each test point's index in the prepared test split
     * @param testPredicted  the QSVM's prediction for each test point
     */
    public record Points(int[] trainIndex, int[] trainLabels, int[] support, int[] testIndex, int[] testLabels, int[] testPredicted) {

        public Points {
            if (trainIndex.length != trainLabels.length || testIndex.length != testLabels.length
                    || testIndex.length != testPredicted.length) {
                throw new IllegalArgumentException("points, labels and predictions differ in number");
            }
        }

        public int trainCount() {
            return trainIndex.length;
        }

        public boolean isSupportVector(int trainPoint) {
            return Arrays.binarySearch(support, trainPoint) >= 0;
        }
    }

    /** One learner's row of the summary's cross-validation table. */
    public record Learner(String key, String name, double[] perFold, double mean, double std, double testAccuracy, double seconds) {
    }

    /**
     * A kernel run as Inspect shows it.
     *
     * @param gram     the training Gram matrix, row by row ({@code n x n})
     * @param spectrum eigenvalues largest first, or null when the run did not compute them
     */
    public record Saved(int n, float[] gram, Points points, double[] spectrum, Summary summary) {

        public double gram(int i, int j) {
            return gram[i * n + j];
        }
    }

    /** What Inspect reads of a kernel run's summary.json. */
    public record Summary(String dataset, String features, int qubits, String featureMap, double alignment, double offDiagonalMean,
                          double offDiagonalVariance, double effectiveDimension, double gramSeconds, List<Learner> learners) {
    }

    // ----- writing -----

    /** Writes the three files into {@code folder} (which exists); {@code spectrum} may be null (not computed). */
    public static void write(RunFolder folder, double[][] trainGram, Points points, double[] spectrum) throws IOException {
        int n = trainGram.length;
        if (n != points.trainCount()) {
            throw new IllegalArgumentException(n + " Gram rows for " + points.trainCount() + " training points");
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(folder.kernelGram()), 1 << 16))) {
            out.write(GRAM_MAGIC);
            out.writeInt(n);
            for (double[] row : trainGram) {
                for (int j = 0; j < n; j++) {
                    out.writeFloat((float) row[j]);
                }
            }
        }
        StringBuilder csv = new StringBuilder(POINTS_HEADER).append('\n');
        for (int i = 0; i < n; i++) {
            csv.append(i).append(",train,").append(points.trainIndex()[i]).append(',').append(points.trainLabels()[i]).append(",,")
                    .append(points.isSupportVector(i) ? 1 : 0).append('\n');
        }
        for (int t = 0; t < points.testIndex().length; t++) {
            csv.append(n + t).append(",test,").append(points.testIndex()[t]).append(',').append(points.testLabels()[t]).append(',')
                    .append(points.testPredicted()[t]).append(",\n");
        }
        Files.writeString(folder.kernelPoints(), csv);
        if (spectrum != null) {
            StringBuilder s = new StringBuilder("eigenvalue\n");
            for (double v : spectrum) {
                s.append(v).append('\n');
            }
            Files.writeString(folder.kernelSpectrum(), s);
        }
    }

    // ----- reading, bounded -----

    /** Reads the kernel run in {@code folder}; errors name the file and, where one is at fault, its line. */
    public static Saved read(RunFolder folder) throws IOException {
        Summary summary = readSummary(folder.summary());
        Points points = readPoints(folder.kernelPoints());
        Path gramFile = folder.kernelGram();
        float[] gram = readGram(gramFile, points.trainCount());
        double[] spectrum = Files.isRegularFile(folder.kernelSpectrum()) ? readSpectrum(folder.kernelSpectrum(), points.trainCount()) : null;
        return new Saved(points.trainCount(), gram, points, spectrum, summary);
    }

    /** The Gram matrix of {@code expected} points, refused unless the file is exactly the size its header says. */
    static float[] readGram(Path file, int expected) throws IOException {
        requireFile(file);
        long size = Files.size(file);
        if (size < 12) {
            throw new IOException(file + ": " + size + " bytes, too short for a Gram matrix header");
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = in.readNBytes(GRAM_MAGIC.length);
            if (!Arrays.equals(magic, GRAM_MAGIC)) {
                throw new IOException(file + ": not a Qanvas Gram matrix (it does not start with QKGRAM01)");
            }
            int n = in.readInt();
            if (n < 1 || n > KernelSpec.MAX_POOL) {
                throw new IOException(file + ": header says " + n + " points; a kernel run has 1 to " + KernelSpec.MAX_POOL);
            }
            if (n != expected) {
                throw new IOException(file + ": " + n + " points, but " + RunFolder.KERNEL_POINTS + " lists " + expected + " training points");
            }
            long want = 12L + 4L * n * n;
            if (size != want) {
                throw new IOException(file + ": " + size + " bytes; a " + n + " x " + n + " matrix takes " + want);
            }
            float[] out = new float[n * n];
            for (int k = 0; k < out.length; k++) {
                float v = in.readFloat();
                if (!Float.isFinite(v)) {
                    throw new IOException(file + ": entry (" + k / n + ", " + k % n + ") is " + v);
                }
                out[k] = v;
            }
            return out;
        }
    }

    static Points readPoints(Path file) throws IOException {
        List<String> lines = boundedLines(file, (long) (KernelSpec.MAX_POOL + 1) * MAX_LINE, KernelSpec.MAX_POOL + 1);
        if (lines.isEmpty() || !lines.get(0).strip().equals(POINTS_HEADER)) {
            throw new IOException(file + ":1: the header must be " + POINTS_HEADER);
        }
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int l = 1; l < lines.size(); l++) {
            String line = lines.get(l);
            if (line.isBlank()) {
                continue;
            }
            String where = file + ":" + (l + 1) + ": ";
            String[] f = line.split(",", -1);
            if (f.length != 6) {
                throw new IOException(where + f.length + " fields; a point has 6 (" + POINTS_HEADER + ")");
            }
            int pool = number(f[0], where, "pool");
            if (pool != train.size() + test.size()) {
                throw new IOException(where + "pool " + pool + " out of order; expected " + (train.size() + test.size()));
            }
            int index = number(f[2], where, "index");
            int label = classNumber(f[3], where, "label");
            switch (f[1]) {
                case "train" -> {
                    if (!test.isEmpty()) {
                        throw new IOException(where + "a training point after the test points");
                    }
                    if (!f[4].isEmpty() || !(f[5].equals("0") || f[5].equals("1"))) {
                        throw new IOException(where + "a training point has no prediction and support_vector 0 or 1");
                    }
                    train.add(new int[] {index, label, f[5].equals("1") ? 1 : 0});
                }
                case "test" -> {
                    if (!f[5].isEmpty()) {
                        throw new IOException(where + "a test point has no support_vector");
                    }
                    test.add(new int[] {index, label, classNumber(f[4], where, "predicted")});
                }
                default -> throw new IOException(where + "split must be train or test, not '" + abbreviate(f[1]) + "'");
            }
        }
        if (train.isEmpty()) {
            throw new IOException(file + ": no training points");
        }
        int[] support = java.util.stream.IntStream.range(0, train.size()).filter(i -> train.get(i)[2] == 1).toArray();
        return new Points(column(train, 0), column(train, 1), support, column(test, 0), column(test, 1), column(test, 2));
    }

    static double[] readSpectrum(Path file, int n) throws IOException {
        List<String> lines = boundedLines(file, (long) (n + 1) * 40, n + 1);
        if (lines.isEmpty() || !lines.get(0).strip().equals("eigenvalue")) {
            throw new IOException(file + ":1: the header must be eigenvalue");
        }
        double[] out = new double[lines.size() - 1];
        for (int l = 1; l < lines.size(); l++) {
            try {
                out[l - 1] = Double.parseDouble(lines.get(l).strip());
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (l + 1) + ": '" + abbreviate(lines.get(l)) + "' is not a number");
            }
            if (!Double.isFinite(out[l - 1])) {
                throw new IOException(file + ":" + (l + 1) + ": " + out[l - 1] + " is not a finite eigenvalue");
            }
        }
        return out;
    }

    static Summary readSummary(Path file) throws IOException {
        requireFile(file);
        if (Files.size(file) > MAX_SUMMARY_BYTES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes; a run summary is at most " + MAX_SUMMARY_BYTES);
        }
        JsonNode s;
        try {
            s = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": not JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ")");
        }
        if (s == null || !KernelRun.KIND.equals(s.path("kind").asText())) {
            throw new IOException(file + ": not a kernel run's summary (its \"kind\" is not \"kernel\")");
        }
        JsonNode d = s.path("kernel_diagnostics");
        List<Learner> learners = new ArrayList<>();
        JsonNode cv = s.path("cross_validation");
        for (String key : KernelRun.LEARNERS) {
            JsonNode m = cv.path(key);
            if (m.isMissingNode()) {
                continue;
            }
            JsonNode per = m.path("per_fold");
            int folds = per.isArray() ? Math.min(per.size(), KernelSpec.MAX_FOLDS) : 0;
            double[] perFold = new double[folds];
            for (int f = 0; f < folds; f++) {
                perFold[f] = per.get(f).asDouble(Double.NaN);
            }
            learners.add(new Learner(key, m.path("learner").asText(key), perFold, m.path("mean").asDouble(Double.NaN),
                    m.path("std").asDouble(Double.NaN), m.path("test_accuracy").asDouble(Double.NaN), m.path("seconds").asDouble(Double.NaN)));
        }
        return new Summary(s.path("dataset").asText(""), s.path("features").asText(""), s.path("qubits").asInt(0),
                s.path("feature_map").asText(""), d.path("alignment").asDouble(Double.NaN), d.path("off_diagonal_mean").asDouble(Double.NaN),
                d.path("off_diagonal_variance").asDouble(Double.NaN), d.path("effective_dimension").asDouble(Double.NaN),
                s.path("gram_seconds").asDouble(Double.NaN), learners);
    }

    // ----- helpers -----

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing; a kernel run written by this version of Qanvas has it");
        }
    }

    /** The file's lines, refused past {@code maxBytes} (read no further) or {@code maxLines}. */
    private static List<String> boundedLines(Path file, long maxBytes, int maxLines) throws IOException {
        requireFile(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw new IOException(file + ": larger than " + maxBytes + " bytes, more than a kernel run writes");
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        if (lines.size() > maxLines) {
            throw new IOException(file + ": " + lines.size() + " lines; at most " + maxLines);
        }
        return lines;
    }

    /** A class number: below {@link dev.qanvas.data.Limits#MAX_CLASSES}, so a hostile file cannot size the confusion matrix. */
    private static int classNumber(String text, String where, String field) throws IOException {
        int v = number(text, where, field);
        if (v >= dev.qanvas.data.Limits.MAX_CLASSES) {
            throw new IOException(where + field + " " + v + " is not a class: a dataset has at most " + dev.qanvas.data.Limits.MAX_CLASSES + " classes");
        }
        return v;
    }

    private static int number(String text, String where, String field) throws IOException {
        try {
            int v = Integer.parseInt(text.strip());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IOException(where + field + " '" + abbreviate(text) + "' is not a whole number >= 0");
        }
    }

    private static int[] column(List<int[]> rows, int c) {
        return rows.stream().mapToInt(r -> r[c]).toArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }

    /** "0.912 ± 0.021". */
    public static String meanStd(Learner l) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", l.mean(), l.std());
    }
}
