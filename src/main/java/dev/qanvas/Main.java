package dev.qanvas;

import dev.qanvas.cli.QanvasCommand;
import java.util.Arrays;

/**
 * Entry point of {@code java -jar qanvas.jar}. Does not extend {@code Application}: a class-path
 * launch of one that does fails with "JavaFX runtime components are missing" (docs/architecture.md, facts about the libraries).
 * Headless commands never load a JavaFX class; only opening the app does.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // First, before any library can open an ObjectInputStream: Qanvas deserialises no Java objects.
        SerialFilter.install();
        Logging.configure(Arrays.asList(args).contains("--verbose"));
        int code = QanvasCommand.run(args, project -> dev.qanvas.ui.shell.QanvasApp.open(project));
        // Exit explicitly: native thread pools of the numeric engine would otherwise keep the JVM alive.
        System.exit(code);
    }
}
