package dev.qanvas.quantum;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every gate Qanvas knows, each declared once, in one entry: name, qubit count, parameter names,
 * matrix, derivative, inverse, kernel kind, parameter-shift rule, OpenQASM 2.0 and 3.0 names (and
 * the definition for files whose library lacks the gate), a one-line description and the circuit
 * palette's text. The simulator, gradients, OpenQASM and the circuit editor all read this table;
 * adding a gate is one entry, and {@code EveryGateTest} checks every property of every entry.
 *
 * <p>These are the <em>base</em> gates. Controlled gates (CNOT, CZ, CRY, Toffoli, Fredkin,
 * controlled-anything) are an {@link Operation} with control qubits around a base gate.
 *
 * <p>Matrices are row-major, complex entries interleaved ({@code re, im}); a 1-qubit matrix has
 * 8 doubles, a 2-qubit matrix 32. For a 2-qubit gate on targets (a, b) the local basis index is
 * {@code bit(a) + 2 * bit(b)}, matching the global convention that qubit k is bit k.
 * Angles are radians; rotations are {@code exp(-i t P / 2)} as in Qiskit and PennyLane.
 */
public enum Gate {
    I(gate("id", "I", 1, Kind.DIAGONAL, "Identity: does nothing")
            .matrix(a -> m1(1, 0, 0, 0, 0, 0, 1, 0))
            .selfInverse()),
    H(gate("h", "H", 1, Kind.REAL, "Hadamard: |0> to |+>, |1> to |->")
            .matrix(a -> m1(Matrices.R2, 0, Matrices.R2, 0, Matrices.R2, 0, -Matrices.R2, 0))
            .selfInverse()
            .qasm2("h", "ch").qasm3("h", "ch")
            .palette("Hadamard", "Makes superpositions: |0> to |+>, |1> to |->")),
    X(gate("x", "X", 1, Kind.PERMUTATION, "Pauli X: bit flip (NOT)")
            .matrix(a -> m1(0, 0, 1, 0, 1, 0, 0, 0))
            .selfInverse()
            .qasm2("x", "cx", "ccx", "c3x", "c4x").qasm3("x", "cx", "ccx")
            .palette("Pauli X", "Bit flip (NOT): swaps |0> and |1>")
            .palette(1, "CNOT", "CX", "CNOT", "Controlled X: flips the target when the control is 1")
            .palette(2, "CCX", "CCX", "Toffoli (CCX)", "X on the target when both controls are 1")),
    Y(gate("y", "Y", 1, Kind.GENERAL, "Pauli Y: bit and phase flip")
            .matrix(a -> m1(0, 0, 0, -1, 0, 1, 0, 0))
            .selfInverse()
            .qasm2("y", "cy").qasm3("y", "cy")
            .palette("Pauli Y", "Bit and phase flip")),
    Z(gate("z", "Z", 1, Kind.DIAGONAL, "Pauli Z: phase flip of |1>")
            .matrix(a -> m1(1, 0, 0, 0, 0, 0, -1, 0))
            .selfInverse()
            .qasm2("z", "cz").qasm3("z", "cz")
            .palette("Pauli Z", "Phase flip: multiplies |1> by -1")
            .palette(1, "CZ", "CZ", "Controlled Z", "Flips the phase of |11>; symmetric in its two qubits")),
    S(gate("s", "S", 1, Kind.DIAGONAL, "Phase pi/2: square root of Z")
            .matrix(a -> m1(1, 0, 0, 0, 0, 0, 0, 1))
            .inverseGate("SDG")
            .phase(Math.PI / 2)
            .palette("S gate", "Quarter-turn phase: multiplies |1> by i (square root of Z)")),
    SDG(gate("sdg", "S†", 1, Kind.DIAGONAL, "Phase -pi/2: inverse of S")
            .matrix(a -> m1(1, 0, 0, 0, 0, 0, 0, -1))
            .inverseGate("S")
            .phase(-Math.PI / 2)
            .palette("S dagger", "Undoes S: multiplies |1> by -i")),
    T(gate("t", "T", 1, Kind.DIAGONAL, "Phase pi/4: square root of S")
            .matrix(a -> m1(1, 0, 0, 0, 0, 0, Matrices.R2, Matrices.R2))
            .inverseGate("TDG")
            .phase(Math.PI / 4)
            .palette("T gate", "Eighth-turn phase: multiplies |1> by exp(i pi/4) (square root of S)")),
    TDG(gate("tdg", "T†", 1, Kind.DIAGONAL, "Phase -pi/4: inverse of T")
            .matrix(a -> m1(1, 0, 0, 0, 0, 0, Matrices.R2, -Matrices.R2))
            .inverseGate("T")
            .phase(-Math.PI / 4)
            .palette("T dagger", "Undoes T: multiplies |1> by exp(-i pi/4)")),
    SX(gate("sx", "√X", 1, Kind.GENERAL, "Square root of X")
            .matrix(a -> m1(0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5))
            .inverseGate("SXDG")
            .qasm2("sx", "csx")
            .palette("Square root of X", "Half a bit flip: two in a row make X")),
    SXDG(gate("sxdg", "√X†", 1, Kind.GENERAL, "Inverse square root of X")
            .matrix(a -> m1(0.5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5))
            .inverseGate("SX")
            // qelib1's c3sqrtx (cu1(-pi/8) first) is, despite its name, the 3-controlled inverse of sqrt(X)
            .qasm2("sxdg", null, null, "c3sqrtx")
            .qasm3("inv @ sx")),
    RX(gate("rx", "RX", 1, Kind.GENERAL, "Rotation about X: exp(-i t X/2)")
            .angles("t")
            .matrix(a -> {
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                return m1(c, 0, 0, -s, 0, -s, c, 0);
            })
            .derivative((p, a) -> {
                double c = Math.cos(a[0] / 2) / 2, s = Math.sin(a[0] / 2) / 2;
                return m1(-s, 0, 0, -c, 0, -c, -s, 0);
            })
            .negatedAngleInverse()
            .shift(Generator.HALF_PAULI)
            .qasm2("rx", "crx").qasm3("rx", "crx")
            .palette("X rotation", "Turns the state by t about the X axis: exp(-i t X/2)")),
    RY(gate("ry", "RY", 1, Kind.REAL, "Rotation about Y: exp(-i t Y/2), real amplitudes stay real")
            .angles("t")
            .matrix(a -> {
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                return m1(c, 0, -s, 0, s, 0, c, 0);
            })
            .derivative((p, a) -> {
                double c = Math.cos(a[0] / 2) / 2, s = Math.sin(a[0] / 2) / 2;
                return m1(-s, 0, -c, 0, c, 0, -s, 0);
            })
            .negatedAngleInverse()
            .shift(Generator.HALF_PAULI)
            .qasm2("ry", "cry").qasm3("ry", "cry")
            .palette("Y rotation", "Turns the state by t about the Y axis: exp(-i t Y/2); real amplitudes stay real")
            .palette(1, "CRY", "CRY", "Controlled Y rotation", "RY(t) on the target when the control is 1")),
    RZ(gate("rz", "RZ", 1, Kind.DIAGONAL, "Rotation about Z: exp(-i t Z/2)")
            .angles("t")
            .matrix(a -> {
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                return m1(c, -s, 0, 0, 0, 0, c, s);
            })
            .derivative((p, a) -> {
                double c = Math.cos(a[0] / 2) / 2, s = Math.sin(a[0] / 2) / 2;
                return m1(-s, -c, 0, 0, 0, 0, -s, c);
            })
            .negatedAngleInverse()
            .shift(Generator.HALF_PAULI)
            .qasm2("rz", "crz").qasm3("rz", "crz")
            .palette("Z rotation", "Turns the state by t about the Z axis: exp(-i t Z/2)")),
    P(gate("p", "P", 1, Kind.DIAGONAL, "Phase: multiplies |1> by exp(i t)")
            .angles("t")
            .matrix(a -> m1(1, 0, 0, 0, 0, 0, Math.cos(a[0]), Math.sin(a[0])))
            .derivative((p, a) -> m1(0, 0, 0, 0, 0, 0, -Math.sin(a[0]), Math.cos(a[0])))
            .negatedAngleInverse()
            .shift(Generator.PHASE)
            .qasm2("u1", "cu1").qasm3("p", "cp")
            .palette("Phase", "Multiplies |1> by exp(i t)")),
    U3(gate("u3", "U", 1, Kind.GENERAL, "General rotation U(theta, phi, lambda) = RZ(phi) RY(theta) RZ(lambda) up to phase")
            .angles("theta", "phi", "lambda")
            .matrix(a -> {
                // OpenQASM's U(theta, phi, lambda) = [[cos, -e^{i lambda} sin], [e^{i phi} sin, e^{i(phi+lambda)} cos]]
                // e^{i(phi+lambda)} as the product e^{i phi} e^{i lambda}: for a huge angle the rounded sum
                // phi+lambda is off by up to an ulp of it (1e-4 at 6e11), and the matrix would not be unitary.
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                double cp = Math.cos(a[1]), sp = Math.sin(a[1]), cl = Math.cos(a[2]), sl = Math.sin(a[2]);
                return m1(c, 0, -cl * s, -sl * s, cp * s, sp * s, (cp * cl - sp * sl) * c, (sp * cl + cp * sl) * c);
            })
            .derivative((p, a) -> {
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                if (p == 0) {
                    return m1(-s / 2, 0, -Math.cos(a[2]) * c / 2, -Math.sin(a[2]) * c / 2,
                            Math.cos(a[1]) * c / 2, Math.sin(a[1]) * c / 2,
                            -Math.cos(a[1] + a[2]) * s / 2, -Math.sin(a[1] + a[2]) * s / 2);
                }
                if (p == 1) {
                    return m1(0, 0, 0, 0, -Math.sin(a[1]) * s, Math.cos(a[1]) * s,
                            -Math.sin(a[1] + a[2]) * c, Math.cos(a[1] + a[2]) * c);
                }
                return m1(0, 0, Math.sin(a[2]) * s, -Math.cos(a[2]) * s, 0, 0,
                        -Math.sin(a[1] + a[2]) * c, Math.cos(a[1] + a[2]) * c);
            })
            .inverse((g, a) -> new Inverse(g, -a[0], -a[2], -a[1]))
            // U = P(phi) RY(theta) P(lambda): theta turns like a rotation, phi and lambda are phases
            .shift(Generator.HALF_PAULI, Generator.PHASE, Generator.PHASE)
            // stdgates' u3 carries an extra global phase; U is the matrix exactly
            .qasm2("u3", "cu3").qasm3("U")
            .palette("General rotation U",
                    "Any one-qubit gate: U(theta, phi, lambda) = RZ(phi) RY(theta) RZ(lambda) up to phase")),
    SWAP(gate("swap", "×", 2, Kind.PERMUTATION, "Exchanges two qubits")
            .matrix(a -> Matrices.perm2(0, 2, 1, 3))
            .selfInverse()
            .qasm2("swap", "cswap").qasm3("swap", "cswap")
            .palette("SWAP", "SWAP", "Exchanges the states of two wires")),
    ISWAP(gate("iswap", "iSW", 2, Kind.GENERAL, "Exchanges two qubits, multiplying the exchanged amplitudes by i")
            .matrix(a -> {
                double[] m = new double[32];
                Matrices.set(m, 0, 0, 1, 0);
                Matrices.set(m, 1, 2, 0, 1);
                Matrices.set(m, 2, 1, 0, 1);
                Matrices.set(m, 3, 3, 1, 0);
                return m;
            })
            // iSWAP† (with -i on the exchanged amplitudes) is no base gate; the simulator
            // applies daggers of matrices directly and never needs this.
            .inverse((g, a) -> new Inverse(null))
            .qasm2Definition("gate iswap a,b { s a; s b; h a; cx a,b; cx b,a; h b; }")
            .qasm3Definition("gate iswap a, b { s a; s b; h a; cx a, b; cx b, a; h b; }")
            .palette("iSWAP", "Exchanges two wires, multiplying the exchanged amplitudes by i")),
    RXX(gate("rxx", "XX", 2, Kind.GENERAL, "Ising XX coupling: exp(-i t X⊗X/2)")
            .angles("t")
            .matrix(a -> Matrices.pauliRotation2(a[0], false))
            .derivative((p, a) -> Matrices.minusHalfITimes(Matrices.pauliProduct(false), Matrices.pauliRotation2(a[0], false)))
            .negatedAngleInverse()
            .shift(Generator.HALF_PAULI)
            .qasm3Definition("gate rxx(θ) a, b { h a; h b; cx a, b; rz(θ) b; cx a, b; h a; h b; }")
            .palette("RXX", "XX coupling", "Ising coupling, turning by t: exp(-i t X⊗X/2)")),
    RYY(gate("ryy", "YY", 2, Kind.GENERAL, "Ising YY coupling: exp(-i t Y⊗Y/2)")
            .angles("t")
            .matrix(a -> Matrices.pauliRotation2(a[0], true))
            .derivative((p, a) -> Matrices.minusHalfITimes(Matrices.pauliProduct(true), Matrices.pauliRotation2(a[0], true)))
            .negatedAngleInverse()
            .shift(Generator.HALF_PAULI)
            .qasm2Definition("gate ryy(theta) a,b { rx(pi/2) a; rx(pi/2) b; cx a,b; rz(theta) b; cx a,b;"
                    + " rx(-pi/2) a; rx(-pi/2) b; }")
            .qasm3Definition("gate ryy(θ) a, b { rx(pi/2) a; rx(pi/2) b; cx a, b; rz(θ) b; cx a, b; rx(-pi/2) a;"
                    + " rx(-pi/2) b; }")
            .palette("RYY", "YY coupling", "Ising coupling, turning by t: exp(-i t Y⊗Y/2)")),
    RZZ(gate("rzz", "ZZ", 2, Kind.DIAGONAL, "Ising ZZ coupling: exp(-i t Z⊗Z/2)")
            .angles("t")
            .matrix(a -> Matrices.rzz(a[0]))
            .derivative((p, a) -> Matrices.minusHalfITimes(Matrices.zz(), Matrices.rzz(a[0])))
            .negatedAngleInverse()
            .shift(Generator.HALF_PAULI)
            .qasm3Definition("gate rzz(θ) a, b { cx a, b; rz(θ) b; cx a, b; }")
            .palette("RZZ", "ZZ coupling", "Ising coupling, turning by t: exp(-i t Z⊗Z/2)"));

