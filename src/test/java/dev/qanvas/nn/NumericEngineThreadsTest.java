package dev.qanvas.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * OpenMP keeps its team size per thread: a thread created after the engine started gets the
 * engine's op thread count only once it is sized ({@link NumericEngine#sizeThisThread}), which the
 * training run and the app's background jobs do. Asked of libnd4j itself (omp_get_max_threads).
 */
class NumericEngineThreadsTest {

    private static int ompMaxThreads() {
        return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    @Test
    void aThreadStartedLaterTakesTheEnginesOpThreadCountOnceSized() throws Exception {
        NumericEngine.start();
        int expected = NumericEngine.opThreads();
        AtomicIntegerArray seen = new AtomicIntegerArray(3);
        Thread t = new Thread(() -> {
            seen.set(0, ompMaxThreads()); // OpenMP's default for a new thread: OMP_NUM_THREADS or the cores
            NumericEngine.sizeThisThread();
            seen.set(1, ompMaxThreads());
            NumericEngine.sizeThisThread(); // once per thread: a second call changes nothing
            seen.set(2, ompMaxThreads());
        });
        t.start();
        t.join();
        String env = System.getenv("OMP_NUM_THREADS");
        int cores = Runtime.getRuntime().availableProcessors();
        if (env == null && System.getProperty(NumericEngine.OP_THREADS_PROPERTY) == null) {
            assertEquals(cores, seen.get(0), "unsized, a new thread has OpenMP's default: one per core");
        }
        assertEquals(expected, seen.get(1));
        assertEquals(expected, seen.get(2));
    }
}
