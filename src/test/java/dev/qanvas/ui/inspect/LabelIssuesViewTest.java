package dev.qanvas.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.LabelFixes;
import dev.qanvas.insight.ConfidentLearning;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.project.LabelIssueSearch;
import dev.qanvas.project.Project;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.shell.MainWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Label issues view on its own, headless, on 8x8 digits 0/1 with 20% of the training labels
 * flipped: Search (2 folds, 2 epochs) fills the list, the precision and recall shown are those of
 * the flags recounted here, Drop all adds the Label fixes step and undo removes it.
 */
@ExtendWith(ApplicationExtension.class)
class LabelIssuesViewTest {

    private static Project project;

    private DocumentModel doc;
    private Background background;
    private LatestWorker worker;
    private InspectLabelIssues issues;
    private LabelIssuesView view;
    private final List<String> errors = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        NumericEngine.start();
        project = LabelIssuesFixture.project("");
    }

    @Start
    void start(Stage stage) {
        doc = new DocumentModel(project);
        background = new Background();
        worker = new LatestWorker("label-issues-test");
        issues = new InspectLabelIssues(doc, InspectJobs.of(background, worker), (title, e) -> errors.add(title + ": " + e));
        view = new LabelIssuesView(issues);
        Scene scene = new Scene(view, 1000, 700);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/qanvas/ui/qanvas.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void searchListsTheFlagsScoresThemAndDropIsAnUndoableTransform(FxRobot robot) throws Exception {
        robot.interact(() -> issues.foldsProperty().set(2));
        robot.clickOn("#label-issues-search");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> issues.foundProperty().get() != null || !errors.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(errors.isEmpty(), errors.toString());
        assertFalse(issues.runningProperty().get());

        List<ConfidentLearning.Issue> shown = view.list().getItems();
        assertFalse(shown.isEmpty(), "the flagged images are listed");
        assertEquals(issues.foundProperty().get().issues(), shown);

        // Precision and recall recounted from the chain with and without its noise step.
        Dataset raw = Datasets.load(project.dataset());
        Set<Integer> flipped = LabelIssuesFixture.flipped(project, raw);
        long hits = shown.stream().filter(i -> flipped.contains(i.index())).count();
        double[] expected = LabelIssueSearch.precisionRecall(shown, flipped.stream().mapToInt(Integer::intValue).sorted().toArray());
        assertEquals((double) hits / shown.size(), expected[0], 1e-12);
        String precision = robot.lookup("#label-issues-precision").queryAs(Label.class).getText();
        String recall = robot.lookup("#label-issues-recall").queryAs(Label.class).getText();
        assertTrue(precision.startsWith("Precision " + InspectLabelIssues.share((double) hits / shown.size())), precision);
        assertTrue(recall.startsWith("Recall " + InspectLabelIssues.share((double) hits / flipped.size())), recall);
        assertEquals(2 * 2 + 2 * 2 + 1, robot.lookup("#label-issues-noise-matrix").queryAs(javafx.scene.layout.GridPane.class)
                .getChildren().size(), "a 2 x 2 grid, a header per row and column, the corner");

        robot.clickOn("#label-issues-drop-all");
        WaitForAsyncUtils.waitForFxEvents();
        LabelFixes fixes = doc.project().transforms().find(LabelFixes.class).orElseThrow();
        assertEquals(issues.all().stream().sorted().toList(), fixes.drop());
        assertTrue(doc.canUndoProperty().get());
        robot.interact(doc::undo);
        assertTrue(doc.project().transforms().find(LabelFixes.class).isEmpty(), "undo removes the step");
        assertEquals(project.transforms(), doc.project().transforms());

        robot.interact(() -> view.list().getSelectionModel().select(0));
        robot.clickOn("#label-issues-relabel");
        WaitForAsyncUtils.waitForFxEvents();
        ConfidentLearning.Issue first = shown.get(0);
        assertEquals(List.of(List.of(first.index(), first.suggested())),
                doc.project().transforms().find(LabelFixes.class).orElseThrow().relabel());
        robot.interact(() -> {
            background.shutdown();
            worker.shutdown();
        });
    }

    @Test
    void cancelStopsTheSearchAndNothingIsShown(FxRobot robot) throws Exception {
        robot.interact(() -> issues.foldsProperty().set(5));
        // Search and Cancel on one FX turn: a fast machine could finish the search between two robot clicks.
        robot.interact(() -> {
            robot.lookup("#label-issues-search").queryButton().fire();
            assertTrue(issues.runningProperty().get(), "searching in the background");
            javafx.scene.control.Button cancel = robot.lookup("#label-issues-cancel").queryButton();
            assertFalse(cancel.isDisabled(), "Cancel is offered while searching");
            cancel.fire();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> background.runningCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(issues.runningProperty().get());
        assertEquals("Cancelled.", robot.lookup("#label-issues-status").queryAs(Label.class).getText());
        assertTrue(view.list().getItems().isEmpty());
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(project, doc.project());
    }

    @Test
    void theInspectWorkspaceHasTheLabelIssuesPage(FxRobot robot) {
        List<String> ids = new ArrayList<>();
        robot.interact(() -> {
            InspectWorkspace ws = new InspectWorkspace(new DocumentModel(project), background, () -> null,
                    new Alerts(() -> null, errors::add));
            ws.pages().getTabs().stream().map(Tab::getId).forEach(ids::add);
            assertTrue(ws.labelIssuesView() != null);
            ws.shutdown();
        });
        assertTrue(ids.contains("inspect-label-issues-tab"), ids.toString());
    }
}
