package dev.qanvas.quantum.qasm;

import java.util.Random;

/**
 * Random OpenQASM 2.0 expression trees, printed with only the parentheses the grammar needs and
 * valued by direct Java arithmetic: an oracle written from the precedence rules (loosest first:
 * binary + -, * /, unary -, right-associative ^), independent of Qanvas's parser.
 */
final class RandomExpressions {

    private RandomExpressions() {
    }

    /** A tree: a leaf number or pi, a negation, a binary operation or a function call. */
    sealed interface Tree permits Leaf, Minus, Op, Call {
    }

    record Leaf(String text, double value) implements Tree {
    }

    record Minus(Tree inner) implements Tree {
    }

    record Op(char op, Tree left, Tree right) implements Tree {
    }

    record Call(String name, Tree arg) implements Tree {
    }

    private static final String[] FUNCTIONS = {"sin", "cos", "tan", "exp", "ln", "sqrt"};
    private static final String[] NUMBERS = {"0", "1", "2", "3", "0.5", ".25", "1.5e-1", "2E1", "7.", "10"};

    static Tree random(Random r, int depth) {
        int pick = depth <= 0 ? 0 : r.nextInt(10);
        if (pick <= 2) {
            if (r.nextInt(5) == 0) {
                return new Leaf("pi", Math.PI);
            }
            String n = NUMBERS[r.nextInt(NUMBERS.length)];
            return new Leaf(n, Double.parseDouble(n));
        }
        if (pick == 3) {
            return new Minus(random(r, depth - 1));
        }
        if (pick == 4) {
            return new Call(FUNCTIONS[r.nextInt(FUNCTIONS.length)], random(r, depth - 1));
        }
        return new Op("+-*/^".charAt(r.nextInt(5)), random(r, depth - 1), random(r, depth - 1));
    }

    /** The value by the rules; ArithmeticException where Qiskit's parser refuses (division by zero, ln, sqrt). */
    static double value(Tree t) {
        if (t instanceof Leaf l) {
            return l.value();
        }
        if (t instanceof Minus m) {
            return -value(m.inner());
        }
        if (t instanceof Call c) {
            double a = value(c.arg());
            switch (c.name()) {
                case "sin": return Math.sin(a);
                case "cos": return Math.cos(a);
                case "tan": return Math.tan(a);
                case "exp": return Math.exp(a);
                case "ln":
                    if (!(a > 0)) {
                        throw new ArithmeticException("ln");
                    }
                    return Math.log(a);
                default:
                    if (a < 0) {
                        throw new ArithmeticException("sqrt");
                    }
                    return Math.sqrt(a);
            }
        }
        Op o = (Op) t;
        double l = value(o.left());
        double r = value(o.right());
        switch (o.op()) {
            case '+': return l + r;
            case '-': return l - r;
            case '*': return l * r;
            case '/':
                if (r == 0) {
                    throw new ArithmeticException("division by zero");
                }
                return l / r;
            default: return Math.pow(l, r);
        }
    }

    private static int precedence(Tree t) {
        if (t instanceof Op o) {
            return o.op() == '+' || o.op() == '-' ? 1 : o.op() == '^' ? 4 : 2;
        }
        return t instanceof Minus ? 3 : 5;
    }

    /** The tree as text with only needed parentheses, and random spaces between tokens. */
    static String print(Tree t, Random r) {
        if (t instanceof Leaf l) {
            return l.text();
        }
        if (t instanceof Minus m) {
            return "-" + space(r) + wrap(m.inner(), precedence(m.inner()) < 3, r);
        }
        if (t instanceof Call c) {
            return c.name() + space(r) + "(" + print(c.arg(), r) + ")";
        }
        Op o = (Op) t;
        int p = precedence(o);
        boolean leftParens;
        boolean rightParens;
        if (o.op() == '^') {
            // right-associative, and tighter than unary minus: (-a)^b and (a^b)^c need them
            leftParens = precedence(o.left()) <= 4;
            rightParens = precedence(o.right()) < 3;
        } else {
            leftParens = precedence(o.left()) < p;
            // left-associative: a-(b-c) and a/(b*c) need them; a unary minus on the right does not
            rightParens = precedence(o.right()) <= p;
        }
        return wrap(o.left(), leftParens, r) + space(r) + o.op() + space(r) + wrap(o.right(), rightParens, r);
    }

    private static String wrap(Tree t, boolean parens, Random r) {
        String s = print(t, r);
        return parens || r.nextInt(12) == 0 ? "(" + s + ")" : s;
    }

    private static String space(Random r) {
        return r.nextInt(3) == 0 ? " " : "";
    }
}
