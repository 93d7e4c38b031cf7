package dev.qanvas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of docs/architecture.md, checked on the sources: imports and qualified names only point the allowed way. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/qanvas");
    /** The Spark driver's sources, compiled only by the spark profile (docs/sweeps.md#spark); same layers. */
    private static final Path SPARK = Path.of("src/spark/java/dev/qanvas");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    /** A fully qualified use in code or comments ({@code dev.qanvas.quantum.qasm.OpenQasm.parse(...)}), which needs no import. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.qanvas\\.[a-z][\\w]*(\\.[a-z][\\w]*)*");
    /** Layers that are a sub-package rather than a top-level package. */
    private static final Set<String> SUB_LAYERS = Set.of("quantum.qasm", "quantum.draw", "nn.kernel", "sweep.spark");

    /**
     * Which of our packages each package may use. A layer is a top-level package, except that
     * {@code quantum}'s sub-packages are layers of their own: the OpenQASM reader and writer
     * ({@code quantum.qasm}) and the drawing ({@code quantum.draw}) sit on the engine
     * ({@code quantum}), which uses neither. Likewise the classical learning on kernels
     * ({@code nn.kernel}) sits on {@code nn}, which never uses it. Allowing {@code quantum} allows its
     * sub-packages too. The photonic engine ({@code photonic}) uses {@code quantum} only for the
     * angle expression parser.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("quantum", Set.of()),
            Map.entry("quantum.qasm", Set.of("quantum")),
            Map.entry("quantum.draw", Set.of("quantum")),
            Map.entry("photonic", Set.of("quantum")),
            Map.entry("data", Set.of()),
            Map.entry("nn", Set.of("photonic", "quantum", "data")),
            Map.entry("nn.kernel", Set.of("nn", "quantum", "data")),
            Map.entry("insight", Set.of("nn", "photonic", "quantum", "data")),
            Map.entry("project", Set.of("insight", "nn", "photonic", "quantum", "data")),
            Map.entry("sweep", Set.of("project", "insight", "nn", "photonic", "quantum", "data")),
            Map.entry("sweep.spark", Set.of("sweep", "project")),
            Map.entry("cli", Set.of("sweep.spark", "sweep", "project", "insight", "nn", "photonic", "quantum", "data")),
            Map.entry("ui", Set.of("cli", "sweep", "project", "insight", "nn", "photonic", "quantum", "data")));

    @Test
    void noJavaFxOutsideUi() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            if (!file.startsWith(MAIN.resolve("ui")) && Files.readString(file).matches("(?s).*\\bimport\\s+javafx\\..*")) {
                offenders.add(file.toString());
            }
        }
        assertEquals(List.of(), offenders, "javafx imported outside dev.qanvas.ui");
    }

    @Test
    void packagesOnlyUseTheLayersBelowThem() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            Path rel = (file.startsWith(SPARK) ? SPARK : MAIN).relativize(file);
            if (rel.getNameCount() < 2) {
                continue; // Main and Logging sit above every layer
            }
            String layer = layerOf(rel.getParent().toString().replace(java.io.File.separatorChar, '.'));
            String text = Files.readString(file);
            List<String> used = new ArrayList<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                used.add(m.group(2));
            }
            Matcher q = QUALIFIED.matcher(text.replaceAll("(?m)^(package|import)\\s.*$", ""));
            while (q.find()) {
                used.add(q.group());
            }
            for (String imported : used) {
                if (imported.startsWith("dev.qanvas.")) {
                    String target = layerOf(imported.substring("dev.qanvas.".length()));
                    if (!target.equals(layer) && !allowed(layer, target)) {
                        offenders.add(rel + " uses " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** The workspaces of the UI, one package each below {@code ui}. */
    private static final Set<String> WORKSPACES = Set.of("home", "data", "model", "circuit", "train", "inspect", "sweeps");
    /** The classes of {@code ui.shell} a workspace may use: the document, the background work and the settings file. */
    private static final Set<String> SHELL_FOR_WORKSPACES = Set.of("DocumentModel", "Background", "AppSettings");
    /** A use of a UI package, with the class when it is named ({@code dev.qanvas.ui.shell.DocumentModel}). */
    private static final Pattern UI_USE = Pattern.compile("\\bdev\\.qanvas\\.ui\\.([a-z]\\w*)(?:\\.([A-Z]\\w*))?");

    /**
     * Inside {@code ui}: a workspace package never uses another workspace's package, only
     * {@code ui.common} and the document, background work and settings of {@code ui.shell};
     * {@code ui.common} uses no other UI package; {@code ui.shell} (app, main window) may use all
     * of them. Every UI class sits in one of these packages.
     */
    @Test
    void workspacesNeverReachOtherWorkspaces() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : sources()) {
            Path rel = MAIN.relativize(file);
            if (!rel.startsWith("ui")) {
                continue;
            }
            if (rel.getNameCount() != 3) {
                offenders.add(rel + " is not in exactly one UI package");
                continue;
            }
            String pkg = rel.getName(1).toString();
            if (!pkg.equals("shell") && !pkg.equals("common") && !WORKSPACES.contains(pkg)) {
                offenders.add(rel + " is in ui." + pkg + ", which is neither shell, common nor a workspace");
                continue;
            }
            Matcher m = UI_USE.matcher(Files.readString(file).replaceFirst("(?m)^package\\s.*$", ""));
            while (m.find()) {
                if (!uiAllowed(pkg, m.group(1), m.group(2))) {
                    offenders.add(rel + " uses " + m.group());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void uiPackageRules() {
        assertEquals(true, uiAllowed("circuit", "common", "LatestWorker"));
        assertEquals(true, uiAllowed("train", "shell", "AppSettings"));
        assertEquals(false, uiAllowed("train", "shell", "MainWindow"));
        assertEquals(false, uiAllowed("inspect", "circuit", "CircuitWorkspace"));
        assertEquals(false, uiAllowed("common", "shell", "DocumentModel"));
        assertEquals(true, uiAllowed("shell", "inspect", "InspectWorkspace"));
    }

    /** Whether UI package {@code pkg} may use {@code cls} (null when not named) of UI package {@code target}. */
    private static boolean uiAllowed(String pkg, String target, String cls) {
        if (pkg.equals(target) || pkg.equals("shell")) {
            return true;
        }
        if (pkg.equals("common")) {
            return false;
        }
        return target.equals("common") || target.equals("shell") && SHELL_FOR_WORKSPACES.contains(cls);
    }

    @Test
    void layersOfQuantumSubPackages() {
        assertEquals("quantum.qasm", layerOf("quantum.qasm.OpenQasm"));
        assertEquals("quantum", layerOf("quantum.Gate"));
        assertEquals("quantum", layerOf("quantum.Gate.Kind"));
        assertEquals("nn", layerOf("nn.layers.QuantumLayer"));
        assertEquals(true, allowed("quantum.qasm", "quantum"));
        assertEquals(false, allowed("quantum", "quantum.qasm"));
        assertEquals(false, allowed("quantum.draw", "quantum.qasm"));
        assertEquals(false, allowed("quantum.qasm", "nn"));
        assertEquals(true, allowed("ui", "quantum.draw"));
        assertEquals("nn.kernel", layerOf("nn.kernel.Pca"));
        assertEquals(true, allowed("nn.kernel", "nn"));
        assertEquals(false, allowed("nn", "nn.kernel"));
        assertEquals(true, allowed("insight", "nn.kernel"));
        assertEquals(true, allowed("photonic", "quantum.qasm"));
        assertEquals(false, allowed("quantum", "photonic"));
        assertEquals(true, allowed("cli", "sweep"));
        assertEquals(false, allowed("sweep", "cli"));
        assertEquals(false, allowed("project", "sweep"));
    }

    /** The layer of a name below dev.qanvas (a package or a class): its top-level package, or a listed sub-package. */
    private static String layerOf(String name) {
        String[] parts = name.split("\\.");
        if (parts.length >= 2 && SUB_LAYERS.contains(parts[0] + "." + parts[1])) {
            return parts[0] + "." + parts[1];
        }
        return parts[0];
    }

    /**
     * Whether {@code layer} may use {@code target}. Allowing a top-level package allows its
     * sub-packages, except to the package's own sub-packages (quantum.qasm may not use quantum.draw).
     */
    private static boolean allowed(String layer, String target) {
        Set<String> ok = ALLOWED.getOrDefault(layer, Set.of());
        String targetTop = target.split("\\.")[0];
        String layerTop = layer.split("\\.")[0];
        return ok.contains(target) || ok.contains(targetTop) && !layerTop.equals(targetTop);
    }

    /**
     * The workspace-view recipe (docs/architecture.md): each workspace with state of its own has a
     * view model beside its views, named after the package, that needs no toolkit (no scene, stage
     * or application import, no Platform.runLater) and has its own plain test. Home has no state
     * of its own: the main window hands it samples and recent files.
     */
    @Test
    void everyWorkspaceHasAToolkitFreeViewModelWithItsOwnTest() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String workspace : List.of("circuit", "data", "inspect", "model", "train", "sweeps")) {
            String name = Character.toUpperCase(workspace.charAt(0)) + workspace.substring(1) + "ViewModel";
            Path vm = MAIN.resolve("ui").resolve(workspace).resolve(name + ".java");
            Path test = Path.of("src/test/java/dev/qanvas/ui").resolve(workspace).resolve(name + "Test.java");
            if (!Files.isRegularFile(vm)) {
                offenders.add(vm + " is missing");
                continue;
            }
            String text = Files.readString(vm);
            if (text.matches("(?s).*\\bimport\\s+javafx\\.(scene|stage|application)\\..*") || text.contains("Platform.runLater")) {
                offenders.add(vm + " needs the JavaFX toolkit");
            }
            if (!Files.isRegularFile(test)) {
                offenders.add(test + " is missing");
            } else if (Files.readString(test).matches("(?s).*\\b(ApplicationExtension|FxRobot)\\b.*")) {
                offenders.add(test + " starts the toolkit");
            }
        }
        assertEquals(List.of(), offenders);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> main = Files.walk(MAIN); Stream<Path> spark = Files.walk(SPARK)) {
            return Stream.concat(main, spark).filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
