package dev.qanvas.quantum;

import java.util.List;

/**
 * A parameter expression of an OpenQASM gate call, parsed with the grammar of
 * {@link Expressions#evaluate}: numbers, {@code pi}, + - * / ^ (right-associative, unary minus
 * binding tighter than ^ as in {@code Expressions}), parentheses and sin, cos, tan, exp, ln, sqrt.
 * Inside a gate body an expression may also name the gate's parameters, which are bound to
 * values when the gate is expanded.
 */
final class QasmExpr {

    /** A node of the expression tree. */
    sealed interface Node permits Num, Pi, Param, Neg, Bin, Fn {
        double eval(double[] params);
    }

    record Num(double value) implements Node {
        public double eval(double[] params) { return value; }
    }

    record Pi() implements Node {
        public double eval(double[] params) { return Math.PI; }
    }

    /** The {@code index}-th parameter of the enclosing gate definition. */
    record Param(int index, String name) implements Node {
        public double eval(double[] params) { return params[index]; }
    }

    record Neg(Node inner) implements Node {
        public double eval(double[] params) { return -inner.eval(params); }
    }

    record Bin(char op, Node left, Node right) implements Node {
        public double eval(double[] params) {
            double l = left.eval(params);
            double r = right.eval(params);
            switch (op) {
                case '+': return l + r;
                case '-': return l - r;
                case '*': return l * r;
                case '/': return l / r;
                case '^': return Math.pow(l, r);
                default: throw new IllegalStateException("operator " + op);
            }
        }
    }

    record Fn(String name, Node arg) implements Node {
        public double eval(double[] params) {
            double a = arg.eval(params);
            switch (name) {
                case "sin": return Math.sin(a);
                case "cos": return Math.cos(a);
                case "tan": return Math.tan(a);
                case "exp": return Math.exp(a);
                case "ln": return Math.log(a);
                case "sqrt": return Math.sqrt(a);
                default: throw new IllegalStateException("function " + name);
            }
        }
    }

    static final List<String> FUNCTIONS = List.of("sin", "cos", "tan", "exp", "ln", "sqrt");

    private final Node node;
    private final String text;
    private final QasmLexer.Token first;
    private final boolean usesParams;

    QasmExpr(Node node, String text, QasmLexer.Token first) {
        this.node = node;
        this.text = text;
        this.first = first;
        this.usesParams = uses(node);
    }

    Node node() { return node; }

    /** The expression as written, with each run of whitespace and comments shown as one space. */
    String text() { return text; }

    /** The expression's first token (for error positions). */
    QasmLexer.Token first() { return first; }

    /** Whether the expression names a gate parameter (only possible inside a gate body). */
    boolean usesParams() { return usesParams; }

    double eval(double[] params) {
        return node.eval(params);
    }

    /**
     * A canonical form that ignores spacing, redundant parentheses, number spelling and parameter
     * names (parameters are numbered): two gate definitions whose bodies have the same canonical
     * forms define the same gate.
     */
    String canonical() {
        return canonical(node);
    }

    private static String canonical(Node n) {
        if (n instanceof Num k) {
            return Double.toString(k.value());
        } else if (n instanceof Pi) {
            return "pi";
        } else if (n instanceof Param p) {
            return "#" + p.index();
        } else if (n instanceof Neg g) {
            return "(-" + canonical(g.inner()) + ")";
        } else if (n instanceof Bin b) {
            return "(" + canonical(b.left()) + b.op() + canonical(b.right()) + ")";
        } else {
            Fn f = (Fn) n;
            return f.name() + "(" + canonical(f.arg()) + ")";
        }
    }

    /**
     * The expression in OpenQASM 3.0 syntax: {@code ^} becomes {@code **} and {@code ln} becomes
     * {@code log}, with parentheses where OpenQASM 3.0 precedence differs (there, {@code -a**b}
     * is {@code -(a**b)}).
     */
    String toQasm3() {
        return print3(node, 0);
    }

    // Precedence levels for OpenQASM 3.0 printing.
    private static final int ADD = 1;
    private static final int MUL = 2;
    private static final int NEG = 3;
    private static final int POW = 4;
    private static final int ATOM = 5;

    private static String print3(Node n, int min) {
        int prec;
        String s;
        if (n instanceof Num k) {
            prec = ATOM;
            s = number(k.value());
        } else if (n instanceof Pi) {
            prec = ATOM;
            s = "pi";
        } else if (n instanceof Param p) {
            prec = ATOM;
            s = p.name();
        } else if (n instanceof Fn f) {
            prec = ATOM;
            s = (f.name().equals("ln") ? "log" : f.name()) + "(" + print3(f.arg(), 0) + ")";
        } else if (n instanceof Neg g) {
            prec = NEG;
            s = "-" + print3(g.inner(), POW);
        } else {
            Bin b = (Bin) n;
            switch (b.op()) {
                case '+':
                case '-':
                    prec = ADD;
                    s = print3(b.left(), ADD) + " " + b.op() + " " + print3(b.right(), MUL);
                    break;
                case '*':
                case '/':
                    prec = MUL;
                    s = print3(b.left(), MUL) + b.op() + print3(b.right(), NEG);
                    break;
                default:
                    prec = POW;
                    s = print3(b.left(), ATOM) + "**" + print3(b.right(), POW);
                    break;
            }
        }
        return prec >= min ? s : "(" + s + ")";
    }

    /** A number as OpenQASM text that reads back as exactly {@code v}. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static boolean uses(Node n) {
        if (n instanceof Param) {
            return true;
        } else if (n instanceof Neg g) {
            return uses(g.inner());
        } else if (n instanceof Bin b) {
            return uses(b.left()) || uses(b.right());
        } else if (n instanceof Fn f) {
            return uses(f.arg());
        }
        return false;
    }
}
