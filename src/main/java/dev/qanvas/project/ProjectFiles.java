package dev.qanvas.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and writes {@code .qanvas} project files (JSON). */
public final class ProjectFiles {

    public static final String EXTENSION = ".qanvas";

    private static final ObjectMapper JSON = ProjectJson.mapper();

    /**
     * The largest project file read: 64 MiB. A project with a hundred recorded runs is a few MB
     * (each run keeps at most 2,000 loss points); the limit keeps a hostile file's memory bounded.
     */
    public static final int MAX_FILE_BYTES = 64 << 20;

    private ProjectFiles() {
    }

    public static Project read(Path file) throws ProjectFileException {
        if (!Files.isRegularFile(file)) {
            throw new ProjectFileException(file + ": file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ProjectFileException(String.format("%s: the file is %.1f MiB; Qanvas reads project files of up"
                        + " to %d MiB", file, Files.size(file) / (double) (1 << 20), MAX_FILE_BYTES >> 20));
            }
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
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ProjectFileException(location + ": more than " + (MAX_FILE_BYTES >> 20)
                        + " MiB; Qanvas reads project files of up to " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            project = JSON.readValue(bytes, Project.class);
        } catch (ProjectFileException e) {
            throw e;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            if (at == null && e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
                at = parser.currentLocation(); // a constraint (nesting depth, number length) stops the parser there
            }
            String where = at != null ? " at line " + at.getLineNr() + ", column " + at.getColumnNr()
                    : e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? " in " + path(m) : "";
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
                project.transforms(), project.model(), project.training(), project.runs(), project.circuit(), project.kernel(), project.photonic());
    }

    /** Where in the document a mapping error happened: "model.nodes[3].units" (the first few steps). */
    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        int steps = 0;
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (++steps > 6) {
                sb.append("...");
                break;
            }
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "the document" : sb.toString();
    }

    /** Writes to a temporary file first and then moves it into place, so a failed save never destroys the old file. */
    public static void write(Path file, Project project) throws ProjectFileException {
        try {
            writeAtomically(file, JSON.writeValueAsBytes(project));
        } catch (IOException e) {
            throw new ProjectFileException(file + ": cannot be saved (" + e.getMessage() + ")", e);
        }
    }

    /** Temporary files of {@link #writeAtomically}: exactly this name pattern, nothing else is ever cleaned up. */
    static final Pattern TEMPORARY = Pattern.compile("\\.qanvas-save-[0-9]+\\.tmp");

    /**
     * A temporary file older than this was left by a save that was killed mid-write (a save in
     * progress keeps touching its file, and takes well under a second): the next save in that
     * folder deletes it. Younger ones may belong to a save running in another Qanvas and are kept.
     */
    static final Duration STALE_TEMPORARY = Duration.ofMinutes(1);

    /** A project name as a file or folder name: letters, digits, dot, dash and underscore kept, the rest '_'. */
    public static String safeName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        return s.isEmpty() ? "untitled" : s;
    }

    /**
     * Writes {@code bytes} to a temporary file beside {@code file}, forces it to the disk, then
     * moves it into place (and forces the folder where the platform allows): the old file survives
     * any failure, and after a crash the folder holds either the old or the new file, complete.
     * Temporary files stale saves left in that folder are deleted first.
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        deleteStaleTemporaries(dir);
        Path tmp = Files.createTempFile(dir, ".qanvas-save-", ".tmp");
        try {
            keepPermissions(file, tmp);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true); // the content is on the disk before the rename makes it the file
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the rename durable: fsync of the folder, where folders can be opened (not on Windows). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the platform cannot sync a folder: the rename is as durable as it makes it
        }
    }

    /**
     * Deletes the regular files in {@code dir} named exactly like a save's temporary file and last
     * modified more than {@link #STALE_TEMPORARY} ago. Symbolic links are neither followed nor
     * deleted; anything that fails is left alone (cleaning up never fails a save).
     */
    static void deleteStaleTemporaries(Path dir) {
        Instant staleBefore = Instant.now().minus(STALE_TEMPORARY);
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(dir, ".qanvas-save-*.tmp")) {
            for (Path p : candidates) {
                if (!TEMPORARY.matcher(p.getFileName().toString()).matches()) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile() && !a.isSymbolicLink() && a.lastModifiedTime().toInstant().isBefore(staleBefore)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // gone already, or not ours to delete
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // an unreadable folder: the save itself will say what is wrong
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
