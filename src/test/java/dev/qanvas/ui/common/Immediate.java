package dev.qanvas.ui.common;

import dev.qanvas.ui.shell.Background;
import java.util.function.Consumer;

/** For view-model tests: background work run at once on the test's thread, as Background would, minus the thread. */
public final class Immediate {

    private Immediate() {
    }

    /** A reporter that ignores progress and is never cancelled. */
    public static final Background.Reporter SILENT = new Background.Reporter() {
        @Override
        public void message(String text) {
        }

        @Override
        public void progress(double done, double max) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** Runs {@code work} now and hands its result to {@code onDone}, or its failure to {@code onError}. */
    public static <T> void deliver(Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        T result;
        try {
            result = work.run(SILENT);
        } catch (Exception e) {
            onError.accept(e);
            return;
        }
        onDone.accept(result);
    }
}
