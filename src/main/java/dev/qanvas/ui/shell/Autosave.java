package dev.qanvas.ui.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFileException;
import dev.qanvas.project.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Unsaved work kept safe between crashes: while the document has unsaved edits, a copy is written
 * every minute to {@code autosave.qanvas} in the settings folder, with a small record of which
 * file it belongs to. Saving, discarding or quitting normally removes it; finding it at start-up
 * means the last session ended without that, and the user is offered the work back.
 *
 * <p>File work only: the caller runs these methods off the UI thread.
 */
final class Autosave {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What was found at start-up: the unsaved project, the file it came from (null if never saved), and when. */
    record Found(Project project, Path originalFile, Instant savedAt) {}

    /** The record beside the copy. */
    record Info(String originalFile, String savedAt) {}

    private final Path dir;

    Autosave(Path dir) {
        this.dir = dir;
    }

    /** The folder next to the settings file. */
    static Autosave inSettingsFolder() {
        return new Autosave(AppSettings.file().toAbsolutePath().getParent());
    }

    private Path copy() {
        return dir.resolve("autosave" + ProjectFiles.EXTENSION);
    }

    private Path info() {
        return dir.resolve("autosave.json");
    }

    void write(Project unsaved, Path originalFile) throws IOException {
        ProjectFiles.writeAtomically(copy(), ProjectFiles.toJson(unsaved).getBytes(StandardCharsets.UTF_8));
        Info i = new Info(originalFile == null ? null : originalFile.toAbsolutePath().toString(), Instant.now().toString());
        ProjectFiles.writeAtomically(info(), JSON.writeValueAsBytes(i));
    }

    void clear() throws IOException {
        Files.deleteIfExists(copy());
        Files.deleteIfExists(info());
    }

    /** The work left by a session that did not end normally, if any; an unreadable copy is reported. */
    Optional<Found> find() throws ProjectFileException, IOException {
        if (!Files.isRegularFile(copy())) {
            return Optional.empty();
        }
        Project project = ProjectFiles.read(copy());
        Info i = Files.isRegularFile(info()) ? JSON.readValue(info().toFile(), Info.class) : new Info(null, null);
        return Optional.of(new Found(project, i.originalFile() == null ? null : Path.of(i.originalFile()),
                i.savedAt() == null ? Files.getLastModifiedTime(copy()).toInstant() : Instant.parse(i.savedAt())));
    }
}
