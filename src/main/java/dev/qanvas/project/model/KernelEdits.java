package dev.qanvas.project.model;

import dev.qanvas.nn.kernel.KernelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One setting of a kernel model (the {@code "kernel"} section's keys, docs/kernels.md) changed
 * from the text a form field holds: the Model workspace's edits of a kernel project, headless.
 * {@link KernelSpec} checks every value; this class parses the text and keeps the fields that go
 * together consistent (switching features to {@code pca} brings its components, a built-in map
 * drops a custom circuit and paulis that only a Pauli map takes).
 */
public final class KernelEdits {

    /** The keys {@link #apply} takes, by pipeline stage. */
    public static final List<String> FEATURE_KEYS = List.of("features", "components", "run", "angles", "trainPerClass", "testPerClass");
    public static final List<String> MAP_KEYS = List.of("map", "paulis", "reps", "entanglement", "kind", "gamma", "shots");
    public static final List<String> SVM_KEYS = List.of("c", "classWeights", "folds", "seed");
    public static final List<String> FOREST_KEYS = List.of("trees");

    private KernelEdits() {
    }

    /** The text a form field shows for {@code key}: {@code ""} for an absent optional value. */
    public static String text(KernelSpec k, String key) {
        Object v = switch (key) {
            case "features" -> k.features();
            case "components" -> k.components();
            case "run" -> k.run();
            case "angles" -> k.angles();
            case "map" -> k.map();
            case "paulis" -> k.paulis() == null ? null : String.join(", ", k.paulis());
            case "reps" -> k.reps();
            case "entanglement" -> k.entanglement();
            case "kind" -> k.kind();
            case "gamma" -> KernelPipeline.number(k.gamma());
            case "shots" -> k.shots();
            case "c" -> KernelPipeline.number(k.c());
            case "classWeights" -> k.classWeights() == null ? null : KernelPipeline.weights(k);
            case "trees" -> k.trees();
            case "folds" -> k.folds();
            case "seed" -> k.seed();
            case "trainPerClass" -> k.trainPerClass();
            case "testPerClass" -> k.testPerClass();
            default -> throw new IllegalArgumentException("no kernel setting " + key);
        };
        return v == null ? "" : v.toString();
    }

    /**
     * {@code k} with setting {@code key} read from {@code text}.
     *
     * @throws IllegalArgumentException with a message for the user (the field's rule) when the text is not a valid value
     */
    public static KernelSpec apply(KernelSpec k, String key, String text) {
        String t = text == null ? "" : text.trim();
        Object[] c = components(k);
        switch (key) {
            case "features" -> {
                String f = t.toLowerCase(Locale.ROOT);
                c[0] = f;
                c[1] = f.equals("pca") ? (k.components() != null ? k.components() : Integer.valueOf(8)) : null;
                if (f.equals("activations") && k.run() == null) {
                    throw new IllegalArgumentException("features \"activations\" read a trained run: type its folder in Run first");
                }
                c[2] = f.equals("activations") ? k.run() : null;
            }
            case "components" -> c[1] = whole("components", t);
            case "run" -> {
                // naming a run is choosing its activations as the features; an empty run goes back to PCA
                c[0] = t.isEmpty() ? "pca" : "activations";
                c[1] = t.isEmpty() ? Integer.valueOf(8) : null;
                c[2] = t.isEmpty() ? null : t;
            }
            case "angles" -> c[3] = Boolean.parseBoolean(t);
            case "map" -> {
                String m = t.toLowerCase(Locale.ROOT);
                if (m.equals(KernelSpec.CUSTOM)) {
                    if (k.circuit() == null) {
                        throw new IllegalArgumentException("a custom feature map is made by editing the map in the Circuit workspace");
                    }
                    return k;
                }
                c[4] = m;
                c[5] = m.equals("pauli") ? k.paulis() : null;
                c[18] = null;
            }
            case "paulis" -> {
                if (!k.map().equals("pauli")) {
                    throw new IllegalArgumentException("Pauli strings apply to the Pauli feature map");
                }
                c[5] = t.isEmpty() ? null : Arrays.stream(t.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
            }
            case "reps" -> c[6] = whole("reps", t);
            case "entanglement" -> c[7] = t;
            case "kind" -> c[8] = t;
            case "gamma" -> c[9] = decimal("gamma", t);
            case "shots" -> c[10] = whole("shots", t);
            case "c" -> c[11] = decimal("C", t);
            case "trees" -> c[12] = whole("trees", t);
            case "folds" -> c[13] = whole("folds", t);
            case "seed" -> {
                try {
                    c[14] = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the seed is a whole number, not '" + shortText(t) + "'");
                }
            }
            case "trainPerClass" -> c[15] = whole("training points per class", t);
            case "testPerClass" -> c[16] = whole("test points per class", t);
            case "classWeights" -> {
                if (t.isEmpty() || t.equalsIgnoreCase("equal")) {
                    c[17] = null;
                } else {
                    List<Double> weights = new ArrayList<>();
                    for (String part : t.split("[,\\s]+")) {
                        if (!part.isEmpty()) {
                            weights.add(decimal("a class weight", part));
                        }
                    }
                    c[17] = weights;
                }
            }
            default -> throw new IllegalArgumentException("no kernel setting " + key);
        }
        return build(c);
    }

    @SuppressWarnings("unchecked")
    private static KernelSpec build(Object[] c) {
        return new KernelSpec((String) c[0], (Integer) c[1], (String) c[2], (Boolean) c[3], (String) c[4], (List<String>) c[5],
                (Integer) c[6], (String) c[7], (String) c[8], (Double) c[9], (Integer) c[10], (Double) c[11], (Integer) c[12],
                (Integer) c[13], (Long) c[14], (Integer) c[15], (Integer) c[16], (List<Double>) c[17],
                (dev.qanvas.quantum.Circuit) c[18]);
    }

    private static Object[] components(KernelSpec k) {
        return new Object[] {k.features(), k.components(), k.run(), k.angles(), k.map(), k.paulis(), k.reps(), k.entanglement(),
                k.kind(), k.gamma(), k.shots(), k.c(), k.trees(), k.folds(), k.seed(), k.trainPerClass(), k.testPerClass(),
                k.classWeights(), k.circuit()};
    }

    private static Integer whole(String name, String t) {
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is a whole number, not '" + shortText(t) + "'");
        }
    }

    private static Double decimal(String name, String t) {
        try {
            if (!t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                throw new NumberFormatException(); // plain decimals only: no 1d, 0x1p3, NaN
            }
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is a number such as 1 or 0.5, not '" + shortText(t) + "'");
        }
    }

    private static String shortText(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : s;
    }
}
