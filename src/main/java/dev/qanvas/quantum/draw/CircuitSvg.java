package dev.qanvas.quantum.draw;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.util.List;
import java.util.Locale;

/**
 * A circuit as an SVG drawing (the circuit editor's "Export SVG"): one wire per qubit labelled
 * q0, q1, ..., gates in the columns of {@link CircuitLayout}, boxes with the gate's symbol and
 * its angles, control dots joined to their targets, CNOT targets as a circled plus and SWAP
 * ends as crosses; with classical bits, a double wire c below the qubits, measurements as a
 * meter joined to it by a double line, resets as |0&gt;, postselections as "post =v", conditioned
 * steps joined to c with their "c==v". Colours and angle labels are the screen's ({@link CircuitStyle}).
 */
public final class CircuitSvg {

    private static final int COLUMN = 64;
    private static final int ROW = 48;
    private static final int LEFT = 56;
    private static final int TOP = 32;
    private static final int BOX = 36;
    private static final String INK = CircuitStyle.INK;

    private CircuitSvg() {
    }

    public static String render(Circuit c) {
        CircuitLayout layout = CircuitLayout.of(c);
        int width = LEFT + Math.max(1, layout.columns()) * COLUMN + 24;
        boolean classical = c.clbits() > 0;
        int height = TOP + (c.qubits() + (classical ? 1 : 0)) * ROW;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"DejaVu Sans, sans-serif\" font-size=\"13\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", width, height, CircuitStyle.BACKGROUND));
        for (int q = 0; q < c.qubits(); q++) {
            int y = y(q);
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" dominant-baseline=\"middle\" fill=\"%s\">q%d</text>%n", y, CircuitStyle.LABEL, q));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n",
                    LEFT - 16, y, width - 8, y, CircuitStyle.WIRE));
        }
        if (classical) {
            int y = y(c.qubits());
            svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" dominant-baseline=\"middle\" fill=\"%s\">c/%d</text>%n",
                    y, CircuitStyle.LABEL, c.clbits()));
            for (int dy : new int[] {-2, 2}) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n",
                        LEFT - 16, y + dy, width - 8, y + dy, CircuitStyle.WIRE));
            }
        }
        for (int k = 0; k < c.size(); k++) {
            Operation op = c.operations().get(k);
            int x = x(layout.columnOf()[k]);
            if (CircuitLayout.usesClassicalWire(op)) {
                drawClassicalLink(svg, op, x, y(c.qubits()));
            }
            drawOperation(svg, op, x);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void drawOperation(StringBuilder svg, Operation op, int x) {
        List<Integer> qubits = op.qubits();
        int lo = qubits.stream().mapToInt(Integer::intValue).min().orElse(0);
        int hi = qubits.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (hi > lo) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" + INK + "\" stroke-width=\"2\"/>%n",
                    x, y(lo), x, y(hi)));
        }
        for (int control : op.controls()) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"" + INK + "\"/>%n", x, y(control)));
        }
        boolean controlledX = op.gate() == Gate.X && !op.controls().isEmpty();
        if (controlledX) {
            int y = y(op.targets().get(0));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"11\" fill=\"" + CircuitStyle.BACKGROUND + "\" stroke=\"" + INK + "\" stroke-width=\"2\"/>%n", x, y));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" + INK + "\" stroke-width=\"2\"/>%n", x - 11, y, x + 11, y));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" + INK + "\" stroke-width=\"2\"/>%n", x, y - 11, x, y + 11));
            return;
        }
        if (op.gate() == Gate.SWAP) {
            for (int t : op.targets()) {
                int y = y(t);
                svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d L%d %d M%d %d L%d %d\" stroke=\"" + INK + "\" stroke-width=\"2\"/>%n",
                        x - 7, y - 7, x + 7, y + 7, x - 7, y + 7, x + 7, y - 7));
            }
            return;
        }
        String[] text = CircuitStyle.stepText(op);
        String label = text[0];
        String angles = text[1];
        String fullAngles = String.join(", ", op.angles().stream().map(Angle::text).toList());
        CircuitStyle.Role role = CircuitStyle.Role.of(op);
        for (int t : op.targets()) {
            int y = y(t);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\">%s</rect>%n",
                    x - BOX / 2, y - BOX / 2, BOX, BOX, role.fill, role.stroke,
                    fullAngles.isEmpty() ? "" : "<title>" + escape(op.gate().symbol() + "(" + fullAngles + ")") + "</title>"));
            if (op.kind() == Operation.Kind.MEASURE) {
                drawMeter(svg, x, y - 4);
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-weight=\"bold\" fill=\"%s\">%s</text>%n",
                    x, angles.isEmpty() ? y : y - 6, CircuitStyle.SYMBOL, escape(label)));
            if (!angles.isEmpty()) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"9\" fill=\"%s\">%s</text>%n",
                        x, y + 9, CircuitStyle.LABEL, escape(angles)));
            }
        }
    }

    /** The double line from the step down to the classical wire, with a condition's "c==v" beside it. */
    private static void drawClassicalLink(StringBuilder svg, Operation op, int x, int wireY) {
        int from = y(op.qubits().stream().mapToInt(Integer::intValue).max().orElse(0));
        for (int dx : new int[] {-2, 2}) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" + INK + "\"/>%n",
                    x + dx, from, x + dx, wireY));
        }
        if (op.isConditioned()) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"" + INK + "\"/>%n", x, wireY));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\" fill=\"%s\">%s</text>%n",
                    x, wireY + 16, CircuitStyle.LABEL, escape(CircuitStyle.conditionText(op))));
        } else {
            svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d L%d %d L%d %d Z\" fill=\"" + INK + "\"/>%n",
                    x - 5, wireY - 7, x + 5, wireY - 7, x, wireY));
        }
    }

    /** A measurement's meter: an arc and a needle inside its box. */
    private static void drawMeter(StringBuilder svg, int x, int y) {
        svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d A11 11 0 0 1 %d %d M%d %d L%d %d\" fill=\"none\" stroke=\"" + INK
                + "\" stroke-width=\"1.5\"/>%n", x - 11, y + 2, x + 11, y + 2, x, y + 2, x + 8, y - 9));
    }

    private static int x(int column) {
        return LEFT + column * COLUMN + COLUMN / 2;
    }

    private static int y(int qubit) {
        return TOP + qubit * ROW;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
