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

/** The layering of DESIGN.md, checked on the sources: imports only point the allowed way. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/qanvas");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /** Which of our packages each package may use. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "quantum", Set.of(),
            "data", Set.of(),
            "nn", Set.of("quantum", "data"),
            "insight", Set.of("nn", "quantum", "data"),
            "project", Set.of("insight", "nn", "quantum", "data"),
            "cli", Set.of("project", "insight", "nn", "quantum", "data"),
            "ui", Set.of("cli", "project", "insight", "nn", "quantum", "data"));

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
            Path rel = MAIN.relativize(file);
            if (rel.getNameCount() < 2) {
                continue; // Main and Logging sit above every layer
            }
            String layer = rel.getName(0).toString();
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String imported = m.group(2);
                if (imported.startsWith("dev.qanvas.")) {
                    String target = imported.substring("dev.qanvas.".length()).split("\\.")[0];
                    if (!target.equals(layer) && !ALLOWED.getOrDefault(layer, Set.of()).contains(target)) {
                        offenders.add(rel + " imports " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
