package dev.qanvas.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.LabelFixes;
import dev.qanvas.insight.ConfidentLearning;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.project.Project;
import dev.qanvas.ui.shell.DocumentModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Label issues view model without JavaFX, on 8x8 digits 0/1 with 20% symmetric label noise:
 * the search's precision and recall are recounted here from the chain with and without its noise
 * step, and the relabel / drop actions are checked image by image on the project's data.
 */
class InspectLabelIssuesTest {

    private static Project project;
    private static Dataset raw;

    @BeforeAll
    static void load() throws Exception {
        NumericEngine.start();
        project = LabelIssuesFixture.project("");
        raw = Datasets.load(project.dataset());
    }

    private final List<String> errors = new ArrayList<>();

    private InspectLabelIssues searched(DocumentModel doc, InspectViewModelTest.QueuedJobs jobs) {
        InspectLabelIssues issues = new InspectLabelIssues(doc, jobs, (title, e) -> errors.add(title + ": " + e));
        issues.foldsProperty().set(2);
        issues.search();
        assertTrue(issues.runningProperty().get());
        jobs.runAll();
        assertFalse(issues.runningProperty().get());
        assertTrue(errors.isEmpty(), errors.toString());
        assertNotNull(issues.foundProperty().get(), issues.statusProperty().get());
        return issues;
    }

    @Test
    void theSearchFlagsImagesAndScoresThemAgainstTheLabelsTheNoiseChanged() {
        InspectViewModelTest.QueuedJobs jobs = new InspectViewModelTest.QueuedJobs();
        InspectLabelIssues issues = searched(new DocumentModel(project), jobs);
        InspectLabelIssues.Found f = issues.foundProperty().get();

        // Independent truth: the labels with the noise step against those without it.
        int[] noisy = project.transforms().apply(raw).train().labels();
        Set<Integer> flipped = LabelIssuesFixture.flipped(project, raw);
        assertEquals(Math.round(0.2 * noisy.length), flipped.size());
        List<ConfidentLearning.Issue> flags = f.issues();
        assertFalse(flags.isEmpty());
        long hits = flags.stream().filter(i -> flipped.contains(i.index())).count();
        assertEquals((double) hits / flags.size(), f.result().precision(), 1e-12);
        assertEquals((double) hits / flipped.size(), f.result().recall(), 1e-12);
        for (int k = 0; k < flags.size(); k++) {
            ConfidentLearning.Issue issue = flags.get(k);
            assertEquals(noisy[issue.index()], issue.given(), "the given label is the noisy one");
            assertTrue(k == 0 || flags.get(k - 1).selfConfidence() <= issue.selfConfidence(), "least self-confident first");
        }
        assertTrue(issues.statusProperty().get().contains(InspectLabelIssues.share(f.result().precision())), issues.statusProperty().get());
        assertTrue(jobs.progress.get(jobs.progress.size() - 1) == 1.0 && jobs.progress.size() > 2, "progress reported: " + jobs.progress);
        double[][] m = f.result().found().noiseMatrix();
        for (int j = 0; j < 2; j++) {
            assertEquals(1.0, m[0][j] + m[1][j], 1e-9, "each column of p(given | true) sums to 1");
        }
    }

    @Test
    void dropAndRelabelAreOneUndoableEditEachOnExactlyTheChosenImages() {
        DocumentModel doc = new DocumentModel(project);
        InspectLabelIssues issues = searched(doc, new InspectViewModelTest.QueuedJobs());
        List<ConfidentLearning.Issue> flags = issues.foundProperty().get().issues();
        assertTrue(flags.size() >= 2, "flags: " + flags.size());
        ConfidentLearning.Issue first = flags.get(0);
        ConfidentLearning.Issue second = flags.get(1);

        issues.drop(List.of(first.index(), second.index(), -5)); // an index that was not flagged is ignored
        LabelFixes fixes = doc.project().transforms().find(LabelFixes.class).orElseThrow();
        assertEquals(List.of(Math.min(first.index(), second.index()), Math.max(first.index(), second.index())), fixes.drop());
        assertTrue(fixes.relabel().isEmpty());
        Dataset before = project.transforms().apply(raw);
        Dataset after = doc.project().transforms().apply(raw);
        assertEquals(before.train().size() - 2, after.train().size());
        assertEquals(before.test(), after.test(), "the test split is untouched");

        // A second action on the old search's indices is refused: the chain changed.
        issues.relabel(List.of(flags.get(2 % flags.size()).index()));
        assertEquals(fixes, doc.project().transforms().find(LabelFixes.class).orElseThrow());
        assertTrue(issues.statusProperty().get().contains("search again"), issues.statusProperty().get());

        doc.undo();
        assertTrue(doc.project().transforms().find(LabelFixes.class).isEmpty(), "undo removes the fixes");
        // Another dataset under the same transforms: the search's image numbers mean other images, so refused.
        doc.edit(doc.project().withDataset(new dev.qanvas.data.DatasetSpec.Bundled("mnist")));
        issues.relabel(issues.all());
        assertTrue(doc.project().transforms().find(LabelFixes.class).isEmpty(), "no fixes on another dataset");
        assertTrue(issues.statusProperty().get().contains("dataset or transforms changed"), issues.statusProperty().get());
        doc.undo();
        issues.relabel(issues.all());
        LabelFixes relabelled = doc.project().transforms().find(LabelFixes.class).orElseThrow();
        assertEquals(flags.size(), relabelled.relabel().size());
        int[] fixedLabels = doc.project().transforms().apply(raw).train().labels();
        int[] given = before.train().labels();
        Set<Integer> flagged = new HashSet<>(issues.all());
        for (int i = 0; i < given.length; i++) {
            int expected = given[i];
            for (ConfidentLearning.Issue issue : flags) {
                if (issue.index() == i) {
                    expected = issue.suggested();
                }
            }
            assertEquals(expected, fixedLabels[i], "image " + i + (flagged.contains(i) ? " (flagged)" : ""));
        }
    }

