package dev.qanvas.sweep;

import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.project.KernelRun;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFileException;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunSession;
import dev.qanvas.project.Samples;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A sweep file expanded into its points, in a fixed order: variant by variant, then the grid's
 * combinations (the last parameter varying fastest), then the random draws. The random draws are
 * made once from the random section's seed and shared by every variant and grid combination, so
 * variants are compared at the same hyperparameters. The same file always expands to the same points.
 *
 * @param parameters every parameter any point sets, in {@link SweepParameter} order (results.csv's columns)
 */
public record SweepPlan(String name, List<String> parameters, List<SweepPoint> points) {

    public SweepPlan {
        parameters = List.copyOf(parameters);
        points = List.copyOf(points);
    }

    /** Expands {@code file}; variants' {@code project} paths are taken relative to {@code sweepFileDir}. */
    public static SweepPlan expand(SweepFile file, Path sweepFileDir) {
        List<Map<SweepParameter, String>> draws = draws(file.random());
        Set<SweepParameter> used = EnumSet.noneOf(SweepParameter.class);
        List<SweepPoint> points = new ArrayList<>();
        for (int vi = 0; vi < file.variants().size(); vi++) {
            SweepFile.Variant v = file.variants().get(vi);
            Project base = load(v, sweepFileDir, "variants[" + vi + "]");
            Map<SweepParameter, List<String>> grid = SweepFile.merged(file.grid(), v.grid());
            used.addAll(grid.keySet());
            if (file.random() != null) {
                used.addAll(file.random().parameters().keySet());
            }
            for (Map<SweepParameter, String> combination : combinations(grid)) {
                for (Map<SweepParameter, String> draw : draws) {
                    Map<SweepParameter, String> values = new EnumMap<>(SweepParameter.class);
                    values.putAll(combination);
                    values.putAll(draw);
                    String id = SweepPoint.idOf(points.size() + 1);
                    points.add(point(id, v.name(), base, values));
                }
            }
        }
        return new SweepPlan(file.name(), used.stream().map(SweepParameter::key).toList(), points);
    }

    /** The point with {@code values} applied to {@code base}, in application order; a value the project refuses fails here, named. */
    static SweepPoint point(String id, String variant, Project base, Map<SweepParameter, String> values) {
        Project p = base;
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<SweepParameter, String> e : values.entrySet()) {
            try {
                p = e.getKey().apply(p, e.getValue());
            } catch (IllegalArgumentException | IllegalStateException | NullPointerException ex) {
                throw new SweepFileException("variant " + variant + ", " + e.getKey().key() + " = " + e.getValue() + ": " + ex.getMessage(), ex);
            }
            params.put(e.getKey().key(), e.getValue());
        }
        return new SweepPoint(id, variant, params, ProjectFiles.toJson(p));
    }

    /**
     * The variant's project: a file beside the sweep, or a shipped sample. The run folders it names
     * (a network's "initialise from run", a kernel's {@code kernel.run}) are made absolute, taken
     * beside the project file as when it is opened: a point runs in its own folder.
     */
    private static Project load(SweepFile.Variant v, Path dir, String where) {
        try {
            if (v.sample() != null) {
                return Samples.load(v.sample());
            }
            Path file = dir.resolve(v.project()).normalize();
            Project p = ProjectFiles.read(file);
            if (p.isKernel()) {
                KernelSpec k = p.kernel();
                return k.run() == null ? p : p.withKernel(k.withRun(KernelRun.runFolder(k, file).toAbsolutePath().normalize().toString()));
            }
            return p.withTraining(RunSession.resolved(p.training(), file));
        } catch (ProjectFileException e) {
            throw new SweepFileException(where + " (" + v.name() + "): " + e.getMessage(), e);
        }
    }

    /** Every combination of the grid's values, the last parameter varying fastest (one empty combination for an empty grid). */
    static List<Map<SweepParameter, String>> combinations(Map<SweepParameter, List<String>> grid) {
        List<Map<SweepParameter, String>> out = new ArrayList<>();
        out.add(new EnumMap<>(SweepParameter.class));
        for (Map.Entry<SweepParameter, List<String>> e : grid.entrySet()) {
            List<Map<SweepParameter, String>> next = new ArrayList<>();
            for (Map<SweepParameter, String> partial : out) {
                for (String value : e.getValue()) {
                    Map<SweepParameter, String> m = new EnumMap<>(partial);
                    m.put(e.getKey(), value);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The random sample's draws (one empty draw without a random section), from its seed. */
    static List<Map<SweepParameter, String>> draws(SweepFile.RandomSample random) {
        List<Map<SweepParameter, String>> out = new ArrayList<>();
        if (random == null) {
            out.add(new EnumMap<>(SweepParameter.class));
            return out;
        }
        Random r = new Random(random.seed());
        for (int i = 0; i < random.count(); i++) {
            Map<SweepParameter, String> draw = new EnumMap<>(SweepParameter.class);
            for (Map.Entry<SweepParameter, SweepFile.Distribution> e : random.parameters().entrySet()) {
                draw.put(e.getKey(), draw(e.getValue(), r));
            }
            out.add(draw);
        }
        return out;
    }

    private static String draw(SweepFile.Distribution d, Random r) {
        return switch (d.kind()) {
            case "choice" -> d.choices().get(r.nextInt(d.choices().size()));
            case "int" -> Long.toString((long) d.low() + (long) Math.floor(r.nextDouble() * ((long) d.high() - (long) d.low() + 1)));
            case "uniform" -> fourDigits(d.low() + r.nextDouble() * (d.high() - d.low()), d);
            case "log_uniform" -> fourDigits(Math.exp(Math.log(d.low()) + r.nextDouble() * (Math.log(d.high()) - Math.log(d.low()))), d);
            default -> throw new IllegalStateException(d.kind());
        };
    }

    /** A drawn number rounded to 4 significant digits, kept inside the range. */
    private static String fourDigits(double x, SweepFile.Distribution d) {
        double rounded = new BigDecimal(x).round(new MathContext(4)).doubleValue();
        return SweepParameter.canonical(Math.min(d.high(), Math.max(d.low(), rounded)));
    }
}
