package dev.qanvas.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code qanvas} command. Without a sub-command it opens the app (on a project file if one is
 * given); sub-commands run headless and never start the JavaFX toolkit. A word that is neither a
 * command nor a file nor a {@code .qanvas} name is reported as an unknown command, and without a
 * display the app is not started: the error names the headless commands.
 */
@Command(name = "qanvas", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Qanvas, a visual workbench for hybrid quantum-classical machine learning on images.%n"
                + "Without a command, opens the app (on PROJECT if given).",
        subcommands = {TrainCommand.class, ReproduceCommand.class, SweepCommand.class, EvaluateCommand.class, AttackCommand.class, SimulateCommand.class, EntropyCommand.class, NeuronCommand.class, QrnnCommand.class, KernelCommand.class, PhotonicCommand.class, LabelIssuesCommand.class, DrawCommand.class, DatasetsCommand.class, DataInfoCommand.class,
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // picocli takes any unknown word for PROJECT: a word that is no file and no .qanvas name was meant as a command.
        if (project != null && !Files.exists(project) && !project.getFileName().toString().endsWith(".qanvas")
                && project.getNameCount() == 1) {
            spec.commandLine().getErr().println("error: unknown command '" + project + "'. Commands: " + commandList()
                    + ". (qanvas --help, or qanvas help COMMAND)");
            return 2;
        }
        if (noDisplay()) {
            spec.commandLine().getErr().println("error: no display to open the app on (DISPLAY is not set)."
                    + " Headless commands: " + commandList() + ". (qanvas --help, or qanvas help COMMAND)");
            return 1;
        }
        openApp.accept(project);
        return 0;
    }

    /** The sub-commands' names, as typed. */
    String commandList() {
        return spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).collect(Collectors.joining(", "));
    }

    /** On Linux and other X11 systems JavaFX needs DISPLAY (under Wayland, XWayland's); without it the app cannot start. */
    private static boolean noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return false;
        }
        String display = System.getenv("DISPLAY");
        return display == null || display.isBlank();
    }

    /** Runs the command line; returns the process exit code. */
    public static int run(String[] args, Consumer<Path> openApp) {
        Path[] app = appOnly(args);
        if (app != null) {
            try {
                openApp.accept(app[0]);
                return 0;
            } catch (RuntimeException e) {
                System.err.println("error: " + describe(e));
                return 1;
            }
        }
        CommandLine cli = new CommandLine(new QanvasCommand(openApp));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + describe(e)));
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * The common start of the app, {@code qanvas [--verbose] [FILE.qanvas]} with a display, is
     * recognised without picocli: building its model of every command (and loading their classes)
     * took a few hundred ms of the start-up (docs/benchmarks.md). Returns the project to open (the
     * element is null for none), or null when anything else was typed: picocli handles that.
     */
    static Path[] appOnly(String[] args) {
        List<String> rest = Arrays.stream(args).filter(a -> !a.equals("--verbose")).toList();
        if (rest.size() > 1 || noDisplay()) {
            return null;
        }
        if (rest.isEmpty()) {
            return new Path[] {null};
        }
        String file = rest.get(0);
        if (!file.endsWith(".qanvas") || file.startsWith("-") || file.startsWith("@")) {
            return null; // an option, an @argument file, or a command: picocli's to read
        }
        try {
            return new Path[] {Path.of(file)};
        } catch (java.nio.file.InvalidPathException e) {
            return null; // picocli reports it
        }
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