    /** How the simulator can apply the gate faster than a general complex matrix. */
    public enum Kind {
        /** Only diagonal entries are non-zero. */
        DIAGONAL,
        /** Exchanges basis states: |0> and |1> of one qubit (X), or the two qubits (SWAP). */
        PERMUTATION,
        /** All entries real. */
        REAL,
        /** Anything else. */
        GENERAL
    }

    /** What an angle parameter's generator is, which decides its parameter-shift rule. */
    public enum Generator {
        /** exp(-i t G/2) with G² = I: eigenvalues ±1/2, and also 0 under a control. */
        HALF_PAULI,
        /** A phase e^{it} on part of the space: eigenvalues 0 and 1, with or without controls. */
        PHASE
    }

    /** The parameter-shift rule that differentiates an angle exactly. */
    public enum ShiftRule {
        /** (f(t + pi/2) - f(t - pi/2)) / 2: exact when the generator's eigenvalues differ by at most 1. */
        TWO_TERM,
        /** Shifts of ±pi/2 and ±3pi/2: exact for eigenvalues {0, ±1/2} (a controlled rotation). */
        FOUR_TERM
    }

    /** The palette's text for the gate with some controls: its id, tile symbol, name and one-line meaning. */
    public record PaletteText(String id, String symbol, String name, String meaning) {
    }

