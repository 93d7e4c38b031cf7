package dev.qanvas.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.quantum.BoundedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's output folder (docs/sweeps.md):
 * <pre>
 *   sweep.json   the sweep file as given (a resumed sweep must be the same file)
 *   points.json  {"format": "qanvas-sweep-points", "version": 1, "name", "parameters": [...], "points": [{"id", "variant", "params"}]}
 *   results.csv  point,variant,status,&lt;parameters&gt;,&lt;metrics&gt;,seconds,error,run_dir: one row per finished point, appended as it finishes
 *   summary.md   mean ± standard deviation per variant (over seeds) of each metric, points done and failed
 *   runs/&lt;id&gt;/   ordinary run folders
 * </pre>
 * Appending a row is one write of a whole line, forced to the disk, so a crash leaves at most a
 * half line at the end, which {@link #read} ignores and {@link #open} drops. {@link #read} works
 * while a sweep is still writing. One sweep writes a folder at a time ({@link #LOCK}); close the
 * folder when done.
 */
public final class SweepFolder implements AutoCloseable {

    public static final String SWEEP = "sweep.json";
    public static final String POINTS = "points.json";
    public static final String RESULTS = "results.csv";
    public static final String SUMMARY = "summary.md";
    public static final String RUNS = "runs";
    /** Held locked while a sweep writes the folder, so a second sweep on it is refused rather than mixed in. */
    public static final String LOCK = ".lock";
    public static final String POINTS_FORMAT = "qanvas-sweep-points";
    /** points.json and results.csv of the largest sweep ({@link SweepFile#MAX_POINTS} points) fit well within this. */
    static final long MAX_TABLE_BYTES = 128L << 20;
    /** The metrics summary.md shows (results.csv has them all). */
    static final List<String> SUMMARY_METRICS = List.of("test_accuracy", "balanced_accuracy", "macro_roc_auc", "final_train_loss", "train_seconds");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String name;
    private final List<String> parameters;
    private final FileChannel lock;

    private SweepFolder(Path dir, String name, List<String> parameters, FileChannel lock) {
        this.dir = dir;
        this.name = name;
        this.parameters = List.copyOf(parameters);
        this.lock = lock;
    }

    /** Releases the folder for another sweep (the lock also goes when the process ends, however it ends). */
    @Override
    public void close() throws IOException {
        lock.close();
    }

    /** Locks {@code dir} for this process, or refuses: another sweep (here or in another process) is writing it. */
    private static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // held by this process already
        }
        channel.close();
        throw new SweepFileException(dir + ": another sweep is running in this folder; wait for it, or stop it first");
    }

    /** A point as points.json lists it. */
    public record Planned(String id, String variant, Map<String, String> params) {
        public Planned {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** Mean and sample standard deviation (n - 1; 0 for one value) of the finite values among {@code n} rows. */
    public record Stat(double mean, double std, int n) {
        public static Stat of(double[] values) {
            double[] x = Arrays.stream(values).filter(Double::isFinite).toArray();
            if (x.length == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double m = Arrays.stream(x).average().orElseThrow();
            double ss = Arrays.stream(x).map(v -> (v - m) * (v - m)).sum();
            return new Stat(m, x.length < 2 ? 0 : Math.sqrt(ss / (x.length - 1)), x.length);
        }
    }

    /**
     * One line of the summary: a variant at one setting of the parameters other than the seed
     * (so the spread is over seeds), how many of its points are done and failed, and each
     * metric's mean ± std over its done points.
     */
    public record Group(String variant, Map<String, String> params, int done, int failed, Map<String, Stat> metrics) {
    }

    /** What the folder holds now. {@code rows}: the finished points, in finishing order. */
    public record Snapshot(String name, List<String> parameters, List<String> metrics, List<Planned> points, List<PointResult> rows,
                           List<Group> summary) {

        public long failed() {
            return rows.stream().filter(r -> !r.done()).count();
        }
    }

    public Path dir() { return dir; }
    public Path runs() { return dir.resolve(RUNS); }
    public Path results() { return dir.resolve(RESULTS); }
    public Path summary() { return dir.resolve(SUMMARY); }

    /**
     * Creates the folder for {@code plan}, or resumes it: an existing folder must hold the same
     * sweep file (else an error says so). On resume, results.csv keeps only the done points whose
     * run folder has its summary.json (failed points run again), rewritten atomically.
     */
    public static SweepFolder open(Path dir, SweepFile file, SweepPlan plan) throws IOException {
        Files.createDirectories(dir);
        SweepFolder folder = new SweepFolder(dir, plan.name(), plan.parameters(), lock(dir));
        try {
            folder.prepare(file, plan);
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
        return folder;
    }

    /** Writes sweep.json (new folder), points.json and results.csv (only its done rows with a run folder kept). */
    private void prepare(SweepFile file, SweepPlan plan) throws IOException {
        SweepFolder folder = this;
        Path sweep = dir.resolve(SWEEP);
        if (Files.exists(sweep)) {
            String before = new String(BoundedFiles.read(sweep, SweepFile.MAX_BYTES, "a sweep file"), StandardCharsets.UTF_8);
            if (!before.equals(file.text())) {
                throw new SweepFileException(dir + " holds another sweep (its " + SWEEP + " differs from this sweep file);"
                        + " choose another --out folder, or delete it to start over");
            }
        }
        Files.createDirectories(runs());
        if (!Files.exists(sweep)) {
            ProjectFiles.writeAtomically(sweep, file.text().getBytes(StandardCharsets.UTF_8));
        }
        ProjectFiles.writeAtomically(dir.resolve(POINTS), pointsJson(plan));
        List<PointResult> kept = new ArrayList<>();
        if (Files.exists(folder.results())) {
            for (PointResult r : latest(readRows(folder.results(), header(plan.parameters())))) {
                if (r.done() && Files.isRegularFile(new RunFolder(folder.runs().resolve(r.id())).summary())) {
                    kept.add(r);
                }
            }
        }
        StringBuilder csv = new StringBuilder(String.join(",", header(plan.parameters()))).append('\n');
        kept.forEach(r -> csv.append(folder.row(r)));
        ProjectFiles.writeAtomically(folder.results(), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The ids of the points already done (their rows say done), which a resumed sweep skips. */
    public Set<String> finished() throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        readRows(results(), header(parameters)).stream().filter(PointResult::done).forEach(r -> ids.add(r.id()));
        return ids;
    }

    /** Appends the point's row in one forced write of a whole line; safe from several threads. */
    public synchronized void appendResult(PointResult r) throws IOException {
        byte[] line = row(r).getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(results(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(false);
        }
    }

    /** Writes summary.md from what results.csv holds now (atomically). */
    public synchronized void writeSummary() throws IOException {
        ProjectFiles.writeAtomically(summary(), summaryMarkdown(read(dir)).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a sweep folder, also while its sweep is running (a half-written last row is ignored). */
    public static Snapshot read(Path dir) throws IOException {
        Path pointsFile = dir.resolve(POINTS);
        if (!Files.isRegularFile(pointsFile)) {
            throw new SweepFileException(dir + ": not a sweep folder (no " + POINTS + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(BoundedFiles.read(pointsFile, MAX_TABLE_BYTES, "a sweep's points.json"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SweepFileException(pointsFile + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new SweepFileException(e.getMessage(), e);
        }
        if (root == null || !POINTS_FORMAT.equals(root.path("format").asText()) || !root.path("points").isArray()) {
            throw new SweepFileException(pointsFile + ": not a sweep's points file (format " + POINTS_FORMAT + ")");
        }
        List<String> parameters = new ArrayList<>();
        root.path("parameters").forEach(p -> parameters.add(p.asText()));
        List<Planned> points = new ArrayList<>();
        for (JsonNode p : root.get("points")) {
            points.add(new Planned(p.path("id").asText(), p.path("variant").asText(), strings(p.path("params"))));
        }
        Path results = dir.resolve(RESULTS);
        List<PointResult> rows = Files.exists(results) ? latest(readRows(results, header(parameters))) : List.of();
        return new Snapshot(root.path("name").asText(""), parameters, PointResult.METRICS, points, rows, summarise(rows));
    }

    /** results.csv's header for these parameters. */
    public static List<String> header(List<String> parameters) {
        List<String> h = new ArrayList<>(List.of("point", "variant", "status"));
        h.addAll(parameters);
        h.addAll(PointResult.METRICS);
        h.addAll(List.of("seconds", "error", "run_dir"));
        return h;
    }

    /** Groups the done and failed rows by variant and the parameters other than the seed, in first-seen order. */
    static List<Group> summarise(List<PointResult> rows) {
        Map<String, List<PointResult>> byKey = new LinkedHashMap<>();
        for (PointResult r : rows) {
            byKey.computeIfAbsent(r.variant() + "\u0000" + withoutSeed(r.params()), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        for (List<PointResult> g : byKey.values()) {
            List<PointResult> done = g.stream().filter(PointResult::done).toList();
            Map<String, Stat> stats = new LinkedHashMap<>();
            for (String m : PointResult.METRICS) {
                stats.put(m, Stat.of(done.stream().mapToDouble(r -> r.metric(m)).toArray()));
            }
            out.add(new Group(g.get(0).variant(), withoutSeed(g.get(0).params()), done.size(), g.size() - done.size(), stats));
        }
        return out;
    }

    private static Map<String, String> withoutSeed(Map<String, String> params) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.remove(SweepParameter.SEED.key());
        return m;
    }

    /** summary.md: one row per group, mean ± std (n) of {@link #SUMMARY_METRICS}. */
    static String summaryMarkdown(Snapshot s) {
        List<String> shown = s.parameters().stream().filter(p -> !p.equals(SweepParameter.SEED.key())).toList();
        StringBuilder sb = new StringBuilder("# Sweep ").append(s.name()).append("\n\n");
        long done = s.rows().size() - s.failed();
        sb.append(String.format(Locale.ROOT, "%d of %d points done, %d failed.%s%n%n", done, s.points().size(), s.failed(),
                s.parameters().contains(SweepParameter.SEED.key()) ? " Mean ± standard deviation over seeds (n - 1); n = points done." : ""));
        sb.append("| variant |");
        shown.forEach(p -> sb.append(' ').append(p).append(" |"));
        sb.append(" done | failed |");
        SUMMARY_METRICS.forEach(m -> sb.append(' ').append(m).append(" |"));
        sb.append("\n|---|").append("---|".repeat(shown.size())).append("---:|---:|").append("---:|".repeat(SUMMARY_METRICS.size())).append('\n');
        for (Group g : s.summary()) {
            sb.append("| ").append(g.variant()).append(" |");
            shown.forEach(p -> sb.append(' ').append(g.params().getOrDefault(p, "")).append(" |"));
            sb.append(' ').append(g.done()).append(" | ").append(g.failed()).append(" |");
            for (String m : SUMMARY_METRICS) {
                Stat st = g.metrics().get(m);
                sb.append(' ').append(st.n() == 0 ? "-" : st.n() == 1 ? format(st.mean())
                        : format(st.mean()) + " ± " + format(st.std())).append(" |");
            }
            sb.append('\n');
        }
        List<PointResult> failed = s.rows().stream().filter(r -> !r.done()).toList();
        if (!failed.isEmpty()) {
            sb.append("\nFailed points:\n\n");
            failed.forEach(r -> sb.append("- ").append(r.id()).append(" (").append(r.variant()).append("): ").append(r.error()).append('\n'));
        }
        return sb.toString();
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    // ----- results.csv -----

    private String row(PointResult r) {
        List<String> cells = new ArrayList<>(List.of(r.id(), r.variant(), r.status()));
        parameters.forEach(p -> cells.add(r.params().getOrDefault(p, "")));
        PointResult.METRICS.forEach(m -> cells.add(Double.isFinite(r.metric(m)) ? Double.toString(r.metric(m)) : ""));
        cells.add(String.format(Locale.ROOT, "%.3f", r.seconds()));
        cells.add(r.error());
        cells.add(r.runDir());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(quote(cells.get(i)));
        }
        return sb.append('\n').toString();
    }

    static String quote(String cell) {
        String oneLine = cell.replaceAll("[\\r\\n]+", " ");
        return oneLine.matches(".*[,\"].*") || oneLine.startsWith(" ") ? "\"" + oneLine.replace("\"", "\"\"") + "\"" : oneLine;
    }

    /** The rows of results.csv (complete lines only), checked against {@code header}. */
    static List<PointResult> readRows(Path file, List<String> header) throws IOException {
        String text;
        try {
            text = new String(BoundedFiles.read(file, MAX_TABLE_BYTES, "a sweep's results.csv"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SweepFileException(e.getMessage(), e);
        }
        int end = text.lastIndexOf('\n'); // a half-written last line (a crash mid-append) is not a row
        List<String> lines = end < 0 ? List.of() : Arrays.asList(text.substring(0, end).split("\n", -1));
        if (lines.isEmpty() || !split(lines.get(0)).equals(header)) {
            throw new SweepFileException(file + ": line 1: expected the header " + String.join(",", header));
        }
        List<PointResult> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> c = split(lines.get(i));
            if (c.size() != header.size()) {
                throw new SweepFileException(file + ": line " + (i + 1) + ": " + c.size() + " cells, expected " + header.size());
            }
            Map<String, String> params = new LinkedHashMap<>();
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (int k = 3; k < header.size() - 3; k++) {
                String name = header.get(k);
                if (k < 3 + header.size() - 6 - PointResult.METRICS.size()) {
                    if (!c.get(k).isEmpty()) {
                        params.put(name, c.get(k));
                    }
                } else {
                    metrics.put(name, c.get(k).isEmpty() ? Double.NaN : parse(c.get(k), file, i + 1));
                }
            }
            int n = header.size();
            try {
                rows.add(new PointResult(c.get(0), c.get(1), c.get(2), params, metrics, parse(c.get(n - 3), file, i + 1), c.get(n - 2), c.get(n - 1)));
            } catch (IllegalArgumentException e) {
                throw new SweepFileException(file + ": line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return rows;
    }

    /** The last row of each point (a point run again after a failure has a newer row), in first-seen order. */
    private static List<PointResult> latest(List<PointResult> rows) {
        Map<String, PointResult> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        return new ArrayList<>(byId.values());
    }

    private static double parse(String cell, Path file, int line) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new SweepFileException(file + ": line " + line + ": not a number: " + SweepParameter.clip(cell));
        }
    }

    /** The cells of one CSV line ("" quotes a quote inside a quoted cell). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static byte[] pointsJson(SweepPlan plan) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", POINTS_FORMAT);
        root.put("version", 1);
        root.put("name", plan.name());
        ArrayNode params = root.putArray("parameters");
        plan.parameters().forEach(params::add);
        ArrayNode points = root.putArray("points");
        for (SweepPoint p : plan.points()) {
            ObjectNode o = points.addObject();
            o.put("id", p.id());
            o.put("variant", p.variant());
            ObjectNode ps = o.putObject("params");
            p.params().forEach(ps::put);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }
}
