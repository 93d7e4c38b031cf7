package dev.qanvas.sweep.spark;

import dev.qanvas.sweep.PointRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A run folder as bytes, so an executor can send the folder it trained back to the driver with
 * the point's row: executors need no file system shared with the driver. Unpacking is bounded
 * (entries, bytes) and keeps every entry inside the target folder.
 */
final class RunFolderZip {

    /** A run folder this large (unpacked) is refused: a sweep point's model, metrics and charts are far smaller. */
    static final long MAX_BYTES = 1L << 30;
    static final int MAX_ENTRIES = 10_000;

    private RunFolderZip() {
    }

    /** The regular files under {@code dir}, zipped with paths relative to it (symbolic links are not followed). */
    static byte[] zip(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                out.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace(java.io.File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Replaces {@code target} by the folder in {@code zip}; errors name the point. */
    static void unzip(byte[] zip, Path target, String point) throws IOException {
        PointRun.deleteRecursively(target);
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IOException("point " + point + ": its run folder has more than " + MAX_ENTRIES + " files");
                }
                Path file = root.resolve(e.getName()).normalize();
                if (!file.startsWith(root) || file.equals(root)) {
                    throw new IOException("point " + point + ": run folder entry " + e.getName() + " points outside its folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    total += copy(in, out, MAX_BYTES - total, point);
                }
            }
        }
    }

    private static long copy(InputStream in, OutputStream out, long budget, String point) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long n = 0;
        for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
            n += r;
            if (n > budget) {
                throw new IOException("point " + point + ": its run folder is larger than " + (MAX_BYTES >> 20) + " MiB unpacked");
            }
            out.write(buffer, 0, r);
        }
        return n;
    }
}
