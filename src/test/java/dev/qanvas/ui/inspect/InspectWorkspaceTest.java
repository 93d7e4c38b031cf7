package dev.qanvas.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.shell.MainWindow;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.TransformChain;
import dev.qanvas.insight.Saliency;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingRun;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunRecord;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.xy.XYDataset;
import dev.qanvas.insight.NoiseCurves;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Inspect workspace hosted on its own over a real run: MNIST digits 0, 1 and 7 shrunk to
 * 8x8, a Dense + 4-qubit Quantum model trained for one epoch headless and written as the Train
 * workspace and {@code qanvas train --record} write it (model.zip, project.qanvas, a run record).
 */
@ExtendWith(ApplicationExtension.class)
class InspectWorkspaceTest {

    @TempDir
    static Path dir;

    private static Project trainedProject;
    private static ComputationGraph trainedNet;

    private DocumentModel doc;
    private Background background;
    private InspectWorkspace ws;
    private final List<String> status = new ArrayList<>();

    @BeforeAll
    static void trainARun() throws Exception {
        NumericEngine.start();
        Project project = InspectFixture.project("Inspect test");
        TrainingSettings settings = project.training();
        ModelGraph model = project.model();
        TransformChain transforms = project.transforms();
        Dataset data = transforms.apply(Datasets.load(project.dataset()));
        ComputationGraph net = GraphCompiler.compile(model, settings);
        new TrainingRun(net, data, settings, true, null, new RunEvents() { }).run();
        Path run = dir.resolve("run-1");
        Files.createDirectories(run);
        ModelSerializer.writeModel(net, run.resolve("model.zip").toFile(), true);
        ProjectFiles.write(run.resolve("project.qanvas"), project);
        trainedNet = net;
        trainedProject = project.withRun(new RunRecord("run-1", "2024-05-01T10:00:00Z", settings, run.toAbsolutePath().toString(),
                "COMPLETED", 0.9, List.of()));
    }

    @Start
    void start(Stage stage) {
        doc = new DocumentModel(trainedProject);
        background = new Background();
        ws = new InspectWorkspace(doc, background, () -> stage, new Alerts(() -> stage, status::add));
        Scene scene = new Scene((Parent) ws.view(), 1280, 780);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/qanvas/ui/qanvas.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private void waitUntil(BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> background.runningCount() == 0 && ws.pendingWork() == 0
                    && condition.getAsBoolean());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; status messages: " + status + ", pending " + ws.pendingWork() + " model " + ws.model() + " predictions " + ws.predictions()
                    + ", background " + background.runningCount(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForRun() throws Exception {
        waitUntil(() -> ws.predictions() != null && ws.saliencyView().heat() != null);
    }

    private static boolean nonZero(double[] a) {
        return a != null && Arrays.stream(a).anyMatch(v -> v > 0);
    }

    @Test
    void theConfusionMatrixCountsTheTestSplit(FxRobot robot) throws Exception {
        waitForRun();
        Dataset data = trainedProject.transforms().apply(Datasets.load(trainedProject.dataset()));
        INDArray x = DataArrays.features(data.test(), DataArrays.all(data.test()), true);
        long[] predicted = trainedNet.outputSingle(false, x).argMax(1).toLongVector();
        int[][] direct = new int[3][3];
        for (int i = 0; i < predicted.length; i++) {
            direct[data.test().label(i)][(int) predicted[i]]++;
        }
        int sum = 0;
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                int shown = Integer.parseInt(robot.lookup("#confusion-cell-" + t + "-" + p).queryAs(Label.class).getText());
                assertEquals(direct[t][p], shown, "cell " + t + "," + p);
                sum += shown;
            }
        }
        assertEquals(data.test().size(), sum, "the cells add up to the test split");
        assertTrue(robot.lookup("#inspect-summary").queryAs(Label.class).getText().contains("run-1"));
        double recalls = 0; // balanced accuracy beside the matrix: the mean recall of its rows, worked out here
        for (int t = 0; t < 3; t++) {
            recalls += (double) direct[t][t] / java.util.Arrays.stream(direct[t]).sum();
        }
        String headline = robot.lookup("#inspect-class-metrics #class-metrics-headline").queryAs(Label.class).getText();
        assertTrue(headline.startsWith(String.format(java.util.Locale.ROOT, "Balanced accuracy %.1f%%", 100 * recalls / 3))
                && headline.contains("Macro ROC AUC 0."), headline);
    }

