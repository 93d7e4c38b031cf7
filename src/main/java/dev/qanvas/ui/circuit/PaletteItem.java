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
 * One entry of the circuit editor's gate palette: a gate (possibly with controls), a measure,
 * reset or postselect step, or a template.
 * The groups, the order, what each item places and its shortcut are declared once, in the table
 * below; a gate item's symbol, name and meaning come from its {@link Gate} entry.
 */
public record PaletteItem(String id, String symbol, String name, String description, Group group) {

    /** The palette's sections, in display order. */
    public enum Group {
        SINGLE("Single-qubit"),
        ROTATION("Rotations"),
        MULTI("Two- and three-qubit"),
        MEASURE("Measure and reset"),
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

    /**
     * What an item places: a base gate with {@code controls} control qubits in front of its targets,
     * or (base null) a one-qubit step of {@code kind} (a postselection on {@code outcome}).
     */
    private record Placement(Gate base, int controls, KeyCode shortcut, Operation.Kind kind, int outcome) {
        Placement(Gate base, int controls, KeyCode shortcut) {
            this(base, controls, shortcut, Operation.Kind.GATE, 0);
        }
    }

    private static final List<PaletteItem> ALL = new ArrayList<>();
    private static final Map<String, PaletteItem> BY_ID = new LinkedHashMap<>();
    private static final Map<String, Placement> PLACEMENTS = new LinkedHashMap<>();

    static {
        // Only grouping, order and shortcuts live here: each gate's palette text is in its Gate entry.
        gates(Group.SINGLE, gate(Gate.H, KeyCode.H), gate(Gate.X, KeyCode.X), gate(Gate.Y, KeyCode.Y),
                gate(Gate.Z, KeyCode.Z), gate(Gate.S, KeyCode.S), gate(Gate.SDG, null), gate(Gate.T, KeyCode.T),
                gate(Gate.TDG, null), gate(Gate.SX, null));
        gates(Group.ROTATION, gate(Gate.RX, null), gate(Gate.RY, KeyCode.R), gate(Gate.RZ, null), gate(Gate.P, null),
                gate(Gate.U3, null));
        gates(Group.MULTI, controlled(Gate.X, 1, KeyCode.C), controlled(Gate.Z, 1, null), controlled(Gate.RY, 1, null),
                gate(Gate.SWAP, null), gate(Gate.ISWAP, null), gate(Gate.RXX, null), gate(Gate.RYY, null),
                gate(Gate.RZZ, null), controlled(Gate.X, 2, null));
        step("measure", "M", "Measure", "Measures the wire in the computational basis into classical bit c[wire] (set the bit"
                + " when selected); the state collapses, and a gate set to run only if c == v can act on the outcome",
                Operation.Kind.MEASURE, 0, KeyCode.M);
        step("reset", "|0⟩", "Reset", "Puts the wire into |0>, whatever its state; entangled partners are left mixed",
                Operation.Kind.RESET, 0, null);
        for (int v = 0; v < 2; v++) {
            step("postselect-" + v, "P=" + v, "Postselect " + v, "Keeps only the runs where the wire reads " + v + " and renormalises;"
                    + " the state views show how often that succeeds. No device can do this: it stands for repeat-until-success"
                    + " or discarding failed shots", Operation.Kind.POSTSELECT, v, null);
        }

        template("angle-embedding", "AE", "Angle embedding", "Encodes feature x[i] as a rotation angle on wire i");
        template("basic-entangler", "BEL", "Basic entangler", "Per layer: a trainable rotation on every wire, then a ring of CNOTs");
        template("strongly-entangling", "SEL", "Strongly entangling",
                "Per layer: trainable RZ RY RZ on every wire, then CNOTs reaching further each layer");
        template("data-reuploading", "DRU", "Data re-uploading",
                "Per layer: the features encoded again, then trainable rotations and a CNOT chain");
        template("qcnn", "QCNN", "QCNN", "Quantum convolutional network: convolution and pooling until one wire is left");
        template("z-feature-map", "ZFM", "Z feature map", "Qiskit's ZFeatureMap: per rep, H on every wire, then P(2 x[i]) on wire i");
        template("zz-feature-map", "ZZFM", "ZZ feature map",
                "Qiskit's ZZFeatureMap: the Z map plus P(2 (π - x[i])(π - x[j])) between CNOTs on pairs of wires");
        template("pauli-feature-map", "PFM", "Pauli feature map",
                "Qiskit's PauliFeatureMap: H on every wire, then the evolution of each Pauli string (Z, ZZ, XY, ...) on blocks of wires");
    }

    /** An uncontrolled gate. */
    private static Placement gate(Gate base, KeyCode shortcut) {
        return new Placement(base, 0, shortcut);
    }

    /** A gate with {@code controls} controls in front of its targets. */
    private static Placement controlled(Gate base, int controls, KeyCode shortcut) {
        return new Placement(base, controls, shortcut);
    }

    /** The gates of one group, in order, each shown with the text of its {@link Gate#paletteText} entry. */
    private static void gates(Group group, Placement... placements) {
        for (Placement p : placements) {
            Gate.PaletteText t = p.base.paletteText(p.controls).orElseThrow(() -> new IllegalStateException(
                    p.base + " with " + p.controls + " controls has no palette text in its Gate entry"));
            add(new PaletteItem(t.id(), t.symbol(), t.name(), t.meaning(), group), p);
        }
    }

    private static void step(String id, String symbol, String name, String description, Operation.Kind kind, int outcome,
            KeyCode shortcut) {
        add(new PaletteItem(id, symbol, name, description, Group.MEASURE), new Placement(null, 0, shortcut, kind, outcome));
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
        return p == null ? 0 : p.base == null ? 1 : p.controls + p.base.qubits();
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
        switch (p.kind) {
            case MEASURE -> { return Optional.of(Operation.measure(wire, wire)); } // bit j = qubit j unless set otherwise
            case RESET -> { return Optional.of(Operation.reset(wire)); }
            case POSTSELECT -> { return Optional.of(Operation.postselect(wire, p.outcome)); }
            case GATE -> { }
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
        if (p.base == null) {
            return sb.append("\nNot a gate: the circuit then runs on density matrices (no amplitudes), and cannot be a"
                    + " quantum layer's circuit.").toString();
        }
        List<Angle> start = startAngles(p.base);
        List<String> values = new ArrayList<>();
        for (int k = 0; k < start.size(); k++) {
            values.add(p.base.angleName(k) + " = " + start.get(k).text());
        }
        String at = values.isEmpty() ? "" : " at " + String.join(", ", values);
        double[] angles = start.stream().mapToDouble(a -> ((Angle.Constant) a).value()).toArray();
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
