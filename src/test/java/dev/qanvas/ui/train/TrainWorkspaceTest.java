package dev.qanvas.ui.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.ChartView;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.shell.MainWindow;

import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.ImbalanceRemedy;
import dev.qanvas.nn.training.InitFromRun;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunHistory;
import dev.qanvas.project.RunRecord;
import dev.qanvas.project.TinyTrainingProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Train workspace hosted on its own with a project that trains in seconds: start a run, see
 * the charts fill and the progress move, pause, resume, stop; the run is kept in the project and
 * listed; train a second run and overlay both.
 */
@ExtendWith(ApplicationExtension.class)
class TrainWorkspaceTest {

    static Path config;
    private DocumentModel doc;
    private TrainWorkspace ws;
    private final List<String> statusMessages = new ArrayList<>();

    @BeforeAll
    static void settingsFolder() throws Exception {
        config = Files.createTempDirectory("qanvas-train-test");
        System.setProperty("qanvas.config.dir", config.toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("qanvas.config.dir");
    }

    @Start
    void start(Stage stage) {
        // 30 epochs of 21 batches: long enough to pause and stop, a few seconds in all.
        Project p = TinyTrainingProject.project();
        doc = new DocumentModel(p.withTraining(p.training().withEpochs(30)));
        ws = new TrainWorkspace(doc, new Background(), () -> stage, new Alerts(() -> stage, statusMessages::add));
        Scene scene = new Scene((Parent) ws.view(), 1280, 780);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/qanvas/ui/qanvas.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    }

    private double progress(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup("#train-progress").queryAs(ProgressBar.class).getProgress());
    }

    private int points(FxRobot robot, String chart) throws Exception {
        return fx(() -> robot.lookup("#chart-" + chart).queryAs(ChartView.class).pointCount());
    }

    private List<String> seriesKeys(FxRobot robot, String chart) throws Exception {
        return fx(() -> {
            XYDataset d = robot.lookup("#chart-" + chart).queryAs(ChartView.class).plot().getDataset();
            List<String> keys = new ArrayList<>();
            for (int s = 0; s < d.getSeriesCount(); s++) {
                keys.add(d.getSeriesKey(s).toString());
            }
            return keys;
        });
    }

