package dev.qanvas.ui.circuit;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateReport;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Simulates the circuit being edited off the UI thread. Only the newest request matters: a
 * request still queued when a newer one arrives is skipped, and a result that is no longer the
 * newest is dropped, so dragging a slider never builds a backlog.
 */
public final class LiveState {

    /** Above this the live views would cost seconds per edit (2^n amplitudes, n^2 concurrences). */
    public static final int MAX_QUBITS = 16;

    /** What the views show: the report, and how long the simulation and measures took. */
    public record Result(StateReport report, long millis) {}

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qanvas-live-state");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong newest = new AtomicLong();

    /** Simulates {@code circuit} on inputs {@code x} with its initial weights; answers on the FX thread. */
    public void request(Circuit circuit, double[] x, Consumer<Result> onResult, Consumer<String> onError) {
        long id = newest.incrementAndGet();
        if (circuit.qubits() > MAX_QUBITS) {
            onError.accept("The live state is shown for up to " + MAX_QUBITS + " qubits; this circuit has "
                    + circuit.qubits() + ". Editing, files and export still work.");
            return;
        }
        worker.execute(() -> {
            if (id != newest.get()) {
                return;
            }
            long start = System.nanoTime();
            try {
                StateReport report = StateReport.of(Simulator.run(circuit, x, circuit.initialWeights()));
                long millis = (System.nanoTime() - start) / 1_000_000;
                Platform.runLater(() -> {
                    if (id == newest.get()) {
                        onResult.accept(new Result(report, millis));
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> onError.accept("Cannot simulate: " + e.getMessage()));
            }
        });
    }

    public void shutdown() {
        worker.shutdownNow();
    }
}
