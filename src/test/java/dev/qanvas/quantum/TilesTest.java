package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The batch tiles on the caller and the workers: same results as one thread, failures and interrupts reach the caller. */
class TilesTest {

    /** A random circuit with its inputs, weights, observables and upstream gradients, big enough for two tiles. */
    private record Case(Circuit c, double[][] x, double[] w, List<PauliString> obs, double[][] up) {
        static Case random(int n, int batch, Random random) {
            Circuit c = GradientsTest.randomCircuit(n, 40, random);
            double[][] x = new double[batch][];
            double[][] up = new double[batch][];
            for (int b = 0; b < batch; b++) {
                x[b] = random.doubles(Math.max(4, c.inputCount()), -2, 2).toArray();
                up[b] = random.doubles(3, -1, 1).toArray();
            }
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X0 Y" + (n - 1)), PauliString.z(n - 1));
            return new Case(c, x, w, obs, up);
        }
    }

    @Test
    void twoThreadsGiveTheOneThreadResultsBitForBitAndTheSingleStateOnes() {
        assumeTrue(Tiles.workers() >= 1, "needs two cores");
        Random random = new Random(19);
        for (int[] size : new int[][] {{8, 256}, {6, 1100}, {9, 130}}) { // 2^16 amplitudes or more: two tiles
            Case k = Case.random(size[0], size[1], random);
            assertSameResults(k, 2);
            BatchState states = BatchSimulator.run(k.c, k.x, k.w, 2);
            BatchSimulator.Result r = BatchSimulator.adjoint(k.c, k.x, k.w, k.obs, k.up, 2);
            for (int b = 0; b < k.x.length; b += 11) { // the independent reference, sample by sample
                StateVector single = Simulator.run(k.c, k.x[b], k.w);
                assertEquals(1.0, single.inner(states.sample(b))[0], 1e-12, "sample " + b);
                Gradients.Result g = Gradients.adjoint(k.c, k.x[b], k.w, k.obs, k.up[b]);
                double[] gx = r.inputGradient()[b];
                for (int f = 0; f < k.c.inputCount(); f++) {
                    assertEquals(g.inputGradient()[f], gx[f], 1e-11, "sample " + b + ", input " + f);
                }
            }
        }
    }

    /** Runs, expectations and adjoints on {@code threads} threads equal the one-thread results. */
    private static void assertSameResults(Case k, int threads) {
        BatchState one = BatchSimulator.run(k.c, k.x, k.w, 1), many = BatchSimulator.run(k.c, k.x, k.w, threads);
        double[][] a = one.flatAmplitudes(), b = many.flatAmplitudes();
        assertArrayEquals(a[0], b[0], 0.0, "real parts");
        assertArrayEquals(a[1], b[1], 0.0, "imaginary parts");
        double[][] e1 = BatchSimulator.expectations(k.c, k.x, k.w, k.obs, 1), e2 = BatchSimulator.expectations(k.c, k.x, k.w, k.obs, threads);
        BatchSimulator.Result r1 = BatchSimulator.adjoint(k.c, k.x, k.w, k.obs, k.up, 1), r2 = BatchSimulator.adjoint(k.c, k.x, k.w, k.obs, k.up, threads);
        for (int s = 0; s < k.x.length; s++) {
            assertArrayEquals(e1[s], e2[s], 0.0, "expectations, sample " + s);
            assertArrayEquals(r1.expectations()[s], r2.expectations()[s], 0.0, "adjoint's expectations, sample " + s);
            assertArrayEquals(r1.inputGradient()[s], r2.inputGradient()[s], 0.0, "input gradient, sample " + s);
        }
        // the weight gradient is a sum over the batch: per tile, then over the tiles, so only the rounding differs
        for (int p = 0; p < k.w.length; p++) {
            assertEquals(r1.weightGradient()[p], r2.weightGradient()[p], 1e-12 * (1 + Math.abs(r1.weightGradient()[p])), "weight " + p);
        }
    }

    @Test
    void aFailureInAWorkersTileReachesTheCaller() {
        assumeTrue(Tiles.workers() >= 1, "needs two cores");
        Thread caller = Thread.currentThread();
        for (int attempt = 0; attempt < 5; attempt++) {
            AtomicInteger started = new AtomicInteger();
            IllegalStateException thrown = new IllegalStateException("tile on a worker");
            AtomicReference<Thread> worker = new AtomicReference<>();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tiles.run(2, t -> {
                started.incrementAndGet();
                long end = System.nanoTime() + 2_000_000_000L; // wait for the other tile to start elsewhere
                while (started.get() < 2 && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                if (Thread.currentThread() != caller) {
                    worker.set(Thread.currentThread());
                    throw thrown;
                }
                if (started.get() < 2) {
                    throw new IllegalStateException("no worker took a tile");
                }
            }));
            if (worker.get() != null) {
                assertSame(thrown, e);
                assertTrue(worker.get().isDaemon());
                return;
            }
        }
        throw new AssertionError("no worker ran a tile in 5 attempts");
    }

    @Test
    void aFailureInAnyTileIsRethrownAfterTheOtherTilesFinish() {
        AtomicInteger finished = new AtomicInteger();
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Tiles.run(4, t -> {
            if (t == 0) {
                throw new ArithmeticException("tile 0");
            }
            sleep(5);
            finished.incrementAndGet();
        }));
        assertEquals("tile 0", e.getMessage());
        // tiles that had not started when the failure came are skipped; those started are finished
        int after = finished.get();
        sleep(30);
        assertEquals(after, finished.get(), "no tile ran on after the call returned");
    }

    @Test
    void anInterruptedCallerStillWaitsForEveryTileAndKeepsItsInterrupt() {
        AtomicInteger ran = new AtomicInteger();
        Thread.currentThread().interrupt();
        Tiles.run(4, t -> {
            long end = System.nanoTime() + 3_000_000; // busy, so the caller has to wait for the worker
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            ran.incrementAndGet();
        });
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        assertEquals(4, ran.get());
    }

    @Test
    void concurrentCallersGetCorrectResultsWithoutNewThreads() throws Exception {
        Random random = new Random(7);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(Case.random(7 + i % 2, 200 + 40 * i, random));
        }
        for (Case k : cases) {
            BatchSimulator.run(k.c, k.x, k.w, 2); // the workers exist from here on
        }
        long before = tileThreads();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Case k : cases) {
                done.add(callers.submit(() -> {
                    for (int r = 0; r < 15; r++) {
                        assertSameResults(k, 2);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS); // an assertion error inside comes out here
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(Tiles.workers(), before);
        assertEquals(before, tileThreads(), "a fixed set of workers");
    }

    private static long tileThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("qanvas-tiles-")).count();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