    /** A gate with angles that undoes another; {@code gate} is null when no single base gate does. */
    public record Inverse(Gate gate, double... angles) {
    }

    private final String qasmName;
    private final String symbol;
    private final int qubits;
    private final String[] angleNames;
    private final Kind kind;
    private final String description;
    private final MatrixRule matrix;
    private final DerivativeRule derivative;
    private final InverseRule inverse;
    private final Generator[] generators;
    private final Double phase;
    private final String[] qasm2Names;
    private final String[] qasm3Names;
    private final String qasm2Definition;
    private final String qasm3Definition;
    private final Map<Integer, PaletteText> palette = new HashMap<>();

    Gate(Spec s) {
        this.qasmName = s.qasmName;
        this.symbol = s.symbol;
        this.qubits = s.qubits;
        this.angleNames = s.angleNames;
        this.kind = s.kind;
        this.description = s.description;
        this.matrix = s.matrix;
        this.derivative = s.derivative;
        this.inverse = s.inverse;
        this.generators = s.generators;
        this.phase = s.phase;
        this.qasm2Names = s.qasm2Names == null ? new String[] {s.qasmName} : s.qasm2Names;
        this.qasm3Names = s.qasm3Names == null ? new String[] {s.qasmName} : s.qasm3Names;
        this.qasm2Definition = s.qasm2Definition;
        this.qasm3Definition = s.qasm3Definition;
        if (s.matrix == null || s.inverse == null || s.generators.length != s.angleNames.length
                || (s.angleNames.length > 0) != (s.derivative != null)) {
            throw new IllegalStateException(name() + ": a gate needs a matrix, an inverse, and a derivative and"
                    + " shift rule for each angle");
        }
        for (Map.Entry<Integer, String[]> e : s.palette.entrySet()) {
            String[] t = e.getValue();
            palette.put(e.getKey(), new PaletteText(t[0] == null ? name() : t[0], t[1] == null ? symbol : t[1], t[2], t[3]));
        }
    }

