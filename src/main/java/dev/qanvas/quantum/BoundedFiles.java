package dev.qanvas.quantum;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading a user's file whole, bounded before anything is allocated: its size is checked first,
 * and at most one byte more than the limit is read, because a pipe or a /proc file reports size 0
 * and may never end. Errors name the file and what it is meant to be. Here so that the CLI and the
 * photonic reader, which may share nothing else, share this.
 */
public final class BoundedFiles {

    private BoundedFiles() {
    }

    /**
     * The bytes of {@code file}, at most {@code maxBytes} (a whole number of MiB below 2 GiB);
     * {@code what} names the file's kind in errors, e.g. "a points file".
     */
    public static byte[] read(Path file, long maxBytes, String what) throws IOException {
        String limit = maxBytes + " bytes (" + (maxBytes >> 20) + " MiB)";
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        }
        if (size > maxBytes) {
            throw new IllegalArgumentException(file + ": " + size + " bytes; " + what + " is at most " + limit);
        }
        byte[] bytes;
        try (var in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes + 1);
        }
        if (bytes.length > maxBytes) { // grew since it was measured, or a stream without a size
            throw new IllegalArgumentException(file + ": " + what + " is at most " + limit);
        }
        return bytes;
    }
}
