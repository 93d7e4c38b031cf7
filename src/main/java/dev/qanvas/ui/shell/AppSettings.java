package dev.qanvas.ui.shell;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Qanvas remembers between runs: window geometry, the last workspace, recent projects and sweep folders.
 * Stored as JSON in {@code ~/.config/qanvas/settings.json}, or under the folder named by the
 * system property {@code qanvas.config.dir} (tests use a temporary one).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppSettings(double x, double y, double width, double height, boolean maximized,
                          String workspace, List<String> recentFiles, List<String> recentSweeps) {

    static final int MAX_RECENT = 10;
    // Window position is NaN until the window was placed once; let it round-trip.
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    public AppSettings {
        recentFiles = recentFiles == null ? List.of() : List.copyOf(recentFiles);
        recentSweeps = recentSweeps == null ? List.of() : List.copyOf(recentSweeps); // absent in older settings files
    }

    public static AppSettings defaults() {
        return new AppSettings(Double.NaN, Double.NaN, 1280, 800, false, "home", List.of(), List.of());
    }

    /** This with {@code file} first in the recent list (moved up if already there). */
    public AppSettings withRecent(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        List<String> out = new ArrayList<>();
        out.add(path);
        recentFiles.stream().filter(p -> !p.equals(path)).limit(MAX_RECENT - 1).forEach(out::add);
        return new AppSettings(x, y, width, height, maximized, workspace, out, recentSweeps);
    }

    /** This with the sweep folder {@code dir} first in the recent sweeps (the Sweeps workspace's list). */
    public AppSettings withRecentSweep(Path dir) {
        String path = dir.toAbsolutePath().normalize().toString();
        List<String> out = new ArrayList<>();
        out.add(path);
        recentSweeps.stream().filter(p -> !p.equals(path)).limit(MAX_RECENT - 1).forEach(out::add);
        return new AppSettings(x, y, width, height, maximized, workspace, recentFiles, out);
    }

    public AppSettings withoutRecent(String path) {
        return new AppSettings(x, y, width, height, maximized, workspace,
                recentFiles.stream().filter(p -> !p.equals(path)).toList(), recentSweeps);
    }

    public AppSettings withWindow(double nx, double ny, double nw, double nh, boolean max, String ws) {
        return new AppSettings(nx, ny, nw, nh, max, ws, recentFiles, recentSweeps);
    }

    public static Path file() {
        String dir = System.getProperty("qanvas.config.dir");
        Path base = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".config", "qanvas");
        return base.resolve("settings.json");
    }

    /** Reads the settings; a missing or unreadable file gives the defaults (settings are never worth a failed start). */
    static AppSettings load() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            AppSettings s = JSON.readValue(file.toFile(), AppSettings.class);
            return s.width() > 200 && s.height() > 150 ? s : defaults().withWindow(Double.NaN, Double.NaN, 1280, 800, false, s.workspace());
        } catch (IOException e) {
            System.err.println("Qanvas: ignoring unreadable settings " + file + " (" + e.getMessage() + ")");
            return defaults();
        }
    }

    void save() throws IOException {
        Path file = file();
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), this);
    }
}
