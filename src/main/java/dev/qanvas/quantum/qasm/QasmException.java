package dev.qanvas.quantum.qasm;

/**
 * An OpenQASM file that cannot be imported: a syntax error, a semantic error (unknown gate,
 * undeclared register, index out of range...) or a construct Qanvas does not support (reset,
 * if, opaque, mid-circuit measurement). The message reads
 * {@code line L, column C: <what was found>; expected <what>} or names the unsupported construct.
 */
public final class QasmException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String detail;

    public QasmException(int line, int column, String detail) {
        super("line " + line + ", column " + column + ": " + detail);
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** 1-based line of the offending token. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending token (a tab counts as one column). */
    public int column() {
        return column;
    }

    /** The message without its {@code line L, column C: } prefix. */
    public String detail() {
        return detail;
    }
}
