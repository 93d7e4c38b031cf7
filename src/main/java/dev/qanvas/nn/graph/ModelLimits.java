package dev.qanvas.nn.graph;

import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.quantum.Memory;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sizes a model may have, checked before anything is allocated. A project file is only a few
 * kilobytes of JSON, but a Dense layer of 10^9 units in it asks for billions of parameters: DL4J
 * would try to allocate them off the Java heap, where no {@code -Xmx} stops it (one such file
 * reached 8.5 GB of native memory). So sizes are counted exactly (long arithmetic, overflow
 * detected) and compared with fixed limits by {@link ModelGraph#analyse()}, which reports a
 * {@link GraphProblem} on the layer; a graph with problems is never compiled. The memory a
 * training batch needs depends on the batch size, so {@link #memoryProblems} is checked again
 * when the model is compiled for training.
 *
 * <p>The limits are far above what a workbench model needs (the largest sample has well under a
 * million parameters) and far below what would take a computer down:
 * <ul>
 * <li>{@link #MAX_PARAMETERS}: 100 million parameters in all. Training keeps each parameter four
 *     times (the value, its gradient and Adam's two moments), so 100M float parameters need about
 *     1.6 GB of native memory, which a desktop has.</li>
 * <li>{@link #MAX_VALUES_PER_EXAMPLE}: 2^24 (16.8 million) values in one layer's output for one
 *     example, or in a convolution's unfolded input (kernel^2 x channels x output pixels, which DL4J
 *     builds for every example): 64 MiB per example as float, 2 GiB for a batch of 32.</li>
 * <li>{@link #MAX_GROUPS}: a ParallelQuantum of at most 256 groups (each group is its own DL4J
 *     layer and its own simulation).</li>
 * <li>Quantum layers: at most 20 qubits per circuit ({@link #MAX_LAYER_QUBITS}); the
 *     simulation of a batch, 16 x 2^qubits bytes per state and one state per example (per patch
 *     for a Quanvolution), must fit in the Java heap as {@link Memory#requireHeap} counts it.</li>
 * <li>Native memory for training (parameters x 4 copies plus activations and their gradients for
 *     one batch): at most half of this computer's physical memory ({@link #nativeMemoryCap()}),
 *     leaving the rest to the Java heap, the operating system and other programs.</li>
 * </ul>
 */
public final class ModelLimits {

    /** Parameters of the whole model; see the class comment for why 100 million. */
    public static final long MAX_PARAMETERS = 100_000_000L;

    /** Values one layer produces (or unfolds, for a convolution) per example: 2^24. */
    public static final long MAX_VALUES_PER_EXAMPLE = 1L << 24;

    /** Qubits of a quantum layer's circuit: a training batch is simulated at once. */
    public static final int MAX_LAYER_QUBITS = 20;

    /** Groups of a ParallelQuantum. */
    public static final int MAX_GROUPS = 256;

    /** Copies of each parameter while training: value, gradient, and up to two updater moments (Adam). */
    static final int COPIES_PER_PARAMETER = 4;

    /** Copies of each activation while training: the forward value and its gradient. */
    static final int COPIES_PER_ACTIVATION = 2;

    /** When the physical memory cannot be read, this is assumed (a modest desktop). */
    static final long ASSUMED_PHYSICAL_MEMORY = 8L << 30;

    private ModelLimits() {
    }

    /**
     * The native (off-heap) memory a training run may plan to use: half of the physical memory,
     * or of {@link #ASSUMED_PHYSICAL_MEMORY} when the JVM cannot tell.
     */
    public static long nativeMemoryCap() {
        long physical = ASSUMED_PHYSICAL_MEMORY;
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long total = os.getTotalMemorySize();
                if (total > 0) {
                    physical = total;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // not a HotSpot-style JVM: keep the assumption
        }
        return physical / 2;
    }

    /**
     * What training {@code analysis}'s model on batches of {@code batch} examples of
     * {@code bytesPerValue}-byte values would need beyond the limits {@link ModelGraph#analyse()}
     * checks: native memory over {@code nativeCap}, or a quantum layer's simulation over
     * {@link Memory#HEAP_FRACTION} of a heap of {@code heapCeiling}. Each problem names the
     * layer where there is one. Empty when the model fits.
     */
    public static List<GraphProblem> memoryProblems(GraphAnalysis analysis, int batch, int bytesPerValue, long nativeCap,
            long heapCeiling) {
        if (batch < 1 || bytesPerValue < 1) {
            throw new IllegalArgumentException("batch " + batch + " and value size " + bytesPerValue + " must be positive");
        }
        List<GraphProblem> problems = new ArrayList<>();
        long parameterBytes = Memory.saturatedProduct(analysis.totalParameters(), bytesPerValue, COPIES_PER_PARAMETER);
        long values = 0;
        String largest = null;
        long largestValues = 0;
        for (var e : analysis.shapes().entrySet()) {
            long v = e.getValue().size();
            values = saturatedSum(values, v);
            if (v > largestValues) {
                largestValues = v;
                largest = e.getKey();
            }
        }
        long activationBytes = Memory.saturatedProduct(values, (long) batch * bytesPerValue, COPIES_PER_ACTIVATION);
        long total = saturatedSum(parameterBytes, activationBytes);
        if (total > nativeCap) {
            problems.add(new GraphProblem(largest, null, String.format(Locale.ROOT,
                    "training this model in batches of %d needs about %s of native memory (%,d parameters, kept %d times: %s; "
                            + "%,d activation values per example, with their gradients: %s), more than the %s Qanvas allows "
                            + "(half of this computer's memory): use smaller layers or a smaller batch",
                    batch, Memory.text(total), analysis.totalParameters(), COPIES_PER_PARAMETER, Memory.text(parameterBytes),
                    values, Memory.text(activationBytes), Memory.text(nativeCap))));
        }
        for (ModelGraph.Node n : analysis.graph().nodes()) {
            if (!(n.spec() instanceof LayerSpec.QuantumLayer q) || q.circuit().qubits() > MAX_LAYER_QUBITS) {
                continue;
            }
            long states = batch;
            String per = "one state per example";
            if (q instanceof Quanvolution && analysis.shape(n.id()).isPresent()) {
                // one state per patch: input channels x output height x output width
                long patches = analysis.shape(n.id()).get().size() / q.circuit().qubits();
                states = Memory.saturatedProduct(patches, batch, 1);
                per = String.format(Locale.ROOT, "one state per patch, %,d patches per example", patches);
            }
            long bytes = Memory.saturatedProduct(16L << q.circuit().qubits(), states, 1);
            if (!(bytes <= heapCeiling * Memory.HEAP_FRACTION)) {
                problems.add(new GraphProblem(n.id(), null, String.format(Locale.ROOT,
                        "%s layer %s simulates %,d states of %d qubits for a batch of %d (%s): %s, more than %d%% of this "
                                + "JVM's %s heap (-Xmx): use fewer qubits, a smaller batch%s, or a larger -Xmx",
                        q.typeName(), n.id(), states, q.circuit().qubits(), batch, per,
                        bytes == Long.MAX_VALUE ? "more than 2^63 bytes" : Memory.text(bytes),
                        Math.round(Memory.HEAP_FRACTION * 100), Memory.text(heapCeiling),
                        q instanceof Quanvolution ? ", a larger stride or a smaller image" : "")));
            }
        }
        return problems;
    }

    /** {@link #memoryProblems(GraphAnalysis, int, int, long, long)} for this computer and JVM. */
    public static List<GraphProblem> memoryProblems(GraphAnalysis analysis, int batch, int bytesPerValue) {
        return memoryProblems(analysis, batch, bytesPerValue, nativeMemoryCap(), Runtime.getRuntime().maxMemory());
    }

    /** a + b for non-negative values, Long.MAX_VALUE when that overflows. */
    static long saturatedSum(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
