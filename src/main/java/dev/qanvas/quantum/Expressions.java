package dev.qanvas.quantum;

/** Angle text: formatting numbers as multiples of pi where exact, and evaluating simple expressions. */
public final class Expressions {

    private Expressions() {
    }

    /** "pi/4", "-3*pi/2", "0" or the plain number; multiples of pi/k for k up to 16 are recognised. */
    public static String format(double value) {
        if (value == 0) {
            return "0";
        }
        for (int den = 1; den <= 16; den++) {
            double num = value * den / Math.PI;
            long rounded = Math.round(num);
            if (rounded != 0 && Math.abs(num - rounded) < 1e-12 * Math.max(1, Math.abs(num))) {
                String n = rounded == 1 ? "pi" : rounded == -1 ? "-pi" : rounded + "*pi";
                return den == 1 ? n : n + "/" + den;
            }
        }
        return Double.toString(value);
    }

    /**
     * Evaluates an OpenQASM-style constant expression: numbers, {@code pi}, + - * / ^, unary
     * minus, parentheses and sin, cos, tan, exp, ln, sqrt.
     *
     * @throws IllegalArgumentException naming the position and what was expected
     */
    public static double evaluate(String text) {
        Parser p = new Parser(text);
        double v = p.expression();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("end of expression");
        }
        return v;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        double expression() {
            double v = term();
            while (true) {
                skipSpace();
                if (eat('+')) {
                    v += term();
                } else if (eat('-')) {
                    v -= term();
                } else {
                    return v;
                }
            }
        }

        double term() {
            double v = power();
            while (true) {
                skipSpace();
                if (eat('*')) {
                    v *= power();
                } else if (eat('/')) {
                    v /= power();
                } else {
                    return v;
                }
            }
        }

        double power() {
            double base = unary();
            skipSpace();
            if (eat('^')) {
                return Math.pow(base, power()); // right-associative
            }
            return base;
        }

        double unary() {
            skipSpace();
            if (eat('-')) {
                return -unary();
            }
            if (eat('+')) {
                return unary();
            }
            return primary();
        }

        double primary() {
            skipSpace();
            if (eat('(')) {
                double v = expression();
                skipSpace();
                if (!eat(')')) {
                    throw error("')'");
                }
                return v;
            }
            int start = pos;
            if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                    pos++;
                    if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                        pos++;
                    }
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                }
                try {
                    return Double.parseDouble(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("a number");
                }
            }
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                pos++;
            }
            String name = s.substring(start, pos);
            if (name.isEmpty()) {
                throw error("a number, pi, a function or '('");
            }
            if (name.equals("pi")) {
                return Math.PI;
            }
            skipSpace();
            if (!eat('(')) {
                pos = start;
                throw error("a number, pi, a function or '(' (unknown name '" + name + "')");
            }
            double arg = expression();
            skipSpace();
            if (!eat(')')) {
                throw error("')'");
            }
            switch (name) {
                case "sin": return Math.sin(arg);
                case "cos": return Math.cos(arg);
                case "tan": return Math.tan(arg);
                case "exp": return Math.exp(arg);
                case "ln": return Math.log(arg);
                case "sqrt": return Math.sqrt(arg);
                default:
                    pos = start;
                    throw error("a known function (sin, cos, tan, exp, ln, sqrt), not '" + name + "'");
            }
        }

        boolean eat(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("at character " + (pos + 1) + " of \"" + s + "\": expected " + expected);
        }
    }
}
