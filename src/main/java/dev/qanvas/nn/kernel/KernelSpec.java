package dev.qanvas.nn.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.FeatureMaps;
import dev.qanvas.quantum.QuantumKernel;
import java.util.List;
import java.util.Locale;

/**
 * A kernel model, the {@code "kernel"} section of a project file (issue 17): what a project trains
 * instead of a network. Which features ({@code pixels} after the project's transforms, the first
 * {@code components} principal components of them ({@code pca}), or the penultimate activations of
 * a trained run ({@code activations}, {@code run} = its folder, relative to the project file)),
 * whether they are scaled to [0, pi] on the training range ({@code angles}), the feature map
 * ({@code map} z | zz | pauli with {@code paulis}, {@code reps}, {@code entanglement}: built by
 * {@link FeatureMaps}, one qubit per feature), the kernel ({@code kind} fidelity | projected,
 * {@code gamma}, {@code shots}), the SVM's {@code c}, the forest's {@code trees}, cross-validation
 * {@code folds} and {@code seed}, and the per-class subsample of each split ({@code trainPerClass},
 * {@code testPerClass}): a Gram matrix grows as N^2. {@code classWeights} (one per class, in label
 * order; absent = all 1) multiply the SVMs' C per class (LIBSVM's {@code weight}); {@code map}
 * {@code custom} takes its feature map from {@code circuit}, any circuit reading x[0..] (what the
 * Circuit workspace writes back when a built-in map is edited there).
 *
 * <p>Absent fields take {@link #defaults()}' values; every field is checked here, so a hostile file
 * fails with the field named (the project reader adds line and column). Text values are stored in
 * lower case.
 */
