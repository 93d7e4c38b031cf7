package dev.qanvas.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset could not be read. The message always names the file (or folder) and says what is
 * wrong with it, so the UI and CLI can show it to the user as is.
 */
public class DatasetException extends IOException {

    private final String location;

    public DatasetException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    public DatasetException(Path file, String problem) {
        this(file.toString(), problem);
    }

    public DatasetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.location = file.toString();
    }

    /** The file, folder or resource the problem is in. */
    public String location() {
        return location;
    }
}
