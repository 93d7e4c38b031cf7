package dev.qanvas.cli;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetException;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.Transform;
import dev.qanvas.nn.NumericEngine;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures what the data layer costs on this machine: reading each bundled dataset, the
 * transforms on MNIST, and starting the numeric engine. Prints medians over repeats; the
 * results are recorded in docs/benchmarks.md.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Measure dataset loading, transforms and engine start on this machine (medians).")
final class BenchCommand implements Callable<Integer> {

    /** {@code qanvas bench}: the parent of the benchmark commands. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure speed on this machine: `bench data`, `bench quantum` or `bench train`.",
            subcommands = {BenchCommand.class, BenchQuantumCommand.class, BenchTrainCommand.class})
    static final class Group implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(System.out);
            return 0;
        }
    }

    @Option(names = "--repeats", defaultValue = "7", description = "Measurements per item (default ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws DatasetException {
        System.out.printf("%-44s %10s %14s %12s%n", "what", "median ms", "images/s", "x baseline");
        for (DatasetSpec spec : Datasets.catalogue()) {
            Dataset[] last = new Dataset[1];
            double ms = median(() -> {
                try {
                    last[0] = Datasets.loadUncached(spec);
                } catch (DatasetException e) {
                    throw new IllegalStateException(e);
                }
                return last[0];
            });
            int images = last[0].train().size() + last[0].test().size();
            row("load " + spec.label(), ms, images);
        }
        Dataset mnist = Datasets.load(new DatasetSpec.Bundled("mnist"));
        int n = mnist.train().size() + mnist.test().size();
        // Baseline measured in the same run: just turning every stored byte into a float.
        double copy = median(() -> new float[][] {mnist.train().toFloatArray(), mnist.test().toFloatArray()});
        row("MNIST bytes -> floats (baseline)", copy, n);
        rowVs("MNIST resize 28x28 -> 14x14", median(() -> new Transform.Resize(14, 14).apply(mnist)), n, copy);
        rowVs("MNIST resize 28x28 -> 4x4", median(() -> new Transform.Resize(4, 4).apply(mnist)), n, copy);
        rowVs("MNIST standardise", median(() -> new Transform.Normalise(Transform.Normalise.Mode.STANDARDISE).apply(mnist)), n, copy);
        rowVs("MNIST classes {0, 1}", median(() -> new Transform.ClassSubset(java.util.List.of(0, 1)).apply(mnist)), n, copy);
        long t0 = System.nanoTime();
        NumericEngine.start();
        System.out.printf("%-44s %10.1f %14s%n", "numeric engine start (once per process)", (System.nanoTime() - t0) / 1e6, "");
        return 0;
    }

    static double medianMillis(int repeats, Supplier<Object> work) {
        return medianMillis(repeats, work, System::nanoTime);
    }

    /** {@link #medianMillis(int, Supplier)} on another clock in nanoseconds (a thread's CPU time, say). */
    static double medianMillis(int repeats, Supplier<Object> work, java.util.function.LongSupplier nanos) {
        // Warm up until the JIT has compiled the hot loops: at least 3 calls and half a second.
        long warmEnd = System.nanoTime() + 500_000_000L;
        for (int k = 0; k < 3 || System.nanoTime() < warmEnd; k++) {
            work.get();
        }
        double[] ms = new double[Math.max(1, repeats)];
        for (int i = 0; i < ms.length; i++) {
            long t0 = nanos.getAsLong();
            work.get();
            ms[i] = (nanos.getAsLong() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private double median(Supplier<Object> work) {
        return medianMillis(repeats, work);
    }

    private static void row(String what, double ms, int images) {
        System.out.printf("%-44s %10.1f %,14.0f%n", what, ms, images / (ms / 1000));
    }

    private static void rowVs(String what, double ms, int images, double baselineMs) {
        System.out.printf("%-44s %10.1f %,14.0f %12.1f%n", what, ms, images / (ms / 1000), ms / baselineMs);
    }
}
