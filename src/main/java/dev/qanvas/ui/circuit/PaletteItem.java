package dev.qanvas.ui.circuit;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;

/**
 * One entry of the circuit editor's gate palette: a gate (possibly with controls) or a template.
 * The items, their order, what each places and its shortcut are declared once, in the table below.
 */
public record PaletteItem(String id, String symbol, String name, String description, Group group) {

    /** The palette's sections, in display order. */
    public enum Group {
        SINGLE("Single-qubit"),
        ROTATION("Rotations"),
        MULTI("Two- and three-qubit"),
        TEMPLATE("Templates");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Drag-and-drop payload type: the dragboard carries the item's id under this format. */
    public static final DataFormat DRAG_FORMAT = new DataFormat("application/x-qanvas-palette-item");

    /** What a gate item places: a base gate with {@code controls} control qubits in front of its targets. */
    private record Placement(Gate base, int controls, KeyCode shortcut) {
    }

    private static final List<PaletteItem> ALL = new ArrayList<>();
    private static final Map<String, PaletteItem> BY_ID = new LinkedHashMap<>();
    private static final Map<String, Placement> PLACEMENTS = new LinkedHashMap<>();

    static {
        // One-line meanings are written for the palette's readers; Gate's descriptions name the math.
        single("H", Gate.H, "Hadamard", "Makes superpositions: |0> to |+>, |1> to |->", Group.SINGLE, KeyCode.H);
        single("X", Gate.X, "Pauli X", "Bit flip (NOT): swaps |0> and |1>", Group.SINGLE, KeyCode.X);
        single("Y", Gate.Y, "Pauli Y", "Bit and phase flip", Group.SINGLE, KeyCode.Y);
        single("Z", Gate.Z, "Pauli Z", "Phase flip: multiplies |1> by -1", Group.SINGLE, KeyCode.Z);
        single("S", Gate.S, "S gate", "Quarter-turn phase: multiplies |1> by i (square root of Z)", Group.SINGLE, KeyCode.S);
        single("SDG", Gate.SDG, "S dagger", "Undoes S: multiplies |1> by -i", Group.SINGLE, null);
        single("T", Gate.T, "T gate", "Eighth-turn phase: multiplies |1> by exp(i pi/4) (square root of S)", Group.SINGLE, KeyCode.T);
        single("TDG", Gate.TDG, "T dagger", "Undoes T: multiplies |1> by exp(-i pi/4)", Group.SINGLE, null);
        single("SX", Gate.SX, "Square root of X", "Half a bit flip: two in a row make X", Group.SINGLE, null);

        single("RX", Gate.RX, "X rotation", "Turns the state by t about the X axis: exp(-i t X/2)", Group.ROTATION, null);
        single("RY", Gate.RY, "Y rotation", "Turns the state by t about the Y axis: exp(-i t Y/2); real amplitudes stay real",
                Group.ROTATION, KeyCode.R);
        single("RZ", Gate.RZ, "Z rotation", "Turns the state by t about the Z axis: exp(-i t Z/2)", Group.ROTATION, null);
        single("P", Gate.P, "Phase", "Multiplies |1> by exp(i t)", Group.ROTATION, null);
        single("U3", Gate.U3, "General rotation U",
                "Any one-qubit gate: U(theta, phi, lambda) = RZ(phi) RY(theta) RZ(lambda) up to phase", Group.ROTATION, null);

        multi("CNOT", "CX", Gate.X, 1, "CNOT", "Controlled X: flips the target when the control is 1", KeyCode.C);
        multi("CZ", "CZ", Gate.Z, 1, "Controlled Z", "Flips the phase of |11>; symmetric in its two qubits", null);
        multi("CRY", "CRY", Gate.RY, 1, "Controlled Y rotation", "RY(t) on the target when the control is 1", null);
        multi("SWAP", "SWAP", Gate.SWAP, 0, "SWAP", "Exchanges the states of two wires", null);
        multi("ISWAP", "iSW", Gate.ISWAP, 0, "iSWAP", "Exchanges two wires, multiplying the exchanged amplitudes by i", null);
        multi("RXX", "RXX", Gate.RXX, 0, "XX coupling", "Ising coupling, turning by t: exp(-i t X⊗X/2)", null);
        multi("RYY", "RYY", Gate.RYY, 0, "YY coupling", "Ising coupling, turning by t: exp(-i t Y⊗Y/2)", null);
        multi("RZZ", "RZZ", Gate.RZZ, 0, "ZZ coupling", "Ising coupling, turning by t: exp(-i t Z⊗Z/2)", null);
        multi("CCX", "CCX", Gate.X, 2, "Toffoli (CCX)", "X on the target when both controls are 1", null);

        template("angle-embedding", "AE", "Angle embedding", "Encodes feature x[i] as a rotation angle on wire i");
        template("basic-entangler", "BEL", "Basic entangler", "Per layer: a trainable rotation on every wire, then a ring of CNOTs");
        template("strongly-entangling", "SEL", "Strongly entangling",
                "Per layer: trainable RZ RY RZ on every wire, then CNOTs reaching further each layer");
        template("data-reuploading", "DRU", "Data re-uploading",
                "Per layer: the features encoded again, then trainable rotations and a CNOT chain");
        template("qcnn", "QCNN", "QCNN", "Quantum convolutional network: convolution and pooling until one wire is left");
    }

