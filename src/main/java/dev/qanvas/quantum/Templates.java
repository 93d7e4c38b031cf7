package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Circuit templates as small functions over qubits, in the style of PennyLane's templates: each
 * returns the operations it expands into, so a template is editable gate by gate afterwards.
 * Trainable angles are {@link Angle.Weight}s named {@code prefix + index}; initial values come
 * from a seeded generator so a template is reproducible.
 */
public final class Templates {

    private Templates() {
    }

    /** One rotation per feature: {@code rotation(scale * x[i])} on qubit i, for i < features. */
    public static List<Operation> angleEmbedding(int features, Gate rotation, double scale) {
        requireRotation(rotation);
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            ops.add(Operation.of(rotation, new Angle.Input(i, scale), i));
        }
        return ops;
    }

    /**
     * Amplitude embedding: the features, padded with zeros to 2^n and normalised, as the
     * amplitudes of an n-qubit state. It prepares a state rather than applying gates.
     */
    public static StateVector amplitudeEmbedding(double[] features, int n) {
        if (features.length > 1 << n) {
            throw new IllegalArgumentException(features.length + " features do not fit in the 2^" + n + " amplitudes of " + n + " qubits");
        }
        double norm = 0;
        for (double f : features) {
            norm += f * f;
        }
        if (norm == 0 || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("amplitude embedding needs features with a non-zero, finite norm");
        }
        double[] re = new double[1 << n];
        for (int i = 0; i < features.length; i++) {
            re[i] = features[i] / Math.sqrt(norm);
        }
        return StateVector.of(re, new double[1 << n]);
    }

    /** PennyLane's BasicEntanglerLayers: per layer a trainable rotation on every qubit, then a ring of CNOTs. */
    public static List<Operation> basicEntanglerLayers(int n, int layers, Gate rotation, String prefix, long seed) {
        requireRotation(rotation);
        Random random = new Random(seed);
        List<Operation> ops = new ArrayList<>();
        int k = 0;
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(rotation, weight(prefix, k++, random), q));
            }
            ring(n, 1, ops);
        }
        return ops;
    }

    /**
     * PennyLane's StronglyEntanglingLayers: per layer a general rotation RZ RY RZ on every qubit
     * (3 weights each), then CNOTs from qubit i to i + r (mod n) with range r = (layer mod (n-1)) + 1.
     */
    public static List<Operation> stronglyEntanglingLayers(int n, int layers, String prefix, long seed) {
        Random random = new Random(seed);
        List<Operation> ops = new ArrayList<>();
        int k = 0;
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RZ, weight(prefix, k++, random), q));
                ops.add(Operation.of(Gate.RY, weight(prefix, k++, random), q));
                ops.add(Operation.of(Gate.RZ, weight(prefix, k++, random), q));
            }
            if (n > 1) {
                ring(n, l % (n - 1) + 1, ops);
            }
        }
        return ops;
    }

    /**
     * Data re-uploading (Pérez-Salinas et al. 2020): the features are encoded again in every
     * layer (RY(x[i]) on qubit i mod n), each time followed by trainable rotations and a CNOT chain.
     */
    public static List<Operation> dataReuploading(int n, int features, int layers, String prefix, long seed) {
        Random random = new Random(seed);
        List<Operation> ops = new ArrayList<>();
        int k = 0;
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < features; i++) {
                ops.add(Operation.of(Gate.RY, new Angle.Input(i), i % n));
            }
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, weight(prefix, k++, random), q));
                ops.add(Operation.of(Gate.RZ, weight(prefix, k++, random), q));
            }
            chain(n, ops);
        }
        return ops;
    }

    /** A QCNN convolution block on neighbouring pairs (2i, 2i+1) then (2i+1, 2i+2): RY on both, CNOT, RY on both. */
    public static List<Operation> qcnnConvolution(List<Integer> qubits, String prefix, long seed) {
        Random random = new Random(seed);
        List<Operation> ops = new ArrayList<>();
        int k = 0;
        for (int start = 0; start < 2; start++) {
            for (int i = start; i + 1 < qubits.size(); i += 2) {
                int a = qubits.get(i), b = qubits.get(i + 1);
                ops.add(Operation.of(Gate.RY, weight(prefix, k++, random), a));
                ops.add(Operation.of(Gate.RY, weight(prefix, k++, random), b));
                ops.add(Operation.cnot(a, b));
                ops.add(Operation.of(Gate.RY, weight(prefix, k++, random), a));
                ops.add(Operation.of(Gate.RY, weight(prefix, k++, random), b));
            }
        }
        return ops;
    }

    /**
     * A QCNN pooling block: every second qubit of {@code qubits} controls trainable rotations on
     * its neighbour and is then dropped; returns the operations, the kept qubits are every other one.
     */
    public static List<Operation> qcnnPooling(List<Integer> qubits, String prefix, long seed) {
        Random random = new Random(seed);
        List<Operation> ops = new ArrayList<>();
        int k = 0;
        for (int i = 0; i + 1 < qubits.size(); i += 2) {
            int sink = qubits.get(i), source = qubits.get(i + 1);
            ops.add(Operation.of(Gate.RZ, weight(prefix, k++, random), sink).controlledBy(source));
            ops.add(Operation.of(Gate.X, source));
            ops.add(Operation.of(Gate.RX, weight(prefix, k++, random), sink).controlledBy(source));
        }
        return ops;
    }

    /** A whole QCNN: convolution then pooling until one qubit is left; measure Z on qubit 0. */
    public static List<Operation> qcnn(int n, String prefix, long seed) {
        List<Operation> ops = new ArrayList<>();
        List<Integer> active = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            active.add(q);
        }
        int level = 0;
        while (active.size() > 1) {
            ops.addAll(qcnnConvolution(active, prefix + "c" + level + "_", seed + level));
            ops.addAll(qcnnPooling(active, prefix + "p" + level + "_", seed + 1000 + level));
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < active.size(); i += 2) {
                kept.add(active.get(i));
            }
            active = kept;
            level++;
        }
        return ops;
    }

    /**
     * The circuit of quantum transfer learning (Mari et al. 2020), as the seed describes it: a
     * rotation per feature (RY(x[i]) on qubit i), Hadamards on all qubits, a CNOT chain, then
     * {@code depth} trainable RY layers each followed by the CNOT chain. Measure Z on each qubit.
     */
    public static List<Operation> transferLearning(int n, int depth, String prefix, long seed) {
        Random random = new Random(seed);
        List<Operation> ops = new ArrayList<>(angleEmbedding(n, Gate.RY, 1.0));
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.H, q));
        }
        chain(n, ops);
        int k = 0;
        for (int d = 0; d < depth; d++) {
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, weight(prefix, k++, random), q));
            }
            chain(n, ops);
        }
        return ops;
    }

    /**
     * The quanvolution filter of Henderson et al. (2019) for a 2x2 patch: four pixels encoded as
     * RY(pi * x[i]) on four qubits, then a layer of {@code gates} random gates (random rotations
     * with constant angles and random CNOTs, from {@code seed}) or, when {@code trainable}, the
     * same layer with trainable angles. One output channel per qubit (measure Z on each).
     */
    public static List<Operation> quanvolutionFilter(int gates, boolean trainable, String prefix, long seed) {
        int n = 4;
        Random random = new Random(seed);
        List<Operation> ops = new ArrayList<>(angleEmbedding(n, Gate.RY, Math.PI));
        Gate[] rotations = {Gate.RX, Gate.RY, Gate.RZ};
        int k = 0;
        for (int g = 0; g < gates; g++) {
            if (random.nextDouble() < 0.3) {
                int a = random.nextInt(n);
                int b = (a + 1 + random.nextInt(n - 1)) % n;
                ops.add(Operation.cnot(a, b));
            } else {
                Gate r = rotations[random.nextInt(3)];
                double angle = random.nextDouble() * 2 * Math.PI;
                Angle source = trainable ? new Angle.Weight(prefix + k++, angle) : new Angle.Constant(angle);
                ops.add(Operation.of(r, source, random.nextInt(n)));
            }
        }
        return ops;
    }

    /** CNOTs i -> i+r (mod n) for every i: a ring when r = 1. */
    private static void ring(int n, int r, List<Operation> ops) {
        if (n == 2) {
            ops.add(Operation.cnot(0, 1));
            return;
        }
        for (int q = 0; q < n && n > 1; q++) {
            ops.add(Operation.cnot(q, (q + r) % n));
        }
    }

    /** CNOTs 0->1, 1->2, ..., (n-2)->(n-1). */
    private static void chain(int n, List<Operation> ops) {
        for (int q = 0; q + 1 < n; q++) {
            ops.add(Operation.cnot(q, q + 1));
        }
    }

    /** A weight with an initial value uniform in [0, 2 pi), as PennyLane initialises templates. */
    private static Angle weight(String prefix, int index, Random random) {
        return new Angle.Weight(prefix + index, random.nextDouble() * 2 * Math.PI);
    }

    private static void requireRotation(Gate g) {
        if (g != Gate.RX && g != Gate.RY && g != Gate.RZ) {
            throw new IllegalArgumentException("rotation must be RX, RY or RZ, not " + g);
        }
    }
}
