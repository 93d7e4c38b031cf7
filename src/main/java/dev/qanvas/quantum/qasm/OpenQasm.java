package dev.qanvas.quantum.qasm;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Program;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * OpenQASM import and export.
 *
 * <p><b>Import</b> ({@link #parse}) reads OpenQASM 2.0 as real files use it: {@code qelib1.inc}
 * (built in, never read from disk), {@code qreg}s joined in declaration order, register
 * broadcasting, user {@code gate} definitions (expanded into base operations), {@code barrier}
 * (ignored) and {@code measure} (accepted; a later gate on a measured qubit is an error, since
 * Qanvas simulates measurements only at the end); {@link #read} also counts those two, so the
 * editor can say it dropped them. Angles become {@link Angle.Constant}s whose
 * text is the parameter expression as written (inside user gates: the value, formatted).
 *
 * <p><b>Export</b>: {@link #toQasm2} writes for the 2017 qelib1.inc, adding {@code gate}
 * definitions for the later or missing gates it uses; {@link #toQasm3} writes stdgates.inc names,
 * {@code ctrl @} modifiers, and declares weights and inputs as {@code input}s.
 */
public final class OpenQasm {

    /**
     * The largest OpenQASM file read: 8 MiB, hundreds of times the largest QASMBench circuit that
     * fits in 30 qubits, and small enough that its tokens stay within a few hundred MB.
     */
    public static final long MAX_FILE_BYTES = 8L << 20;

    private OpenQasm() {
    }

    /**
     * Reads an OpenQASM file's text: refuses files over {@link #MAX_FILE_BYTES} before reading
     * them, and bytes that are not UTF-8 with their line and column.
     *
     * @throws IOException if the file cannot be read or is too large (the message says its size)
     * @throws QasmException at the first byte that is not UTF-8
     */
    public static String readText(Path file) throws IOException, QasmException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(String.format("the file is %.1f MiB; Qanvas reads OpenQASM files of up to %d MiB",
                    size / (double) (1L << 20), MAX_FILE_BYTES >> 20));
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > MAX_FILE_BYTES) { // grew while being read
            throw new IOException("the file grew past " + (MAX_FILE_BYTES >> 20) + " MiB while being read");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new QasmException(line, bad - lineStart + 1, String.format(
                    "found the byte 0x%02X, which is not UTF-8 text; expected an OpenQASM text file", bytes[bad] & 0xff));
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    /**
     * A program read as the Circuit workspace's circuit (measure, reset and if kept as its steps),
     * with what the circuit leaves out: the {@code barrier}s (layout hints with no effect on the state).
     */
    public record Imported(Circuit circuit, int barriers) {

        /** What was dropped, for the user who typed or pasted the text, or null when nothing was. */
        public String droppedNote() {
            if (barriers == 0) {
                return null;
            }
            return "Dropped " + barriers + " barrier" + (barriers == 1 ? " line" : " lines")
                    + ": barriers only group gates for drawing and do not change the state; they are not kept when Qanvas"
                    + " writes the circuit.";
        }
    }

    /**
     * Reads an OpenQASM 2.0 program into a circuit with its measure, reset and if statements as
     * steps ({@link Program#circuit()}), and counts the barriers it does not keep.
     *
     * @throws QasmException with the line and column of the first problem, or (line 1) for an if
     *     the circuit's one classical register cannot express
     */
    public static Imported read(String text) throws QasmException {
        Program p = program(text);
        try {
            return new Imported(p.circuit(), (int) p.instructions().stream().filter(i -> i instanceof Program.Barrier).count());
        } catch (IllegalArgumentException e) {
            throw new QasmException(1, 1, e.getMessage());
        }
    }

    /**
     * Reads an OpenQASM 2.0 program into a circuit.
     *
     * @throws QasmException with the line and column of the first problem
     */
    public static Circuit parse(String text) throws QasmException {
        return QasmParser.parse(Objects.requireNonNull(text, "text"));
    }

    /**
     * Reads an OpenQASM 2.0 program with everything a device runs: {@code measure} anywhere,
     * {@code reset}, {@code if(creg==value)} and {@code barrier} become {@link Program}
     * instructions, each gate call one {@link Program.Apply} (a gate defined in the file: one per
     * gate of its body). Conventions: docs/noise.md.
     *
     * @throws QasmException with the line and column of the first problem
     */
    public static Program program(String text) throws QasmException {
        return QasmParser.parseProgram(Objects.requireNonNull(text, "text"));
    }

    /**
     * The program as OpenQASM 2.0: its registers as declared, each gate as {@link #toQasm2(Circuit)}
     * writes it, measure, reset, barrier and if statements.
     *
     * @throws IllegalArgumentException for an operation OpenQASM 2.0 cannot express
     */
    public static String toQasm2(Program p) {
        return QasmWriter.toQasm2(Objects.requireNonNull(p, "program"));
    }

    /**
     * The circuit as OpenQASM 2.0: {@code qreg q[n]}, qelib1 gate names (P as u1, controlled P as
     * cu1, controlled S/T as cu1 of their angle), and a {@code gate} definition for each gate used
     * that the 2017 qelib1.inc lacks (sx, sxdg, swap, cswap, crx, cry, csx, rxx, rzz, c3x, c3sqrtx,
     * c4x as later qelib1 versions define them; ryy and iswap exactly). Weights are written as their
     * initial value with a {@code // weight name} comment.
     *
     * @throws IllegalArgumentException for an operation OpenQASM 2.0 cannot express (a controlled
     *     gate qelib1 has no form for) or an input angle; both can be written with {@link #toQasm3}
     */
    public static String toQasm2(Circuit c) {
        return QasmWriter.toQasm2(Objects.requireNonNull(c, "circuit"));
    }

    /**
     * The circuit as OpenQASM 3.0: {@code qubit[n] q}, weights as {@code input float[64] name},
     * inputs as {@code input array[float[64], N] x}, angles as text ({@code 0.5*x[3]}, {@code theta},
     * {@code pi/4}), stdgates names for controlled gates where they exist and {@code ctrl(k) @}
     * otherwise.
     *
     * @throws IllegalArgumentException if a weight's name clashes with an OpenQASM 3.0 name
     */
    public static String toQasm3(Circuit c) {
        return QasmWriter.toQasm3(Objects.requireNonNull(c, "circuit"));
    }
}
