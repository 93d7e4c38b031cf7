package dev.qanvas.quantum.draw;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.AngleText;
import dev.qanvas.quantum.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a circuit looks, in one place for the screen and the exports: the colour of each kind of
 * gate box, of wires, strokes and text, and the short angle label under a rotation. The circuit
 * editor's stylesheet reads these colours as looked-up colours ({@link #lookedUpColours()}), and
 * {@link CircuitSvg} writes them, so an exported drawing has the screen's colours.
 */
public final class CircuitStyle {

    /** What a gate's angles read, which decides the colour of its box. */
    public enum Role {
        FIXED("fixed", "#dce8f7", "#3d6fb0"),
        CONSTANT_ANGLE("constant-angle", "#fde9d0", "#c97420"),
        TRAINABLE("trainable", "#ebe2fb", "#7245c9"),
        ENCODES_INPUT("encodes-input", "#dcf2e1", "#2b8a4b"),
        /** Measure, reset, postselect: not a gate. */
        NON_UNITARY("non-unitary", "#eeedf2", "#55546a");

        /** The style class of the gate's group on screen. */
        public final String styleClass;
        public final String fill;
        public final String stroke;

        Role(String styleClass, String fill, String stroke) {
            this.styleClass = styleClass;
            this.fill = fill;
            this.stroke = stroke;
        }

        public static Role of(Operation op) {
            if (!op.isGate()) {
                return NON_UNITARY;
            }
            List<Angle> angles = op.angles();
            if (angles.stream().anyMatch(a -> a instanceof Angle.Input || a instanceof Angle.Product)) {
                return ENCODES_INPUT;
            }
            if (angles.stream().anyMatch(a -> a instanceof Angle.Weight)) {
                return TRAINABLE;
            }
            return angles.isEmpty() ? FIXED : CONSTANT_ANGLE;
        }
    }

    public static final String BACKGROUND = "#ffffff";
    public static final String WIRE = "#8d8ca0";
    /** Connectors, control dots, CNOT rings and SWAP crosses. */
    public static final String INK = "#2f2e3f";
    public static final String SYMBOL = "#1f1e2c";
    /** Wire labels and angle labels. */
    public static final String LABEL = "#3d3c4f";

    private CircuitStyle() {
    }

    /**
     * The compact angle label under a rotation: "π/2", "w3", "x[2]", "0.951", at most 8 characters;
     * when several angles do not fit, the first and "…" ({@link #angleTooltip} has them all).
     */
    public static String angleText(Operation op) {
        List<String> parts = op.angles().stream().map(CircuitStyle::angleLabel).toList();
        String text = String.join(",", parts);
        if (text.length() <= 8) {
            return text;
        }
        String first = parts.get(0);
        return first.length() <= 6 ? first + ",…" : first.substring(0, 7) + "…";
    }

    /** An angle as a gate box shows it: its text, with a plain number cut to three significant digits. */
    public static String angleLabel(Angle a) {
        if (a instanceof Angle.Constant c && isPlainNumber(c.text())) {
            return AngleText.brief(c.value()).replace("pi", "π").replace("*", "");
        }
        return a.text().replace("pi", "π").replace("*", "");
    }

    /**
     * The text of a measure, reset or postselect box (the measure box also has a meter drawn):
     * its symbol and the line under it, "c[1]" for the bit a measurement writes, "post" and "=1".
     */
    public static String[] stepText(Operation op) {
        return switch (op.kind()) {
            case MEASURE -> new String[] {"", "c[" + op.bit() + "]"};
            case RESET -> new String[] {"|0⟩", "reset"};
            case POSTSELECT -> new String[] {"post", "=" + op.bit()};
            case GATE -> new String[] {op.gate().symbol(), angleText(op)};
        };
    }

    /** The label of a conditioned step where its double line meets the classical wire: "c==3"; "" if unconditioned. */
    public static String conditionText(Operation op) {
        return op.isConditioned() ? "c==" + op.condition() : "";
    }

    /** Every angle of the operation in full, one per line ("θ0 = 0.9505312..."), for a tooltip; "" without angles. */
    public static String angleTooltip(Operation op) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < op.angles().size(); i++) {
            Angle a = op.angles().get(i);
            sb.append(i > 0 ? "\n" : "").append(op.gate().symbol()).append(" angle ").append(i + 1).append(": ").append(a.text());
            if (a instanceof Angle.Constant c && !isPlainNumber(c.text())) {
                sb.append(" = ").append(c.value());
            }
        }
        return sb.toString();
    }

    private static boolean isPlainNumber(String text) {
        try {
            Double.parseDouble(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The colours as JavaFX looked-up colours ("-q-wire: #8d8ca0; ..."), for the editor's style. */
    public static String lookedUpColours() {
        Map<String, String> colours = new LinkedHashMap<>();
        colours.put("-q-background", BACKGROUND);
        colours.put("-q-wire", WIRE);
        colours.put("-q-ink", INK);
        colours.put("-q-symbol", SYMBOL);
        colours.put("-q-label", LABEL);
        for (Role r : Role.values()) {
            colours.put("-q-" + r.styleClass + "-fill", r.fill);
            colours.put("-q-" + r.styleClass + "-stroke", r.stroke);
        }
        StringBuilder style = new StringBuilder();
        colours.forEach((k, v) -> style.append(k).append(": ").append(v).append("; "));
        return style.toString().trim();
    }
}
