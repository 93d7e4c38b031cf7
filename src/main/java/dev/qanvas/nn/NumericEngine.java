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
     * How many threads ND4J's own ops (libnd4j's OpenMP team, not BLAS) may use: the system property
     * {@code qanvas.engine.threads}, else the environment's OMP_NUM_THREADS, else one. One, because
     * the models here are small: with two threads every tiny op paid for waking the second and it
     * spun between ops, so on the command line a binary sample trained in 13.5 s instead of 7 and
     * the MNIST CNN step took 81-93 ms at twice the CPU instead of 78-80 (docs/benchmarks.md,
     * 2026-12-07, evening; docs/architecture.md says where it did not matter).
     * The quantum layers spread their batch over the cores themselves ({@code quantum.Tiles}).
     */
    public static final String OP_THREADS_PROPERTY = "qanvas.engine.threads";

    private static volatile Info info;
    private static int opThreads = 1;

    /** Whether this thread's OpenMP team has the engine's size ({@link #sizeThisThread}). */
    private static final ThreadLocal<Boolean> SIZED = ThreadLocal.withInitial(() -> false);

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
        opThreads = opThreads();
        Nd4j.getEnvironment().setMaxThreads(opThreads);
        Nd4j.getEnvironment().setMaxMasterThreads(opThreads);
        // ND4J sizes its OpenMP team from the environment when it loads; this is the call it makes then.
        sizeThisThread(opThreads);
        INDArray a = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 32, 32);
        a.mmul(a).sumNumber();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        info = new Info(Nd4j.getBackend().getClass().getSimpleName(),
                String.valueOf(Nd4j.factory().blas().getBlasVendor()),
                Nd4j.factory().blas().getMaxThreads(), Nd4j.getEnvironment().maxMasterThreads(), millis);
        return info;
    }

    /**
     * Gives this thread's OpenMP team the engine's op thread count, once per thread, if the engine
     * has started. OpenMP keeps that count per thread: a thread created after {@link #start()}
     * starts from OMP_NUM_THREADS or the number of cores, whatever start set on its own thread, and
     * two such threads training at once (a sweep's points) each woke a second OpenMP thread for every
     * op: on 2 cores the binary study took 29.8 s with two points at a time against 19.0 s with
     * OMP_NUM_THREADS=1 (docs/benchmarks.md, 2026-12-07, late afternoon). Every thread that runs ND4J ops
     * calls this first (training, a sweep point, the app's background jobs).
     */
    public static void sizeThisThread() {
        if (info != null && !SIZED.get()) {
            sizeThisThread(opThreads);
        }
    }

    private static void sizeThisThread(int threads) {
        org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        SIZED.set(true);
    }

    /** {@link #OP_THREADS_PROPERTY}, else OMP_NUM_THREADS, else 1; a value that is not a positive number counts as unset. */
    static int opThreads() {
        for (String text : new String[] {System.getProperty(OP_THREADS_PROPERTY), System.getenv("OMP_NUM_THREADS")}) {
            try {
                if (text != null && Integer.parseInt(text.trim()) > 0) {
                    return Integer.parseInt(text.trim());
                }
            } catch (NumberFormatException e) {
                // unset in effect
            }
        }
        return 1;
    }
}
