package dev.qanvas.cli;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.qasm.OpenQasm;
import dev.qanvas.quantum.qasm.QasmException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an OpenQASM file for a command, turning every failure into a message that names the file and place. */
final class QasmInput {

    private QasmInput() {
    }

    static Circuit read(Path file) {
        try {
            return OpenQasm.parse(OpenQasm.readText(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (QasmException e) {
            throw new IllegalArgumentException(file + ":" + e.line() + ":" + e.column() + ": " + e.detail());
        }
    }
}
