package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real Application (init on the launcher thread, then start) as `qanvas PROJECT` does. */
class QanvasAppTest {

    @TempDir
    static Path config;

    @BeforeAll
    static void isolateSettings() throws Exception {
        System.setProperty("qanvas.config.dir", config.toString());
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        QanvasApp.setInitialFile(null);
    }

    private MainWindow launch(Path project) throws Exception {
        QanvasApp.setInitialFile(project);
        MainWindow before = QanvasApp.lastWindow();
        FxToolkit.setupApplication(QanvasApp.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> QanvasApp.lastWindow() != before);
        MainWindow window = QanvasApp.lastWindow();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.background().runningCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        return window;
    }

    @Test
    void opensTheProjectGivenOnTheCommandLine() throws Exception {
        Path sample = Path.of("samples/fashion-mnist-14x14.qanvas");
        Project expected = ProjectFiles.read(sample);
        MainWindow window = launch(sample);
        assertEquals(expected, window.document().project());
        assertEquals("data", window.currentWorkspace());
        assertEquals(14, window.dataWorkspace().shownDataset().width());
        assertTrue(window.stage().isShowing());
    }

    @Test
    void aBrokenProjectOnTheCommandLineIsReportedAndTheAppStarts() throws Exception {
        Path broken = config.resolve("truncated.qanvas");
        Files.writeString(broken, "{ \"formatVersion\": 1, \"name\": ");
        MainWindow window = launch(broken);
        assertTrue(window.stage().isShowing());
        DialogPane error = new FxRobot().lookup("#error-dialog").queryAs(DialogPane.class);
        assertNotNull(error);
        assertTrue(error.getContentText().contains("truncated.qanvas"), error.getContentText());
        assertEquals(Project.untitled(), window.document().project());
    }
}
