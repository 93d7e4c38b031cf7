package dev.qanvas.sweep;

/** A sweep file, or a sweep folder, that cannot be used; the message names the file and the place in it. */
public final class SweepFileException extends IllegalArgumentException {
    public SweepFileException(String message) {
        super(message);
    }

    public SweepFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
