package dev.qanvas.quantum;

import java.util.Locale;
import java.util.Optional;

/**
 * Every gate Qanvas knows, declared once: name, qubit and parameter counts, matrix, inverse,
 * derivative, OpenQASM name and display symbol. The simulator, gradients, OpenQASM and the
 * circuit editor all read this table; adding a gate is one entry.
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
    I("id", "I", 1, 0, Kind.DIAGONAL, "Identity: does nothing"),
    H("h", "H", 1, 0, Kind.REAL, "Hadamard: |0> to |+>, |1> to |->"),
    X("x", "X", 1, 0, Kind.PERMUTATION, "Pauli X: bit flip (NOT)"),
    Y("y", "Y", 1, 0, Kind.GENERAL, "Pauli Y: bit and phase flip"),
    Z("z", "Z", 1, 0, Kind.DIAGONAL, "Pauli Z: phase flip of |1>"),
    S("s", "S", 1, 0, Kind.DIAGONAL, "Phase pi/2: square root of Z"),
    SDG("sdg", "S†", 1, 0, Kind.DIAGONAL, "Phase -pi/2: inverse of S"),
    T("t", "T", 1, 0, Kind.DIAGONAL, "Phase pi/4: square root of S"),
    TDG("tdg", "T†", 1, 0, Kind.DIAGONAL, "Phase -pi/4: inverse of T"),
    SX("sx", "√X", 1, 0, Kind.GENERAL, "Square root of X"),
    SXDG("sxdg", "√X†", 1, 0, Kind.GENERAL, "Inverse square root of X"),
    RX("rx", "RX", 1, 1, Kind.GENERAL, "Rotation about X: exp(-i t X/2)"),
    RY("ry", "RY", 1, 1, Kind.REAL, "Rotation about Y: exp(-i t Y/2), real amplitudes stay real"),
    RZ("rz", "RZ", 1, 1, Kind.DIAGONAL, "Rotation about Z: exp(-i t Z/2)"),
    P("p", "P", 1, 1, Kind.DIAGONAL, "Phase: multiplies |1> by exp(i t)"),
    U3("u3", "U", 1, 3, Kind.GENERAL, "General rotation U(theta, phi, lambda) = RZ(phi) RY(theta) RZ(lambda) up to phase"),
    SWAP("swap", "×", 2, 0, Kind.PERMUTATION, "Exchanges two qubits"),
    ISWAP("iswap", "iSW", 2, 0, Kind.GENERAL, "Exchanges two qubits, multiplying the exchanged amplitudes by i"),
    RXX("rxx", "XX", 2, 1, Kind.GENERAL, "Ising XX coupling: exp(-i t X⊗X/2)"),
    RYY("ryy", "YY", 2, 1, Kind.GENERAL, "Ising YY coupling: exp(-i t Y⊗Y/2)"),
    RZZ("rzz", "ZZ", 2, 1, Kind.DIAGONAL, "Ising ZZ coupling: exp(-i t Z⊗Z/2)");

    /** How the simulator can apply the gate faster than a general complex matrix. */
    public enum Kind {
        /** Only diagonal entries are non-zero. */
        DIAGONAL,
        /** A permutation of basis states (entries 0 or 1). */
        PERMUTATION,
        /** All entries real. */
        REAL,
        /** Anything else. */
        GENERAL
    }

    private static final double R2 = Math.sqrt(0.5);

    private final String qasmName;
    private final String symbol;
    private final int qubits;
    private final int params;
    private final Kind kind;
    private final String description;

    Gate(String qasmName, String symbol, int qubits, int params, Kind kind, String description) {
        this.qasmName = qasmName;
        this.symbol = symbol;
        this.qubits = qubits;
        this.params = params;
        this.kind = kind;
        this.description = description;
    }

    public String qasmName() { return qasmName; }
    public String symbol() { return symbol; }
    /** Number of target qubits (1 or 2). */
    public int qubits() { return qubits; }
    /** Number of angle parameters. */
    public int params() { return params; }
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
        switch (this) {
            case I: return m1(1, 0, 0, 0, 0, 0, 1, 0);
            case H: return m1(R2, 0, R2, 0, R2, 0, -R2, 0);
            case X: return m1(0, 0, 1, 0, 1, 0, 0, 0);
            case Y: return m1(0, 0, 0, -1, 0, 1, 0, 0);
            case Z: return m1(1, 0, 0, 0, 0, 0, -1, 0);
            case S: return m1(1, 0, 0, 0, 0, 0, 0, 1);
            case SDG: return m1(1, 0, 0, 0, 0, 0, 0, -1);
            case T: return m1(1, 0, 0, 0, 0, 0, R2, R2);
            case TDG: return m1(1, 0, 0, 0, 0, 0, R2, -R2);
            case SX: return m1(0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5);
            case SXDG: return m1(0.5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5);
            case RX: {
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                return m1(c, 0, 0, -s, 0, -s, c, 0);
            }
            case RY: {
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                return m1(c, 0, -s, 0, s, 0, c, 0);
            }
            case RZ: {
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                return m1(c, -s, 0, 0, 0, 0, c, s);
            }
            case P: return m1(1, 0, 0, 0, 0, 0, Math.cos(a[0]), Math.sin(a[0]));
            case U3: {
                // OpenQASM's U(theta, phi, lambda) = [[cos, -e^{i lambda} sin], [e^{i phi} sin, e^{i(phi+lambda)} cos]]
                // e^{i(phi+lambda)} as the product e^{i phi} e^{i lambda}: for a huge angle the rounded sum
                // phi+lambda is off by up to an ulp of it (1e-4 at 6e11), and the matrix would not be unitary.
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                double cp = Math.cos(a[1]), sp = Math.sin(a[1]), cl = Math.cos(a[2]), sl = Math.sin(a[2]);
                return m1(c, 0, -cl * s, -sl * s, cp * s, sp * s, (cp * cl - sp * sl) * c, (sp * cl + cp * sl) * c);
            }
            case SWAP: return perm2(0, 2, 1, 3);
            case ISWAP: {
                double[] m = new double[32];
                set(m, 0, 0, 1, 0);
                set(m, 1, 2, 0, 1);
                set(m, 2, 1, 0, 1);
                set(m, 3, 3, 1, 0);
                return m;
            }
            case RXX: return pauliRotation2(a[0], false);
            case RYY: return pauliRotation2(a[0], true);
            case RZZ: {
                double c = Math.cos(a[0] / 2), s = Math.sin(a[0] / 2);
                double[] m = new double[32];
                // Z⊗Z eigenvalue +1 on |00>,|11>, -1 on |01>,|10>
                set(m, 0, 0, c, -s);
                set(m, 1, 1, c, s);
                set(m, 2, 2, c, s);
                set(m, 3, 3, c, -s);
                return m;
            }
            default: throw new IllegalStateException(name());
        }
    }

    /**
     * Derivative of the matrix with respect to parameter {@code p} at the given angles. Used by
     * adjoint differentiation, which needs d(U)/d(angle) for every parameterised gate.
     */
    public double[] derivative(int p, double... a) {
        requireParams(a);
        if (p < 0 || p >= params) {
            throw new IllegalArgumentException(name() + " has no parameter " + p);
        }
        switch (this) {
            case RX: {
                double c = Math.cos(a[0] / 2) / 2, s = Math.sin(a[0] / 2) / 2;
                return m1(-s, 0, 0, -c, 0, -c, -s, 0);
            }
            case RY: {
                double c = Math.cos(a[0] / 2) / 2, s = Math.sin(a[0] / 2) / 2;
                return m1(-s, 0, -c, 0, c, 0, -s, 0);
            }
            case RZ: {
                double c = Math.cos(a[0] / 2) / 2, s = Math.sin(a[0] / 2) / 2;
                return m1(-s, -c, 0, 0, 0, 0, -s, c);
            }
            case P: return m1(0, 0, 0, 0, 0, 0, -Math.sin(a[0]), Math.cos(a[0]));
            case U3: {
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
            }
            case RXX:
            case RYY:
            case RZZ: {
                // d/dt exp(-i t G/2) = (-i G/2) exp(-i t G/2): multiply the matrix by -i/2 G.
                double[] u = matrix(a);
                double[] g = this == RXX ? pauliProduct(false) : this == RYY ? pauliProduct(true) : zz();
                double[] gu = multiply4(g, u);
                double[] out = new double[32];
                for (int k = 0; k < 16; k++) {
                    out[2 * k] = gu[2 * k + 1] / 2;      // (-i/2)(x + iy) = y/2 - i x/2
                    out[2 * k + 1] = -gu[2 * k] / 2;
                }
                return out;
            }
            default: throw new IllegalStateException(name() + " has no parameters");
        }
    }

    /** The gate and angles that undo this one (for inverting circuits in the editor). */
    public Inverse inverse(double... a) {
        requireParams(a);
        switch (this) {
            case S: return new Inverse(SDG);
            case SDG: return new Inverse(S);
            case T: return new Inverse(TDG);
            case TDG: return new Inverse(T);
            case SX: return new Inverse(SXDG);
            case SXDG: return new Inverse(SX);
            case RX: case RY: case RZ: case P: case RXX: case RYY: case RZZ:
                return new Inverse(this, -a[0]);
            case U3: return new Inverse(U3, -a[0], -a[2], -a[1]);
            case ISWAP:
                // iSWAP† (with -i on the exchanged amplitudes) is no base gate; the simulator
                // applies daggers of matrices directly and never needs this.
                return new Inverse(null);
            default: return new Inverse(this); // I, H, X, Y, Z, SWAP are their own inverses
        }
    }

    /** A gate with angles that undoes another; {@code gate} is null when no single base gate does. */
    public record Inverse(Gate gate, double... angles) {
    }

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
        if (a.length != params) {
            throw new IllegalArgumentException(name() + " takes " + params + " angle(s), got " + a.length);
        }
    }

    private static double[] m1(double... entries) {
        return entries;
    }

    private static void set(double[] m, int row, int col, double re, double im) {
        m[2 * (row * 4 + col)] = re;
        m[2 * (row * 4 + col) + 1] = im;
    }

    private static double[] perm2(int... targetOf) {
        double[] m = new double[32];
        for (int col = 0; col < 4; col++) {
            set(m, targetOf[col], col, 1, 0);
        }
        return m;
    }

    /** X⊗X (yy = false) or Y⊗Y (yy = true) as a 4x4 matrix. */
    private static double[] pauliProduct(boolean yy) {
        double[] m = new double[32];
        // X⊗X maps |b0 b1> to |~b0 ~b1>; Y⊗Y adds i(-1)^b0 * i(-1)^b1 = -(-1)^(b0+b1).
        for (int col = 0; col < 4; col++) {
            int row = col ^ 3;
            double sign = yy ? -((Integer.bitCount(col) % 2 == 0) ? 1 : -1) : 1;
            set(m, row, col, sign, 0);
        }
        return m;
    }

    private static double[] zz() {
        double[] m = new double[32];
        set(m, 0, 0, 1, 0);
        set(m, 1, 1, -1, 0);
        set(m, 2, 2, -1, 0);
        set(m, 3, 3, 1, 0);
        return m;
    }

    /** exp(-i t G/2) = cos(t/2) I - i sin(t/2) G for G = X⊗X or Y⊗Y (G² = I). */
    private static double[] pauliRotation2(double t, boolean yy) {
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

    static double[] multiply4(double[] a, double[] b) {
        double[] out = new double[32];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double re = 0, im = 0;
                for (int k = 0; k < 4; k++) {
                    double ar = a[2 * (r * 4 + k)], ai = a[2 * (r * 4 + k) + 1];
                    double br = b[2 * (k * 4 + c)], bi = b[2 * (k * 4 + c) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                out[2 * (r * 4 + c)] = re;
                out[2 * (r * 4 + c) + 1] = im;
            }
        }
        return out;
    }
}
