package dev.qanvas.quantum;

/**
 * Whether the single-state kernels, and the batch passes' gate sweeps
 * ({@link VectorBatchKernels}), use the incubator Vector API ({@link VectorKernels}): only
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}, and not when
 * {@code -Dqanvas.vector=false}. Otherwise the plain loops of {@link Kernels} run, which give the
 * same amplitudes to the bit, about 4 times slower for a U3 at 16 and 20 qubits
 * (docs/benchmarks.md). This class names no
 * incubator type, so it loads on any JVM.
 */
public final class Vectors {

    /** Decided once, at class initialisation. */
    static final boolean ENABLED = decide();

    private Vectors() {
    }

    private static boolean decide() {
        if ("false".equalsIgnoreCase(System.getProperty("qanvas.vector"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorKernels.lanes() >= 2;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** "Vector API, 8 lanes" or "plain loops": what the single-state kernels use in this JVM. */
    public static String describe() {
        return ENABLED ? "Vector API, " + VectorKernels.lanes() + " lanes" : "plain loops";
    }
}
