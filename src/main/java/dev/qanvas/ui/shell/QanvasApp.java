package dev.qanvas.ui.shell;

import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import java.io.InputStream;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application. Started through {@link #open(Path)} from {@code dev.qanvas.Main}. */
public final class QanvasApp extends Application {

    private static volatile Path initialFile;
    private static volatile MainWindow lastWindow;

    private AppSettings settings;
    private Project initialProject;
    private String initialError;
    private Image icon;
    private MainWindow window;

    /** Opens the app (on {@code project} if not null) and returns when it closes. */
    public static void open(Path project) {
        initialFile = project;
        Application.launch(QanvasApp.class);
    }

    /** For tests: which project file the next start opens. */
    static void setInitialFile(Path project) {
        initialFile = project;
    }

    /** For tests: the window of the most recent start. */
    static MainWindow lastWindow() {
        return lastWindow;
    }

    /** Runs on the launcher thread, not the UI thread: file reads belong here. */
    @Override
    public void init() {
        settings = AppSettings.load();
        Path file = initialFile;
        if (file != null) {
            try {
                initialProject = ProjectFiles.read(file);
            } catch (Exception e) {
                initialError = e.getMessage();
            }
        }
        try (InputStream in = QanvasApp.class.getResourceAsStream("/assets/icon/qanvas-256.png")) {
            icon = in == null ? null : new Image(in);
        } catch (Exception e) {
            icon = null;
        }
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow(stage, settings, icon);
        lastWindow = window;
        window.show(initialFile, initialProject, initialError);
        // Measured in docs/benchmarks.md: time from JVM start to a shown, usable window.
        long sinceJvmStart = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        System.getLogger("dev.qanvas.ui").log(System.Logger.Level.INFO, "Window shown " + sinceJvmStart + " ms after JVM start");
    }

    @Override
    public void stop() {
        if (window != null) {
            window.background().shutdown();
        }
    }
}
