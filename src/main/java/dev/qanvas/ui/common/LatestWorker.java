package dev.qanvas.ui.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * One daemon thread for the Inspect workspace's model work (the network is not thread-safe, so
 * all of it runs here, one task at a time). Work is submitted to named slots ("detail", "state",
 * "mean"...): a new request replaces the one still waiting in its slot, and a result whose slot
 * has seen a newer request since is dropped, so the newest request wins and a fast stream of
 * requests (drawing, dragging a slider) never queues up. Results and errors are handed to the
 * UI thread.
 */
public final class LatestWorker {

    private record Job<T>(long generation, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
    }

    private final Map<String, Job<?>> waiting = new LinkedHashMap<>();
    private final Map<String, Long> newest = new java.util.HashMap<>();
    private final Thread thread;
    private long generation;
    private int busy;
    private boolean stopped;

    public LatestWorker(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code work} in {@code slot}, replacing any request still waiting there; callbacks run on the UI thread. */
    public synchronized <T> void submit(String slot, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        long g = ++generation;
        newest.put(slot, g);
        waiting.remove(slot); // re-insert at the end: slots run in the order of their newest request
        waiting.put(slot, new Job<>(g, work, onDone, onError));
        notifyAll();
    }

    /** Forgets every waiting request and drops the results of running ones (a new run was loaded). */
    public synchronized void cancelAll() {
        waiting.clear();
        newest.replaceAll((slot, g) -> ++generation);
    }

    /** Tasks waiting or running (tests wait for 0). */
    public synchronized int pending() {
        return waiting.size() + busy;
    }

    public synchronized void shutdown() {
        stopped = true;
        notifyAll();
    }

    private void loop() {
        while (true) {
            String slot;
            Job<?> job;
            synchronized (this) {
                while (waiting.isEmpty() && !stopped) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (stopped) {
                    return;
                }
                var first = waiting.entrySet().iterator().next();
                slot = first.getKey();
                job = first.getValue();
                waiting.remove(slot);
                busy++;
            }
            run(slot, job);
        }
    }

    private <T> void run(String slot, Job<T> job) {
        T result = null;
        Throwable error = null;
        try {
            dev.qanvas.nn.NumericEngine.sizeThisThread(); // its ND4J op threads (kept per thread)
            result = job.work().call();
        } catch (Throwable t) {
            error = t;
        }
        T r = result;
        Throwable e = error;
        Platform.runLater(() -> {
            boolean current;
            synchronized (this) {
                current = newest.getOrDefault(slot, -1L) == job.generation();
            }
            try {
                if (current) {
                    if (e == null) {
                        job.onDone().accept(r);
                    } else {
                        job.onError().accept(e);
                    }
                }
            } finally {
                synchronized (this) {
                    busy--;
                }
            }
        });
    }
}