    public String qasmName() { return qasmName; }
    public String symbol() { return symbol; }
    /** Number of target qubits (1 or 2). */
    public int qubits() { return qubits; }
    /** Number of angle parameters. */
    public int params() { return angleNames.length; }
    /** The angles' names ("t" for a rotation; "theta", "phi", "lambda" for U). */
    public String angleName(int p) { return angleNames[p]; }
    public Kind kind() { return kind; }
    public String description() { return description; }

    /** The base gate named {@code name} in OpenQASM (case-insensitive), if any. */
    public static Optional<Gate> byQasmName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Gate g : values()) {
            if (g.qasmName.equals(n)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The gate's matrix for the given angles (length {@link #params()}). */
    public double[] matrix(double... a) {
        requireParams(a);
        return matrix.at(a);
    }

    /**
     * Derivative of the matrix with respect to parameter {@code p} at the given angles. Used by
     * adjoint differentiation, which needs d(U)/d(angle) for every parameterised gate.
     */
    public double[] derivative(int p, double... a) {
        requireParams(a);
        if (p < 0 || p >= params()) {
            throw new IllegalArgumentException(name() + " has no parameter " + p);
        }
        return derivative.at(p, a);
    }

    /** The gate and angles that undo this one (for inverting circuits in the editor). */
    public Inverse inverse(double... a) {
        requireParams(a);
        return inverse.of(this, a);
    }

    /** The generator of angle {@code p}. */
    public Generator generator(int p) {
        return generators[p];
    }

    /**
     * The parameter-shift rule for angle {@code p}, with or without controls. Rotations under
     * control have generator eigenvalues {0, ±1/2}: the two-term rule is not exact for them.
     */
    public ShiftRule shiftRule(int p, boolean controlled) {
        return controlled && generators[p] == Generator.HALF_PAULI ? ShiftRule.FOUR_TERM : ShiftRule.TWO_TERM;
    }

    /**
     * The angle t for which this gate is exactly {@link #P}(t) (S is P(pi/2)), if it is declared as
     * one: OpenQASM 2.0 writes it under a control as the controlled P.
     */
    public Optional<Double> phase() {
        return Optional.ofNullable(phase);
    }

    /**
     * The OpenQASM 2.0 (qelib1.inc) name of this gate with {@code controls} controls, if qelib1
     * (or {@link #qasm2Definition()}) has one.
     */
    public Optional<String> qasm2Name(int controls) {
        return controls < qasm2Names.length ? Optional.ofNullable(qasm2Names[controls]) : Optional.empty();
    }

    /**
     * The OpenQASM 3.0 (stdgates.inc) name of this gate with {@code controls} controls, if it has
     * one of its own; with no controls always present ({@code U}, {@code inv @ sx}, or a name).
     * Others are written with {@code ctrl @} modifiers.
     */
    public Optional<String> qasm3Name(int controls) {
        return controls < qasm3Names.length ? Optional.ofNullable(qasm3Names[controls]) : Optional.empty();
    }

    /** An exact OpenQASM 2.0 definition, from 2017 qelib1.inc gates, for a gate no qelib1.inc has. */
    public Optional<String> qasm2Definition() {
        return Optional.ofNullable(qasm2Definition);
    }

    /** An exact OpenQASM 3.0 definition, from stdgates.inc gates, for a gate stdgates.inc lacks. */
    public Optional<String> qasm3Definition() {
        return Optional.ofNullable(qasm3Definition);
    }

    /** The circuit palette's text for this gate with {@code controls} controls, if the palette may show it. */
    public Optional<PaletteText> paletteText(int controls) {
        return Optional.ofNullable(palette.get(controls));
    }

    // ---- how an entry is declared ----

    @FunctionalInterface
    private interface MatrixRule {
        double[] at(double[] a);
    }

    @FunctionalInterface
    private interface DerivativeRule {
        double[] at(int p, double[] a);
    }

    @FunctionalInterface
    private interface InverseRule {
        Inverse of(Gate g, double[] a);
    }

    private static Spec gate(String qasmName, String symbol, int qubits, Kind kind, String description) {
        return new Spec(qasmName, symbol, qubits, kind, description);
    }

    /** One entry's declaration. Only {@link #matrix} and an inverse are required, and for angles their derivative and shift. */
    private static final class Spec {
        final String qasmName;
        final String symbol;
        final int qubits;
        final Kind kind;
        final String description;
        String[] angleNames = {};
        MatrixRule matrix;
        DerivativeRule derivative;
        InverseRule inverse;
        Generator[] generators = {};
        Double phase;
        String[] qasm2Names;
        String[] qasm3Names;
        String qasm2Definition;
        String qasm3Definition;
        final Map<Integer, String[]> palette = new HashMap<>();

        Spec(String qasmName, String symbol, int qubits, Kind kind, String description) {
            this.qasmName = qasmName;
            this.symbol = symbol;
            this.qubits = qubits;
            this.kind = kind;
            this.description = description;
        }

        Spec angles(String... names) {
            angleNames = names;
            return this;
        }

        Spec matrix(MatrixRule m) {
            matrix = m;
            return this;
        }

        /** d(matrix)/d(angle p); required for every gate with angles. */
        Spec derivative(DerivativeRule d) {
            derivative = d;
            return this;
        }

        Spec inverse(InverseRule i) {
            inverse = i;
            return this;
        }

        /**
         * Undone by the entry named {@code gate} (by name: an entry may not refer to a later one
         * directly, and {@code EveryGateTest} checks the name).
         */
        Spec inverseGate(String gate) {
            return inverse((g, a) -> new Inverse(Gate.valueOf(gate)));
        }

        Spec selfInverse() {
            return inverse((g, a) -> new Inverse(g));
        }

        Spec negatedAngleInverse() {
            return inverse((g, a) -> new Inverse(g, -a[0]));
        }

        /** The generator of each angle, in order. */
        Spec shift(Generator... g) {
            generators = g;
            return this;
        }

        Spec phase(double t) {
            phase = t;
            return this;
        }

        /** OpenQASM 2.0 names by number of controls (null: none); default the OpenQASM name, uncontrolled only. */
        Spec qasm2(String... byControls) {
            qasm2Names = byControls;
            return this;
        }

        /** OpenQASM 3.0 names by number of controls (null: ctrl @ modifiers); default the OpenQASM name. */
        Spec qasm3(String... byControls) {
            qasm3Names = byControls;
            return this;
        }

        Spec qasm2Definition(String definition) {
            qasm2Definition = definition;
            return this;
        }

        Spec qasm3Definition(String definition) {
            qasm3Definition = definition;
            return this;
        }

        /** Palette text for the uncontrolled gate, shown with the gate's symbol. */
        Spec palette(String name, String meaning) {
            return palette(null, name, meaning);
        }

        /** Palette text for the uncontrolled gate, shown with {@code tile} (null: the gate's symbol). */
        Spec palette(String tile, String name, String meaning) {
            palette.put(0, new String[] {null, tile, name, meaning});
            return this;
        }

        /** Palette text for the gate with {@code controls} controls. */
        Spec palette(int controls, String id, String tile, String name, String meaning) {
            palette.put(controls, new String[] {id, tile, name, meaning});
            return this;
        }
    }

    // ---- matrices ----

    /** Whether two matrices are equal up to {@code tol} in every entry. */
    static boolean close(double[] a, double[] b, double tol) {
        if (a.length != b.length) {
            return false;
        }
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(a[k] - b[k]) > tol) {
                return false;
            }
        }
        return true;
    }

    private void requireParams(double[] a) {
        if (a.length != params()) {
            throw new IllegalArgumentException(name() + " takes " + params() + " angle(s), got " + a.length);
        }
    }

    private static double[] m1(double... entries) {
        return entries;
    }

    /** Helpers for the entries' matrices (a class of its own, so entries may use its constants). */
    private static final class Matrices {
        static final double R2 = Math.sqrt(0.5);

        static void set(double[] m, int row, int col, double re, double im) {
            m[2 * (row * 4 + col)] = re;
            m[2 * (row * 4 + col) + 1] = im;
        }

        static double[] perm2(int... targetOf) {
            double[] m = new double[32];
            for (int col = 0; col < 4; col++) {
                set(m, targetOf[col], col, 1, 0);
            }
            return m;
        }

        /** X⊗X (yy = false) or Y⊗Y (yy = true) as a 4x4 matrix. */
        static double[] pauliProduct(boolean yy) {
            double[] m = new double[32];
            // X⊗X maps |b0 b1> to |~b0 ~b1>; Y⊗Y adds i(-1)^b0 * i(-1)^b1 = -(-1)^(b0+b1).
            for (int col = 0; col < 4; col++) {
                int row = col ^ 3;
                double sign = yy ? -((Integer.bitCount(col) % 2 == 0) ? 1 : -1) : 1;
                set(m, row, col, sign, 0);
            }
            return m;
        }

        static double[] zz() {
            double[] m = new double[32];
            set(m, 0, 0, 1, 0);
            set(m, 1, 1, -1, 0);
            set(m, 2, 2, -1, 0);
            set(m, 3, 3, 1, 0);
            return m;
        }

        /** exp(-i t Z⊗Z/2): Z⊗Z has eigenvalue +1 on |00>,|11>, -1 on |01>,|10>. */
        static double[] rzz(double t) {
            double c = Math.cos(t / 2), s = Math.sin(t / 2);
            double[] m = new double[32];
            set(m, 0, 0, c, -s);
            set(m, 1, 1, c, s);
            set(m, 2, 2, c, s);
            set(m, 3, 3, c, -s);
            return m;
        }

        /** exp(-i t G/2) = cos(t/2) I - i sin(t/2) G for G = X⊗X or Y⊗Y (G² = I). */
        static double[] pauliRotation2(double t, boolean yy) {
            double c = Math.cos(t / 2), s = Math.sin(t / 2);
            double[] g = pauliProduct(yy);
            double[] m = new double[32];
            for (int k = 0; k < 4; k++) {
                set(m, k, k, c, 0);
            }
            for (int k = 0; k < 16; k++) {
                m[2 * k + 1] += -s * g[2 * k];
            }
            return m;
        }

        /** d/dt exp(-i t G/2) = (-i G/2) exp(-i t G/2): the matrix {@code u} multiplied by -i/2 G. */
        static double[] minusHalfITimes(double[] g, double[] u) {
            double[] gu = Kernels.multiply(g, u);
            double[] out = new double[32];
            for (int k = 0; k < 16; k++) {
                out[2 * k] = gu[2 * k + 1] / 2;      // (-i/2)(x + iy) = y/2 - i x/2
                out[2 * k + 1] = -gu[2 * k] / 2;
            }
            return out;
        }
    }
}
