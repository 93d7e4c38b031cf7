package dev.qanvas.quantum.qasm;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gates of {@code qelib1.inc}, built in (no file is read), and how each maps to Qanvas base
 * operations.
 *
 * <p>The definitions are those of the qelib1.inc Qiskit ships (the 2017 file of the OpenQASM 2.0
 * paper plus the later u, p, sx, sxdg, swap, cswap, crx, cry, cp, csx, cu, rxx, rzz, rccx, rc3x,
 * c3x, c3sqrtx, c4x). Most gates map to one {@link Operation} (a {@link #NATIVE} form); that
 * form equals the qelib1 definition exactly for every gate with more than one qubit, and up to
 * a global phase for single-qubit gates (rz is exp(-i t Z/2) where qelib1's rz is u1; sx differs
 * from sdg·h·sdg by e^{i pi/4}). Two multi-qubit exceptions, both harmless: qelib1's ch is
 * e^{i pi/4} times the controlled H (a global phase of the whole gate, which no OpenQASM 2.0
 * program can observe), and qelib1's c3sqrtx is the 3-controlled <em>inverse</em> of sqrt(X),
 * so it maps to SXDG with three controls. Gates without a native form (rccx, rc3x) are expanded
 * from their definition. {@code OpenQasmTest} checks every mapping against the definition text.
 *
 * <p>{@link #EXTRA_SOURCE} holds the definitions of base gates that no qelib1 has (iswap, ryy),
 * as their {@link Gate} entries declare them. The exporter writes them into files, and a file that defines one of them exactly this way (up to
 * names and spacing) imports it as the base gate again.
 */
final class QasmLibrary {

    private QasmLibrary() {
    }

    /** Emits the operations of one application of a gate to global qubits {@code q}. */
    @FunctionalInterface
    interface Native {
        void emit(List<Angle> angles, int[] q, List<Operation> out);
    }

    /** The gates of the qelib1.inc in the OpenQASM 2.0 paper (2017); files may not redefine these. */
    static final Set<String> QELIB1_2017 = Set.of("u3", "u2", "u1", "cx", "id", "x", "y", "z", "h", "s", "sdg",
            "t", "tdg", "rx", "ry", "rz", "cz", "cy", "ch", "ccx", "crz", "cu1", "cu3");

    /** qelib1.inc, one definition per gate, in file order (each only uses gates before it). */
    static final Map<String, String> QELIB1_SOURCE = sources(
            "gate u3(theta,phi,lambda) q { U(theta,phi,lambda) q; }",
            "gate u2(phi,lambda) q { U(pi/2,phi,lambda) q; }",
            "gate u1(lambda) q { U(0,0,lambda) q; }",
            "gate cx c,t { CX c,t; }",
            "gate id a { U(0,0,0) a; }",
            "gate u0(gamma) q { U(0,0,0) q; }",
            "gate u(theta,phi,lambda) q { U(theta,phi,lambda) q; }",
            "gate p(lambda) q { U(0,0,lambda) q; }",
            "gate x a { u3(pi,0,pi) a; }",
            "gate y a { u3(pi,pi/2,pi/2) a; }",
            "gate z a { u1(pi) a; }",
            "gate h a { u2(0,pi) a; }",
            "gate s a { u1(pi/2) a; }",
            "gate sdg a { u1(-pi/2) a; }",
            "gate t a { u1(pi/4) a; }",
            "gate tdg a { u1(-pi/4) a; }",
            "gate rx(theta) a { u3(theta,-pi/2,pi/2) a; }",
            "gate ry(theta) a { u3(theta,0,0) a; }",
            "gate rz(phi) a { u1(phi) a; }",
            "gate sx a { sdg a; h a; sdg a; }",
            "gate sxdg a { s a; h a; s a; }",
            "gate cz a,b { h b; cx a,b; h b; }",
            "gate cy a,b { sdg b; cx a,b; s b; }",
            "gate swap a,b { cx a,b; cx b,a; cx a,b; }",
            "gate ch a,b { h b; sdg b; cx a,b; h b; t b; cx a,b; t b; h b; s b; x b; s a; }",
            "gate ccx a,b,c { h c; cx b,c; tdg c; cx a,c; t c; cx b,c; tdg c; cx a,c; t b; t c; h c;"
                    + " cx a,b; t a; tdg b; cx a,b; }",
            "gate cswap a,b,c { cx c,b; ccx a,b,c; cx c,b; }",
            "gate crx(lambda) a,b { u1(pi/2) b; cx a,b; u3(-lambda/2,0,0) b; cx a,b; u3(lambda/2,-pi/2,0) b; }",
            "gate cry(lambda) a,b { u3(lambda/2,0,0) b; cx a,b; u3(-lambda/2,0,0) b; cx a,b; }",
            "gate crz(lambda) a,b { u1(lambda/2) b; cx a,b; u1(-lambda/2) b; cx a,b; }",
            "gate cu1(lambda) a,b { u1(lambda/2) a; cx a,b; u1(-lambda/2) b; cx a,b; u1(lambda/2) b; }",
            "gate cp(lambda) a,b { p(lambda/2) a; cx a,b; p(-lambda/2) b; cx a,b; p(lambda/2) b; }",
            "gate cu3(theta,phi,lambda) c,t { u1((lambda+phi)/2) c; u1((lambda-phi)/2) t; cx c,t;"
                    + " u3(-theta/2,0,-(phi+lambda)/2) t; cx c,t; u3(theta/2,phi,0) t; }",
            "gate csx a,b { h b; cu1(pi/2) a,b; h b; }",
            "gate cu(theta,phi,lambda,gamma) c,t { p(gamma) c; p((lambda+phi)/2) c; p((lambda-phi)/2) t;"
                    + " cx c,t; u(-theta/2,0,-(phi+lambda)/2) t; cx c,t; u(theta/2,phi,0) t; }",
            "gate rxx(theta) a,b { u3(pi/2,theta,0) a; h b; cx a,b; u1(-theta) b; cx a,b; h b;"
                    + " u2(-pi,pi-theta) a; }",
            "gate rzz(theta) a,b { cx a,b; u1(theta) b; cx a,b; }",
            "gate rccx a,b,c { u2(0,pi) c; u1(pi/4) c; cx b,c; u1(-pi/4) c; cx a,c; u1(pi/4) c; cx b,c;"
                    + " u1(-pi/4) c; u2(0,pi) c; }",
            "gate rc3x a,b,c,d { u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; cx a,d;"
                    + " u1(pi/4) d; cx b,d; u1(-pi/4) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d;"
                    + " u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; }",
            "gate c3x a,b,c,d { h d; cu1(-pi/4) a,d; h d; cx a,b; h d; cu1(pi/4) b,d; h d; cx a,b;"
                    + " h d; cu1(-pi/4) b,d; h d; cx b,c; h d; cu1(pi/4) c,d; h d; cx a,c;"
                    + " h d; cu1(-pi/4) c,d; h d; cx b,c; h d; cu1(pi/4) c,d; h d; cx a,c;"
                    + " h d; cu1(-pi/4) c,d; h d; }",
            "gate c3sqrtx a,b,c,d { h d; cu1(-pi/8) a,d; h d; cx a,b; h d; cu1(pi/8) b,d; h d; cx a,b;"
                    + " h d; cu1(-pi/8) b,d; h d; cx b,c; h d; cu1(pi/8) c,d; h d; cx a,c;"
                    + " h d; cu1(-pi/8) c,d; h d; cx b,c; h d; cu1(pi/8) c,d; h d; cx a,c;"
                    + " h d; cu1(-pi/8) c,d; h d; }",
            // c4x as in Qiskit Aer's and most tools' copies; one revision of Qiskit's qelib1.inc has
            // "h d; cu1(pi/4) d,e; h d;" in the middle, which is not a 4-controlled X.
            "gate c4x a,b,c,d,e { h e; cu1(-pi/2) d,e; h e; c3x a,b,c,d; h e; cu1(pi/2) d,e; h e;"
                    + " c3x a,b,c,d; c3sqrtx a,b,c,e; }");

    /**
     * Definitions of base gates that qelib1 lacks ({@link Gate#qasm2Definition()}, in gate order),
     * written with 2017 qelib1 gates only. They are exact (not only up to a global phase), so they
     * stay right if a later tool controls them.
     */
    static final Map<String, String> EXTRA_SOURCE = sources(Arrays.stream(Gate.values())
            .flatMap(g -> g.qasm2Definition().stream()).toArray(String[]::new));

    /** The builtin U and CX, then every gate name with a one-operation (or two for cu) form. */
    static final Map<String, Native> NATIVE = natives();

    /**
     * Every name a gate entry gives itself in OpenQASM ({@link Gate#qasmName()}, its OpenQASM 2.0
     * names and its plain OpenQASM 3.0 names, which are also qelib1 names: cp), with that many
     * controls; then the builtins and qelib1's other spellings, which are no single gate's name.
     */
    private static Map<String, Native> natives() {
        Map<String, Native> m = new LinkedHashMap<>();
        for (Gate g : Gate.values()) {
            m.put(g.qasmName(), controlled(g, 0));
            for (int k = 0; k < Circuit.MAX_QUBITS; k++) {
                int controls = k;
                g.qasm2Name(k).ifPresent(name -> m.put(name, controlled(g, controls)));
                g.qasm3Name(k).filter(name -> name.matches("[a-z][a-z0-9_]*"))
                        .ifPresent(name -> m.put(name, controlled(g, controls)));
            }
        }
        m.put("U", (a, q, out) -> out.add(op(Gate.U3, a, q[0])));
        m.put("CX", controlled(Gate.X, 1));
        m.put("u", (a, q, out) -> out.add(op(Gate.U3, a, q[0])));
        m.put("u2", (a, q, out) -> out.add(op(Gate.U3,
                List.of(new Angle.Constant(Math.PI / 2, "pi/2"), a.get(0), a.get(1)), q[0])));
        m.put("u0", (a, q, out) -> out.add(op(Gate.I, List.of(), q[0])));
        m.put("cu", (a, q, out) -> {
            // qelib1: p(gamma) on the control, then exactly the controlled U of cu3
            out.add(op(Gate.P, List.of(a.get(3)), q[0]));
            out.add(new Operation(Gate.U3, List.of(q[1]), List.of(q[0]), a.subList(0, 3)));
        });
        return Map.copyOf(m);
    }

    /** Gate {@code g} with the first {@code k} arguments as controls and the rest as targets. */
    private static Native controlled(Gate g, int k) {
        return (a, q, out) -> {
            List<Integer> controls = new ArrayList<>();
            List<Integer> targets = new ArrayList<>();
            for (int i = 0; i < q.length; i++) {
                (i < k ? controls : targets).add(q[i]);
            }
            out.add(new Operation(g, targets, controls, a));
        };
    }

    private static Operation op(Gate g, List<Angle> a, int target) {
        return new Operation(g, List.of(target), List.of(), a);
    }

    private static Map<String, String> sources(String... defs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String d : defs) {
            String name = d.substring("gate ".length()).split("[ (]", 2)[0];
            m.put(name, d);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The parsed definitions, with their native forms attached. */
    static Map<String, QasmParser.GateDef> qelib1() {
        return Parsed.QELIB1;
    }

    /** The parsed {@link #EXTRA_SOURCE} definitions (recognised in files, never in scope by themselves). */
    static Map<String, QasmParser.GateDef> extras() {
        return Parsed.EXTRAS;
    }

    private static final class Parsed {
        static final Map<String, QasmParser.GateDef> QELIB1 = QasmParser.parseLibrary(
                String.join("\n", QELIB1_SOURCE.values()), Map.of());
        static final Map<String, QasmParser.GateDef> EXTRAS = QasmParser.parseLibrary(
                String.join("\n", EXTRA_SOURCE.values()), QELIB1);
    }
}