    @Test
    void fixesOnASplitAlreadyFixedAreAddedAtTheirOriginalIndices() throws Exception {
        Project fixed = LabelIssuesFixture.project(", { \"type\" : \"labelFixes\", \"relabel\" : [ ], \"drop\" : [ 0, 1 ] }");
        DocumentModel doc = new DocumentModel(fixed);
        InspectLabelIssues issues = searched(doc, new InspectViewModelTest.QueuedJobs());
        int shown = issues.foundProperty().get().issues().get(0).index();
        issues.drop(List.of(shown));
        // Images 0 and 1 were dropped already, so image `shown` of the searched split is original image shown + 2.
        assertEquals(List.of(0, 1, shown + 2), doc.project().transforms().find(LabelFixes.class).orElseThrow().drop());
    }

    @Test
    void cancelStopsTheSearchAndItsResultNeverArrives() {
        InspectViewModelTest.QueuedJobs jobs = new InspectViewModelTest.QueuedJobs();
        InspectLabelIssues issues = new InspectLabelIssues(new DocumentModel(project), jobs, (title, e) -> errors.add(title));
        issues.search();
        assertEquals(1, jobs.waitingCancellable());
        issues.cancel();
        assertEquals(0, jobs.waitingCancellable());
        assertFalse(issues.runningProperty().get());
        assertEquals("Cancelled.", issues.statusProperty().get());
        assertNull(issues.foundProperty().get());
        issues.foldsProperty().set(1);
        issues.search();
        assertEquals(0, jobs.waitingCancellable(), "one fold is refused before any work");
        assertTrue(issues.statusProperty().get().startsWith("Folds must be 2.."), issues.statusProperty().get());
    }

    @Test
    void thisRunsProbabilitiesSearchOnThePickedRunsModel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        InspectViewModelTest.QueuedJobs jobs = new InspectViewModelTest.QueuedJobs();
        dev.qanvas.project.RunFolder[] picked = {null};
        InspectLabelIssues issues = new InspectLabelIssues(new DocumentModel(project), jobs, (title, e) -> errors.add(title + ": " + e),
                () -> picked[0]);
        issues.sourceProperty().set(InspectLabelIssues.Source.RUN);
        issues.search();
        assertEquals(0, jobs.waitingCancellable(), "no run picked: refused before any work");
        assertTrue(issues.statusProperty().get().startsWith("Pick a run"), issues.statusProperty().get());

        java.nio.file.Path run = dir.resolve("run");
        dev.qanvas.project.RunSession.prepare(project, project.training(), run, java.util.Map.of(), m -> { })
                .run(new dev.qanvas.nn.training.RunEvents() { });
        picked[0] = new dev.qanvas.project.RunFolder(run);
        issues.search();
        jobs.runAll();
        assertTrue(errors.isEmpty(), errors.toString());
        InspectLabelIssues.Found f = issues.foundProperty().get();
        assertNotNull(f, issues.statusProperty().get());
        assertEquals(run, f.result().fromRun());
        // The same flags as the command line's search on that run (the shared code path), not k folds.
        dev.qanvas.project.LabelIssueSearch.Result direct =
                dev.qanvas.project.LabelIssueSearch.fromRun(project, picked[0], m -> { }, p -> { });
        assertEquals(direct.found().issues(), f.issues());
        assertTrue(issues.statusProperty().get().contains("out of sample only for images it did not train on"),
                issues.statusProperty().get());
    }
}
