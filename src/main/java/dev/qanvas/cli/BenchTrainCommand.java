package dev.qanvas.cli;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.ClassicalTwin;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.Samples;
import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training speed, measured side by side in one run: one training step (batch 32) of the MNIST CNN
 * sample with its 4-qubit head, of the same network with the head swapped for its classical twin,
 * and quanvolution patch circuits per second (forward, and forward plus backward).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Measure training step times (CNN with and without the quantum head) and quanvolution throughput.")
final class BenchTrainCommand implements Callable<Integer> {

    @Option(names = "--repeats", defaultValue = "31", description = "Measurements per item (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        NumericEngine.start();
        Project sample = Samples.load("mnist-cnn-quantum-head.qanvas");
        Dataset mnist = PreparedData.load(sample.dataset(), sample.transforms()).data(); // MNIST, as the sample's model sees it
        int[] first = new int[32];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        DataSet batch = new DataSet(DataArrays.features(mnist.train(), first, true), DataArrays.labels(mnist.train(), first, 10));
        ModelGraph hybrid = sample.model();
        ModelGraph classical = ClassicalTwin.swap(hybrid, "quantum");
        TrainingSettings settings = sample.training();
        ComputationGraph a = GraphCompiler.compile(classical, settings);
        ComputationGraph b = GraphCompiler.compile(hybrid, settings);
        // The two steps alternate (and swap which goes first each round), so a change in the
        // machine's load falls on both alike: measured one block after the other on a shared
        // machine, the ratio moved by +-30% from run to run (docs/benchmarks.md).
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        for (int k = 0; k < 3 || System.nanoTime() < warmEnd; k++) {
            a.fit(batch);
            b.fit(batch);
        }
        int rounds = Math.max(1, repeats);
        double[] classicalSteps = new double[rounds], hybridSteps = new double[rounds], ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            boolean classicalFirst = i % 2 == 0;
            double one = stepMillis(classicalFirst ? a : b, batch), other = stepMillis(classicalFirst ? b : a, batch);
            classicalSteps[i] = classicalFirst ? one : other;
            hybridSteps[i] = classicalFirst ? other : one;
            ratios[i] = hybridSteps[i] / classicalSteps[i];
        }
        double classicalMs = median(classicalSteps), hybridMs = median(hybridSteps);
        System.out.printf("training step, batch 32, MNIST CNN sample (%d rounds, the two steps alternating):%n", rounds);
        System.out.printf("  with the classical twin (%s)   %8.2f ms%n", classical.node("quantum").orElseThrow().spec().describe(), classicalMs);
        System.out.printf("  with the 4-qubit quantum head             %8.2f ms  (%+.0f%% of the medians; median of the rounds' ratios %+.0f%%; target <= +15%%)%n",
                hybridMs, 100 * (hybridMs / classicalMs - 1), 100 * (median(ratios) - 1));

        quanvolution(repeats);
        return 0;
    }

    /**
     * Quanvolution patch circuits per second (the MNIST quanvolution sample's filter, one batch of
     * 32 digits): forward on all cores and on one thread, forward plus backward. Shared by
     * {@code bench train} and {@code bench quantum}.
     */
    static void quanvolution(int repeats) {
        Project quanv;
        try {
            quanv = Samples.load("mnist-quanvolution.qanvas");
        } catch (dev.qanvas.project.ProjectFileException e) {
            throw new IllegalStateException("the bundled quanvolution sample does not load: " + e.getMessage(), e);
        }
        Circuit filter = ((Quanvolution) quanv.model().node("quanv").orElseThrow().spec()).patchCircuit();
        int patches = 32 * 196; // one batch of 32 digits, 14 x 14 patches each
        double[][] x = new double[patches][4];
        Random random = new Random(1);
        for (double[] p : x) {
            for (int i = 0; i < 4; i++) {
                p[i] = random.nextDouble();
            }
        }
        List<PauliString> z = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            z.add(PauliString.z(q));
        }
        double[][] up = new double[patches][4];
        for (double[] row : up) {
            java.util.Arrays.fill(row, 0.25);
        }
        long warmEnd2 = System.nanoTime() + 1_000_000_000L; // the chunked passes need more than medianMillis's half second of JIT
        while (System.nanoTime() < warmEnd2) {
            BatchSimulator.expectations(filter, x, new double[0], z);
            BatchSimulator.adjoint(filter, x, new double[0], z, up);
        }
        double forward = BenchCommand.medianMillis(repeats, () -> BatchSimulator.expectations(filter, x, new double[0], z));
        double oneThread = BenchCommand.medianMillis(repeats, () -> BatchSimulator.expectations(filter, x, new double[0], z, 1));
        double both = BenchCommand.medianMillis(repeats, () -> BatchSimulator.adjoint(filter, x, new double[0], z, up));
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("quanvolution patch circuits (4 qubits, %d gates), %d patches per call, %d cores:%n", filter.size(), patches, cores);
        System.out.printf("  forward            %10.3g /s  = %.3g per core (target >= 3e6 per core: %.2fx)%n",
                patches / (forward / 1000), patches / (forward / 1000) / cores, patches / (forward / 1000) / cores / 3e6);
        System.out.printf("  forward, one thread %9.3g /s  (target >= 3e6: %.2fx)%n", patches / (oneThread / 1000), patches / (oneThread / 1000) / 3e6);
        System.out.printf("  forward + backward %10.3g /s  = %.3g per core%n", patches / (both / 1000), patches / (both / 1000) / cores);
    }

    private static double stepMillis(ComputationGraph g, DataSet batch) {
        long t0 = System.nanoTime();
        g.fit(batch);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