    @Test
    void aMisclassifiedImageShowsItsSaliencyAndTheMethodChangesIt(FxRobot robot) throws Exception {
        waitForRun();
        Node tile = robot.lookup("#misclassified-gallery .gallery-tile").query();
        assertNotNull(tile, "one epoch leaves some digits misclassified");
        robot.clickOn(tile);
        int index = Integer.parseInt(tile.getId().substring("gallery-tile-".length()));
        waitUntil(() -> robot.lookup("#detail-title").queryAs(Label.class).getText().startsWith("Test image " + index + " "));
        double[] vanilla = ws.saliencyView().heat();
        assertTrue(nonZero(vanilla), "a non-empty heat map");
        Node original = robot.lookup("#saliency-original").query();
        assertTrue(original.isVisible() && ws.originalView().heat() == null, "the image alone, without heat");
        javafx.scene.image.ImageView originalImage = (javafx.scene.image.ImageView) ((Parent) original).getChildrenUnmodifiable().get(0);
        assertNotNull(originalImage.getImage(), "the image is drawn beside the heat map");
        javafx.geometry.Bounds left = original.localToScene(original.getLayoutBounds());
        Node map = robot.lookup("#saliency-view").query();
        javafx.geometry.Bounds right = map.localToScene(map.getLayoutBounds());
        assertTrue(left.getMaxX() <= right.getMinX() + 1 && left.getMinY() < right.getMaxY(), "beside the map, on its left: " + left + " " + right);
        assertTrue(robot.lookup("#detail-title").queryAs(Label.class).getText().contains("✗"), "it is a misclassified image");
        assertFalse(robot.lookup("#inspect-state-panel").queryAs(dev.qanvas.ui.common.StatePanel.class).getCaption().isEmpty(),
                "the quantum layer's state for this image");

        @SuppressWarnings("unchecked")
        ComboBox<Saliency.Method> method = robot.lookup("#saliency-method").queryAs(ComboBox.class);
        robot.interact(() -> method.setValue(Saliency.Method.INTEGRATED_GRADIENTS));
        waitUntil(() -> robot.lookup("#saliency-caption").queryAs(Label.class).getText().startsWith("Integrated Gradients"));
        double[] ig = ws.saliencyView().heat();
        assertTrue(nonZero(ig));
        assertFalse(Arrays.equals(vanilla, ig), "Integrated Gradients give another map");

        robot.clickOn("#confusion-cell-1-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#gallery-title").queryAs(Label.class).getText().startsWith("True 1, predicted 1"));
        assertEquals(Math.min(ws.predictions().cell(1, 1).length, dev.qanvas.ui.inspect.Gallery.LIMIT), ws.gallery().shownCount());

        Path png = dir.resolve("saliency.png");
        robot.interact(() -> ws.exportPng(robot.lookup("#saliency-view").query(), png));
        waitUntil(() -> Files.exists(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() >= 200, "a snapshot at twice the view's size");
    }