    private void setField(FxRobot robot, String key, String value) {
        robot.clickOn("#train-field-" + key);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(value).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void trainPauseResumeStopThenOverlayTwoRuns(FxRobot robot) throws Exception {
        assertFalse(robot.lookup("#train-start").queryAs(Button.class).isDisabled(), "a valid model can be trained");
        robot.clickOn("#train-start");
        waitUntil(60, () -> ws.state() == TrainWorkspace.State.RUNNING);
        waitUntil(60, () -> points(robot, "loss-batch") > 0 && progress(robot) > 0);
        waitUntil(60, () -> points(robot, "entropy") > 0 && points(robot, "meyer-wallach") > 0
                && points(robot, "gradient-variance") > 0); // the quantum charts move during the first epochs
        assertTrue(fx(() -> robot.lookup("#train-progress-text").queryAs(Label.class).getText()).startsWith("Epoch "));

        // Pause and Stop are pressed through their buttons on the FX thread, not by mouse: the run
        // lasts a few seconds, and on a loaded CI machine the mouse's travel let it finish first
        // (a clean run read COMPLETED where STOPPED was due).
        robot.interact(() -> robot.lookup("#train-pause").queryButton().fire());
        assertEquals(TrainWorkspace.State.PAUSED, ws.state());
        Thread.sleep(400); // the batch under way finishes and its events arrive
        double paused = progress(robot);
        Thread.sleep(600);
        assertEquals(paused, progress(robot), "no progress while paused");
        robot.clickOn("#train-resume");
        // Stop as soon as the run has moved on: checked and pressed in one step on the FX thread.
        waitUntil(30, () -> {
            if (robot.lookup("#train-progress").queryAs(ProgressBar.class).getProgress() <= paused) {
                return false;
            }
            robot.lookup("#train-stop").queryButton().fire();
            return true;
        });
        waitUntil(60, () -> ws.state() == TrainWorkspace.State.IDLE);

        List<RunRecord> runs = fx(() -> doc.project().runs());
        assertEquals(1, runs.size(), "the stopped run is kept in the project");
        RunRecord first = runs.get(0);
        assertEquals("STOPPED", first.outcome());
        assertEquals("run-1", first.id());
        assertTrue(Files.exists(Path.of(first.directory(), "model.zip")), "a stopped run can be inspected");
        assertTrue(Path.of(first.directory()).startsWith(config), "an unsaved project's runs go to the settings folder");
        assertFalse(first.batchLosses().isEmpty());
        assertFalse(first.quantum().isEmpty());
        assertTrue(fx(() -> doc.isModified()), "the run is an edit of the project");
        assertTrue(robot.lookup("#run-row-run-1").tryQuery().isPresent(), "listed");
        assertTrue(fx(() -> robot.lookup("#train-status").queryAs(Label.class).getText()).startsWith("Stopped"));

        // A bad value is explained and changes nothing; a good one is an edit.
        setField(robot, "epochs", "-1");
        assertTrue(robot.lookup("#train-error-epochs").queryAs(Label.class).isVisible());
        assertEquals(30, fx(() -> doc.project().training().epochs()));
        assertTrue(robot.lookup("#train-start").queryAs(Button.class).isDisabled(), "fix the settings first");
        setField(robot, "epochs", "2");
        assertEquals(2, fx(() -> doc.project().training().epochs()));
        assertFalse(robot.lookup("#train-error-epochs").queryAs(Label.class).isVisible());

        // The hidden error row shrinks the form and moves Start up, and a mouse click raced that layout
        // (a clean CI run clicked beside it): pressed through the button here; the first Start above is clicked.
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#train-start").queryButton().fire());
        waitUntil(90, () -> doc.project().runs().size() == 2 && ws.state() == TrainWorkspace.State.IDLE);
        runs = fx(() -> doc.project().runs());
        assertEquals(2, runs.size());
        assertEquals("COMPLETED", runs.get(1).outcome());
        assertEquals(2, runs.get(1).epochs().size());
        assertEquals(1.0, progress(robot), 1e-9);
        assertEquals(2, points(robot, "accuracy") / seriesKeys(robot, "accuracy").size(), "two epochs per curve");

        // Overlay: tick run-1 next to run-2. Ticked through the box, not by a mouse click: the list
        // redraws its cells when the run ends, and a clean CI run's click found the box already out of
        // the scene (TestFX: "scene is null").
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#run-check-run-1").match(n -> n.getScene() != null && n.isVisible())
                .queryAs(CheckBox.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> keys = seriesKeys(robot, "loss-batch");
        assertTrue(keys.contains("run-2 · quantum · raw") && keys.contains("run-2 · quantum · smoothed")
                && keys.contains("run-1 · quantum · raw"), keys.toString());
        assertTrue(seriesKeys(robot, "entropy").stream().anyMatch(k -> k.startsWith("run-1 · q")), "entropy of both runs");
        String correlation = fx(() -> robot.lookup("#train-correlation-values").queryAs(Label.class).getText());
        assertTrue(correlation.contains("q: r = ") || correlation.contains("q: needs"), correlation);

        // Exports: the data behind a chart as CSV, the image as PNG.
        ChartView loss = robot.lookup("#chart-" + RunHistory.LOSS_EPOCH).queryAs(ChartView.class);
        String csv = new String(fx(loss::csv), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("series,epoch,loss,y_low,y_high\n"), csv);
        assertTrue(csv.contains("\"run-2 · quantum · train\",1.0,"), csv);
        byte[] png = fx(() -> loss.png(600, 400));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);

        // Undo removes the last run from the project and the list.
        robot.interact(() -> doc.undo());
        assertEquals(1, fx(() -> doc.project().runs().size()));
        assertTrue(robot.lookup("#run-row-run-2").tryQuery().isEmpty());
    }

    @Test
    void startIsDisabledWithTheReasonWhenThereIsNoModel(FxRobot robot) throws Exception {
        robot.interact(() -> doc.edit(doc.project().withModel(ModelGraph.empty())));
        assertTrue(robot.lookup("#train-start").queryAs(Button.class).isDisabled());
        String reason = fx(() -> robot.lookup("#train-blocked").queryAs(Label.class).getText());
        assertTrue(reason.contains("no model"), reason);
        // A model whose output does not match the dataset's classes: found by reading the data in the background.
        Project p = TinyTrainingProject.project();
        robot.interact(() -> doc.edit(p.withModel(p.model().replaced("out",
                new dev.qanvas.nn.graph.kinds.Output(3, dev.qanvas.nn.graph.LayerSpec.OutputKind.SOFTMAX)))));
        waitUntil(30, () -> robot.lookup("#train-blocked").queryAs(Label.class).getText().contains("3 classes"));
        assertTrue(robot.lookup("#train-start").queryAs(Button.class).isDisabled());
        robot.interact(() -> doc.edit(p));
        waitUntil(30, () -> !robot.lookup("#train-start").queryAs(Button.class).isDisabled());
        TextField lr = robot.lookup("#train-field-learning-rate").queryAs(TextField.class);
        assertEquals("0.02", lr.getText());
    }

    @Test
    void adversarialControlsEditTheSettingsAndExplainTheCost(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<AdversarialTraining.Method> method = robot.lookup("#train-field-adversarial").queryAs(ComboBox.class);
        TextField steps = robot.lookup("#train-field-adv-steps").queryAs(TextField.class);
        assertEquals(AdversarialTraining.Method.NONE, method.getValue());
        assertTrue(robot.lookup("#train-field-adv-epsilon").queryAs(TextField.class).isDisabled(), "nothing to set while off");
        assertFalse(robot.lookup("#train-adversarial-note").queryAs(Label.class).isVisible());
        assertTrue(method.getTooltip().getText().contains("Adversarial training"), "a tooltip explains it");
        robot.interact(() -> method.setValue(AdversarialTraining.Method.PGD));
        assertEquals(AdversarialTraining.Method.PGD, fx(() -> doc.project().training().adversarial().method()));
        assertFalse(steps.isDisabled(), "PGD has steps");
        setField(robot, "adv-epsilon", "0.05");
        setField(robot, "adv-steps", "3");
        assertEquals(new AdversarialTraining(AdversarialTraining.Method.PGD, 0.05, 0.5, 3), fx(() -> doc.project().training().adversarial()));
        Label note = robot.lookup("#train-adversarial-note").queryAs(Label.class);
        assertTrue(fx(note::isVisible));
        assertTrue(fx(note::getText).contains("PGD (3 steps), epsilon 0.05"), fx(note::getText));
        setField(robot, "adv-ratio", "2");
        assertTrue(robot.lookup("#train-error-adv-ratio").queryAs(Label.class).isVisible(), "a share above 1 is explained");
        assertEquals(0.5, fx(() -> doc.project().training().adversarial().ratio()));
        setField(robot, "adv-ratio", "0.25");
        robot.interact(() -> method.setValue(AdversarialTraining.Method.FGSM));
        assertTrue(fx(steps::isDisabled), "FGSM takes one step");
        assertEquals(new AdversarialTraining(AdversarialTraining.Method.FGSM, 0.05, 0.25, 3), fx(() -> doc.project().training().adversarial()));
    }

    @Test
    void deviceControlsSetNoiseAndShotsAndSayHowGradientsAreTaken(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<String> device = robot.lookup("#train-field-device").queryAs(ComboBox.class);
        assertEquals("None", device.getValue());
        assertTrue(device.getItems().containsAll(dev.qanvas.quantum.DeviceProfile.BUILT_IN), device.getItems().toString());
        Label note = robot.lookup("#train-adversarial-note").queryAs(Label.class);
        assertFalse(fx(note::isVisible), "ideal: nothing to say");
        robot.interact(() -> device.setValue("illustrative-noisy"));
        setField(robot, "noise", "depolarizing=0.01, readout=0.02");
        setField(robot, "shots", "1000");
        setField(robot, "shot-seed", "4");
        assertEquals(new dev.qanvas.nn.training.TrainingExecution("illustrative-noisy", java.util.List.of("depolarizing=0.01",
                "readout=0.02"), 1000, 4), fx(() -> doc.project().training().execution()));
        assertTrue(fx(note::isVisible));
        assertTrue(fx(note::getText).contains("Gradients by parameter shift"), fx(note::getText));
        setField(robot, "noise", "sparkle=0.1");
        assertTrue(robot.lookup("#train-error-noise").queryAs(Label.class).isVisible(), "an unknown channel is explained");
        setField(robot, "shots", "-1");
        assertTrue(robot.lookup("#train-error-shots").queryAs(Label.class).isVisible(), "negative shots are explained");
        assertEquals(1000, fx(() -> doc.project().training().execution().shots()), "and change nothing");
    }

    @Test
    void imbalanceRemediesAndStartFromRunEditTheSettings(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<ImbalanceRemedy.Resampling> resampling = robot.lookup("#train-field-resampling").queryAs(ComboBox.class);
        assertEquals(ImbalanceRemedy.Resampling.NONE, resampling.getValue());
        assertTrue(robot.lookup("#train-field-resampling-level").queryAs(TextField.class).isDisabled(), "no level without resampling");
        robot.interact(() -> resampling.setValue(ImbalanceRemedy.Resampling.OVERSAMPLE));
        setField(robot, "resampling-level", "0.5");
        robot.clickOn("#train-field-class-weights");
        assertEquals(new ImbalanceRemedy(ImbalanceRemedy.Resampling.OVERSAMPLE, 0.5, true, false),
                fx(() -> doc.project().training().imbalance()));
        setField(robot, "resampling-level", "1.5");
        assertTrue(robot.lookup("#train-error-resampling-level").queryAs(Label.class).isVisible(), "a level above 1 is explained");
        robot.clickOn("#train-field-prior-thresholds");
        assertTrue(fx(() -> doc.project().training().imbalance().priorThresholds()));

        @SuppressWarnings("unchecked")
        ComboBox<SettingsForm.InitChoice> from = robot.lookup("#train-field-init-from").queryAs(ComboBox.class);
        assertEquals(List.of("Fresh weights"), fx(() -> from.getItems().stream().map(SettingsForm.InitChoice::label).toList()));
        assertTrue(robot.lookup("#train-field-fresh-output").queryAs(javafx.scene.control.CheckBox.class).isDisabled());
        Project p = doc.project();
        RunRecord earlier = new RunRecord("run-7", "2026-12-07T02:00:00Z", p.training(), "/tmp/somewhere/run-7", "COMPLETED", 0.8, List.of());
        robot.interact(() -> doc.edit(p.withRun(earlier)));
        waitUntil(30, () -> from.getItems().size() == 2);
        assertEquals("run-7 · 80.0 %", fx(() -> from.getItems().get(1).label()));
        robot.interact(() -> from.setValue(from.getItems().get(1)));
        assertEquals(new InitFromRun("/tmp/somewhere/run-7", false), fx(() -> doc.project().training().initFrom()));
        robot.clickOn("#train-field-fresh-output");
        assertEquals(new InitFromRun("/tmp/somewhere/run-7", true), fx(() -> doc.project().training().initFrom()));
        robot.interact(() -> from.setValue(from.getItems().get(0)));
        assertEquals(null, fx(() -> doc.project().training().initFrom()));
        assertEquals(new ImbalanceRemedy(ImbalanceRemedy.Resampling.OVERSAMPLE, 0.5, true, true),
                fx(() -> doc.project().training().imbalance()), "the other settings stay");
    }
}
