package dev.qanvas.quantum;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the batch tiles of one simulator call across the cores: the calling thread and a fixed
 * set of daemon workers (one fewer than the cores) claim tiles from a shared counter until none
 * are left. A tile call at batch 256 takes about a quarter of a millisecond, and waking a parked
 * thread (the common fork/join pool's) costs about 40 us of it, so a worker that finished spins
 * for a short while ({@link #SPIN_NANOS}, like OpenMP's blocktime) before it parks: back-to-back
 * calls (training batches, the bench) find it running. Because the caller claims tiles too, a
 * worker that is busy (another caller holds it) or slow to wake costs nothing but the tile the
 * caller then runs itself: never more busy threads than cores, no deadlock between callers.
 */
final class Tiles {

    /**
     * How long an idle worker spins before it parks, and the caller for the workers' tiles: 200 us
     * is longer than the gap between back-to-back calls (microseconds) and than a parked thread's
     * wake on a quiet machine (about 40 us, which the caller's wait has to cover), and much shorter
     * than the classical work between a training step's quantum calls (milliseconds), which
     * spinning should not bridge. Not tuned on a quiet machine (docs/benchmarks.md, 2026-12-07,
     * under load: none was to be had).
     */
    private static final long SPIN_NANOS = Long.getLong("qanvas.tiles.spinMicros", 200) * 1000;

    /**
     * Spinning pays only while the spinning thread holds a core. On a loaded machine it does
     * not: a spinning thread uses up its share and then waits behind the others when its job
     * comes, while a parked one is run soon after it is woken (docs/bench/TileWake.java at load 10:
     * a worker that spun ran a tile in 12 to 28 of 2,000 back-to-back calls, one that parked at
     * once in 659). So when a worker sees it got less than half the CPU time of a spin, or took
     * more than 20 us to see a job offered while it spun, {@link #LATE_STREAK} times running,
     * nobody spins for {@link #BACK_OFF_NANOS}.
     */
    private static final long BACK_OFF_NANOS = Long.getLong("qanvas.tiles.backOffMillis", 100) * 1_000_000;

    /**
     * How many late sightings in a row mean the cores are contended. One is not enough: on a quiet
     * machine a JIT compile or a collection now and then holds a core for longer than 20 us, and a
     * single one stopped the spinning for 100 ms, in which each call waited for a parked worker
     * (about 25 us here); back-to-back calls of 100 us tiles saw the worker start 20-25 us late at
     * the median, against 1 us with the back-off off (docs/bench/TileWake.java, docs/benchmarks.md).
     */
    private static final int LATE_STREAK = 3;

    private static volatile long contendedUntil = System.nanoTime();

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private static final Worker[] WORKERS = startWorkers(Runtime.getRuntime().availableProcessors() - 1);

    private Tiles() {
    }

    /**
     * Calls {@code tile.accept(t)} once for each t in [0, count), on this thread and on idle
     * workers, and returns when all have finished. The first exception thrown by a tile is
     * rethrown here (the other tiles still finish first, so no tile writes after the return).
     */
    static void run(int count, IntConsumer tile) {
        if (count <= 1) {
            if (count == 1) {
                tile.accept(0);
            }
            return;
        }
        Job job = new Job(count, tile);
        int helpers = 0;
        for (Worker w : WORKERS) {
            if (helpers == count - 1) {
                break;
            }
            if (w.offer(job)) {
                helpers++;
            }
        }
        job.work();
        job.awaitDone();
        Throwable failure = job.failure.get();
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** The number of workers (cores - 1), for tests. */
    static int workers() {
        return WORKERS.length;
    }

    /** One call's tiles: a claim counter, a done counter and the first failure. */
    private static final class Job {
        final int count;
        final IntConsumer tile;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread caller = Thread.currentThread();
        volatile boolean callerParked;

        Job(int count, IntConsumer tile) {
            this.count = count;
            this.tile = tile;
        }

        /** Claims and runs tiles until none are left. */
        void work() {
            for (int t; (t = next.getAndIncrement()) < count; ) {
                try {
                    if (failure.get() == null) {
                        tile.accept(t);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (done.incrementAndGet() == count && callerParked) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** Waits for the tiles other threads claimed: spins (they are running), then parks. */
        void awaitDone() {
            long now = System.nanoTime(), spinEnd = spinning(now) ? now + SPIN_NANOS : now;
            for (int spins = 1; done.get() < count && System.nanoTime() < spinEnd; spins++) {
                pause(spins);
            }
            boolean interrupted = false;
            while (done.get() < count) {
                callerParked = true;
                if (done.get() < count) {
                    LockSupport.park(this);
                }
                // the tiles write into the caller's arrays: an interrupt cannot cut the wait short
                interrupted |= Thread.interrupted();
            }
            callerParked = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether idle threads spin at {@code now} (for {@link #SPIN_NANOS}): not while the cores are contended. */
    private static boolean spinning(long now) {
        return now - contendedUntil >= 0;
    }

    /**
     * One step of a spin: a CPU pause, and every 256th step a yield, so that on a loaded machine
     * the spinning thread gives its core to a runnable thread (perhaps the tile it waits for);
     * on a quiet one the yield returns at once.
     */
    private static void pause(int spins) {
        if ((spins & 255) == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    private static Worker[] startWorkers(int count) {
        Worker[] workers = new Worker[Math.max(0, count)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
            Thread t = new Thread(workers[i]::loop, "qanvas-tiles-" + (i + 1));
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
        return workers;
    }

    /** A daemon thread that runs the tiles of the jobs offered to it, one job at a time. */
    private static final class Worker {
        final AtomicReference<Job> slot = new AtomicReference<>();
        final java.util.concurrent.atomic.AtomicBoolean idle = new java.util.concurrent.atomic.AtomicBoolean(true);
        volatile Thread thread;
        volatile boolean parked;
        volatile long offeredAt;
        int lateStreak; // this worker's thread only

        /** Hands the job to this worker if it is idle. */
        boolean offer(Job job) {
            if (!idle.compareAndSet(true, false)) {
                return false;
            }
            offeredAt = System.nanoTime();
            slot.set(job);
            if (parked) {
                LockSupport.unpark(thread);
            }
            return true;
        }

        void loop() {
            while (true) {
                Job job = await();
                slot.set(null);
                job.work();
                job = null; // do not keep the last call's arrays alive while idle
                idle.set(true);
            }
        }

        /** The next job: spins for {@link #SPIN_NANOS} (unless contended), then parks until offered one. */
        private Job await() {
            long wall0 = System.nanoTime();
            boolean spins = spinning(wall0);
            long spinEnd = spins ? wall0 + SPIN_NANOS : wall0, cpu0 = spins ? CPU.getCurrentThreadCpuTime() : 0;
            Job job;
            for (int k = 1; (job = slot.get()) == null && System.nanoTime() < spinEnd; k++) {
                pause(k);
            }
            if (spins) { // did the spin hold the core, and see its job at once? (the CPU time, a system call, only if no job waits)
                long now = System.nanoTime();
                boolean late = job != null ? now - offeredAt > 20_000
                        : now - wall0 > 20_000 && 2 * (CPU.getCurrentThreadCpuTime() - cpu0) < now - wall0;
                lateStreak = late ? lateStreak + 1 : 0;
                if (lateStreak >= LATE_STREAK) {
                    contendedUntil = now + BACK_OFF_NANOS;
                    lateStreak = 0;
                }
            }
            while (job == null) {
                parked = true;
                if ((job = slot.get()) == null) {
                    LockSupport.park(this);
                    job = slot.get();
                }
                parked = false;
            }
            return job;
        }
    }
}
