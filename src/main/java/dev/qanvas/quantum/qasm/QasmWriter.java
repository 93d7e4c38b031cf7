package dev.qanvas.quantum.qasm;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.AngleText;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Program;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/** Writes circuits as OpenQASM 2.0 (for the 2017 qelib1.inc) and OpenQASM 3.0 (stdgates.inc). */
final class QasmWriter {

    private QasmWriter() {
    }

    /**
     * Exact definitions (stdgates gates are exact, global phase included) of base gates stdgates.inc
     * lacks, by name, as their {@link Gate#qasm3Definition()} says, in gate order. The parameter is
     * named with a Greek letter, as in stdgates.inc, so it never clashes with a weight (weight
     * names are ASCII).
     */
    static final Map<String, String> QASM3_DEFINITIONS = qasm3Definitions();

    private static Map<String, String> qasm3Definitions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Gate g : Gate.values()) {
            g.qasm3Definition().ifPresent(def -> m.put(g.qasm3Name(0).orElseThrow(), def));
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Names a weight may not have in OpenQASM 3.0: keywords, types, built-in constants and functions,
     * stdgates.inc's gates, and every name a {@link Gate} entry writes.
     */
    private static final Set<String> QASM3_RESERVED = reserved(
            "OPENQASM", "include", "defcalgrammar", "def", "cal", "defcal", "gate", "extern", "box", "let", "break",
            "continue", "if", "else", "end", "return", "for", "while", "in", "switch", "case", "default", "nop",
            "pragma", "input", "output", "const", "readonly", "mutable", "qreg", "qubit", "creg", "bool", "bit",
            "int", "uint", "float", "angle", "complex", "array", "void", "duration", "stretch", "gphase", "inv",
            "pow", "ctrl", "negctrl", "dim", "durationof", "delay", "reset", "measure", "barrier", "true", "false",
            "sizeof", "pi", "tau", "euler", "arccos", "arcsin", "arctan", "ceiling", "cos", "exp", "floor", "log",
            "mod", "popcount", "rotl", "rotr", "sin", "sqrt", "tan", "real", "imag", "dt", "ns", "us", "ms", "s",
            "U", "CX", "p", "x", "y", "z", "h", "sdg", "t", "tdg", "sx", "rx", "ry", "rz", "cx", "cy", "cz", "cp",
            "crx", "cry", "crz", "ch", "swap", "ccx", "cswap", "cu", "phase", "cphase", "id", "u1", "u2", "u3",
            "rzz", "rxx", "ryy", "iswap");

    private static Set<String> reserved(String... names) {
        Set<String> all = new HashSet<>(List.of(names));
        for (Gate g : Gate.values()) {
            for (int k = 0; k < Circuit.MAX_QUBITS; k++) {
                g.qasm3Name(k).filter(n -> n.matches("\\w+")).ifPresent(all::add);
            }
        }
        return Set.copyOf(all);
    }

    // ---- OpenQASM 2.0 ----

    static String toQasm2(Circuit c) {
        if (!c.isUnitary()) {
            // measure, reset and if are program statements: written as the program the circuit runs
            if (c.inputCount() > 0) {
                throw new IllegalArgumentException("a circuit that measures, resets or conditions is written as the program it runs,"
                        + " which has no input features x[i]; set them to numbers first");
            }
            return toQasm2(Program.of(c));
        }
        Set<String> used = new LinkedHashSet<>();
        StringBuilder body = new StringBuilder();
        for (Operation op : c.operations()) {
            body.append(line2(op, used, q -> "q[" + q + "]")).append('\n');
        }
        StringBuilder sb = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n");
        // Definitions in library order (qelib1.inc's, then Qanvas's extras), so each only uses gates before it.
        for (Map<String, String> library : List.of(QasmLibrary.QELIB1_SOURCE, QasmLibrary.EXTRA_SOURCE)) {
            for (Map.Entry<String, String> def : library.entrySet()) {
                if (used.contains(def.getKey())) {
                    sb.append(def.getValue()).append('\n');
                }
            }
        }
        sb.append("qreg q[").append(c.qubits()).append("];\n").append(body);
        return sb.toString();
    }

    /**
     * A program: the circuit's gates as {@link #toQasm2(Circuit)} writes them (a gate that expands
     * to several operations is written as those operations), its own registers, and its measure,
     * reset, barrier and {@code if} statements.
     */
    static String toQasm2(Program p) {
        IntFunction<String> qubit = q -> element(p.qregs(), q);
        IntFunction<String> clbit = c -> element(p.cregs(), c);
        Set<String> used = new LinkedHashSet<>();
        StringBuilder body = new StringBuilder();
        for (Program.Instruction i : p.instructions()) {
            for (String line : statements2(i, qubit, clbit, used)) {
                body.append(line).append('\n');
            }
        }
        StringBuilder sb = new StringBuilder("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n");
        for (Map<String, String> library : List.of(QasmLibrary.QELIB1_SOURCE, QasmLibrary.EXTRA_SOURCE)) {
            for (Map.Entry<String, String> def : library.entrySet()) {
                if (used.contains(def.getKey())) {
                    sb.append(def.getValue()).append('\n');
                }
            }
        }
        for (Program.Register r : p.qregs()) {
            sb.append("qreg ").append(r.name()).append('[').append(r.size()).append("];\n");
        }
        for (Program.Register r : p.cregs()) {
            sb.append("creg ").append(r.name()).append('[').append(r.size()).append("];\n");
        }
        return sb.append(body).toString();
    }

    private static List<String> statements2(Program.Instruction i, IntFunction<String> qubit, IntFunction<String> clbit,
            Set<String> used) {
        List<String> out = new ArrayList<>();
        if (i instanceof Program.Apply a) {
            for (Operation op : a.operations()) {
                out.add(line2(op, used, qubit));
            }
        } else if (i instanceof Program.Measure m) {
            out.add("measure " + qubit.apply(m.qubit()) + " -> " + clbit.apply(m.clbit()) + ";");
        } else if (i instanceof Program.Reset r) {
            out.add("reset " + qubit.apply(r.qubit()) + ";");
        } else if (i instanceof Program.Postselect s) {
            // Never dropped silently: a file without it would describe another experiment.
            throw new IllegalArgumentException("OpenQASM 2.0 has no postselection, so a program that postselects ("
                    + qubit.apply(s.qubit()) + " on " + s.outcome() + ") cannot be written as OpenQASM 2.0; remove the"
                    + " postselection, or measure the qubit and keep the shots that read " + s.outcome());
        } else if (i instanceof Program.Barrier b) {
            List<String> names = new ArrayList<>();
            b.qubits().forEach(q -> names.add(qubit.apply(q)));
            out.add("barrier " + String.join(",", names) + ";");
        } else if (i instanceof Program.Conditional c) {
            for (String line : statements2(c.body(), qubit, clbit, used)) {
                // A condition that never holds is written as 2^size, the smallest value no register of that size holds.
                String value = c.value() == Program.Conditional.NEVER
                        ? java.math.BigInteger.ONE.shiftLeft(c.creg().size()).toString() : Long.toString(c.value());
                out.add("if(" + c.creg().name() + "==" + value + ") " + line);
            }
        }
        return out;
    }

    /** "name[i]" of the register holding global (qu)bit {@code index}. */
    private static String element(List<Program.Register> registers, int index) {
        for (Program.Register r : registers) {
            if (index >= r.offset() && index < r.offset() + r.size()) {
                return r.name() + "[" + (index - r.offset()) + "]";
            }
        }
        throw new IllegalArgumentException("no register holds bit " + index);
    }

    private static String line2(Operation op, Set<String> used, IntFunction<String> qubit) {
        Gate g = op.gate();
        int k = op.controls().size();
        List<Angle> angles = op.angles();
        String name = g.qasm2Name(k).orElse(null);
        if (name == null && k > 0 && g.phase().isPresent()) {
            // Controlled phase gates (S, T...) are controlled-P: written as cu1, read back as P.
            name = Gate.P.qasm2Name(k).orElse(null);
            angles = List.of(new Angle.Constant(g.phase().get()));
        }
        if (name == null) {
            throw new IllegalArgumentException("cannot write " + op + " in OpenQASM 2.0: " + g + " with " + k
                    + " control" + (k == 1 ? "" : "s") + " has no qelib1.inc form; export to OpenQASM 3.0 (toQasm3)"
                    + " instead, which writes ctrl @ modifiers");
        }
        needDefinition(name, used);
        List<String> texts = new ArrayList<>();
        Set<String> weights = new LinkedHashSet<>();
        for (Angle a : angles) {
            if (a instanceof Angle.Constant con) {
                texts.add(constantText(con, false));
            } else if (a instanceof Angle.Weight w) {
                texts.add(number(w.initial()));
                weights.add(w.name());
            } else {
                int index = a instanceof Angle.Input in ? in.index() : ((Angle.Product) a).indices().get(0);
                throw new IllegalArgumentException("cannot write " + op + " in OpenQASM 2.0: its angle " + a.text()
                        + " reads input feature x[" + index + "], and OpenQASM 2.0 has no inputs; export to"
                        + " OpenQASM 3.0 (toQasm3) instead, which declares them as input array[float[64], N] x");
            }
        }
        StringBuilder sb = new StringBuilder(name);
        if (!texts.isEmpty()) {
            sb.append('(').append(String.join(",", texts)).append(')');
        }
        List<String> names = new ArrayList<>();
        op.qubits().forEach(q -> names.add(qubit.apply(q)));
        sb.append(' ').append(String.join(",", names)).append(';');
        if (!weights.isEmpty()) {
            sb.append(" // weight").append(weights.size() > 1 ? "s " : " ").append(String.join(", ", weights));
        }
        return sb.toString();
    }

    /** Marks {@code name}, if the 2017 qelib1.inc lacks it, and every such gate its definition uses, as needing a definition. */
    private static void needDefinition(String name, Set<String> used) {
        if (QasmLibrary.QELIB1_2017.contains(name) || name.equals("U") || name.equals("CX") || !used.add(name)) {
            return;
        }
        String def = QasmLibrary.QELIB1_SOURCE.getOrDefault(name, QasmLibrary.EXTRA_SOURCE.get(name));
        if (def == null) {
            throw new IllegalStateException("OpenQASM 2.0 gate " + name + " is neither in qelib1.inc nor defined by its Gate entry");
        }
        for (String statement : def.substring(def.indexOf('{') + 1, def.lastIndexOf('}')).split(";")) {
            if (!statement.isBlank()) {
                needDefinition(statement.trim().split("[ (]")[0], used);
            }
        }
    }

    // ---- OpenQASM 3.0 ----

    static String toQasm3(Circuit c) {
        c.requireUnitary("OpenQASM 3.0 export (write OpenQASM 2.0 for measure, reset and if)");
        List<String> weights = c.weightNames();
        int inputs = c.inputCount();
        for (String w : weights) {
            if (QASM3_RESERVED.contains(w) || inputs > 0 && w.equals("x")) {
                throw new IllegalArgumentException("cannot write weight '" + w + "' in OpenQASM 3.0: its name clashes with"
                        + (w.equals("x") ? " the input array x" : " the OpenQASM 3.0 name " + w) + "; rename the weight");
            }
        }
        String reg = "q";
        for (String candidate : List.of("q", "qb", "qubits_")) {
            if (!weights.contains(candidate)) {
                reg = candidate;
                break;
            }
        }
        Set<String> used = new LinkedHashSet<>();
        StringBuilder body = new StringBuilder();
        for (Operation op : c.operations()) {
            body.append(line3(op, reg, used)).append('\n');
        }
        StringBuilder sb = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n");
        for (Map.Entry<String, String> def : QASM3_DEFINITIONS.entrySet()) {
            if (used.contains(def.getKey())) {
                sb.append(def.getValue()).append('\n');
            }
        }
        for (String w : weights) {
            sb.append("input float[64] ").append(w).append(";\n");
        }
        if (inputs > 0) {
            sb.append("input array[float[64], ").append(inputs).append("] x;\n");
        }
        sb.append("qubit[").append(c.qubits()).append("] ").append(reg).append(";\n").append(body);
        return sb.toString();
    }

    private static String line3(Operation op, String reg, Set<String> used) {
        Gate g = op.gate();
        int k = op.controls().size();
        String name = k == 0 ? null : g.qasm3Name(k).orElse(null);
        if (name == null) {
            String base = g.qasm3Name(0).orElseThrow();
            if (QASM3_DEFINITIONS.containsKey(base)) {
                used.add(base);
            }
            name = (k == 0 ? "" : k == 1 ? "ctrl @ " : "ctrl(" + k + ") @ ") + base;
        }
        StringBuilder sb = new StringBuilder(name);
        if (!op.angles().isEmpty()) {
            List<String> texts = new ArrayList<>();
            for (Angle a : op.angles()) {
                texts.add(a instanceof Angle.Constant con ? constantText(con, true) : a.text());
            }
            sb.append('(').append(String.join(", ", texts)).append(')');
        }
        sb.append(' ').append(qubits(op, reg, ", ")).append(';');
        return sb.toString();
    }

    // ---- shared ----

    private static String qubits(Operation op, String reg, String separator) {
        List<String> out = new ArrayList<>();
        for (int q : op.qubits()) {
            out.add(reg + "[" + q + "]");
        }
        return String.join(separator, out);
    }

    /**
     * A constant's text if it is an expression that evaluates to the constant's value (to 1e-12
     * relative), else the value itself ({@link #number}).
     */
    private static String constantText(Angle.Constant con, boolean qasm3) {
        try {
            QasmExpr e = QasmParser.constantExpression(con.text());
            double v = e.eval(new double[0]);
            if (v == con.value() || Math.abs(v - con.value()) <= 1e-12 * Math.max(1, Math.abs(con.value()))) {
                return qasm3 ? e.toQasm3() : e.text();
            }
        } catch (QasmException | ArithmeticException e) {
            // not an expression of its value: write the value
        }
        return number(con.value());
    }

    /** {@link AngleText#format} (pi/4, -3*pi/2...) when that reads back exactly, else the exact decimal. */
    static String number(double v) {
        String f = AngleText.format(v);
        try {
            if (Expressions.evaluate(f) == v) {
                return f;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the exact decimal
        }
        return QasmExpr.number(v);
    }
}
