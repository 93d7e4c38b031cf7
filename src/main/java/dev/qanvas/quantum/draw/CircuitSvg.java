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
 * ends as crosses. Colours and angle labels are the screen's ({@link CircuitStyle}).
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
        int height = TOP + c.qubits() * ROW;
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
        for (int k = 0; k < c.size(); k++) {
            drawOperation(svg, c.operations().get(k), x(layout.columnOf()[k]));
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
        String label = op.gate().symbol();
        String angles = CircuitStyle.angleText(op);
        String fullAngles = String.join(", ", op.angles().stream().map(Angle::text).toList());
        CircuitStyle.Role role = CircuitStyle.Role.of(op);
        for (int t : op.targets()) {
            int y = y(t);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\">%s</rect>%n",
                    x - BOX / 2, y - BOX / 2, BOX, BOX, role.fill, role.stroke,
                    fullAngles.isEmpty() ? "" : "<title>" + escape(op.gate().symbol() + "(" + fullAngles + ")") + "</title>"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-weight=\"bold\" fill=\"%s\">%s</text>%n",
                    x, angles.isEmpty() ? y : y - 6, CircuitStyle.SYMBOL, escape(label)));
            if (!angles.isEmpty()) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"9\" fill=\"%s\">%s</text>%n",
                        x, y + 9, CircuitStyle.LABEL, escape(angles)));
            }
        }
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
