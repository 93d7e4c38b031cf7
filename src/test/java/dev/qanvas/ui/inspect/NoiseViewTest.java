package dev.qanvas.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.insight.NoiseCurves;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingRun;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.shell.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Inspect > Noise hosted headless (Monocle) over a run of the Inspect fixture trained for one epoch
 * and written as {@code qanvas train --record} writes it: a 2-point depolarizing curve is charted
 * and tabled, and its strength-0 point is the accuracy the Inspect summary reports for the run.
 */
@ExtendWith(ApplicationExtension.class)
class NoiseViewTest {

    @TempDir
    static Path dir;

    private static Project trainedProject;

    private Background background;
    private InspectWorkspace ws;
    private final List<String> status = new ArrayList<>();

    @BeforeAll
    static void trainARun() throws Exception {
        NumericEngine.start();
        Project project = InspectFixture.project("Noise view test");
        TrainingSettings settings = project.training();
        Dataset data = dev.qanvas.data.PreparedData.load(project.dataset(), project.transforms()).data();
        ComputationGraph net = GraphCompiler.compile(project.model(), settings);
        new TrainingRun(net, data, settings, true, null, new RunEvents() { }).run();
        Path run = dir.resolve("run-1");
        Files.createDirectories(run);
        ModelSerializer.writeModel(net, run.resolve("model.zip").toFile(), true);
        ProjectFiles.write(run.resolve("project.qanvas"), project);
        trainedProject = project.withRun(new RunRecord("run-1", "2024-05-01T10:00:00Z", settings, run.toAbsolutePath().toString(),
                "COMPLETED", 0.9, List.of()));
    }

    @Start
    void start(Stage stage) {
        background = new Background();
        ws = new InspectWorkspace(new DocumentModel(trainedProject), background, () -> stage, new Alerts(() -> stage, status::add));
        Scene scene = new Scene((Parent) ws.view(), 1280, 780);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/qanvas/ui/qanvas.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aTwoPointCurveIsChartedAndTabledWithStrengthZeroAtTheIdealAccuracy(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> ws.predictions() != null && background.runningCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Noise");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#noise-view").query().isVisible(), "the Noise page is shown");
        assertFalse(robot.lookup("#noise-absent").query().isVisible(), "the run has a quantum layer");
        InspectNoise noise = ws.viewModel().noise();
        robot.interact(() -> {
            noise.strengthsProperty().set("0, 0.2");
            noise.extrasProperty().set(false);
        });
        assertEquals(0, ws.noiseView().curve().pointCount(), "nothing is evaluated until asked");
        robot.clickOn("#noise-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !noise.runningProperty().get() && noise.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), status);

        XYDataset chart = ws.noiseView().curve().plot().getDataset();
        assertEquals(1, chart.getSeriesCount());
        assertEquals(2, chart.getItemCount(0));
        NoiseCurves.Curve c = noise.resultProperty().get().curve();
        double ideal = ws.predictions().accuracy();
        assertEquals(ideal, c.idealAccuracy(), 1e-12, "the reference is the accuracy Inspect shows for the run");
        assertEquals(0.0, chart.getXValue(0, 0));
        assertEquals(ideal, chart.getYValue(0, 0), 1e-12, "strength 0 is the ideal model");
        assertEquals(0.2, chart.getXValue(0, 1), 1e-12);
        assertEquals(c.points().get(1).accuracy(), chart.getYValue(0, 1), 1e-12);
        ValueMarker reference = (ValueMarker) ws.noiseView().curve().plot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)
                .iterator().next();
        assertEquals(ideal, reference.getValue(), 1e-12, "the dashed ideal line");

        @SuppressWarnings("unchecked")
        TableView<InspectNoise.Row> table = robot.lookup("#noise-table").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        assertEquals("strength 0", table.getItems().get(0).setting());
        assertEquals(NoiseView.percent(ideal), table.getColumns().get(2).getCellData(0));
        assertEquals(NoiseView.percent(c.points().get(1).accuracy()), table.getColumns().get(2).getCellData(1));
        assertTrue(robot.lookup("#noise-status").queryAs(Label.class).getText().startsWith("2 points on the whole test split"),
                robot.lookup("#noise-status").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#noise-cancel").query().isDisabled(), "nothing left to cancel");
    }
}
