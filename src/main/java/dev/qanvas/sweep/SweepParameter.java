package dev.qanvas.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qanvas.data.LabelNoise;
import dev.qanvas.data.Transform;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.SeededStart;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a sweep may vary, the one place that knows each parameter: its name in sweep files and
 * results.csv, how a value is read and checked (to its canonical text, the form stored in
 * points.json and results.csv), whether it can be drawn from a range, and how it changes a
 * project. Parameters apply in this enum's order: data transforms first, then training settings,
 * and {@link #SEED} last, because seeding also redraws the circuits' initial weights.
 */
public enum SweepParameter {

    /** Keeps only these classes of the dataset, relabelled 0..k-1: replaces the project's class subset. Text: "3 5". */
    CLASS_SUBSET("class_subset", false) {
        @Override
        String read(JsonNode v, String where) {
            if (!v.isArray() || v.isEmpty() || v.size() > dev.qanvas.data.Limits.MAX_CLASSES) {
                throw new SweepFileException(where + ": a class subset is a list of 1 to " + dev.qanvas.data.Limits.MAX_CLASSES
                        + " class numbers, e.g. [3, 5]");
            }
            List<String> classes = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                classes.add(Long.toString(whole(v.get(i), where + "[" + i + "]", 0, dev.qanvas.data.Limits.MAX_CLASSES - 1)));
            }
            return String.join(" ", classes);
        }

        @Override
        Project apply(Project p, String value) {
            List<Integer> classes = Arrays.stream(value.split(" ")).map(Integer::valueOf).toList();
            return p.withTransforms(p.transforms().with(Transform.ClassSubset.class, new Transform.ClassSubset(classes)));
        }
    },
    /** Symmetric label noise at this rate (0..1) on the training split: replaces the rate of the project's label noise, or adds symmetric noise. */
    LABEL_NOISE("label_noise", true) {
        @Override
        String read(JsonNode v, String where) {
            return decimal(v, where, 0, 1, true);
        }

        @Override
        Project apply(Project p, String value) {
            double rate = Double.parseDouble(value);
            Optional<LabelNoise> had = p.transforms().find(LabelNoise.class);
            LabelNoise noise = had.map(n -> new LabelNoise(n.kind(), rate, n.pairs(), n.seed()))
                    .orElseGet(() -> LabelNoise.symmetric(rate, LABEL_NOISE_SEED));
            return p.withTransforms(p.transforms().with(LabelNoise.class, rate == 0 ? null : noise));
        }
    },
    LEARNING_RATE("learning_rate", true) {
        @Override
        String read(JsonNode v, String where) {
            return decimal(v, where, 0, 10, false);
        }

        @Override
        Project apply(Project p, String value) {
            return p.withTraining(p.training().withLearningRate(Double.parseDouble(value)));
        }
    },
    BATCH_SIZE("batch_size", true) {
        @Override
        String read(JsonNode v, String where) {
            return Long.toString(whole(v, where, 1, 1 << 16));
        }

        @Override
        Project apply(Project p, String value) {
            return p.withTraining(p.training().withBatchSize(Integer.parseInt(value)));
        }
    },
    EPOCHS("epochs", true) {
        @Override
        String read(JsonNode v, String where) {
            return Long.toString(whole(v, where, 1, 10_000));
        }

        @Override
        Project apply(Project p, String value) {
            return p.isKernel() ? p : p.withTraining(p.training().withEpochs(Integer.parseInt(value)));
        }
    },
    /** ADAM, SGD_MOMENTUM or RMSPROP (case ignored). */
    OPTIMIZER("optimizer", false) {
        @Override
        String read(JsonNode v, String where) {
            String name = v.isTextual() ? v.asText().toUpperCase(Locale.ROOT) : "";
            if (Arrays.stream(TrainingSettings.Optimizer.values()).noneMatch(o -> o.name().equals(name))) {
                throw new SweepFileException(where + ": an optimizer is one of " + Arrays.toString(TrainingSettings.Optimizer.values())
                        + ", not " + v);
            }
            return name;
        }

        @Override
        Project apply(Project p, String value) {
            return p.withTraining(p.training().withOptimizer(TrainingSettings.Optimizer.valueOf(value)));
        }
    },
    /** Initialises from this seed as {@code qanvas train --seed} does ({@link SeededStart}); a kernel project: the kernel's seed. */
    SEED("seed", true) {
        @Override
        String read(JsonNode v, String where) {
            return Long.toString(whole(v, where, 0, Long.MAX_VALUE / 2));
        }

        @Override
        Project apply(Project p, String value) {
            long seed = Long.parseLong(value);
            return p.isKernel() ? p.withKernel(p.kernel().withSeed(seed)) : SeededStart.of(p, seed);
        }
    };

    /** The seed of the symmetric label noise a sweep adds to a project that has none (fixed, so seeds vary the initialisation only). */
    public static final long LABEL_NOISE_SEED = 1;

    private final String key;
    private final boolean numeric;

    SweepParameter(String key, boolean numeric) {
        this.key = key;
        this.numeric = numeric;
    }

    /** The name in sweep files, points.json and results.csv. */
    public String key() {
        return key;
    }

    /** Whether values are numbers, so a random sample may draw them from a range. */
    public boolean numeric() {
        return numeric;
    }

    /** The value at {@code v} as canonical text; {@code where} names the place in the sweep file for errors. */
    abstract String read(JsonNode v, String where);

    /** The project with this parameter set to {@code value} (canonical text). */
    abstract Project apply(Project p, String value);

    /** The parameter of this name, or an error listing the names. */
    static SweepParameter named(String key, String where) {
        for (SweepParameter p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new SweepFileException(where + ": unknown parameter \"" + clip(key) + "\"; a sweep varies "
                + String.join(", ", Arrays.stream(values()).map(SweepParameter::key).toList()));
    }

    /** A number given as text at its shortest ("0.01", "16"). */
    static String canonical(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String decimal(JsonNode v, String where, double low, double high, boolean lowIncluded) {
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() > high || v.asDouble() < low
                || (!lowIncluded && v.asDouble() == low)) {
            throw new SweepFileException(where + ": a number " + (lowIncluded ? "from " : "above ") + canonical(low) + " to "
                    + canonical(high) + ", not " + clip(v.toString()));
        }
        return canonical(v.asDouble());
    }

    private static long whole(JsonNode v, String where, long low, long high) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < low || v.asLong() > high) {
            throw new SweepFileException(where + ": a whole number from " + low + " to " + high + ", not " + clip(v.toString()));
        }
        return v.asLong();
    }

    /** At most 40 characters of a user's text in a message. */
    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