    @Test
    void theRobustnessPageChartsATinyCurveAndShowsAdversarialImages(FxRobot robot) throws Exception {
        waitForRun();
        robot.clickOn("Robustness");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#robustness-view").query().isVisible(), "the Robustness page is shown");
        assertEquals(InspectRobustness.UNITS, robot.lookup("#robustness-units").queryAs(Label.class).getText());
        InspectRobustness rob = ws.viewModel().robustness();
        robot.interact(() -> {
            rob.imagesProperty().set(10);
            rob.stepsProperty().set(2);
        });
        assertEquals(0, ws.robustnessView().chart().pointCount(), "nothing is attacked until asked");
        // Pressed and checked on one FX turn (cancelStopsARunningAttackWithoutWaitingForIt clicks it with the mouse).
        robot.interact(() -> {
            robot.lookup("#robustness-run").queryButton().fire();
            assertTrue(rob.runningProperty().get(), "the attack started; status: " + rob.statusProperty().get() + ", messages " + status);
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !rob.runningProperty().get() && !rob.galleryRunningProperty().get()
                && rob.galleryProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, ws.robustnessView().chart().plot().getDataset().getSeriesCount(), "FGSM and PGD on the run");
        assertEquals(2 * InspectRobustness.EPSILONS.length, ws.robustnessView().chart().pointCount());
        assertEquals(Math.min(InspectRobustness.GALLERY, 10), ws.robustnessView().galleryRows());
        Parent row = robot.lookup("#adversarial-row-0").queryAs(Parent.class);
        assertTrue(row.isVisible());
        long images = robot.from(row).lookup(".saliency-view").queryAll().size();
        assertEquals(4, images, "original, adversarial, saliency before and after");
        assertTrue(robot.lookup("#quantum-movement").queryAs(javafx.scene.layout.VBox.class).getChildren().size() > 2,
                "the quantum layer's movement is listed");
        assertTrue(robot.lookup("#robustness-cancel").query().isDisabled(), "nothing left to cancel");
    }

    @Test
    void cancelStopsARunningAttackWithoutWaitingForIt(FxRobot robot) throws Exception {
        waitForRun();
        robot.clickOn("Robustness");
        InspectRobustness rob = ws.viewModel().robustness();
        robot.interact(() -> rob.imagesProperty().set(400));
        robot.clickOn("#robustness-run");
        assertTrue(rob.runningProperty().get(), "attacking in the background");
        assertTrue(robot.lookup("#robustness-progress").query().isVisible());
        assertFalse(robot.lookup("#robustness-cancel").query().isDisabled());
        robot.clickOn("#robustness-cancel");
        assertFalse(rob.runningProperty().get());
        assertEquals("Cancelled.", robot.lookup("#robustness-status").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#robustness-cancel").query().isDisabled());
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(rob.lines().isEmpty(), "a cancelled attack draws nothing");
        assertEquals(0, ws.robustnessView().chart().pointCount());
    }

    /** An empty confusion cell (or no misclassified image at all) says so in the gallery instead of leaving it blank. */
    @Test
    void anEmptyGallerySaysWhy(FxRobot robot) throws Exception {
        waitForRun();
        int[][] confusion = ws.predictions().confusion();
        int t = -1, p = -1;
        for (int i = 0; i < 3 && t < 0; i++) {
            for (int j = 0; j < 3; j++) {
                if (confusion[i][j] == 0) {
                    t = i;
                    p = j;
                    break;
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(t >= 0, "the trained model fills every cell");
        robot.clickOn("#confusion-cell-" + t + "-" + p);
        // the gallery refills off the UI thread: on a busy machine that takes more than one pulse
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> ws.gallery().shownCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, ws.gallery().shownCount());
        Label empty = robot.lookup("#gallery-empty").queryAs(Label.class);
        assertTrue(empty.isVisible() && empty.getScene() != null, "the message is in the gallery");
        assertTrue(empty.getText().startsWith("No test image is of true class "), empty.getText());
    }

    @Test
    void aDrawnDigitGetsAPredictionAndASaliencyMap(FxRobot robot) throws Exception {
        waitForRun();
        robot.clickOn("#draw-mode");
        Node pad = robot.lookup("#draw-pad").query();
        assertTrue(pad.isVisible(), "MNIST-shaped data: the pad is offered");
        robot.drag(pad.localToScreen(pad.getBoundsInLocal()).getMinX() + 112, pad.localToScreen(pad.getBoundsInLocal()).getMinY() + 40)
                .dropBy(0, 150);
        waitUntil(() -> ws.showsDrawing() && ws.shownPrediction() >= 0
                && robot.lookup("#detail-title").queryAs(Label.class).getText().startsWith("Your drawing"));
        assertTrue(nonZero(ws.saliencyView().heat()), "the drawing has a saliency map");
        assertEquals(3, robot.lookup("#class-probabilities").queryAs(javafx.scene.layout.VBox.class).getChildren().size());
    }

    @Test
    void thePickerListsRunsWithAModelNewestFirstLookingInTheBackground(FxRobot robot) throws Exception {
        waitForRun();
        RunRecord first = trainedProject.runs().get(0);
        RunRecord gone = new RunRecord("run-2", "2024-05-02T10:00:00Z", first.settings(), dir.resolve("no-such-run").toString(),
                "COMPLETED", 0.5, List.of());
        RunRecord again = new RunRecord("run-3", "2024-05-03T10:00:00Z", first.settings(), first.directory(), "COMPLETED", 0.9, List.of());
        assertEquals(List.of(again, first), InspectWorkspace.runsWithModel(List.of(first, gone, again), null));
        robot.interact(() -> doc.edit(trainedProject.withRun(gone).withRun(again)));
        @SuppressWarnings("unchecked")
        ComboBox<RunRecord> picker = robot.lookup("#inspect-run").queryAs(ComboBox.class);
        waitUntil(() -> picker.getItems().size() == 2);
        assertEquals(List.of(again, first), picker.getItems());
    }

    @Test
    void withoutARunItSaysHowToMakeOne(FxRobot robot) {
        robot.interact(() -> doc.replace(Project.untitled(), null));
        WaitForAsyncUtils.waitForFxEvents();
        Label empty = robot.lookup("#inspect-empty").queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertTrue(empty.getText().contains("qanvas train") && empty.getText().contains("Train workspace"));
        assertTrue(robot.lookup("#inspect-run").queryAs(ComboBox.class).isDisabled());
    }

    /** Inspect > Noise: a 2-point curve charted and tabled, its strength-0 point at the run's accuracy. */
    @Test
    void aTwoPointCurveIsChartedAndTabledWithStrengthZeroAtTheIdealAccuracy(FxRobot robot) throws Exception {
        waitForRun();
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

        // The entanglement chart: the first quantum layer's log negativity at the same strengths, its ideal value dashed.
        NoiseCurves.EntanglementCurve e = noise.resultProperty().get().entanglement();
        XYDataset entanglement = ws.noiseView().entanglement().plot().getDataset();
        assertEquals(1, entanglement.getSeriesCount());
        assertEquals(2, entanglement.getItemCount(0));
        assertEquals(e.idealLogNegativity(), entanglement.getYValue(0, 0), 1e-12, "strength 0 is the ideal layer");
        assertEquals(e.points().get(1).logNegativity(), entanglement.getYValue(0, 1), 1e-12);
        ValueMarker idealBits = (ValueMarker) ws.noiseView().entanglement().plot()
                .getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next();
        assertEquals(e.idealLogNegativity(), idealBits.getValue(), 1e-12);
        assertTrue(ws.noiseView().entanglement().isVisible());
    }

    @Test
    void theShotsCurveHasALogAxisAndTheIdealAccuracyAsReference(FxRobot robot) throws Exception {
        waitForRun();
        robot.clickOn("Noise");
        WaitForAsyncUtils.waitForFxEvents();
        InspectNoise noise = ws.viewModel().noise();
        robot.interact(() -> {
            noise.strengthsProperty().set("0");
            noise.extrasProperty().set(true);
        });
        robot.clickOn("#noise-run");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> !noise.runningProperty().get() && noise.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), status);
        org.jfree.chart.plot.XYPlot plot = ws.noiseView().shots().plot();
        assertTrue(plot.getDomainAxis() instanceof org.jfree.chart.axis.LogAxis, "shots on a log axis");
        XYDataset shots = plot.getDataset();
        assertEquals(InspectNoise.SHOT_SERIES.length, shots.getItemCount(0));
        for (int k = 0; k < InspectNoise.SHOT_SERIES.length; k++) {
            assertEquals((double) InspectNoise.SHOT_SERIES[k], shots.getXValue(0, k), 0.0);
            assertEquals(noise.resultProperty().get().shots().get(k).accuracy(), shots.getYValue(0, k), 1e-12);
        }
        ValueMarker reference = (ValueMarker) plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).iterator().next();
        assertEquals(ws.predictions().accuracy(), reference.getValue(), 1e-12, "the ideal model's accuracy");
    }
}
