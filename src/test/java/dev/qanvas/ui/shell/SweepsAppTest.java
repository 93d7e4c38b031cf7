package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.ui.common.ChartView;
import dev.qanvas.ui.train.RunList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Sweeps workspace in the app, headless (Monocle), on a real sweep folder (the fixture of
 * {@code SweepsViewModelTest}): opened from the recent list, sorted by a metric, the scatter
 * switched to another parameter, a point opened in Inspect, ticked points overlaid in Train.
 */
@ExtendWith(ApplicationExtension.class)
class SweepsAppTest {

    static final Path SWEEP = Path.of("src/test/resources/sweeps/hypercube-mini").toAbsolutePath();

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("qanvas.config.dir", Files.createTempDirectory(dir, "config").toString());
        window = new MainWindow(stage, AppSettings.defaults().withRecentSweep(SWEEP), null);
        window.show(null, null);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.background().runningCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<dev.qanvas.ui.sweeps.SweepsViewModel.PointRow> points(FxRobot robot) {
        return robot.lookup("#sweep-points").queryAs(TableView.class);
    }

    private List<String> ids(FxRobot robot) throws Exception {
        return fx(() -> points(robot).getItems().stream().map(r -> r.id()).toList());
    }

    @Test
    void aSweepFolderIsSortedPlottedInspectedAndOverlaid(FxRobot robot) throws Exception {
        robot.clickOn("#workspace-sweeps");
        waitIdle();
        robot.clickOn("#sweep-recent").clickOn(SWEEP.toString());
        waitIdle();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> points(robot).getItems().size() == 12);
        assertEquals("hypercube mini: 12 of 12 points done, 0 failed", robot.lookup("#sweep-status").queryAs(Label.class).getText());

        // Sort by test accuracy: lowest first, then highest first.
        robot.clickOn("#column-metric-test_accuracy");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("p0003", ids(robot).get(0), "0.4625 is the lowest");
        robot.clickOn("#column-metric-test_accuracy");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("p0010", "p0011", "p0012"), ids(robot).subList(0, 3), "the three at 1.0");

        // The scatter: test accuracy against the learning rate, then against the seed.
        ChartView scatter = robot.lookup("#sweep-scatter").queryAs(ChartView.class);
        assertEquals("learning_rate", fx(() -> scatter.plot().getDomainAxis().getLabel()));
        assertEquals(12, fx(scatter::pointCount).intValue());
        robot.clickOn("#scatter-parameter"); // the popup's cell, not the table's column of the same name
        robot.clickOn(robot.lookup(".list-cell").match(n -> n instanceof javafx.scene.control.ListCell<?> c && "seed".equals(c.getText()))
                .queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("seed", fx(() -> scatter.plot().getDomainAxis().getLabel()));
        XYPlot scatterPlot = fx(scatter::plot);
        assertEquals(2.0, fx(() -> scatterPlot.getDataset().getXValue(1, 4)), 0, "p0011 (quantum) at seed 2");
        ChartView parallel = robot.lookup("#sweep-parallel").queryAs(ChartView.class);
        assertEquals(12, fx(() -> parallel.plot().getDataset().getSeriesCount()).intValue(), "a line per point");

        // Open p0010 in Inspect: its row selected, then the button.
        int row = ids(robot).indexOf("p0010");
        robot.interact(() -> points(robot).getSelectionModel().select(row));
        assertEquals("p0010", fx(() -> points(robot).getSelectionModel().getSelectedItem().id()));
        robot.clickOn("#sweep-inspect");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> "inspect".equals(window.currentWorkspace())
                && window.inspectWorkspace().predictions() != null));
        waitIdle();
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<dev.qanvas.project.RunRecord> run = robot.lookup("#inspect-run").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals("p0010", fx(() -> run.getValue().id()), "the run picker shows the point");
        assertEquals(80, fx(() -> window.inspectWorkspace().predictions().size()).intValue(),
                "the hypercube's 80 test points, read from the point's run folder");

        // Tick p0004 and p0010, overlay them in Train.
        robot.clickOn("#workspace-sweeps");
        WaitForAsyncUtils.waitForFxEvents();
        tick(robot, "p0010");
        tick(robot, "p0004");
        robot.clickOn("#sweep-overlay");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "train".equals(window.currentWorkspace()));
        waitIdle();
        RunList runs = robot.lookup("#run-list").queryAs(RunList.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> runs.getItems().stream().filter(RunList.Item::isShown).count() == 2);
        assertEquals(List.of("p0004", "p0010"), fx(() -> runs.getItems().stream().filter(RunList.Item::isShown).map(RunList.Item::id).toList()));
        ChartView epochLoss = robot.lookup("#chart-loss-epoch").queryAs(ChartView.class);
        assertEquals(2, fx(() -> epochLoss.plot().getDataset().getSeriesCount()).intValue(), "one train-loss curve per point");
        assertEquals(3, fx(() -> epochLoss.plot().getDataset().getItemCount(0)).intValue(), "three epochs each");
    }

    /** Ticks the box in the row of point {@code id}. */
    private void tick(FxRobot robot, String id) throws Exception {
        int row = ids(robot).indexOf(id);
        assertTrue(row >= 0, id);
        CheckBox box = fx(() -> robot.lookup("#sweep-points .check-box").queryAllAs(CheckBox.class).stream()
                .filter(b -> b.getParent() != null && ((javafx.scene.control.TableCell<?, ?>) b.getParent()).getIndex() == row)
                .findFirst().orElseThrow());
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
