package dev.qanvas.cli;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Program;
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
        return read(file, OpenQasm::parse);
    }

    /** The file as a program: mid-circuit measure, reset and if kept ({@link OpenQasm#program}). */
    static Program readProgram(Path file) {
        return read(file, OpenQasm::program);
    }

    private interface Reader<T> {
        T parse(String text) throws QasmException;
    }

    private static <T> T read(Path file, Reader<T> reader) {
        try {
            return reader.parse(OpenQasm.readText(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (QasmException e) {
            throw new IllegalArgumentException(file + ":" + e.line() + ":" + e.column() + ": " + e.detail());
        }
    }
}
