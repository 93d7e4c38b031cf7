package dev.qanvas.ui.train;

import dev.qanvas.data.PreparedData;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunSession;
import dev.qanvas.ui.common.Alerts;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Whether the project's model fits its data: the dataset is loaded (cached by Datasets) and
 * checked off the UI thread, on {@code checks}; the result comes back through {@code ui}, and
 * only the newest check's result counts.
 */
final class FitCheck {

    private final Executor checks;
    private final Executor ui;
    private final Runnable changed;

    /** The last check: for which project inputs, and what it found (null while unknown). */
    private Object key;
    private String problem;
    private PreparedData data;
    private int generation;

    /** {@code changed} runs (through {@code ui}) when the newest check's result is known. */
    FitCheck(Executor checks, Executor ui, Runnable changed) {
        this.checks = checks;
        this.ui = ui;
        this.changed = changed;
    }

    private static Object keyOf(Project p) {
        return List.of(p.model(), p.dataset(), p.transforms());
    }

    /** Checks {@code p} unless its inputs were checked last. */
    void check(Project p) {
        Object next = keyOf(p);
        if (next.equals(key)) {
            return;
        }
        key = next;
        problem = null;
        data = null;
        int current = ++generation;
        if (p.model().nodes().isEmpty() || !p.model().analyse().problems().isEmpty()) {
            return; // the model's own problems are shown first; no need to read the data
        }
        checks.execute(() -> {
            String found = null;
            PreparedData loaded = null;
            try {
                loaded = PreparedData.load(p.dataset(), p.transforms());
                RunSession.checkFits(p.model(), loaded.data());
            } catch (Exception | OutOfMemoryError e) {
                found = Alerts.messageOf(e);
            }
            String foundProblem = found;
            PreparedData loadedData = loaded;
            ui.execute(() -> {
                if (current == generation) {
                    problem = foundProblem;
                    data = foundProblem == null ? loadedData : null;
                    changed.run();
                }
            });
        });
    }

    /** Why the model does not fit the data, or null (also while the check runs). */
    String problem() {
        return problem;
    }

    /** The data the last check read when it was for {@code p}'s inputs and the model fits it, else null. */
    PreparedData dataFor(Project p) {
        return data != null && Objects.equals(key, keyOf(p)) ? data : null;
    }
}
