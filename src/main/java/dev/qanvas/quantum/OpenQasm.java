package dev.qanvas.quantum;

import java.util.Objects;

/**
 * OpenQASM import and export.
 *
 * <p><b>Import</b> ({@link #parse}) reads OpenQASM 2.0 as real files use it: {@code qelib1.inc}
 * (built in, never read from disk), {@code qreg}s joined in declaration order, register
 * broadcasting, user {@code gate} definitions (expanded into base operations), {@code barrier}
 * (ignored) and {@code measure} (accepted; a later gate on a measured qubit is an error, since
 * Qanvas simulates measurements only at the end). Angles become {@link Angle.Constant}s whose
 * text is the parameter expression as written (inside user gates: the value, formatted).
 *
 * <p><b>Export</b>: {@link #toQasm2} writes for the 2017 qelib1.inc, adding {@code gate}
 * definitions for the later or missing gates it uses; {@link #toQasm3} writes stdgates.inc names,
 * {@code ctrl @} modifiers, and declares weights and inputs as {@code input}s.
 */
public final class OpenQasm {

    private OpenQasm() {
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
