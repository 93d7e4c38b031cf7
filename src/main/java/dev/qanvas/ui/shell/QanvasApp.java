package dev.qanvas.ui.shell;

import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The JavaFX application. Started through {@link #open(Path)} from {@code dev.qanvas.Main}. */
public final class QanvasApp extends Application {

    private static volatile Path initialFile;
    /** The settings and the project file, read while the UI toolkit starts (see {@link #open}); null in tests. */
    private static volatile CompletableFuture<OnDisk> preloaded;
    private static volatile MainWindow lastWindow;

    private AppSettings settings;
    private Project initialProject;
    private String initialError;
    private Image icon;
    private MainWindow window;

    /** Opens the app (on {@code project} if not null) and returns when it closes. */
    public static void open(Path project) {
        initialFile = project;
        // Reading the settings and the project (JSON: the first use of Jackson loads hundreds of
        // classes) takes about as long as starting the UI toolkit; on a second core it overlaps.
        CompletableFuture<OnDisk> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(OnDisk.read(project));
            } catch (Throwable t) {
                read.completeExceptionally(t);
            }
        }, "qanvas-start-read");
        reader.setDaemon(true);
        reader.start();
        preloaded = read;
        Application.launch(QanvasApp.class);
    }

    /** What {@link #init} needs from disk: the settings, and the project or why it cannot be opened. */
    private record OnDisk(Path file, AppSettings settings, Project project, String error) {
        static OnDisk read(Path file) {
            AppSettings settings = AppSettings.load();
            if (file == null) {
                return new OnDisk(null, settings, null, null);
            }
            try {
                return new OnDisk(file, settings, ProjectFiles.read(file), null);
            } catch (Exception e) {
                return new OnDisk(file, settings, null, e.getMessage());
            }
        }
    }

    /** For tests: which project file the next start opens. */
    static void setInitialFile(Path project) {
        initialFile = project;
        preloaded = null;
    }

    /** For tests: the window of the most recent start. */
    static MainWindow lastWindow() {
        return lastWindow;
    }

    /** Runs on the launcher thread, not the UI thread: file reads belong here. */
    @Override
    public void init() {
        Path file = initialFile;
        CompletableFuture<OnDisk> read = preloaded;
        preloaded = null; // read once: a later start (tests) reads again
        OnDisk files = null;
        if (read != null) {
            try {
                files = read.join();
            } catch (RuntimeException e) {
                files = null; // read again below, where a failure is reported as before
            }
        }
        if (files == null || !java.util.Objects.equals(files.file(), file)) {
            files = OnDisk.read(file);
        }
        settings = files.settings();
        initialProject = files.project();
        initialError = files.error();
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
