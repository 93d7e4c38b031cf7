package dev.qanvas.quantum.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenQASM 2.0 import and OpenQASM 2.0 / 3.0 export. Gate mappings are checked against dense
 * unitaries built here from {@link Gate#matrix} (qubit k = bit k, controls respected).
 */
class OpenQasmTest {

    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    // ---------------------------------------------------------------- dense unitaries (test only)

    /** The circuit's unitary: {re, im}, each dim x dim row-major, column j = circuit applied to |j>. */
    static double[][] unitary(Circuit c) {
        int dim = 1 << c.qubits();
        double[] re = new double[dim * dim];
        double[] im = new double[dim * dim];
        for (int col = 0; col < dim; col++) {
            double[] vr = new double[dim];
            double[] vi = new double[dim];
            vr[col] = 1;
            for (Operation op : c.operations()) {
                apply(op, op.angleValues(new double[0], c.initialWeights(), c), vr, vi);
            }
            for (int row = 0; row < dim; row++) {
                re[row * dim + col] = vr[row];
                im[row * dim + col] = vi[row];
            }
        }
        return new double[][] {re, im};
    }

    /** Applies one operation to a state vector: the gate matrix on its targets where all controls are 1. */
    private static void apply(Operation op, double[] angles, double[] vr, double[] vi) {
        double[] m = op.gate().matrix(angles);
        List<Integer> targets = op.targets();
        int local = 1 << targets.size();
        int targetMask = 0;
        for (int t : targets) {
            targetMask |= 1 << t;
        }
        int controlMask = op.controlMask();
        for (int base = 0; base < vr.length; base++) {
            if ((base & targetMask) != 0 || (base & controlMask) != controlMask) {
                continue;
            }
            int[] index = new int[local];
            double[] ar = new double[local];
            double[] ai = new double[local];
            for (int l = 0; l < local; l++) {
                int idx = base;
                for (int j = 0; j < targets.size(); j++) {
                    if ((l >> j & 1) == 1) {
                        idx |= 1 << targets.get(j);
                    }
                }
                index[l] = idx;
                ar[l] = vr[idx];
                ai[l] = vi[idx];
            }
            for (int r = 0; r < local; r++) {
                double sr = 0;
                double si = 0;
                for (int k = 0; k < local; k++) {
                    double mr = m[2 * (r * local + k)];
                    double mi = m[2 * (r * local + k) + 1];
                    sr += mr * ar[k] - mi * ai[k];
                    si += mr * ai[k] + mi * ar[k];
                }
                vr[index[r]] = sr;
                vi[index[r]] = si;
            }
        }
    }

    /** Equal entry by entry ({@code exact}) or up to one global phase factor. */
    static void assertSameUnitary(Circuit expected, Circuit actual, boolean exact, String what) {
        assertEquals(expected.qubits(), actual.qubits(), what + ": qubit count");
        double[][] a = unitary(expected);
        double[][] b = unitary(actual);
        double pr = 1;
        double pi = 0;
        if (!exact) {
            int best = 0;
            for (int k = 0; k < a[0].length; k++) {
                if (Math.hypot(a[0][k], a[1][k]) > Math.hypot(a[0][best], a[1][best])) {
                    best = k;
                }
            }
            // phase = b / a at the largest entry of a
            double den = a[0][best] * a[0][best] + a[1][best] * a[1][best];
            pr = (b[0][best] * a[0][best] + b[1][best] * a[1][best]) / den;
            pi = (b[1][best] * a[0][best] - b[0][best] * a[1][best]) / den;
            assertEquals(1.0, Math.hypot(pr, pi), 1e-9, what + ": global phase has modulus 1");
        }
        for (int k = 0; k < a[0].length; k++) {
            double er = pr * a[0][k] - pi * a[1][k];
            double ei = pr * a[1][k] + pi * a[0][k];
            if (Math.abs(er - b[0][k]) > 1e-9 || Math.abs(ei - b[1][k]) > 1e-9) {
                fail(what + ": unitaries differ" + (exact ? "" : " (beyond a global phase)") + " at entry " + k
                        + ": expected " + er + "+" + ei + "i, got " + b[0][k] + "+" + b[1][k] + "i");
            }
        }
    }

    @Test
    void denseHelperFollowsTheQubitOrderAndControls() {
        // X on qubit 1 of 2 maps |0> (index 0) to index 2.
        double[][] u = unitary(new Circuit(2, Operation.of(Gate.X, 1)));
        assertEquals(1.0, u[0][2 * 4 + 0]);
        // CNOT control 0 target 1: |1> (index 1) -> |3>, |2> stays.
        u = unitary(new Circuit(2, Operation.cnot(0, 1)));
        assertEquals(1.0, u[0][3 * 4 + 1]);
        assertEquals(1.0, u[0][2 * 4 + 2]);
        assertEquals(1.0, u[0][0]);
        // and catches a difference that is not a global phase
        assertThrows(AssertionError.class, () -> assertSameUnitary(new Circuit(1, Operation.of(Gate.S, 0)),
                new Circuit(1, Operation.of(Gate.Z, 0)), false, "S vs Z"));
        assertSameUnitary(new Circuit(1, Operation.of(Gate.RZ, 0.7, 0)), new Circuit(1, Operation.of(Gate.P, 0.7, 0)),
                false, "rz vs p up to phase");
        assertThrows(AssertionError.class, () -> assertSameUnitary(new Circuit(1, Operation.of(Gate.RZ, 0.7, 0)),
                new Circuit(1, Operation.of(Gate.P, 0.7, 0)), true, "rz vs p exactly"));
    }

    // ---------------------------------------------------------------- qelib1 gates vs their definitions

    /**
     * qelib1.inc's own definitions (Qiskit's qelib1.inc, the 2017 file plus later additions), copied
     * here independently of the importer's copy. Each is renamed ref_NAME in the test programs.
     */
    static Stream<Arguments> qelib1Definitions() {
        return Stream.of(
                // name, parameters, qubits, exact (controlled or multi-qubit) or up to global phase, definition
                Arguments.of("u3", 3, 1, false, "gate u3(theta,phi,lambda) q { U(theta,phi,lambda) q; }"),
                Arguments.of("u2", 2, 1, false, "gate u2(phi,lambda) q { U(pi/2,phi,lambda) q; }"),
                Arguments.of("u1", 1, 1, false, "gate u1(lambda) q { U(0,0,lambda) q; }"),
                Arguments.of("cx", 0, 2, true, "gate cx c,t { CX c,t; }"),
                Arguments.of("id", 0, 1, false, "gate id a { U(0,0,0) a; }"),
                Arguments.of("u0", 1, 1, false, "gate u0(gamma) q { U(0,0,0) q; }"),
                Arguments.of("u", 3, 1, false, "gate u(theta,phi,lambda) q { U(theta,phi,lambda) q; }"),
                Arguments.of("p", 1, 1, false, "gate p(lambda) q { U(0,0,lambda) q; }"),
                Arguments.of("x", 0, 1, false, "gate x a { u3(pi,0,pi) a; }"),
                Arguments.of("y", 0, 1, false, "gate y a { u3(pi,pi/2,pi/2) a; }"),
                Arguments.of("z", 0, 1, false, "gate z a { u1(pi) a; }"),
                Arguments.of("h", 0, 1, false, "gate h a { u2(0,pi) a; }"),
                Arguments.of("s", 0, 1, false, "gate s a { u1(pi/2) a; }"),
                Arguments.of("sdg", 0, 1, false, "gate sdg a { u1(-pi/2) a; }"),
                Arguments.of("t", 0, 1, false, "gate t a { u1(pi/4) a; }"),
                Arguments.of("tdg", 0, 1, false, "gate tdg a { u1(-pi/4) a; }"),
                Arguments.of("rx", 1, 1, false, "gate rx(theta) a { u3(theta, -pi/2,pi/2) a; }"),
                Arguments.of("ry", 1, 1, false, "gate ry(theta) a { u3(theta,0,0) a; }"),
                Arguments.of("rz", 1, 1, false, "gate rz(phi) a { u1(phi) a; }"),
                Arguments.of("sx", 0, 1, false, "gate sx a { sdg a; h a; sdg a; }"),
                Arguments.of("sxdg", 0, 1, false, "gate sxdg a { s a; h a; s a; }"),
                Arguments.of("cz", 0, 2, true, "gate cz a,b { h b; cx a,b; h b; }"),
                Arguments.of("cy", 0, 2, true, "gate cy a,b { sdg b; cx a,b; s b; }"),
                Arguments.of("swap", 0, 2, true, "gate swap a,b { cx a,b; cx b,a; cx a,b; }"),
                // qelib1's ch is e^{i pi/4} times the controlled H: a global phase of the whole gate,
                // which no program can observe (the relative phase between control 0 and 1 is exact)
                Arguments.of("ch", 0, 2, false, "gate ch a,b {\nh b; sdg b;\ncx a,b;\nh b; t b;\ncx a,b;\nt b; h b; s b; x b; s a;\n}"),
                Arguments.of("ccx", 0, 3, true, "gate ccx a,b,c\n{\n  h c;\n  cx b,c; tdg c;\n  cx a,c; t c;\n"
                        + "  cx b,c; tdg c;\n  cx a,c; t b; t c; h c;\n  cx a,b; t a; tdg b;\n  cx a,b;\n}"),
                Arguments.of("cswap", 0, 3, true, "gate cswap a,b,c\n{\n  cx c,b;\n  ccx a,b,c;\n  cx c,b;\n}"),
                Arguments.of("crx", 1, 2, true, "gate crx(lambda) a,b\n{\n  u1(pi/2) b;\n  cx a,b;\n"
                        + "  u3(-lambda/2,0,0) b;\n  cx a,b;\n  u3(lambda/2,-pi/2,0) b;\n}"),
                Arguments.of("cry", 1, 2, true, "gate cry(lambda) a,b\n{\n  u3(lambda/2,0,0) b;\n  cx a,b;\n"
                        + "  u3(-lambda/2,0,0) b;\n  cx a,b;\n}"),
                Arguments.of("crz", 1, 2, true, "gate crz(lambda) a,b\n{\n  u1(lambda/2) b;\n  cx a,b;\n"
                        + "  u1(-lambda/2) b;\n  cx a,b;\n}"),
                Arguments.of("cu1", 1, 2, true, "gate cu1(lambda) a,b\n{\n  u1(lambda/2) a;\n  cx a,b;\n"
                        + "  u1(-lambda/2) b;\n  cx a,b;\n  u1(lambda/2) b;\n}"),
                Arguments.of("cp", 1, 2, true, "gate cp(lambda) a,b\n{\n  p(lambda/2) a;\n  cx a,b;\n"
                        + "  p(-lambda/2) b;\n  cx a,b;\n  p(lambda/2) b;\n}"),
                Arguments.of("cu3", 3, 2, true, "gate cu3(theta,phi,lambda) c, t\n{\n"
                        + "  // implements controlled-U(theta,phi,lambda) with  target t and control c\n"
                        + "  u1((lambda+phi)/2) c;\n  u1((lambda-phi)/2) t;\n  cx c,t;\n"
                        + "  u3(-theta/2,0,-(phi+lambda)/2) t;\n  cx c,t;\n  u3(theta/2,phi,0) t;\n}"),
                Arguments.of("csx", 0, 2, true, "gate csx a,b { h b; cu1(pi/2) a,b; h b; }"),
                Arguments.of("cu", 4, 2, true, "gate cu(theta,phi,lambda,gamma) c, t\n{ p(gamma) c;\n"
                        + "  p((lambda+phi)/2) c;\n  p((lambda-phi)/2) t;\n  cx c,t;\n"
                        + "  u(-theta/2,0,-(phi+lambda)/2) t;\n  cx c,t;\n  u(theta/2,phi,0) t;\n}"),
                // rxx and rzz are not controlled: a global phase is irrelevant
                Arguments.of("rxx", 1, 2, false, "gate rxx(theta) a,b\n{\n  u3(pi/2, theta, 0) a;\n  h b;\n"
                        + "  cx a,b;\n  u1(-theta) b;\n  cx a,b;\n  h b;\n  u2(-pi, pi-theta) a;\n}"),
                Arguments.of("rzz", 1, 2, false, "gate rzz(theta) a,b\n{\n  cx a,b;\n  u1(theta) b;\n  cx a,b;\n}"),
                Arguments.of("rccx", 0, 3, true, "gate rccx a,b,c\n{\n  u2(0,pi) c;\n  u1(pi/4) c;\n  cx b, c;\n"
                        + "  u1(-pi/4) c;\n  cx a, c;\n  u1(pi/4) c;\n  cx b, c;\n  u1(-pi/4) c;\n  u2(0,pi) c;\n}"),
                Arguments.of("rc3x", 0, 4, true, "gate rc3x a,b,c,d\n{\n  u2(0,pi) d;\n  u1(pi/4) d;\n  cx c,d;\n"
                        + "  u1(-pi/4) d;\n  u2(0,pi) d;\n  cx a,d;\n  u1(pi/4) d;\n  cx b,d;\n  u1(-pi/4) d;\n"
                        + "  cx a,d;\n  u1(pi/4) d;\n  cx b,d;\n  u1(-pi/4) d;\n  u2(0,pi) d;\n  u1(pi/4) d;\n"
                        + "  cx c,d;\n  u1(-pi/4) d;\n  u2(0,pi) d;\n}"),
                Arguments.of("c3x", 0, 4, true, "gate c3x a,b,c,d\n{\n"
                        + "    h d; cu1(-pi/4) a,d; h d;\n    cx a,b;\n    h d; cu1(pi/4) b,d; h d;\n    cx a,b;\n"
                        + "    h d; cu1(-pi/4) b,d; h d;\n    cx b,c;\n    h d; cu1(pi/4) c,d; h d;\n    cx a,c;\n"
                        + "    h d; cu1(-pi/4) c,d; h d;\n    cx b,c;\n    h d; cu1(pi/4) c,d; h d;\n    cx a,c;\n"
                        + "    h d; cu1(-pi/4) c,d; h d;\n}"),
                Arguments.of("c3sqrtx", 0, 4, true, "gate c3sqrtx a,b,c,d\n{\n"
                        + "    h d; cu1(-pi/8) a,d; h d;\n    cx a,b;\n    h d; cu1(pi/8) b,d; h d;\n    cx a,b;\n"
                        + "    h d; cu1(-pi/8) b,d; h d;\n    cx b,c;\n    h d; cu1(pi/8) c,d; h d;\n    cx a,c;\n"
                        + "    h d; cu1(-pi/8) c,d; h d;\n    cx b,c;\n    h d; cu1(pi/8) c,d; h d;\n    cx a,c;\n"
                        + "    h d; cu1(-pi/8) c,d; h d;\n}"),
                Arguments.of("c4x", 0, 5, true, "gate c4x a,b,c,d,e\n{\n    h e; cu1(-pi/2) d,e; h e;\n"
                        + "    c3x a,b,c,d;\n    h e; cu1(pi/2) d,e; h e;\n    c3x a,b,c,d;\n    c3sqrtx a,b,c,e;\n}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qelib1Definitions")
    void qelib1GateEqualsItsDefinition(String name, int params, int qubits, boolean exact, String definition)
            throws QasmException {
        String refDefinition = definition.replaceFirst("gate " + name + "\\b", "gate ref_" + name);
        int width = Math.max(qubits, 2);
        Random random = new Random(name.hashCode());
        for (int trial = 0; trial < 4; trial++) {
            List<String> angles = new ArrayList<>();
            for (int k = 0; k < params; k++) {
                angles.add(String.format(Locale.ROOT, "%.17g", (random.nextDouble() * 4 - 2) * Math.PI));
            }
            // arguments in reverse order, so that argument k is not simply qubit k
            List<String> args = new ArrayList<>();
            for (int k = 0; k < qubits; k++) {
                args.add("q[" + (width - 1 - k) + "]");
            }
            String call = (angles.isEmpty() ? "" : "(" + String.join(",", angles) + ")") + " " + String.join(",", args) + ";\n";
            Circuit mapped = OpenQasm.parse(HEADER + refDefinition + "\nqreg q[" + width + "];\n" + name + call);
            Circuit reference = OpenQasm.parse(HEADER + refDefinition + "\nqreg q[" + width + "];\nref_" + name + call);
            assertSameUnitary(reference, mapped, exact, name + " with angles " + angles);
        }
    }

    @Test
    void qelib1GatesMapToSingleBaseOperations() throws QasmException {
        Circuit c = OpenQasm.parse(HEADER + "qreg q[4];\n"
                + "u2(0.1,0.2) q[0];\nu1(0.3) q[1];\np(0.4) q[2];\nu0(5) q[3];\nid q[0];\nU(1,2,3) q[1];\nu(1,2,3) q[1];\n"
                + "CX q[0],q[1];\nccx q[2],q[0],q[1];\ncswap q[0],q[1],q[2];\ncu1(0.5) q[3],q[0];\ncp(0.5) q[3],q[0];\n"
                + "cu3(1,2,3) q[1],q[0];\ncrz(0.7) q[0],q[2];\nch q[2],q[3];\ncsx q[0],q[1];\nc3x q[0],q[1],q[2],q[3];\n"
                + "c3sqrtx q[3],q[2],q[1],q[0];\nrxx(0.1) q[0],q[1];\nrzz(0.2) q[1],q[2];\nsx q[0];\nsxdg q[0];\n");
        List<Operation> expected = List.of(
                new Operation(Gate.U3, List.of(0), List.of(), List.of(k(Math.PI / 2, "pi/2"), k(0.1, "0.1"), k(0.2, "0.2"))),
                Operation.of(Gate.P, k(0.3, "0.3"), 1),
                Operation.of(Gate.P, k(0.4, "0.4"), 2),
                Operation.of(Gate.I, 3),
                Operation.of(Gate.I, 0),
                new Operation(Gate.U3, List.of(1), List.of(), List.of(k(1, "1"), k(2, "2"), k(3, "3"))),
                new Operation(Gate.U3, List.of(1), List.of(), List.of(k(1, "1"), k(2, "2"), k(3, "3"))),
                Operation.cnot(0, 1),
                Operation.toffoli(2, 0, 1),
                Operation.of(Gate.SWAP, 1, 2).controlledBy(0),
                Operation.of(Gate.P, k(0.5, "0.5"), 0).controlledBy(3),
                Operation.of(Gate.P, k(0.5, "0.5"), 0).controlledBy(3),
                new Operation(Gate.U3, List.of(0), List.of(1), List.of(k(1, "1"), k(2, "2"), k(3, "3"))),
                Operation.of(Gate.RZ, k(0.7, "0.7"), 2).controlledBy(0),
                Operation.of(Gate.H, 3).controlledBy(2),
                Operation.of(Gate.SX, 1).controlledBy(0),
                Operation.of(Gate.X, 3).controlledBy(0, 1, 2),
                Operation.of(Gate.SXDG, 0).controlledBy(3, 2, 1),
                Operation.of(Gate.RXX, k(0.1, "0.1"), 0, 1),
                Operation.of(Gate.RZZ, k(0.2, "0.2"), 1, 2),
                Operation.of(Gate.SX, 0),
                Operation.of(Gate.SXDG, 0));
        assertEquals(expected, c.operations());
    }

    @Test
    void relativePhaseToffolisAreExpandedFromTheirDefinitions() throws QasmException {
        Circuit c = OpenQasm.parse(HEADER + "qreg q[4];\nrccx q[0],q[1],q[2];\nrc3x q[0],q[1],q[2],q[3];\n");
        assertEquals(9 + 18, c.size());
        assertEquals(Gate.U3, c.operations().get(0).gate(), "u2(0,pi) becomes U3(pi/2, 0, pi)");
        // rccx equals the Toffoli up to phases on some basis states: its moduli are the Toffoli's
        double[][] u = unitary(new Circuit(3, c.operations().subList(0, 9)));
        double[][] toffoli = unitary(new Circuit(3, Operation.toffoli(0, 1, 2)));
        for (int k = 0; k < u[0].length; k++) {
            assertEquals(Math.hypot(toffoli[0][k], toffoli[1][k]), Math.hypot(u[0][k], u[1][k]), 1e-12);
        }
    }

    // ---------------------------------------------------------------- registers, broadcasting, expressions

    @Test
    void registersAreJoinedInDeclarationOrder() throws QasmException {
        Circuit c = OpenQasm.parse(HEADER + "qreg a[1];\ncreg m[4];\nqreg b[2];\nx b[1];\n");
        assertEquals(3, c.qubits());
        assertEquals(List.of(Operation.of(Gate.X, 2)), c.operations());
        Circuit d = OpenQasm.parse(HEADER + "qreg a[2];\nqreg b[3];\nqreg c[1];\ncx a[1], c[0];\nh b[0];\n");
        assertEquals(6, d.qubits());
        assertEquals(List.of(Operation.cnot(1, 5), Operation.of(Gate.H, 2)), d.operations());
    }

    @Test
    void registersBroadcast() throws QasmException {
        Circuit c = OpenQasm.parse(HEADER + "qreg a[2];\nqreg b[2];\nqreg c[1];\n"
                + "h a;\ncx a, b;\ncx c[0], b;\nccx a, c[0], b;\nrz(0.5) b;\nbarrier a, c[0];\nbarrier a, b, c;\n");
        assertEquals(List.of(
                Operation.of(Gate.H, 0), Operation.of(Gate.H, 1),
                Operation.cnot(0, 2), Operation.cnot(1, 3),
                Operation.cnot(4, 2), Operation.cnot(4, 3),
                Operation.toffoli(0, 4, 2), Operation.toffoli(1, 4, 3),
                Operation.of(Gate.RZ, k(0.5, "0.5"), 2), Operation.of(Gate.RZ, k(0.5, "0.5"), 3)), c.operations());
    }

    @Test
    void anglesKeepTheirSourceText() throws QasmException {
        Circuit c = OpenQasm.parse(HEADER + "qreg q[1];\n"
                + "rz(pi*1.79986) q[0];\n"
                + "rz( pi /* half */ / 2 ) q[0];\n"
                + "u1(-2^2) q[0];\n"
                + "rx(sin(pi/6) + sqrt(4)/ln(exp(2))) q[0];\n"
                + "u3(1.5e-3, -.25, 2*pi/3) q[0];\n");
        List<Angle> angles = new ArrayList<>();
        c.operations().forEach(op -> angles.addAll(op.angles()));
        assertEquals(List.of("pi*1.79986", "pi / 2", "-2^2", "sin(pi/6) + sqrt(4)/ln(exp(2))", "1.5e-3", "-.25", "2*pi/3"),
                angles.stream().map(Angle::text).toList());
        assertEquals(Math.PI * 1.79986, value(angles.get(0)));
        assertEquals(Math.PI / 2, value(angles.get(1)));
        assertEquals(-4.0, value(angles.get(2)), "unary minus binds looser than ^, as in Qiskit's qasm2: -(2^2)");
        assertEquals(Math.sin(Math.PI / 6) + Math.sqrt(4) / Math.log(Math.exp(2)), value(angles.get(3)));
        for (Angle a : angles) {
            assertEquals(Expressions.evaluate(a.text()), value(a), "the text evaluates to the value: " + a.text());
        }
    }

    // ---------------------------------------------------------------- user gates

    @Test
    void userGatesWithParametersAndNesting() throws QasmException {
        Circuit c = OpenQasm.parse(HEADER
                + "gate rot(t, p) a { rz(t) a; ry(p/2) a; }\n"
                + "gate pair(t) a, b {\n  rot(t, 2*t) a;\n  cx a, b;\n  barrier a, b;\n  rot(-t, t) b;\n  u1(-3*pi/8) b;\n}\n"
                + "gate triple(x) a, b, c { pair(x/2) c, a; U(x, 0, pi) b; CX b, c; }\n"
                + "qreg q[3];\n"
                + "pair(pi/3) q[1], q[0];\n"
                + "triple(pi) q[0], q[1], q[2];\n");
        List<Operation> expected = List.of(
                Operation.of(Gate.RZ, k(Math.PI / 3, "pi/3"), 1),
                Operation.of(Gate.RY, k(Math.PI / 3, "pi/3"), 1),
                Operation.cnot(1, 0),
                Operation.of(Gate.RZ, k(-Math.PI / 3, "-pi/3"), 0),
                Operation.of(Gate.RY, k(Math.PI / 3 / 2, "pi/6"), 0),
                Operation.of(Gate.P, k(-3 * Math.PI / 8, "-3*pi/8"), 0),
                // triple(pi) q0,q1,q2 -> pair(pi/2) q2, q0; U(pi, 0, pi) q1; CX q1, q2
                Operation.of(Gate.RZ, k(Math.PI / 2, "pi/2"), 2),
                Operation.of(Gate.RY, k(Math.PI / 2, "pi/2"), 2),
                Operation.cnot(2, 0),
                Operation.of(Gate.RZ, k(-Math.PI / 2, "-pi/2"), 0),
                Operation.of(Gate.RY, k(Math.PI / 4, "pi/4"), 0),
                Operation.of(Gate.P, k(-3 * Math.PI / 8, "-3*pi/8"), 0),
                new Operation(Gate.U3, List.of(1), List.of(), List.of(k(Math.PI, "pi"), k(0, "0"), k(Math.PI, "pi"))),
                Operation.cnot(1, 2));
        assertEquals(expected, c.operations());
    }

    @Test
    void userGateDefinedLikeQelib1KeepsTheBaseGateAndOtherDefinitionsAreExpanded() throws QasmException {
        // The conformance files' sx definition (and the exporter's) is qelib1's: it stays one SX.
        Circuit same = OpenQasm.parse(HEADER + "gate sx a { sdg a; h a; sdg a; }\nqreg q[1];\nsx q[0];\n");
        assertEquals(List.of(Operation.of(Gate.SX, 0)), same.operations());
        // Names, spacing and comments do not matter.
        Circuit renamed = OpenQasm.parse(HEADER + "gate rzz(angle) first, second {\n  cx first,second; // entangle\n"
                + "  u1( angle ) second;\n  cx first , second;\n}\nqreg q[2];\nrzz(0.3) q[1],q[0];\n");
        assertEquals(List.of(Operation.of(Gate.RZZ, k(0.3, "0.3"), 1, 0)), renamed.operations());
        // A later-qelib1 gate defined differently is the file's own gate.
        Circuit other = OpenQasm.parse(HEADER + "gate sx a { rx(pi/2) a; }\nqreg q[1];\nsx q[0];\n");
        assertEquals(List.of(Operation.of(Gate.RX, k(Math.PI / 2, "pi/2"), 0)), other.operations());
        // Without the include, a file may define any gate; qelib1's own text is still recognised.
        Circuit noInclude = OpenQasm.parse("OPENQASM 2.0;\ngate cx c,t { CX c,t; }\ngate h a { U(pi/2,0,pi) a; }\n"
                + "qreg q[2];\nh q[0];\ncx q[0],q[1];\n");
        assertEquals(List.of(new Operation(Gate.U3, List.of(0), List.of(), List.of(k(Math.PI / 2, "pi/2"), k(0, "0"),
                k(Math.PI, "pi"))), Operation.cnot(0, 1)), noInclude.operations());
    }

    // ---------------------------------------------------------------- measurement

    @Test
    void gatesOnOtherQubitsMayFollowAMeasurement() throws QasmException {
        Circuit c = OpenQasm.parse(HEADER + "qreg q[3];\ncreg c[3];\nh q[0];\nmeasure q[0] -> c[0];\nh q[1];\n"
                + "cx q[1], q[2];\nbarrier q;\nmeasure q[1] -> c[1];\nmeasure q[2] -> c[2];\n");
        assertEquals(List.of(Operation.of(Gate.H, 0), Operation.of(Gate.H, 1), Operation.cnot(1, 2)), c.operations());
        Circuit all = OpenQasm.parse(HEADER + "qreg q[2];\ncreg c[2];\nx q;\nmeasure q -> c;\n");
        assertEquals(2, all.size());
    }

    @Test
    void aGateOnAMeasuredQubitIsAMidCircuitMeasurement() {
        QasmException e = error(HEADER + "qreg q[3];\ncreg c[3];\nmeasure q[2] -> c[2];\nh q[0];\n  cx q[0], q[2];\n", 7, 3);
        assertEquals("line 7, column 3: mid-circuit measurement of q[2] at line 5 is not supported: cx acts on q[2]"
                + " after it is measured (Qanvas measures only at the end of a circuit)", e.getMessage());
        QasmException broadcast = error(HEADER + "qreg a[1];\nqreg q[2];\ncreg c[2];\nmeasure q -> c;\nx q[1];\n", 7, 1);
        assertTrue(broadcast.getMessage().contains("mid-circuit measurement of q[1] at line 6 is not supported"),
                broadcast.getMessage());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void headerErrors() {
        assertEquals("line 1, column 1: found 'qreg'; expected 'OPENQASM 2.0;' at the start of the file",
                error("qreg q[1];", 1, 1).getMessage());
        QasmException v3 = error("// a comment first\nOPENQASM 3.0;\ninclude \"stdgates.inc\";\n", 2, 10);
        assertEquals("line 2, column 10: found OpenQASM version 3.0; expected version 2.0"
                + " (OpenQASM 3.0 files cannot be imported)", v3.getMessage());
        assertTrue(error("OPENQASM 3;\n", 1, 10).getMessage().contains("version 3;"));
        assertEquals("line 1, column 14: found 'include'; expected ';' after OPENQASM 2.0",
                error("OPENQASM 2.0 include \"qelib1.inc\";", 1, 14).getMessage());
        error("OPENQASM 2.0;\nOPENQASM 2.0;\n", 2, 1);
    }

    @Test
    void onlyQelib1CanBeIncluded() {
        QasmException e = error("OPENQASM 2.0;\ninclude \"stdgates.inc\";\n", 2, 9);
        assertEquals("line 2, column 9: found \"stdgates.inc\"; expected \"qelib1.inc\" (the only include file Qanvas"
                + " knows; it reads no other files)", e.getMessage());
        assertTrue(error("OPENQASM 2.0;\nqreg q[1];\nh q[0];\n", 3, 1).getMessage()
                .contains("h is in qelib1.inc: add include \"qelib1.inc\";"));
    }

    @Test
    void unsupportedConstructsAreNamed() {
        assertEquals("line 5, column 3: reset is not supported: Qanvas imports unitary circuits (with measurements"
                + " only at the end)", error(HEADER + "qreg q[1];\nh q[0];\n  reset q[0];\n", 5, 3).getMessage());
        assertTrue(error(HEADER + "qreg q[1];\ncreg c[1];\nif (c==1) x q[0];\n", 5, 1).getMessage()
                .startsWith("line 5, column 1: if (a classically controlled operation) is not supported"));
        assertTrue(error(HEADER + "opaque magic(theta) a, b;\n", 3, 1).getMessage()
                .startsWith("line 3, column 1: opaque gate declarations are not supported"));
        assertTrue(error(HEADER + "gate g a { measure a; }\n", 3, 12).getMessage().contains("gate bodies are unitary"));
    }

    @Test
    void registerErrors() {
        assertEquals("line 4, column 3: found 'r'; expected a qreg declared earlier ('r' is not declared)",
                error(HEADER + "qreg q[2];\nh r[0];\n", 4, 3).getMessage());
        assertEquals("line 4, column 5: found '3'; expected an index from 0 to 2 (qreg q has size 3)",
                error(HEADER + "qreg q[3];\nh q[3];\n", 4, 5).getMessage());
        assertEquals("line 4, column 3: found 'c'; expected a qreg ('c' is a creg)",
                error(HEADER + "creg c[2];\nh c[0];\n", 4, 3).getMessage());
        assertTrue(error(HEADER + "qreg q[2];\nqreg q[1];\n", 4, 6).getMessage().contains("already declared at line 3"));
        assertTrue(error(HEADER + "qreg q[0];\n", 3, 8).getMessage().contains("expected a register size of at least 1"));
        assertTrue(error(HEADER + "qreg a[20];\nqreg b[11];\n", 4, 8).getMessage().contains("at most 30 qubits"));
        assertTrue(error(HEADER + "creg c[2];\n", 4, 1).getMessage().contains("found end of file; expected at least one qreg"));
        // measure needs matching shapes
        assertTrue(error(HEADER + "qreg q[3];\ncreg c[2];\nmeasure q -> c;\n", 5, 14).getMessage().contains("a creg of size 3"));
        assertTrue(error(HEADER + "qreg q[3];\ncreg c[3];\nmeasure q -> c[0];\n", 5, 14).getMessage().contains("a whole creg"));
        assertTrue(error(HEADER + "qreg q[3];\ncreg c[3];\nmeasure q[0] -> q[1];\n", 5, 17).getMessage().contains("expected a creg"));
    }

    @Test
    void gateCallErrors() {
        assertEquals("line 4, column 1: found unknown gate 'foo'; expected a qelib1.inc gate, U, CX or a gate defined"
                + " earlier with 'gate'", error(HEADER + "qreg q[1];\nfoo q[0];\n", 4, 1).getMessage());
        assertEquals("line 4, column 1: found 'rx'; expected 1 parameter for rx (found 0 parameters)",
                error(HEADER + "qreg q[1];\nrx q[0];\n", 4, 1).getMessage());
        assertEquals("line 4, column 1: found 'h'; expected 0 parameters for h (found 1 parameter)",
                error(HEADER + "qreg q[1];\nh(0.5) q[0];\n", 4, 1).getMessage());
        assertEquals("line 4, column 1: found 'cx'; expected 2 qubit arguments for cx (found 1 qubit argument)",
                error(HEADER + "qreg q[2];\ncx q[0];\n", 4, 1).getMessage());
        assertEquals("line 4, column 10: found 'q'; expected distinct qubits (q[1] is used twice in one call of cx)",
                error(HEADER + "qreg q[2];\ncx q[1], q[1];\n", 4, 10).getMessage());
        assertTrue(error(HEADER + "qreg q[2];\ncx q, q[0];\n", 4, 7).getMessage().contains("q[0] is used twice"));
        assertEquals("line 5, column 7: found 'b'; expected a register of size 2 like a (qreg b has size 3;"
                        + " registers in one call must have equal sizes)",
                error(HEADER + "qreg a[2];\nqreg b[3];\ncx a, b;\n", 5, 7).getMessage());
        assertTrue(error(HEADER + "qreg a[2];\nqreg b[3];\nccx a[0], a, b;\n", 5, 14).getMessage()
                .contains("qreg b has size 3"));
        assertEquals("line 4, column 5: the angle 1/0 is undefined: division by zero (1/0)",
                error(HEADER + "qreg q[1];\nrz(1/0) q[0];\n", 4, 5).getMessage());
        assertTrue(error(HEADER + "qreg q[1];\nrz(2^2000) q[0];\n", 4, 4).getMessage().contains("expected a finite angle"));
        assertEquals("line 4, column 7: found ')'; expected a number, pi, a function (sin, cos, tan, exp, ln, sqrt) or '('",
                error(HEADER + "qreg q[1];\nrz(pi*) q[0];\n", 4, 7).getMessage());
        assertEquals("line 4, column 8: found 'pi'; expected '(' after sin",
                error(HEADER + "qreg q[1];\nrz(sin pi) q[0];\n", 4, 8).getMessage());
        assertTrue(error(HEADER + "qreg q[1];\nrz(theta) q[0];\n", 4, 4).getMessage().startsWith("line 4, column 4: found 'theta'"));
    }

    @Test
    void missingSemicolonAndEndOfFile() {
        assertEquals("line 5, column 1: found 'x'; expected ',' or ';'",
                error(HEADER + "qreg q[2];\nh q[0]\nx q[1];\n", 5, 1).getMessage());
        assertEquals("line 4, column 7: found end of file; expected ',' or ';'",
                error(HEADER + "qreg q[2];\nh q[0]", 4, 7).getMessage());
        assertEquals("line 3, column 8: found end of file; expected the register size (a whole number)",
                error(HEADER + "qreg q[", 3, 8).getMessage());
        assertTrue(error(HEADER + "gate g a { h a;\n", 4, 1).getMessage().contains("expected '}' to close the body of gate g"));
        assertEquals("line 4, column 1: found a '/*' comment that is never closed; expected '*/'",
                error(HEADER + "qreg q[2];\n/* unfinished\nh q[0];\n", 4, 1).getMessage());
        // Windows line ends count as one line each
        error("OPENQASM 2.0;\r\ninclude \"qelib1.inc\";\r\nqreg q[1];\r\nfoo q[0];\r\n", 4, 1);
    }

    @Test
    void gateDefinitionErrors() {
        assertTrue(error(HEADER + "gate g a { nope a; }\n", 3, 12).getMessage().contains("found unknown gate 'nope'"));
        assertTrue(error(HEADER + "gate g a { g a; }\n", 3, 12).getMessage().contains("a gate cannot call itself"));
        assertTrue(error(HEADER + "gate g a { h b; }\n", 3, 14).getMessage().contains("expected an argument of gate g (a)"));
        assertTrue(error(HEADER + "gate g a { h a[0]; }\n", 3, 15).getMessage().contains("without indices"));
        assertTrue(error(HEADER + "gate g(t) a { rz(s) a; }\n", 3, 18).getMessage()
                .contains("a parameter of gate g (t)"));
        assertTrue(error(HEADER + "gate g a, b { cx a, a; }\n", 3, 21).getMessage().contains("used twice"));
        assertTrue(error(HEADER + "gate g a { cx a; }\n", 3, 12).getMessage().contains("expected 2 qubit arguments for cx"));
        assertTrue(error(HEADER + "gate g a { h a; }\ngate g a { x a; }\n", 4, 6).getMessage()
                .contains("gate g is already defined at line 3"));
        assertTrue(error(HEADER + "gate h a { x a; }\n", 3, 6).getMessage().contains("h is defined in qelib1.inc"));
        assertTrue(error(HEADER + "gate U a { x a; }\n", 3, 6).getMessage().contains("U and CX, which are built in"));
        assertTrue(error(HEADER + "gate g(t) a { rz(ln(t)) a; }\nqreg q[1];\ng(0) q[0];\n", 5, 1).getMessage()
                .contains("ln of a number that is not positive (ln(0))"));
        assertTrue(error(HEADER + "gate g(t) a { rz(exp(t)) a; }\nqreg q[1];\ng(1000) q[0];\n", 5, 1).getMessage()
                .contains("expected finite angles"));
    }

    // ---------------------------------------------------------------- OpenQASM 2.0 export

    /** Every operation toQasm2 writes natively or with a recognised definition. */
    static Circuit everyExportableOperation() {
        return new Circuit(5, List.of(
                Operation.of(Gate.I, 0), Operation.of(Gate.H, 1), Operation.of(Gate.X, 2), Operation.of(Gate.Y, 3),
                Operation.of(Gate.Z, 4), Operation.of(Gate.S, 0), Operation.of(Gate.SDG, 1), Operation.of(Gate.T, 2),
                Operation.of(Gate.TDG, 3), Operation.of(Gate.SX, 4), Operation.of(Gate.SXDG, 0),
                Operation.of(Gate.RX, c("0.3"), 1), Operation.of(Gate.RY, c("-pi/4"), 2),
                Operation.of(Gate.RZ, c("2*pi/3"), 3), Operation.of(Gate.P, c("0.1 + 0.2"), 4),
                new Operation(Gate.U3, List.of(0), List.of(), List.of(c("1.25"), c("-0.5"), c("pi/7"))),
                Operation.of(Gate.SWAP, 3, 1), Operation.of(Gate.ISWAP, 0, 2), Operation.of(Gate.RXX, c("0.7"), 4, 0),
                Operation.of(Gate.RYY, c("sqrt(2)"), 1, 3), Operation.of(Gate.RZZ, c("pi^2/10"), 2, 4),
                Operation.cnot(4, 0), Operation.of(Gate.Y, 1).controlledBy(2), Operation.cz(3, 0),
                Operation.of(Gate.H, 2).controlledBy(1), Operation.of(Gate.RX, c("0.11"), 0).controlledBy(4),
                Operation.of(Gate.RY, c("0.22"), 3).controlledBy(1), Operation.of(Gate.RZ, c("0.33"), 2).controlledBy(0),
                Operation.of(Gate.P, c("-pi/8"), 1).controlledBy(3),
                new Operation(Gate.U3, List.of(4), List.of(2), List.of(c("0.4"), c("0.5"), c("0.6"))),
                Operation.of(Gate.SWAP, 0, 4).controlledBy(2), Operation.of(Gate.SX, 3).controlledBy(0),
                Operation.toffoli(4, 2, 0), Operation.of(Gate.X, 1).controlledBy(0, 3, 4),
                Operation.of(Gate.SXDG, 2).controlledBy(4, 1, 3), Operation.of(Gate.X, 3).controlledBy(1, 2, 0, 4)));
    }

    @Test
    void qasm2RoundTripPreservesEveryExportableOperation() throws QasmException {
        Circuit c = everyExportableOperation();
        String text = OpenQasm.toQasm2(c);
        Circuit back = OpenQasm.parse(text);
        // Exactly equal: same gates, targets, controls, angle values and angle texts.
        assertEquals(c.operations(), back.operations(), text);
        assertEquals(c, back);
        assertSameUnitary(c, back, true, "round trip");
    }

    @Test
    void qasm2OutputOnlyUsesThe2017Qelib1OrGatesItDefines() {
        Set<String> known = new HashSet<>(QasmLibrary.QELIB1_2017);
        known.add("U");
        known.add("CX");
        String text = OpenQasm.toQasm2(everyExportableOperation());
        for (String line : text.split("\n")) {
            if (line.startsWith("OPENQASM") || line.startsWith("include") || line.startsWith("qreg")) {
                continue;
            }
            if (line.startsWith("gate ")) {
                String name = line.substring(5).split("[ (]")[0];
                String body = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
                for (String statement : body.split(";")) {
                    if (!statement.isBlank()) {
                        String used = statement.trim().split("[ (]")[0];
                        assertTrue(known.contains(used), "definition of " + name + " uses " + used);
                    }
                }
                known.add(name);
                continue;
            }
            String name = line.split("[ (]")[0];
            assertTrue(known.contains(name), name + " is neither in the 2017 qelib1.inc nor defined: " + line);
        }
        assertTrue(text.contains("gate sx a { sdg a; h a; sdg a; }\n"), text);
    }

    @Test
    void qasm2TextOfASmallCircuit() {
        Circuit c = new Circuit(3, List.of(
                Operation.of(Gate.H, 0),
                Operation.cnot(0, 1),
                Operation.of(Gate.SX, 2),
                Operation.of(Gate.RZ, new Angle.Weight("theta", 0.25), 1),
                Operation.of(Gate.P, c("pi/8"), 2).controlledBy(0),
                Operation.of(Gate.P, new Angle.Constant(Math.PI / 2), 1),
                new Operation(Gate.U3, List.of(0), List.of(), List.of(new Angle.Weight("a", -1.5), c("0"),
                        new Angle.Weight("b", Math.PI)))));
        assertEquals("OPENQASM 2.0;\n"
                + "include \"qelib1.inc\";\n"
                + "gate sx a { sdg a; h a; sdg a; }\n"
                + "qreg q[3];\n"
                + "h q[0];\n"
                + "cx q[0],q[1];\n"
                + "sx q[2];\n"
                + "rz(0.25) q[1]; // weight theta\n"
                + "cu1(pi/8) q[0],q[2];\n"
                + "u1(pi/2) q[1];\n"
                + "u3(-1.5,0,pi) q[0]; // weights a, b\n", OpenQasm.toQasm2(c));
    }

    @Test
    void qasm2RoundTripChangesOnlyWhatItDocuments() throws QasmException {
        // Controlled S and T are written as cu1 and come back as controlled P with the same unitary;
        // weights come back as constants with their initial value; a constant whose text does not
        // evaluate to its value is written (and comes back) as its value.
        Circuit c = new Circuit(2, List.of(
                Operation.of(Gate.S, 1).controlledBy(0), Operation.of(Gate.TDG, 0).controlledBy(1),
                Operation.of(Gate.RY, new Angle.Weight("w", 0.75), 0),
                Operation.of(Gate.RX, new Angle.Constant(0.5, "not an expression"), 1),
                Operation.of(Gate.RX, new Angle.Constant(Math.PI / 4, "pi/3"), 1)));
        Circuit back = OpenQasm.parse(OpenQasm.toQasm2(c));
        assertEquals(List.of(
                Operation.of(Gate.P, k(Math.PI / 2, "pi/2"), 1).controlledBy(0),
                Operation.of(Gate.P, k(-Math.PI / 4, "-pi/4"), 0).controlledBy(1),
                Operation.of(Gate.RY, k(0.75, "0.75"), 0),
                Operation.of(Gate.RX, k(0.5, "0.5"), 1),
                Operation.of(Gate.RX, k(Math.PI / 4, "pi/4"), 1)), back.operations());
        assertSameUnitary(c, back, true, "controlled S and T as cu1");
    }

    @Test
    void qasm2RefusesWhatItCannotWrite() {
        IllegalArgumentException ccz = assertThrows(IllegalArgumentException.class,
                () -> OpenQasm.toQasm2(new Circuit(3, Operation.of(Gate.Z, 2).controlledBy(0, 1))));
        assertEquals("cannot write ccz [0, 1, 2] in OpenQASM 2.0: Z with 2 controls has no qelib1.inc form;"
                + " export to OpenQASM 3.0 (toQasm3) instead, which writes ctrl @ modifiers", ccz.getMessage());
        for (Operation op : List.of(Operation.of(Gate.SXDG, 1).controlledBy(0), Operation.of(Gate.SX, 3).controlledBy(0, 1, 2),
                Operation.of(Gate.RZZ, 0.1, 1, 2).controlledBy(0),
                Operation.of(Gate.H, 2).controlledBy(0, 1), Operation.of(Gate.X, 0).controlledBy(1, 2, 3, 4, 5))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OpenQasm.toQasm2(new Circuit(6, op)));
            assertTrue(e.getMessage().contains("OpenQASM 3.0"), e.getMessage());
        }
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
                () -> OpenQasm.toQasm2(new Circuit(1, Operation.of(Gate.RY, new Angle.Input(3, 0.5), 0))));
        assertEquals("cannot write ry(0.5*x[3]) [0] in OpenQASM 2.0: its angle 0.5*x[3] reads input feature x[3], and"
                + " OpenQASM 2.0 has no inputs; export to OpenQASM 3.0 (toQasm3) instead, which declares them as"
                + " input array[float[64], N] x", input.getMessage());
    }

    // ---------------------------------------------------------------- OpenQASM 3.0 export

    @Test
    void qasm3TextWithAWeightAndAnInput() {
        Circuit c = new Circuit(3, List.of(
                Operation.of(Gate.H, 0),
                Operation.of(Gate.RY, new Angle.Input(3, 0.5), 1),
                Operation.of(Gate.RZ, new Angle.Weight("theta", 0.1), 2),
                Operation.of(Gate.RX, c("pi/4"), 0).controlledBy(1),
                Operation.toffoli(0, 1, 2),
                Operation.of(Gate.H, 2).controlledBy(0, 1),
                new Operation(Gate.U3, List.of(1), List.of(0), List.of(c("pi/2"), new Angle.Weight("theta", 0.1),
                        new Angle.Input(0))),
                Operation.of(Gate.P, new Angle.Input(1, Math.PI), 2).controlledBy(1),
                Operation.of(Gate.SXDG, 0),
                Operation.of(Gate.RZZ, c("pi/3"), 0, 2).controlledBy(1),
                Operation.of(Gate.RZ, c("-2^-1 + ln(2)"), 1),
                Operation.of(Gate.SWAP, 0, 2).controlledBy(1)));
        assertEquals("OPENQASM 3.0;\n"
                + "include \"stdgates.inc\";\n"
                + "gate rzz(θ) a, b { cx a, b; rz(θ) b; cx a, b; }\n"
                + "input float[64] theta;\n"
                + "input array[float[64], 4] x;\n"
                + "qubit[3] q;\n"
                + "h q[0];\n"
                + "ry(0.5*x[3]) q[1];\n"
                + "rz(theta) q[2];\n"
                + "crx(pi/4) q[1], q[0];\n"
                + "ccx q[0], q[1], q[2];\n"
                + "ctrl(2) @ h q[0], q[1], q[2];\n"
                + "ctrl @ U(pi/2, theta, x[0]) q[0], q[1];\n"
                + "cp(pi*x[1]) q[1], q[2];\n"
                + "inv @ sx q[0];\n"
                + "ctrl @ rzz(pi/3) q[1], q[0], q[2];\n"
                + "rz(-2**(-1) + log(2)) q[1];\n"
                + "cswap q[1], q[0], q[2];\n", OpenQasm.toQasm3(c));
    }

    @Test
    void qasm3DefinitionsAreExact() throws QasmException {
        // The bodies use h, cx, s, rx, rz, which stdgates.inc defines exactly (global phase included),
        // so ctrl @ rzz etc. are right. Checked by reading the bodies as OpenQASM 2.0 user gates (our
        // rz and rx are exact rotations).
        for (String name : List.of("rzz", "rxx", "ryy", "iswap")) {
            String def = QasmWriter.QASM3_DEFINITIONS.get(name).replace("θ", "theta")
                    .replaceFirst("gate " + name, "gate my_" + name);
            boolean param = !name.equals("iswap");
            Gate gate = Gate.valueOf(name.toUpperCase(Locale.ROOT));
            for (double angle : new double[] {0.37, -2.1, 5.0}) {
                Circuit mine = OpenQasm.parse(HEADER + def + "\nqreg q[2];\nmy_" + name
                        + (param ? "(" + angle + ")" : "") + " q[1], q[0];\n");
                Circuit base = new Circuit(2, param ? Operation.of(gate, angle, 1, 0) : Operation.of(gate, 1, 0));
                assertSameUnitary(base, mine, true, name + " definition");
            }
        }
    }

    @Test
    void qasm3WeightNamesMustNotClash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenQasm.toQasm3(new Circuit(1, Operation.of(Gate.RX, new Angle.Weight("h", 0), 0))));
        assertTrue(e.getMessage().contains("weight 'h'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpenQasm.toQasm3(new Circuit(1,
                Operation.of(Gate.RX, new Angle.Weight("x", 0), 0), Operation.of(Gate.RY, new Angle.Input(0), 0))));
        // a weight called q moves the register aside
        String text = OpenQasm.toQasm3(new Circuit(1, Operation.of(Gate.RX, new Angle.Weight("q", 0), 0)));
        assertTrue(text.contains("input float[64] q;\nqubit[1] qb;\nrx(q) qb[0];\n"), text);
        assertFalse(text.contains("input array"), "no inputs, no x declaration");
    }

    @Test
    void qasm3KeepsConstantTextAndWritesValuesOtherwise() {
        String text = OpenQasm.toQasm3(new Circuit(1,
                Operation.of(Gate.RX, c("2*pi/3"), 0), Operation.of(Gate.RX, new Angle.Constant(0.5, "half"), 0)));
        assertTrue(text.endsWith("rx(2*pi/3) q[0];\nrx(0.5) q[0];\n"), text);
    }

    // ---------------------------------------------------------------- helpers

    /** A constant with its text, valued as Expressions evaluates the text. */
    private static Angle.Constant c(String text) {
        return new Angle.Constant(Expressions.evaluate(text), text);
    }

    private static Angle.Constant k(double value, String text) {
        return new Angle.Constant(value, text);
    }

    private static double value(Angle a) {
        return ((Angle.Constant) a).value();
    }

    /** Parses text that must fail at the given line and column. */
    private static QasmException error(String text, int line, int column) {
        QasmException e = assertThrows(QasmException.class, () -> OpenQasm.parse(text));
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), "position of: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ", column " + column + ": "), e.getMessage());
        return e;
    }
}