    /** A one-qubit item, shown with the gate's own symbol. */
    private static void single(String id, Gate base, String name, String description, Group group, KeyCode shortcut) {
        add(new PaletteItem(id, base.symbol(), name, description, group), new Placement(base, 0, shortcut));
    }

    /** A two- or three-qubit item: its own symbol (CX, not the base X) and description. */
    private static void multi(String id, String symbol, Gate base, int controls, String name, String description, KeyCode shortcut) {
        add(new PaletteItem(id, symbol, name, description, Group.MULTI), new Placement(base, controls, shortcut));
    }

    private static void template(String id, String symbol, String name, String description) {
        add(new PaletteItem(id, symbol, name, description, Group.TEMPLATE), null);
    }

    private static void add(PaletteItem item, Placement placement) {
        ALL.add(item);
        BY_ID.put(item.id, item);
        if (placement != null) {
            PLACEMENTS.put(item.id, placement);
        }
    }

    /** Every item, in palette order. */
    public static List<PaletteItem> all() {
        return List.copyOf(ALL);
    }

    public static Optional<PaletteItem> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    public boolean isTemplate() {
        return group == Group.TEMPLATE;
    }

    /** Qubits the placed gate spans (1 for H, 2 for CNOT, 3 for Toffoli); 0 for templates. */
    public int span() {
        Placement p = PLACEMENTS.get(id);
        return p == null ? 0 : p.controls + p.base.qubits();
    }

    /**
     * The operation that dropping this (non-template) item on wire {@code wire} of a
     * {@code qubits}-qubit circuit places: a single-qubit gate on that wire; a multi-qubit gate
     * with its first qubit (the control, if any) on {@code wire} and the rest on the next wires
     * down, or up when there is no room below. Empty for templates and when the gate cannot fit.
     */
    public Optional<Operation> place(int wire, int qubits) {
        Placement p = PLACEMENTS.get(id);
        int span = span();
        if (p == null || wire < 0 || wire >= qubits || span > qubits) {
            return Optional.empty();
        }
        List<Integer> wires = consecutiveWires(wire, span, qubits);
        return Optional.of(new Operation(p.base, wires.subList(p.controls, span), wires.subList(0, p.controls),
                startAngles(p.base)));
    }

    /**
     * {@code span} distinct wires starting at {@code wire}: downwards when they fit, else upwards,
     * topped up from the other side when neither fits (a Toffoli on the middle of three wires).
     */
    private static List<Integer> consecutiveWires(int wire, int span, int qubits) {
        int step = wire + span <= qubits ? 1 : -1;
        List<Integer> wires = new ArrayList<>();
        for (int q = wire; wires.size() < span && q >= 0 && q < qubits; q += step) {
            wires.add(q);
        }
        for (int q = wire - step; wires.size() < span; q -= step) {
            wires.add(q);
        }
        return wires;
    }

