package dev.qanvas.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.qanvas.quantum.BoundedFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file (docs/sweeps.md): {@code {"format": "qanvas-sweep", "version": 1, "name": ..., "variants": [...],
 * "grid": {...}, "random": {...}}}, read bounded ({@link #MAX_BYTES}) and checked whole before any
 * point runs. Every error names the file and the place in it ({@code variants[2].project},
 * {@code grid.learning_rate[1]}, or a line and column for broken JSON).
 *
 * @param name     a title for tables (the file name when absent)
 * @param variants the base projects, at least one
 * @param grid     every combination of these values is a point (parameters in the file's order)
 * @param random   a seeded random sample crossed with the grid, or null
 * @param text     the file as given, copied into the sweep folder (a resumed sweep must be the same file)
 */
public record SweepFile(String name, List<Variant> variants, Map<SweepParameter, List<String>> grid, RandomSample random, String text) {

    public static final String FORMAT = "qanvas-sweep";
    public static final int VERSION = 1;
    /** A sweep file is small: 1 MiB is far more than any hand-written one. */
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_VARIANTS = 1000;
    /** Values one parameter may list in a grid. */
    public static final int MAX_VALUES = 10_000;
    /** Points one sweep may expand to (checked before expanding). */
    public static final int MAX_POINTS = 100_000;

    private static final Set<String> KEYS = Set.of("format", "version", "name", "description", "variants", "grid", "random");
    private static final Set<String> VARIANT_KEYS = Set.of("name", "project", "sample", "grid");
    private static final Set<String> RANDOM_KEYS = Set.of("count", "seed", "parameters");

    private static final ObjectMapper JSON = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(1 << 16)
                            .maxNumberLength(100).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
            .build();

    public SweepFile {
        variants = List.copyOf(variants);
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
    }

    /**
     * One base project: its name in results, and where it is: {@code project}, a path relative to
     * the sweep file's folder, or {@code sample}, a sample shipped with Qanvas; its own grid
     * entries replace the sweep's for this variant (e.g. seeds for a seeded variant only).
     */
    public record Variant(String name, String project, String sample, Map<SweepParameter, List<String>> grid) {
        public Variant {
            grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        }
    }

    /** {@code count} draws, seeded by {@code seed}, of each parameter's distribution; crossed with the grid. */
    public record RandomSample(int count, long seed, Map<SweepParameter, Distribution> parameters) {
        public RandomSample {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * How a random sample draws one parameter: {@code {"uniform": [a, b]}}, {@code {"log_uniform": [a, b]}}
     * (both rounded to 4 significant digits, so results.csv holds the value used), {@code {"int": [a, b]}}
     * (inclusive) or {@code {"choice": [v, ...]}}.
     */
    public record Distribution(String kind, double low, double high, List<String> choices) {
        public Distribution {
            choices = List.copyOf(choices);
        }
    }

    /** Reads and checks a sweep file. */
    public static SweepFile read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(file, MAX_BYTES, "a sweep file");
        } catch (IllegalArgumentException e) {
            throw new SweepFileException(e.getMessage(), e);
        }
        String base = file.getFileName() == null ? "sweep" : file.getFileName().toString().replaceFirst("\\.json$", "");
        return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8), base);
    }

    /**
     * Parses and checks sweep file text; {@code location} names it in errors and {@code defaultName}
     * is its name when the file gives none.
     */
    public static SweepFile parse(String location, String text, String defaultName) {
        if (text.length() > MAX_BYTES) {
            throw new SweepFileException(location + ": more than " + (MAX_BYTES >> 20) + " MiB; a sweep file is at most that");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at != null ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "";
            throw new SweepFileException(location + where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new SweepFileException(location + ": a sweep file is a JSON object {\"format\": \"" + FORMAT + "\", ...}");
        }
        checkKeys(root, KEYS, location + ": ");
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new SweepFileException(location + ": format: must be \"" + FORMAT + "\" (is this a sweep file?)");
        }
        JsonNode version = root.path("version");
        if (!version.isIntegralNumber() || version.asLong() < 1) {
            throw new SweepFileException(location + ": version: a whole number (" + VERSION + ")");
        }
        if (version.asLong() > VERSION) {
            throw new SweepFileException(location + ": version " + version.asLong() + " is from a newer Qanvas (this one reads version "
                    + VERSION + ")");
        }
        String name = root.has("name") ? text(root.get("name"), location + ": name", 200) : defaultName;
        Map<SweepParameter, List<String>> grid = grid(root.path("grid"), location + ": grid", root.has("grid"));
        RandomSample random = root.has("random") ? random(root.get("random"), location + ": random") : null;
        if (random != null) {
            for (SweepParameter p : random.parameters().keySet()) {
                if (grid.containsKey(p)) {
                    throw new SweepFileException(location + ": " + p.key() + " is both in grid and in random; give it in one of them");
                }
            }
        }
        JsonNode vs = root.path("variants");
        if (!vs.isArray() || vs.isEmpty() || vs.size() > MAX_VARIANTS) {
            throw new SweepFileException(location + ": variants: a list of 1 to " + MAX_VARIANTS
                    + " base projects, each {\"name\": ..., \"project\": \"path/to/file.qanvas\"}");
        }
        List<Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long points = 0;
        for (int i = 0; i < vs.size(); i++) {
            Variant v = variant(vs.get(i), location + ": variants[" + i + "]");
            if (!names.add(v.name())) {
                throw new SweepFileException(location + ": variants[" + i + "].name: \"" + v.name() + "\" is used twice; names must differ");
            }
            if (random != null) {
                for (SweepParameter p : v.grid().keySet()) {
                    if (random.parameters().containsKey(p)) {
                        throw new SweepFileException(location + ": variants[" + i + "].grid." + p.key() + " is also in random; give it in one of them");
                    }
                }
            }
            variants.add(v);
            points += pointsOf(v, grid, random);
            if (points > MAX_POINTS) {
                throw new SweepFileException(location + ": the sweep has more than " + MAX_POINTS + " points (variants x grid x random count);"
                        + " split it into several sweeps");
            }
        }
        return new SweepFile(name, variants, grid, random, text);
    }

    /** The number of points of {@code v}: the product of its merged grid's sizes times the random count. */
    static long pointsOf(Variant v, Map<SweepParameter, List<String>> grid, RandomSample random) {
        long n = random == null ? 1 : random.count();
        for (List<String> values : merged(grid, v.grid()).values()) {
            n *= values.size(); // each factor at most MAX_VALUES and the running product at most MAX_POINTS: no overflow
            if (n > MAX_POINTS) {
                return n;
            }
        }
        return n;
    }

    /** The sweep's grid with a variant's own entries replacing it; parameters in application order. */
    static Map<SweepParameter, List<String>> merged(Map<SweepParameter, List<String>> grid, Map<SweepParameter, List<String>> own) {
        Map<SweepParameter, List<String>> m = new EnumMap<>(SweepParameter.class);
        m.putAll(grid);
        m.putAll(own);
        return m;
    }

    private static Variant variant(JsonNode v, String where) {
        if (!v.isObject()) {
            throw new SweepFileException(where + ": a variant is {\"name\": ..., \"project\": \"path/to/file.qanvas\"} or {\"name\": ..., \"sample\": ...}");
        }
        checkKeys(v, VARIANT_KEYS, where + ".");
        String name = text(v.path("name"), where + ".name", 80);
        if (!name.matches("[\\p{L}\\p{N} _.,:+()\\-]+")) {
            throw new SweepFileException(where + ".name: letters, digits, spaces and _ . , : + ( ) - only, not \"" + SweepParameter.clip(name) + "\"");
        }
        if (v.has("project") == v.has("sample")) {
            throw new SweepFileException(where + ": give exactly one of \"project\" (a path relative to the sweep file) and \"sample\"");
        }
        String project = v.has("project") ? text(v.get("project"), where + ".project", 4096) : null;
        String sample = v.has("sample") ? text(v.get("sample"), where + ".sample", 200) : null;
        if (sample != null && !sample.matches("[A-Za-z0-9_.-]+\\.qanvas")) {
            throw new SweepFileException(where + ".sample: the file name of a shipped sample, e.g. \"binary-mnist-quantum.qanvas\"");
        }
        return new Variant(name, project, sample, grid(v.path("grid"), where + ".grid", v.has("grid")));
    }

    private static Map<SweepParameter, List<String>> grid(JsonNode g, String where, boolean given) {
        Map<SweepParameter, List<String>> out = new LinkedHashMap<>();
        if (!given) {
            return out;
        }
        if (!g.isObject()) {
            throw new SweepFileException(where + ": an object of parameter -> list of values, e.g. {\"seed\": [1, 2, 3]}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SweepParameter p = SweepParameter.named(e.getKey(), where);
            String at = where + "." + e.getKey();
            JsonNode values = e.getValue();
            if (!values.isArray() || values.isEmpty() || values.size() > MAX_VALUES) {
                throw new SweepFileException(at + ": a list of 1 to " + MAX_VALUES + " values");
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String value = p.read(values.get(i), at + "[" + i + "]");
                if (list.contains(value)) {
                    throw new SweepFileException(at + "[" + i + "]: " + value + " is listed twice");
                }
                list.add(value);
            }
            out.put(p, list);
        }
        return out;
    }

    private static RandomSample random(JsonNode r, String where) {
        if (!r.isObject()) {
            throw new SweepFileException(where + ": {\"count\": N, \"seed\": S, \"parameters\": {...}}");
        }
        checkKeys(r, RANDOM_KEYS, where + ".");
        JsonNode count = r.path("count");
        if (!count.isIntegralNumber() || count.asLong() < 1 || count.asLong() > MAX_POINTS) {
            throw new SweepFileException(where + ".count: a whole number from 1 to " + MAX_POINTS + ", not " + SweepParameter.clip(count.toString()));
        }
        JsonNode seed = r.path("seed");
        if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
            throw new SweepFileException(where + ".seed: a whole number (the same seed draws the same points)");
        }
        JsonNode ps = r.path("parameters");
        if (!ps.isObject() || ps.isEmpty()) {
            throw new SweepFileException(where + ".parameters: an object of parameter -> distribution, e.g. {\"learning_rate\": {\"log_uniform\": [0.001, 0.1]}}");
        }
        Map<SweepParameter, Distribution> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SweepParameter p = SweepParameter.named(e.getKey(), where + ".parameters");
            out.put(p, distribution(p, e.getValue(), where + ".parameters." + e.getKey()));
        }
        return new RandomSample(count.asInt(), seed.asLong(), out);
    }

    private static Distribution distribution(SweepParameter p, JsonNode d, String where) {
        if (!d.isObject() || d.size() != 1) {
            throw new SweepFileException(where + ": one of {\"uniform\": [a, b]}, {\"log_uniform\": [a, b]}, {\"int\": [a, b]}, {\"choice\": [v, ...]}");
        }
        String kind = d.fieldNames().next();
        JsonNode args = d.get(kind);
        String at = where + "." + kind;
        if (kind.equals("choice")) {
            if (!args.isArray() || args.isEmpty() || args.size() > MAX_VALUES) {
                throw new SweepFileException(at + ": a list of 1 to " + MAX_VALUES + " values");
            }
            List<String> choices = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                choices.add(p.read(args.get(i), at + "[" + i + "]"));
            }
            return new Distribution(kind, 0, 0, choices);
        }
        if (!List.of("uniform", "log_uniform", "int").contains(kind)) {
            throw new SweepFileException(where + ": unknown distribution \"" + SweepParameter.clip(kind) + "\"; use uniform, log_uniform, int or choice");
        }
        if (!p.numeric()) {
            throw new SweepFileException(at + ": " + p.key() + " is not a number; draw it with {\"choice\": [...]}");
        }
        if (!args.isArray() || args.size() != 2) {
            throw new SweepFileException(at + ": [low, high]");
        }
        p.read(args.get(0), at + "[0]"); // both ends must be valid values of the parameter
        p.read(args.get(1), at + "[1]");
        double low = args.get(0).asDouble();
        double high = args.get(1).asDouble();
        if (!(low <= high)) {
            throw new SweepFileException(at + ": low (" + low + ") is above high (" + high + ")");
        }
        if (kind.equals("log_uniform") && !(low > 0)) {
            throw new SweepFileException(at + ": log_uniform needs low above 0");
        }
        if (kind.equals("int") && (!args.get(0).isIntegralNumber() || !args.get(1).isIntegralNumber())) {
            throw new SweepFileException(at + ": int takes two whole numbers");
        }
        return new Distribution(kind, low, high, List.of());
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new SweepFileException(where + "unknown key \"" + SweepParameter.clip(k) + "\"; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonNode v, String where, int max) {
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max || v.asText().chars().anyMatch(Character::isISOControl)) {
            throw new SweepFileException(where + ": a text of 1 to " + max + " characters without control characters");
        }
        return v.asText();
    }
}
