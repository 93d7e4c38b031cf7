package dev.qanvas.quantum.qasm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A parameter expression of OpenQASM 2.0: numbers, {@code pi}, + - * / ^, unary - and +,
 * parentheses and sin, cos, tan, exp, ln, sqrt; inside a gate body also the gate's parameters,
 * bound to values when the gate is expanded. It is read by {@link QasmParser} (the one parser for
 * both files and the angle editor) with the precedence of Qiskit's qasm2 parser, loosest first:
 * binary + and - (left-associative), * and / (left), unary - and +, ^ (right-associative). So
 * {@code -2^2} is -4 and {@code 2^3^2} is 512.
 *
 * <p>Nothing here recurses over the tree: a hostile file may nest 50,000 unary minuses or chain
 * 200,000 terms, so evaluation runs over a post-order array and printing over an explicit stack.
 */
final class QasmExpr {

    /** A node of the expression tree. Operators keep their position, for errors in evaluation. */
    sealed interface Node permits Num, Pi, Param, Neg, Bin, Fn {
    }

    record Num(double value) implements Node {
    }

    record Pi() implements Node {
    }

    /** The {@code index}-th parameter of the enclosing gate definition. */
    record Param(int index, String name) implements Node {
    }

    record Neg(Node inner) implements Node {
    }

    record Bin(char op, Node left, Node right, int line, int column) implements Node {
    }

    record Fn(String name, Node arg, int line, int column) implements Node {
    }

    /** An operation without a real value (division by zero, ln or sqrt outside its domain), with where it is written. */
    static final class Undefined extends ArithmeticException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        Undefined(int line, int column, String message) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    static final List<String> FUNCTIONS = List.of("sin", "cos", "tan", "exp", "ln", "sqrt");

    private final Node node;
    private final String text;
    private final QasmLexer.Token first;
    /** The tree in post-order: evaluation is one loop over it with a value stack. */
    private final Node[] postfix;
    private final boolean usesParams;

    QasmExpr(Node node, String text, QasmLexer.Token first) {
        this.node = node;
        this.text = text;
        this.first = first;
        this.postfix = postOrder(node);
        boolean uses = false;
        for (Node n : postfix) {
            uses |= n instanceof Param;
        }
        this.usesParams = uses;
    }

    Node node() { return node; }

    /** The expression as written, with each run of whitespace and comments shown as one space. */
    String text() { return text; }

    /** The expression's first token (for error positions). */
    QasmLexer.Token first() { return first; }

    /** Whether the expression names a gate parameter (only possible inside a gate body). */
    boolean usesParams() { return usesParams; }

    /**
     * The value, with {@code params} bound to the enclosing gate's parameters.
     *
     * @throws Undefined for a division by zero, ln of a number <= 0 or sqrt of a negative number
     *     (as Qiskit's qasm2 parser refuses them); overflow to infinity is left to the caller
     */
    double eval(double[] params) {
        double[] stack = new double[postfix.length];
        int top = 0;
        for (Node n : postfix) {
            if (n instanceof Num k) {
                stack[top++] = k.value();
            } else if (n instanceof Pi) {
                stack[top++] = Math.PI;
            } else if (n instanceof Param p) {
                stack[top++] = params[p.index()];
            } else if (n instanceof Neg) {
                stack[top - 1] = -stack[top - 1];
            } else if (n instanceof Bin b) {
                double r = stack[--top];
                double l = stack[top - 1];
                stack[top - 1] = apply(b, l, r);
            } else {
                Fn f = (Fn) n;
                stack[top - 1] = apply(f, stack[top - 1]);
            }
        }
        return stack[0];
    }

    private static double apply(Bin b, double l, double r) {
        switch (b.op()) {
            case '+': return l + r;
            case '-': return l - r;
            case '*': return l * r;
            case '/':
                if (r == 0) {
                    throw new Undefined(b.line(), b.column(), "division by zero (" + number(l) + "/0)");
                }
                return l / r;
            default: return Math.pow(l, r);
        }
    }

    private static double apply(Fn f, double a) {
        switch (f.name()) {
            case "sin": return Math.sin(a);
            case "cos": return Math.cos(a);
            case "tan": return Math.tan(a);
            case "exp": return Math.exp(a);
            case "ln":
                if (!(a > 0)) {
                    throw new Undefined(f.line(), f.column(), "ln of a number that is not positive (ln(" + number(a) + "))");
                }
                return Math.log(a);
            default:
                if (a < 0) {
                    throw new Undefined(f.line(), f.column(), "sqrt of a negative number (sqrt(" + number(a) + "))");
                }
                return Math.sqrt(a);
        }
    }

