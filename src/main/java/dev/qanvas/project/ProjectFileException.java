package dev.qanvas.project;

import java.io.IOException;

/** A project file could not be read or written; the message names the file and, if known, the line. */
public class ProjectFileException extends IOException {

    public ProjectFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProjectFileException(String message) {
        super(message);
    }
}
