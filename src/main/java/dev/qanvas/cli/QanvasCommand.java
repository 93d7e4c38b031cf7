package dev.qanvas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code qanvas} command. Without a sub-command it opens the app (on a project file if one is
 * given); sub-commands run headless and never start the JavaFX toolkit.
 */
@Command(name = "qanvas", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Qanvas, a visual workbench for hybrid quantum-classical machine learning on images.%n"
                + "Without a command, opens the app (on PROJECT if given).",
        subcommands = {TrainCommand.class, ReproduceCommand.class, EvaluateCommand.class, SimulateCommand.class, EntropyCommand.class, DrawCommand.class, DatasetsCommand.class, DataInfoCommand.class,
                EngineCommand.class, BenchCommand.Group.class,
                CommandLine.HelpCommand.class})
public final class QanvasCommand implements Callable<Integer> {

    @Option(names = "--verbose", description = "Log what the libraries do (quiet by default).", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROJECT", description = "A .qanvas project file to open in the app.")
    Path project;

    private final Consumer<Path> openApp;

    /** @param openApp opens the desktop app on a project file (or null for none); blocks until it closes */
    public QanvasCommand(Consumer<Path> openApp) {
        this.openApp = openApp;
    }

    @Override
    public Integer call() {
        openApp.accept(project);
        return 0;
    }

    /** Runs the command line; returns the process exit code. */
    public static int run(String[] args, Consumer<Path> openApp) {
        CommandLine cli = new CommandLine(new QanvasCommand(openApp));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + describe(e)));
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * An error as a sentence: a file-system error names its path and the reason (Java's own
     * message for a missing folder is the bare path).
     */
    static String describe(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file or folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
