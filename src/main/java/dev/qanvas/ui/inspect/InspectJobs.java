package dev.qanvas.ui.inspect;

import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.shell.Background;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/** How the view model runs work off the UI thread; callbacks come back on the UI thread. */
public interface InspectJobs {
    /** Disk work (listing and loading runs), as {@link Background#run}. */
    <T> void background(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError);

    /**
     * Long work the user may cancel (the attacks of the Robustness view): runs as {@link Background#run}
     * on a private copy of the model; {@code onProgress} hears the fraction done on the UI thread.
     * Returns what cancels it (interrupting its thread; neither callback runs after).
     */
    <T> Runnable cancellable(String title, Background.Work<T> work, DoubleConsumer onProgress, Consumer<T> onDone,
                             Consumer<Throwable> onError);

    /** Model work in a named slot, as {@link LatestWorker#submit}. */
    <T> void model(String slot, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError);

    /** Forgets waiting model work and drops running work's results, as {@link LatestWorker#cancelAll}. */
    void cancelModelWork();

    /** Model work queued or running. */
    int pendingModelWork();

    void shutdown();

    /** The app's jobs: {@code background} for the disk, {@code worker} for the model. */
    static InspectJobs of(Background background, LatestWorker worker) {
        return new InspectJobs() {
            @Override
            public <T> void background(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
                background.run(title, work, onDone, onError);
            }

            @Override
            public <T> Runnable cancellable(String title, Background.Work<T> work, DoubleConsumer onProgress, Consumer<T> onDone,
                                            Consumer<Throwable> onError) {
                var task = background.runLong(title, work, onDone, onError);
                task.progressProperty().addListener((o, was, now) -> onProgress.accept(Math.max(0, now.doubleValue())));
                return () -> task.cancel(true);
            }

            @Override
            public <T> void model(String slot, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
                worker.submit(slot, work, onDone, onError);
            }

            @Override
            public void cancelModelWork() {
                worker.cancelAll();
            }

            @Override
            public int pendingModelWork() {
                return worker.pending();
            }

            @Override
            public void shutdown() {
                worker.shutdown();
            }
        };
    }
}
