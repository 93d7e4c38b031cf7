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
    private static volatile Preload preloaded;
    private static volatile MainWindow lastWindow;

    private AppSettings settings;
    /** The project given on the command line, being read (null without one). */
    private CompletableFuture<Project> initialProject;
    private Image icon;
    private MainWindow window;

    /** Opens the app (on {@code project} if not null) and returns when it closes. */
    public static void open(Path project) {
        initialFile = project;
        // Reading the settings and the project (JSON: the first use of Jackson loads hundreds of
        // classes) takes about as long as starting the UI toolkit; on a second core it overlaps.
        // The window waits for the settings only (its size and place); the project is opened once
        // it is read, after the window's first frame (MainWindow.show).
        preloaded = Preload.start(project);
        Application.launch(QanvasApp.class);
    }

    /**
     * The settings and the project file, read on a thread of their own in that order: each is
     * ready as soon as it is read. The project's future fails with the reason it cannot be opened.
     */
    private record Preload(Path file, CompletableFuture<AppSettings> settings, CompletableFuture<Project> project) {
        static Preload start(Path file) {
            Preload p = new Preload(file, new CompletableFuture<>(), new CompletableFuture<>());
            Thread reader = new Thread(() -> {
                complete(p.settings, AppSettings::load);
                if (file != null) {
                    complete(p.project, () -> ProjectFiles.read(file));
                }
            }, "qanvas-start-read");
            reader.setDaemon(true);
            reader.start();
            return p;
        }

        private static <T> void complete(CompletableFuture<T> future, java.util.concurrent.Callable<T> read) {
            try {
                future.complete(read.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
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
        Preload read = preloaded;
        preloaded = null; // read once: a later start (tests) reads again
        if (read == null || !java.util.Objects.equals(read.file(), file)) {
            read = Preload.start(file);
        }
        AppSettings loaded;
        try {
            loaded = read.settings().join();
        } catch (RuntimeException e) {
            loaded = AppSettings.defaults(); // settings are never worth a failed start (AppSettings.load)
        }
        settings = loaded;
        initialProject = file == null ? null : read.project();
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
        window.show(initialFile, initialProject);
        // Measured in docs/benchmarks.md: time from JVM start to a shown, usable window.
        logSinceStart("Window shown");
    }

    /**
     * Logs (seen with --verbose) "WHAT N ms after JVM start (M ms of CPU, CLASS DATA)": the wall
     * time, the CPU time of all the process's threads so far, which a busy machine inflates far
     * less, and which class data the JVM mapped ({@link #classData()}).
     */
    static void logSinceStart(String what) {
        var runtime = java.lang.management.ManagementFactory.getRuntimeMXBean();
        long sinceJvmStart = System.currentTimeMillis() - runtime.getStartTime();
        long cpu = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1_000_000 : -1;
        System.getLogger("dev.qanvas.ui").log(System.Logger.Level.INFO,
                what + " " + sinceJvmStart + " ms after JVM start (" + cpu + " ms of CPU, " + classData() + ")");
    }

    /**
     * Whether the start-up class archive (target/qanvas.jsa, made by `mvn package` from
     * src/main/cds/startup.classlist) was mapped. A missing or stale archive given with
     * -XX:SharedArchiveFile turns class data sharing off altogether, which starts slower than no flag.
     */
    static String classData() {
        boolean sharing = System.getProperty("java.vm.info", "").contains("sharing");
        boolean archiveGiven = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile="));
        if (!sharing) {
            return archiveGiven ? "start-up class archive not usable: rebuild it with mvn package" : "no class data sharing";
        }
        return archiveGiven ? "start-up class archive" : "the JDK's class data only";
    }

    @Override
    public void stop() {
        if (window != null) {
            window.background().shutdown();
        }
    }
}
