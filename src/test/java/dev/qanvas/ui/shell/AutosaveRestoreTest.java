package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.project.Project;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A session that ended without saving left an autosave: the next start offers it back. */
@ExtendWith(ApplicationExtension.class)
class AutosaveRestoreTest {

    @TempDir
    static Path config;

    private static final Project UNSAVED = Project.untitled().withName("Half-built Bell pair")
            .withCircuit(new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1)));

    private MainWindow window;

    @BeforeAll
    static void isolateSettings() {
        System.setProperty("qanvas.config.dir", config.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        new Autosave(config).write(UNSAVED, null); // what a crashed session leaves behind
        window = new MainWindow(stage, AppSettings.defaults(), null);
        window.show(null, null);
    }

    @Test
    void restoringGivesBackTheWorkAsUnsavedEditsAndSavingClearsTheCopy(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#restore-dialog").tryQuery().isPresent());
        robot.clickOn("Restore");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.document().project().equals(UNSAVED));
        assertTrue(window.document().isModified(), "restored work is unsaved until the user saves it");
        assertEquals("circuit", window.currentWorkspace());

        robot.interact(() -> window.document().undo());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !Files.exists(config.resolve("autosave.qanvas")));
        assertFalse(window.document().isModified(), "undo goes back to the version on disk (here: a new project)");
    }

    @Test
    void unsavedEditsAreWrittenToTheAutosaveFile(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#restore-dialog").tryQuery().isPresent());
        robot.clickOn("Discard");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !Files.exists(config.resolve("autosave.qanvas")));
        Project edited = window.document().project().withName("Edited");
        robot.interact(() -> window.document().edit(edited));
        robot.interact(window::autosaveNow);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(config.resolve("autosave.qanvas")));
        assertEquals(edited, new Autosave(config).find().orElseThrow().project());
    }
}
