package dev.qanvas.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J (and with it the native libraries DL4J runs on) once per process. The first start
 * unpacks natives and takes seconds, so the app calls {@link #start()} on a background thread.
 */
public final class NumericEngine {

    /** What started: the backend's name and how long the start took. */
    public record Info(String backend, String blasVendor, int blasThreads, int opThreads, long startMillis) {
        public String describe() {
            return backend + " (" + blasVendor + ", " + blasThreads + " BLAS thread" + (blasThreads == 1 ? "" : "s")
                    + ", " + opThreads + " op thread" + (opThreads == 1 ? "" : "s") + "), started in " + startMillis + " ms";
        }
    }

    /**
     * How many threads ND4J's own ops (libnd4j, not BLAS) may use, from the system property
     * {@code qanvas.engine.threads}; unset, ND4J's default (OMP_NUM_THREADS, else every core).
     * One thread kept a busy 2-core machine from spinning on tiny ops (docs/benchmarks.md, 2026-12-07).
     */
    public static final String OP_THREADS_PROPERTY = "qanvas.engine.threads";

    private static Info info;

    private NumericEngine() {
    }

    /** Starts the engine if needed and returns what is running. Safe to call from any thread. */
    public static synchronized Info start() {
        if (info != null) {
            return info;
        }
        long t0 = System.nanoTime();
        // On small machines OpenBLAS with several threads ran 2-20x slower (docs/architecture.md, facts about the libraries): use one.
        Nd4j.factory().blas().setMaxThreads(1);
        int opThreads = Integer.getInteger(OP_THREADS_PROPERTY, 0);
        if (opThreads > 0) {
            Nd4j.getEnvironment().setMaxThreads(opThreads);
            Nd4j.getEnvironment().setMaxMasterThreads(opThreads);
        }
        INDArray a = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 32, 32);
        a.mmul(a).sumNumber();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        info = new Info(Nd4j.getBackend().getClass().getSimpleName(),
                String.valueOf(Nd4j.factory().blas().getBlasVendor()),
                Nd4j.factory().blas().getMaxThreads(), Nd4j.getEnvironment().maxMasterThreads(), millis);
        return info;
    }
}
