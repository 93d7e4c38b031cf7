package dev.qanvas.quantum.qasm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits OpenQASM 2.0 text into tokens with 1-based line and column. Comments ({@code //} and
 * {@code /* *}{@code /}) and whitespace are dropped; a token remembers whether whitespace or a
 * comment came before it, so expressions can be shown as written. Lexical problems (an
 * unterminated comment or string) become an {@link Kind#ERROR} token, so that the parser reports
 * errors in the order they appear in the file.
 */
final class QasmLexer {

    enum Kind { ID, INT, REAL, STRING, SYMBOL, ERROR, EOF }

    record Token(Kind kind, String text, int line, int column, boolean spaceBefore) {

        boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.ID) && text.equals(symbolOrWord);
        }

        boolean isNumber() {
            return kind == Kind.INT || kind == Kind.REAL;
        }

        /** How the token is named in messages: {@code 'h'}, {@code "x.inc"}, {@code end of file}. */
        String describe() {
            switch (kind) {
                case EOF: return "end of file";
                case STRING: return "\"" + text + "\"";
                default: return "'" + text + "'";
            }
        }
    }

    private final String s;
    private int pos;
    private int line = 1;
    private int column = 1;
    /** An unterminated comment found while skipping space: returned as the next token. */
    private Token pendingError;
    private final Map<String, String> texts = new HashMap<>();

    private QasmLexer(String text) {
        this.s = text;
        if (s.startsWith("\uFEFF")) {
            pos = 1;
        }
    }

    static List<Token> tokenize(String text) {
        QasmLexer lexer = new QasmLexer(text);
        List<Token> out = new ArrayList<>();
        while (true) {
            Token t = lexer.next();
            out.add(t);
            if (t.kind() == Kind.EOF || t.kind() == Kind.ERROR) {
                if (t.kind() == Kind.ERROR) {
                    out.add(new Token(Kind.EOF, "", t.line(), t.column(), true));
                }
                return out;
            }
        }
    }

    private Token next() {
        boolean space = skipSpaceAndComments();
        if (pendingError != null) {
            return pendingError;
        }
        int l = line;
        int c = column;
        if (pos >= s.length()) {
            return new Token(Kind.EOF, "", l, c, space);
        }
        char ch = s.charAt(pos);
        if (Character.isLetter(ch) && ch < 128 || ch == '_') {
            int start = pos;
            while (pos < s.length() && isIdentifierPart(s.charAt(pos))) {
                advance();
            }
            return new Token(Kind.ID, shared(s.substring(start, pos)), l, c, space);
        }
        if (isDigit(ch) || ch == '.' && pos + 1 < s.length() && isDigit(s.charAt(pos + 1))) {
            return number(l, c, space);
        }
        if (ch >= 128) {
            // OpenQASM 2.0 is ASCII outside comments: a look-alike digit or letter is an error, never a value.
            int cp = s.codePointAt(pos);
            return new Token(Kind.ERROR, String.format("found the non-ASCII character '%s' (U+%04X); expected ASCII"
                    + " (OpenQASM 2.0 numbers use the digits 0-9, names the letters a-z, A-Z, digits and _)",
                    new String(Character.toChars(cp)), cp), l, c, space);
        }
        if (ch == '"') {
            int start = pos;
            advance();
            while (pos < s.length() && s.charAt(pos) != '"' && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                advance();
            }
            if (pos >= s.length() || s.charAt(pos) != '"') {
                return new Token(Kind.ERROR, "found an unterminated string; expected a closing '\"' on the same line", l, c, space);
            }
            advance();
            return new Token(Kind.STRING, s.substring(start + 1, pos - 1), l, c, space);
        }
        if (s.startsWith("->", pos) || s.startsWith("==", pos)) {
            String sym = s.substring(pos, pos + 2);
            advance();
            advance();
            return new Token(Kind.SYMBOL, sym, l, c, space);
        }
        int cp = s.codePointAt(pos);
        String sym = shared(new String(Character.toChars(cp)));
        for (int k = 0; k < sym.length(); k++) {
            advance();
        }
        return new Token(Kind.SYMBOL, sym, l, c, space);
    }

    private Token number(int l, int c, boolean space) {
        int start = pos;
        boolean real = false;
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            advance();
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            real = true;
            advance();
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                advance();
            }
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int digitsAt = pos + 1;
            if (digitsAt < s.length() && (s.charAt(digitsAt) == '+' || s.charAt(digitsAt) == '-')) {
                digitsAt++;
            }
            if (digitsAt < s.length() && isDigit(s.charAt(digitsAt))) {
                real = true;
                while (pos < digitsAt) {
                    advance();
                }
                while (pos < s.length() && isDigit(s.charAt(pos))) {
                    advance();
                }
            }
        }
        return new Token(real ? Kind.REAL : Kind.INT, shared(s.substring(start, pos)), l, c, space);
    }

    /**
     * One copy of each distinct token text: a large file repeats a few names ("h", "q", "[", "0")
     * millions of times, and sharing them keeps the token list near 32 bytes a token.
     */
    private String shared(String text) {
        String old = texts.putIfAbsent(text, text);
        return old != null ? old : text;
    }

    /** Skips whitespace and comments; true if anything was skipped. */
    private boolean skipSpaceAndComments() {
        boolean skipped = false;
        while (pos < s.length()) {
            char ch = s.charAt(pos);
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f') {
                advance();
                skipped = true;
            } else if (s.startsWith("//", pos)) {
                while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                    advance();
                }
                skipped = true;
            } else if (s.startsWith("/*", pos)) {
                int l = line;
                int c = column;
                advance();
                advance();
                while (pos < s.length() && !s.startsWith("*/", pos)) {
                    advance();
                }
                if (pos >= s.length()) {
                    pendingError = new Token(Kind.ERROR, "found a '/*' comment that is never closed; expected '*/'", l, c, true);
                    return true;
                }
                advance();
                advance();
                skipped = true;
            } else {
                break;
            }
        }
        return skipped;
    }

    private void advance() {
        char ch = s.charAt(pos++);
        if (ch == '\n' || ch == '\r' && (pos >= s.length() || s.charAt(pos) != '\n')) {
            line++;
            column = 1;
        } else if (ch != '\r') {
            column++;
        }
    }

    /** ASCII 0-9 only: {@code Character.isDigit} would also accept Arabic-Indic and other digits. */
    static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isIdentifierPart(char ch) {
        return ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_');
    }
}