public record KernelSpec(String features, Integer components, String run, Boolean angles, String map, List<String> paulis,
                         Integer reps, String entanglement, String kind, Double gamma, Integer shots, Double c, Integer trees,
                         Integer folds, Long seed, Integer trainPerClass, Integer testPerClass,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> classWeights,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Circuit circuit) {

    /** Most qubits (features after PCA): the states of the pool are held at once, 16 x 2^n bytes a point. */
    public static final int MAX_QUBITS = 16;
    /** Most points of one class in a split; the pool as a whole is checked by {@link #checkPool}. */
    public static final int MAX_PER_CLASS = 2_500;
    /** Most points in the pool (training + test): the Gram matrix of 5,000 is 200 MB, LIBSVM's copy ~800 MB. */
    public static final int MAX_POOL = 5_000;
    public static final int MAX_REPS = 20;
    public static final int MAX_SHOTS = 1_000_000;
    public static final int MAX_TREES = 1_000;
    public static final int MAX_FOLDS = 20;
    public static final int MAX_PAULIS = 8;
    public static final List<String> FEATURES = List.of("pixels", "pca", "activations");
    public static final List<String> MAPS = List.of("z", "zz", "pauli");
    /** {@link #MAPS} and {@code custom}: a circuit of the user's ({@link #circuit()}). */
    public static final String CUSTOM = "custom";
    /** Most classes with a weight (a list longer than this is a hostile file, not a dataset). */
    public static final int MAX_CLASS_WEIGHTS = 1_000;

    /** Without class weights or a custom circuit (the fields the first kernel projects had). */
    public KernelSpec(String features, Integer components, String run, Boolean angles, String map, List<String> paulis,
                      Integer reps, String entanglement, String kind, Double gamma, Integer shots, Double c, Integer trees,
                      Integer folds, Long seed, Integer trainPerClass, Integer testPerClass) {
        this(features, components, run, angles, map, paulis, reps, entanglement, kind, gamma, shots, c, trees, folds, seed,
                trainPerClass, testPerClass, null, null);
    }

    @JsonCreator
    public KernelSpec {
        features = choice("features", features, "pca", FEATURES);
        if (components != null && (components < 1 || components > MAX_QUBITS)) {
            throw new IllegalArgumentException("kernel.components must be 1.." + MAX_QUBITS + " (one qubit each), not " + components);
        }
        if (features.equals("pca") && components == null) {
            components = 8;
        }
        if (!features.equals("pca") && components != null) {
            throw new IllegalArgumentException("kernel.components applies to features \"pca\" only");
        }
        if (features.equals("activations") == (run == null || run.isBlank())) {
            throw new IllegalArgumentException(features.equals("activations")
                    ? "kernel.run (a run folder of this project, written by `qanvas train`) is required for features \"activations\""
                    : "kernel.run applies to features \"activations\" only");
        }
        if (run != null && (run.length() > 1_000 || run.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("kernel.run is not a usable folder name");
        }
        angles = angles == null ? Boolean.TRUE : angles;
        map = choice("map", map, "zz", java.util.stream.Stream.concat(MAPS.stream(), java.util.stream.Stream.of(CUSTOM)).toList());
        if (map.equals(CUSTOM) != (circuit != null)) {
            throw new IllegalArgumentException(map.equals(CUSTOM) ? "kernel.circuit (the feature-map circuit) is required for map \"custom\""
                    : "kernel.circuit applies to map \"custom\" only");
        }
        if (circuit != null) {
            if (circuit.qubits() > MAX_QUBITS) {
                throw new IllegalArgumentException("kernel.circuit has " + circuit.qubits() + " qubits; a feature map here has at most " + MAX_QUBITS);
            }
            if (circuit.inputCount() < 1) {
                throw new IllegalArgumentException("kernel.circuit reads no feature x[i]: every point would give the same state");
            }
        }
        if (paulis != null) {
            if (!map.equals("pauli")) {
                throw new IllegalArgumentException("kernel.paulis applies to map \"pauli\" only");
            }
            if (paulis.isEmpty() || paulis.size() > MAX_PAULIS) {
                throw new IllegalArgumentException("kernel.paulis holds 1.." + MAX_PAULIS + " Pauli strings, not " + paulis.size());
            }
            for (String p : paulis) {
                if (p == null || !p.matches("[IXYZixyz]{1," + MAX_QUBITS + "}")) {
                    throw new IllegalArgumentException("kernel.paulis: '" + shortText(p) + "' is not a Pauli string of I, X, Y, Z");
                }
            }
            paulis = paulis.stream().map(p -> p.toUpperCase(Locale.ROOT)).toList();
        }
        reps = reps == null ? 2 : reps;
        if (reps < 1 || reps > MAX_REPS) {
            throw new IllegalArgumentException("kernel.reps must be 1.." + MAX_REPS + ", not " + reps);
        }
        entanglement = choice("entanglement", entanglement, "linear", List.of("full", "linear", "circular"));
        kind = choice("kind", kind, "fidelity", List.of("fidelity", "projected"));
        gamma = gamma == null ? 1.0 : gamma;
        if (!(gamma > 0) || !Double.isFinite(gamma) || gamma > 1e6) {
            throw new IllegalArgumentException("kernel.gamma must be a positive number up to 1e6, not " + gamma);
        }
        shots = shots == null ? 0 : shots;
        if (shots < 0 || shots > MAX_SHOTS) {
            throw new IllegalArgumentException("kernel.shots must be 0 (exact) to " + MAX_SHOTS + ", not " + shots);
        }
        c = c == null ? 1.0 : c;
        if (!(c > 0) || !Double.isFinite(c) || c > 1e6) {
            throw new IllegalArgumentException("kernel.c (the SVM's C) must be a positive number up to 1e6, not " + c);
        }
        trees = trees == null ? 100 : trees;
        if (trees < 1 || trees > MAX_TREES) {
            throw new IllegalArgumentException("kernel.trees must be 1.." + MAX_TREES + ", not " + trees);
        }
        folds = folds == null ? 5 : folds;
        if (folds < 2 || folds > MAX_FOLDS) {
            throw new IllegalArgumentException("kernel.folds must be 2.." + MAX_FOLDS + ", not " + folds);
        }
        seed = seed == null ? 42L : seed;
        trainPerClass = trainPerClass == null ? 200 : trainPerClass;
        if (trainPerClass < 1 || trainPerClass > MAX_PER_CLASS) {
            throw new IllegalArgumentException("kernel.trainPerClass must be 1.." + MAX_PER_CLASS + ", not " + trainPerClass);
        }
        testPerClass = testPerClass == null ? 100 : testPerClass;
        if (testPerClass < 0 || testPerClass > MAX_PER_CLASS) {
            throw new IllegalArgumentException("kernel.testPerClass must be 0.." + MAX_PER_CLASS + ", not " + testPerClass);
        }
        if (classWeights != null) {
            if (classWeights.isEmpty() || classWeights.size() > MAX_CLASS_WEIGHTS) {
                throw new IllegalArgumentException("kernel.classWeights holds one weight per class (1.." + MAX_CLASS_WEIGHTS + "), not "
                        + classWeights.size());
            }
            for (Double w : classWeights) {
                if (w == null || !(w > 0) || !Double.isFinite(w) || w > 1e6) {
                    throw new IllegalArgumentException("kernel.classWeights must be positive numbers up to 1e6, not " + w);
                }
            }
            classWeights = List.copyOf(classWeights);
        }
    }

    /**
     * PCA 8 -> ZZ map, reps 2, linear entanglement, exact fidelity kernel, C = 1, 100 trees, five
     * folds, seed 42, 200 training and 100 test points per class.
     */
    public static KernelSpec defaults() {
        return new KernelSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The same kernel with another seed (subsample, folds, forest, shot noise). */
    public KernelSpec withSeed(long newSeed) {
        return new KernelSpec(features, components, run, angles, map, paulis, reps, entanglement, kind, gamma, shots, c, trees, folds, newSeed,
                trainPerClass, testPerClass, classWeights, circuit);
    }

    /** The same kernel with the SVM's C. */
    public KernelSpec withC(double newC) {
        return new KernelSpec(features, components, run, angles, map, paulis, reps, entanglement, kind, gamma, shots, newC, trees, folds, seed,
                trainPerClass, testPerClass, classWeights, circuit);
    }

    /** The same kernel with these class weights (null: all 1). */
    public KernelSpec withClassWeights(List<Double> weights) {
        return new KernelSpec(features, components, run, angles, map, paulis, reps, entanglement, kind, gamma, shots, c, trees, folds, seed,
                trainPerClass, testPerClass, weights, circuit);
    }

    /** The same kernel with {@code kernel.run} naming another folder (the same run, made absolute). */
    public KernelSpec withRun(String newRun) {
        return new KernelSpec(features, components, newRun, angles, map, paulis, reps, entanglement, kind, gamma, shots, c, trees, folds,
                seed, trainPerClass, testPerClass, classWeights, circuit);
    }

    /** The same kernel with this features stage ({@code components} for pca only, {@code run} for activations only). */
    public KernelSpec withFeatures(String newFeatures, Integer newComponents, String newRun, boolean newAngles) {
        return new KernelSpec(newFeatures, newComponents, newRun, newAngles, map, paulis, reps, entanglement, kind, gamma, shots, c, trees, folds,
                seed, trainPerClass, testPerClass, classWeights, circuit);
    }

    /**
     * The same kernel with a built-in feature map ({@code paulis} for pauli only) and kernel settings;
     * a custom circuit is dropped.
     */
    public KernelSpec withMap(String newMap, List<String> newPaulis, int newReps, String newEntanglement, String newKind, double newGamma,
                              int newShots) {
        return new KernelSpec(features, components, run, angles, newMap, newPaulis, newReps, newEntanglement, newKind, newGamma, newShots, c,
                trees, folds, seed, trainPerClass, testPerClass, classWeights, null);
    }

    /** The same kernel with {@code custom} as its feature map. */
    public KernelSpec withCustomMap(Circuit custom) {
        return new KernelSpec(features, components, run, angles, CUSTOM, null, reps, entanglement, kind, gamma, shots, c, trees, folds, seed,
                trainPerClass, testPerClass, classWeights, custom);
    }

    /** The same kernel with the forest's size, folds and per-class subsample. */
    public KernelSpec withEvaluation(int newTrees, int newFolds, int newTrainPerClass, int newTestPerClass) {
        return new KernelSpec(features, components, run, angles, map, paulis, reps, entanglement, kind, gamma, shots, c, newTrees, newFolds,
                seed, newTrainPerClass, newTestPerClass, classWeights, circuit);
    }

    /** The feature count known without reading data: pca's components; empty for pixels and activations. */
    public java.util.OptionalInt knownFeatures() {
        return features.equals("pca") ? java.util.OptionalInt.of(components) : java.util.OptionalInt.empty();
    }

    /** The class weights for {@code classes} classes (all 1 when none are set), checked against the count. */
    public double[] classWeightsFor(int classes) {
        double[] w = new double[classes];
        java.util.Arrays.fill(w, 1.0);
        if (classWeights != null) {
            if (classWeights.size() != classes) {
                throw new IllegalArgumentException("kernel.classWeights has " + classWeights.size() + " weights, but the data has " + classes
                        + " classes (one weight per class, in label order)");
            }
            for (int k = 0; k < classes; k++) {
                w[k] = classWeights.get(k);
            }
        }
        return w;
    }

    /** The feature map on {@code qubits} features, an ordinary circuit. */
    public Circuit featureMap(int qubits) {
        if (qubits < 1 || qubits > MAX_QUBITS) {
            throw new IllegalArgumentException("the kernel's features give " + qubits + " qubits; a feature map here has 1.." + MAX_QUBITS
                    + (features.equals("pca") ? "" : " (use features \"pca\" with components <= " + MAX_QUBITS + ")"));
        }
        if (circuit != null) {
            if (circuit.inputCount() > qubits) {
                throw new IllegalArgumentException("the custom feature map reads x[0.." + (circuit.inputCount() - 1) + "], but the features give "
                        + qubits + (qubits == 1 ? " value" : " values"));
            }
            return circuit;
        }
        FeatureMaps.Pattern pattern = FeatureMaps.Pattern.parse(entanglement);
        return switch (map) {
            case "z" -> FeatureMaps.z(qubits, reps);
            case "zz" -> FeatureMaps.zz(qubits, reps, pattern);
            default -> FeatureMaps.pauli(qubits, reps, pattern, paulis != null ? paulis : qubits == 1 ? List.of("Z") : List.of("Z", "ZZ"));
        };
    }

    public QuantumKernel.Options kernelOptions() {
        return new QuantumKernel.Options(kind.equals("projected") ? QuantumKernel.Kind.PROJECTED : QuantumKernel.Kind.FIDELITY, shots, gamma,
                seed);
    }

    /** The comparison's settings: this C, RBF gamma "scale", these trees, folds and seed (no class weights). */
    public KernelComparison.Settings comparison() {
        return new KernelComparison.Settings(c, Double.NaN, trees, folds, seed);
    }

    /** {@link #comparison()} with the class weights for {@code classes} classes. */
    public KernelComparison.Settings comparison(int classes) {
        return comparison().withClassWeights(classWeightsFor(classes));
    }

    /** The pool's size against {@link #MAX_POOL}, and enough training points of each class for the folds. */
    public static void checkPool(FeatureSplit split, int folds) {
        int pool = split.trainCount() + split.testRows().length;
        if (pool > MAX_POOL) {
            throw new IllegalArgumentException(pool + " points in the kernel's pool; at most " + MAX_POOL
                    + " (lower trainPerClass / testPerClass)");
        }
        if (split.trainCount() < folds) {
            throw new IllegalArgumentException(split.trainCount() + " training points for " + folds + " folds");
        }
    }

    /** "PCA 8 -> ZZ map (reps 2, linear), fidelity kernel, exact". */
    public String describe() {
        String f = switch (features) {
            case "pca" -> "PCA " + components;
            case "activations" -> "activations of " + run;
            default -> "pixels";
        };
        String m = switch (map) {
            case "z" -> "Z map (reps " + reps + ")";
            case "zz" -> "ZZ map (reps " + reps + ", " + entanglement + ")";
            case CUSTOM -> "custom map (" + circuit.qubits() + " qubits, " + circuit.size() + " gates)";
            default -> "Pauli map " + (paulis == null ? "Z,ZZ" : String.join(",", paulis)) + " (reps " + reps + ", " + entanglement + ")";
        };
        return f + " -> " + m + ", " + kind + " kernel" + (kind.equals("projected") ? " (gamma " + gamma + ")" : "") + ", "
                + (shots == 0 ? "exact" : shots + " shots");
    }

    private static String choice(String field, String value, String fallback, List<String> allowed) {
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("kernel." + field + " must be " + String.join(", ", allowed) + ", not '" + shortText(value) + "'");
        }
        return v;
    }

    private static String shortText(String s) {
        return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
