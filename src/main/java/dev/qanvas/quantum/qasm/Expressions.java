package dev.qanvas.quantum.qasm;

import dev.qanvas.quantum.Angle;

/**
 * Angle text typed by a user, evaluated with the OpenQASM expression parser. (Writing a value as
 * text is {@link dev.qanvas.quantum.AngleText#format}.)
 */
public final class Expressions {

    private Expressions() {
    }

    /**
     * Evaluates an OpenQASM 2.0 constant expression (numbers, {@code pi}, + - * / ^, unary minus,
     * parentheses, sin, cos, tan, exp, ln, sqrt) with the same parser and precedence as OpenQASM
     * files ({@link QasmExpr}): {@code -2^2} is -4, {@code 2^3^2} is 512.
     *
     * @throws IllegalArgumentException naming the character position and what was expected, for
     *     text that is not an expression, an undefined operation (division by zero, ln of 0) or a
     *     value that is not finite
     */
    public static double evaluate(String text) {
        double v;
        try {
            v = QasmParser.constantExpression(text).eval(new double[0]);
        } catch (QasmException e) {
            throw new IllegalArgumentException(where(text, e.line(), e.column()) + e.detail(), e);
        } catch (QasmExpr.Undefined e) {
            throw new IllegalArgumentException(where(text, e.line, e.column) + e.getMessage(), e);
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("\"" + text + "\" is " + v + "; expected a finite number");
        }
        return v;
    }

    /** "at character 5 of "..."": the angle editor's text is one line, so a column is a character position. */
    private static String where(String text, int line, int column) {
        return (line == 1 ? "at character " + column : "at line " + line + ", column " + column) + " of \"" + text + "\": ";
    }
}
