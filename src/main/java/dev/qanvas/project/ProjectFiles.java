package dev.qanvas.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Reads and writes {@code .qanvas} project files (JSON). */
public final class ProjectFiles {

    public static final String EXTENSION = ".qanvas";

    private static final ObjectMapper JSON = ProjectJson.mapper();

    private ProjectFiles() {
    }

    public static Project read(Path file) throws ProjectFileException {
        if (!Files.isRegularFile(file)) {
            throw new ProjectFileException(file + ": file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (ProjectFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ProjectFileException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a project from a stream; {@code location} names it in error messages. */
    public static Project read(String location, InputStream in) throws ProjectFileException {
        Project project;
        try {
            project = JSON.readValue(in, Project.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ProjectFileException(location + where + ": not a valid Qanvas project (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new ProjectFileException(location + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new ProjectFileException(location + ": not a valid Qanvas project (" + e.getMessage() + ")", e);
        }
        if (project == null) {
            throw new ProjectFileException(location + ": empty file");
        }
        if (project.formatVersion() > Project.FORMAT_VERSION) {
            throw new ProjectFileException(location + ": written by a newer Qanvas (format " + project.formatVersion()
                    + "; this version reads up to " + Project.FORMAT_VERSION + ")");
        }
        // Older formats lack fields that now have defaults: the project is upgraded on reading.
        return new Project(Project.FORMAT_VERSION, project.name(), project.description(), project.dataset(),
                project.transforms(), project.model(), project.training(), project.runs(), project.circuit());
    }

    /** Writes to a temporary file first and then moves it into place, so a failed save never destroys the old file. */
    public static void write(Path file, Project project) throws ProjectFileException {
        try {
            writeAtomically(file, JSON.writeValueAsBytes(project));
        } catch (IOException e) {
            throw new ProjectFileException(file + ": cannot be saved (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code bytes} to a temporary file beside {@code file}, then moves it into place: the old file survives any failure. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".qanvas-save-", ".tmp");
        try {
            Files.write(tmp, bytes);
            keepPermissions(file, tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A temporary file is created owner-only (rw-------); without this a saved project, QASM or
     * image could not be read by anyone else. An existing file keeps its permissions; a new one
     * gets the usual rw-r--r--.
     */
    private static void keepPermissions(Path file, Path tmp) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(file) ? Files.getPosixFilePermissions(file)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }

    public static String toJson(Project project) {
        try {
            return JSON.writeValueAsString(project);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
