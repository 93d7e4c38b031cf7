package dev.qanvas.ui.train;

import dev.qanvas.project.RunHistory;
import dev.qanvas.project.RunRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which runs the run list shows and the charts overlay: the project's records newest first under
 * row ids that stay unique when two records share an id, the live run, and the ticked rows. Until
 * the user ticks a row the newest run is shown. The curves of a record are built when first shown.
 */
final class RunOverlays {

    /** The live run's row id. */
    static final String LIVE = "live";

    /** Histories of recorded runs by run key (see {@link #keys}), built when first shown. */
    private final Map<String, RunHistory> histories = new HashMap<>();
    /** Row ids (unique even when two records share an id) to their records, in the order the list shows. */
    private final Map<String, RunRecord> keys = new LinkedHashMap<>();
    /** Row ids to the names the charts' legends give them ("run-2 · twin"). */
    private final Map<String, String> labels = new HashMap<>();
    private final Set<String> shown = new LinkedHashSet<>();
    private boolean shownChosen;
    /** Runs no project recorded (a sweep's points, read from their folders), listed after the project's. */
    private List<RunRecord> external = List.of();
    /** Whether the next {@link #rows} shows exactly the external runs (they were just handed over). */
    private boolean showExternal;

    /** Follows the project's records; the rows, with the live run's first when {@code liveDetail} is not null. */
    List<TrainViewModel.RunRow> rows(List<RunRecord> runs, String liveDetail) {
        keys.clear();
        Set<String> seen = new HashSet<>();
        for (int i = runs.size() - 1; i >= 0; i--) { // newest first
            RunRecord r = runs.get(i);
            String key = r.id();
            for (int n = 2; !seen.add(key); n++) {
                key = r.id() + "-" + n;
            }
            keys.put(key, r);
        }
        List<String> externalKeys = new ArrayList<>();
        for (RunRecord r : external) {
            String key = r.id();
            for (int n = 2; !seen.add(key); n++) {
                key = r.id() + "-" + n;
            }
            keys.put(key, r);
            externalKeys.add(key);
        }
        if (showExternal) {
            showExternal = false;
            shown.clear();
            shown.addAll(externalKeys);
            shownChosen = true;
        }
        shown.removeIf(id -> !id.equals(LIVE) && !keys.containsKey(id));
        if (!shownChosen && shown.isEmpty() && !keys.isEmpty()) {
            shown.add(keys.keySet().iterator().next()); // the newest run, until the user picks
        }
        List<TrainViewModel.RunRow> items = new ArrayList<>();
        if (liveDetail != null) {
            items.add(new TrainViewModel.RunRow(LIVE, "Training now", liveDetail, shown.contains(LIVE)));
        }
        labels.clear();
        keys.forEach((key, r) -> labels.put(key, key + RunTexts.trained(r, runs)));
        keys.forEach((key, r) -> items.add(new TrainViewModel.RunRow(key, labels.get(key) + " · " + RunTexts.outcomeText(r.outcome()),
                RunTexts.detail(r), shown.contains(key))));
        return List.copyOf(items);
    }

    /**
     * Lists these runs, which no project recorded, after the project's (replacing those handed over
     * before), and shows exactly them from the next {@link #rows}.
     */
    void overlay(List<RunRecord> runs) {
        external = List.copyOf(runs);
        showExternal = true;
    }

    /** Shows exactly the live run and the run under row id {@code key} (training a twin beside its quantum model). */
    void showLiveWith(String key) {
        showOnlyLive();
        if (keys.containsKey(key)) {
            shown.add(key);
        }
    }

    /** The row id of the newest record with run id {@code runId}, or null. */
    String keyOf(String runId) {
        return keys.entrySet().stream().filter(e -> e.getValue().id().equals(runId)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The user ticks or unticks a row. */
    void show(String id, boolean show) {
        shownChosen = true;
        if (show) {
            shown.add(id);
        } else {
            shown.remove(id);
        }
    }

    /** A run starts: only its live curves are shown. */
    void showOnlyLive() {
        shown.clear();
        shown.add(LIVE);
        shownChosen = true;
    }

    /** The live run was recorded: its curves become the record's (same data, full resolution on screen). */
    void recorded(RunHistory live, RunRecord record) {
        live.relabel(record.id());
        histories.put(record.directory() + "|" + record.started(), live);
        shown.remove(LIVE);
        shown.add(record.id());
    }

    /** The live run ended without a record. */
    void liveEnded() {
        shown.remove(LIVE);
    }

    boolean isShown(String id) {
        return shown.contains(id);
    }

    /** The ids of the shown runs, the live run first ({@code live} is null when none runs). */
    List<String> shownIds(RunHistory live) {
        List<String> ids = new ArrayList<>();
        if (shown.contains(LIVE) && live != null) {
            ids.add(LIVE);
        }
        keys.keySet().stream().filter(shown::contains).forEach(ids::add);
        return ids;
    }

    /** The curves of the shown runs, in the order of {@link #shownIds}. */
    List<RunHistory> shownRuns(RunHistory live) {
        List<RunHistory> list = new ArrayList<>();
        for (String key : shownIds(live)) {
            if (key.equals(LIVE)) {
                list.add(live);
            } else {
                RunRecord r = keys.get(key);
                String label = labels.getOrDefault(key, key);
                RunHistory h = histories.computeIfAbsent(r.directory() + "|" + r.started(), k -> RunHistory.of(r, label));
                h.relabel(label);
                list.add(h);
            }
        }
        return list;
    }

    /**
     * The run whose correlation is shown: of the shown runs (the live run first), the first with
     * quantum measurements, else the first shown (null if none): ticking a classical twin beside
     * a quantum run keeps the quantum run's correlation.
     */
    RunHistory focus(RunHistory live) {
        List<RunHistory> candidates = new ArrayList<>();
        if (live != null && shown.contains(LIVE)) {
            candidates.add(live);
        }
        for (String key : keys.keySet()) {
            if (shown.contains(key)) {
                RunRecord r = keys.get(key);
                RunHistory h = histories.get(r.directory() + "|" + r.started());
                if (h != null) {
                    candidates.add(h);
                }
            }
        }
        return candidates.stream().filter(h -> !h.quantum().isEmpty()).findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.get(0));
    }
}