    /** Rotations start at a quarter turn so the placed gate visibly does something; U at (pi/2, 0, 0). */
    private static List<Angle> startAngles(Gate gate) {
        List<Angle> angles = new ArrayList<>();
        for (int k = 0; k < gate.params(); k++) {
            angles.add(k == 0 ? new Angle.Constant(Math.PI / 2, "pi/2") : new Angle.Constant(0));
        }
        return angles;
    }

    /** Tooltip text: name, meaning, and the matrix (rotations at t = pi/2, saying so). */
    public String tooltip() {
        StringBuilder sb = new StringBuilder(name);
        if (!(" " + name.replaceAll("[()]", " ") + " ").contains(" " + symbol + " ")) {
            sb.append(" (").append(symbol).append(')'); // "Hadamard (H)", but not "Pauli X (X)"
        }
        sb.append('\n').append(description);
        Placement p = PLACEMENTS.get(id);
        if (p == null) {
            return sb.append("\nSpans every wire; asks for its settings when placed.").toString();
        }
        String at = p.base == Gate.U3 ? " at theta = pi/2, phi = 0, lambda = 0"
                : p.base.params() > 0 ? " at t = pi/2" : "";
        double[] angles = startAngles(p.base).stream().mapToDouble(a -> ((Angle.Constant) a).value()).toArray();
        double[] m = p.base.matrix(angles);
        if (p.controls == 2) {
            // The 8x8 matrix is too large for a tooltip; say what it does to the basis instead.
            return sb.append("\nMatrix: the identity, except that it swaps |110> and |111>").toString();
        }
        if (p.controls == 1) {
            sb.append("\n\nMatrix").append(at).append("\n(basis |control target> = 00, 01, 10, 11):\n");
            m = controlled(m);
        } else if (p.base.qubits() == 2) {
            // Every two-qubit base gate in the palette is symmetric, so qubit order does not matter.
            sb.append("\n\nMatrix").append(at).append("\n(basis 00, 01, 10, 11):\n");
        } else {
            sb.append("\n\nMatrix").append(at).append(":\n");
        }
        return sb.append(matrixText(m)).toString();
    }

    /** The 4x4 matrix of a 2x2 gate controlled by the more significant qubit: diag(I, U). */
    private static double[] controlled(double[] u) {
        double[] m = new double[32];
        for (int k = 0; k < 2; k++) {
            m[2 * (k * 4 + k)] = 1;
        }
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                m[2 * ((r + 2) * 4 + c + 2)] = u[2 * (r * 2 + c)];
                m[2 * ((r + 2) * 4 + c + 2) + 1] = u[2 * (r * 2 + c) + 1];
            }
        }
        return m;
    }

    /** Rows of "[ a  b ]" with right-aligned columns (aligned when shown in a monospaced font). */
    static String matrixText(double[] m) {
        int n = (int) Math.round(Math.sqrt(m.length / 2.0));
        String[][] cells = new String[n][n];
        int width = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                cells[r][c] = complex(m[2 * (r * n + c)], m[2 * (r * n + c) + 1]);
                width = Math.max(width, cells[r][c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < n; r++) {
            sb.append(r > 0 ? "\n[" : "[");
            for (int c = 0; c < n; c++) {
                sb.append(" ".repeat(width - cells[r][c].length() + 1)).append(cells[r][c]);
            }
            sb.append(" ]");
        }
        return sb.toString();
    }

    /** A complex number compactly: "0.707", "-0.707i", "0.5+0.5i", "i", "0". */
    static String complex(double re, double im) {
        String r = number(re), i = number(im);
        if (i.equals("0")) {
            return r;
        }
        String imaginary = i.equals("1") ? "i" : i.equals("-1") ? "-i" : i + "i";
        if (r.equals("0")) {
            return imaginary;
        }
        return r + (imaginary.startsWith("-") ? imaginary : "+" + imaginary);
    }

    /** Three decimals without trailing zeros; never "-0". */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }

    /** The keyboard shortcut that places this item on a selected wire, if any; null if none. */
    public KeyCode shortcut() {
        Placement p = PLACEMENTS.get(id);
        return p == null ? null : p.shortcut;
    }
}