    private static Node[] postOrder(Node root) {
        List<Node> out = new ArrayList<>();
        Deque<Node> todo = new ArrayDeque<>();
        Deque<Node> reversed = new ArrayDeque<>();
        todo.push(root);
        // Reverse post-order: node, then right child before left; popping it back gives post-order.
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            reversed.push(n);
            if (n instanceof Neg g) {
                todo.push(g.inner());
            } else if (n instanceof Bin b) {
                todo.push(b.left());
                todo.push(b.right());
            } else if (n instanceof Fn f) {
                todo.push(f.arg());
            }
        }
        while (!reversed.isEmpty()) {
            out.add(reversed.pop());
        }
        return out.toArray(new Node[0]);
    }

    /**
     * A canonical form that ignores spacing, redundant parentheses, number spelling and parameter
     * names (parameters are numbered): two gate definitions whose bodies have the same canonical
     * forms define the same gate.
     */
    String canonical() {
        StringBuilder sb = new StringBuilder();
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o instanceof String s) {
                sb.append(s);
            } else if (o instanceof Num k) {
                sb.append(k.value());
            } else if (o instanceof Pi) {
                sb.append("pi");
            } else if (o instanceof Param p) {
                sb.append('#').append(p.index());
            } else if (o instanceof Neg g) {
                pushAll(todo, "(-", g.inner(), ")");
            } else if (o instanceof Bin b) {
                pushAll(todo, "(", b.left(), String.valueOf(b.op()), b.right(), ")");
            } else {
                Fn f = (Fn) o;
                pushAll(todo, f.name() + "(", f.arg(), ")");
            }
        }
        return sb.toString();
    }

    /**
     * The expression in OpenQASM 3.0 syntax: {@code ^} becomes {@code **} and {@code ln} becomes
     * {@code log}. OpenQASM 3.0 has the same precedence ({@code -a**b} is {@code -(a**b)}), so only
     * the parentheses the tree needs are written.
     */
    String toQasm3() {
        StringBuilder sb = new StringBuilder();
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(new Placed(node, 0));
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o instanceof String s) {
                sb.append(s);
                continue;
            }
            Placed at = (Placed) o;
            Node n = at.node();
            int prec = precedence(n);
            if (prec < at.min()) {
                // Parenthesised: print the node again inside "(" ... ")" with no minimum.
                pushAll(todo, "(", new Placed(n, 0), ")");
                continue;
            }
            if (n instanceof Num k) {
                sb.append(number(k.value()));
            } else if (n instanceof Pi) {
                sb.append("pi");
            } else if (n instanceof Param p) {
                sb.append(p.name());
            } else if (n instanceof Fn f) {
                pushAll(todo, (f.name().equals("ln") ? "log" : f.name()) + "(", new Placed(f.arg(), 0), ")");
            } else if (n instanceof Neg g) {
                pushAll(todo, "-", new Placed(g.inner(), POW));
            } else {
                Bin b = (Bin) n;
                switch (b.op()) {
                    case '+':
                    case '-':
                        pushAll(todo, new Placed(b.left(), ADD), " " + b.op() + " ", new Placed(b.right(), MUL));
                        break;
                    case '*':
                    case '/':
                        pushAll(todo, new Placed(b.left(), MUL), String.valueOf(b.op()), new Placed(b.right(), NEG));
                        break;
                    default:
                        // Right-associative: a**b**c is a**(b**c); a negative exponent gets parentheses.
                        pushAll(todo, new Placed(b.left(), ATOM), "**", new Placed(b.right(), POW));
                        break;
                }
            }
        }
        return sb.toString();
    }

    /** A node to print where the context needs at least precedence {@code min}. */
    private record Placed(Node node, int min) {
    }

    // Precedence levels, loosest first.
    private static final int ADD = 1;
    private static final int MUL = 2;
    private static final int NEG = 3;
    private static final int POW = 4;
    private static final int ATOM = 5;

    private static int precedence(Node n) {
        if (n instanceof Neg) {
            return NEG;
        }
        if (n instanceof Bin b) {
            switch (b.op()) {
                case '+':
                case '-': return ADD;
                case '*':
                case '/': return MUL;
                default: return POW;
            }
        }
        if (n instanceof Num k && k.value() < 0) {
            return NEG; // printed with a leading minus
        }
        return ATOM;
    }

    /** Pushes items so that they pop in the order given. */
    private static void pushAll(Deque<Object> stack, Object... items) {
        for (int k = items.length - 1; k >= 0; k--) {
            stack.push(items[k]);
        }
    }

    /** A number as OpenQASM text that reads back as exactly {@code v}. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
