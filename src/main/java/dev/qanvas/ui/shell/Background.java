package dev.qanvas.ui.shell;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.concurrent.Task;

/**
 * Runs loading, saving and engine start-up off the UI thread. The status bar binds to
 * {@link #messageProperty()} and {@link #progressProperty()}, which follow the most recent task
 * still running and fall back to the idle message.
 */
public final class Background {

    /** Work that runs off the UI thread and may report progress. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Reporter reporter) throws Exception;
    }

    /**
     * Runs work off the UI thread and hands its result, or its failure, back on the UI thread: what
     * a workspace's view model asks of background work. The app passes {@code background::run};
     * a test passes a stand-in that runs the work at once or holds it back.
     */
    public interface Runner {
        <T> void run(String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError);
    }

    /** How background work reports progress; safe to call from any thread. */
    public interface Reporter {
        void message(String text);

        void progress(double done, double max);

        boolean isCancelled();
    }

    private final ExecutorService executor;
    private final ExecutorService longWork;
    private final SimpleStringProperty message = new SimpleStringProperty("Ready");
    private final SimpleDoubleProperty progress = new SimpleDoubleProperty(0);
    private final AtomicInteger running = new AtomicInteger();
    private String idleMessage = "Ready";
    private Task<?> shown;

    public Background() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemon = r -> {
            Thread t = new Thread(r, "qanvas-background-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        executor = sizedForTheEngine(2, daemon);
        longWork = sizedForTheEngine(1, daemon);
    }

    /** A pool whose threads size their ND4J op threads before each job (OpenMP keeps that per thread: {@code NumericEngine.sizeThisThread}). */
    private static ExecutorService sizedForTheEngine(int threads, ThreadFactory factory) {
        return new java.util.concurrent.ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), factory) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                dev.qanvas.nn.NumericEngine.sizeThisThread();
            }
        };
    }

    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyDoubleProperty progressProperty() { return progress; }

    /** Number of tasks not yet finished (tests wait for 0). */
    public int runningCount() { return running.get(); }

    /** What the status bar says when nothing runs. Call on the UI thread. */
    public void setIdleMessage(String text) {
        idleMessage = text;
        if (shown == null) {
            message.set(text);
        }
    }

    /**
     * Runs {@code work} in the background; {@code onDone} and {@code onError} run on the UI thread.
     * Call on the UI thread.
     */
    public <T> Task<T> run(String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        return run(executor, title, work, onDone, onError);
    }

    /**
     * Like {@link #run}, on a thread of its own for work that may take minutes (adversarial
     * attacks), so saving, autosave and opening files never wait behind it.
     */
    public <T> Task<T> runLong(String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        return run(longWork, title, work, onDone, onError);
    }

    private <T> Task<T> run(ExecutorService on, String title, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                Task<T> self = this;
                return work.run(new Reporter() {
                    @Override
                    public void message(String text) {
                        updateMessage(text);
                    }

                    @Override
                    public void progress(double done, double max) {
                        updateProgress(done, max);
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled();
                    }
                });
            }
        };
        task.setOnSucceeded(e -> {
            finished(task);
            onDone.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            finished(task);
            onError.accept(task.getException());
        });
        task.setOnCancelled(e -> finished(task));
        running.incrementAndGet();
        show(task, title);
        on.execute(task);
        return task;
    }

    private void show(Task<?> task, String title) {
        shown = task;
        message.unbind();
        progress.unbind();
        message.set(title);
        progress.set(-1);
        task.messageProperty().addListener((o, a, b) -> {
            if (shown == task && b != null && !b.isEmpty()) {
                message.set(title + ": " + b);
            }
        });
        progress.bind(task.progressProperty());
    }

    private void finished(Task<?> task) {
        running.decrementAndGet();
        if (shown == task) {
            shown = null;
            progress.unbind();
            progress.set(0);
            message.set(idleMessage);
        }
    }

    /** Waits briefly for running work (used when the app closes). */
    public void shutdown() {
        longWork.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the UI thread now if already there, else later. */
    static void onUiThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
