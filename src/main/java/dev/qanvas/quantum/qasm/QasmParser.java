package dev.qanvas.quantum.qasm;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.AngleText;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Program;
import dev.qanvas.quantum.qasm.QasmLexer.Kind;
import dev.qanvas.quantum.qasm.QasmLexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenQASM 2.0 program statement by statement, executing each as it goes: registers are
 * joined in declaration order, gate calls are broadcast over registers and expanded into base
 * {@link Operation}s. Errors name the line and column of the offending token.
 */
final class QasmParser {

    /** A gate known to the program: builtin (U, CX), from qelib1.inc, or defined with {@code gate}. */
    static final class GateDef {
        final String name;
        final List<String> params;
        final List<String> args;
        final List<BodyCall> body;
        final int line;
        /** The base operations the gate maps to, or null to expand {@link #body}. */
        final QasmLibrary.Native nativeForm;
        /** Base operations one call emits, counted before anything is expanded (saturates at Long.MAX_VALUE). */
        final long operations;
        /** Gate calls one call expands through, itself included: bounds the work of gates that emit nothing. */
        final long calls;
        /** Defined by a {@code gate} statement of the file (not built in, not qelib1): noise counts its body's gates. */
        final boolean fromFile;

        GateDef(String name, List<String> params, List<String> args, List<BodyCall> body, int line,
                QasmLibrary.Native nativeForm) {
            this(name, params, args, body, line, nativeForm, false);
        }

        GateDef(String name, List<String> params, List<String> args, List<BodyCall> body, int line,
                QasmLibrary.Native nativeForm, boolean fromFile) {
            this.fromFile = fromFile;
            this.name = name;
            this.params = List.copyOf(params);
            this.args = List.copyOf(args);
            this.body = List.copyOf(body);
            this.line = line;
            this.nativeForm = nativeForm;
            long ops = nativeForm != null ? 1 : 0;
            long n = 1;
            if (nativeForm == null) {
                for (BodyCall c : body) {
                    ops = saturatedAdd(ops, c.gate().operations);
                    n = saturatedAdd(n, c.gate().calls);
                }
            }
            this.operations = ops;
            this.calls = n;
        }

        /** The definition with names of parameters and arguments, spacing and comments abstracted away. */
        String signature() {
            StringBuilder sb = new StringBuilder();
            sb.append(params.size()).append('/').append(args.size()).append(':');
            for (BodyCall c : body) {
                sb.append(c.gate().name).append('(');
                for (int k = 0; k < c.params().size(); k++) {
                    sb.append(k > 0 ? "," : "").append(c.params().get(k).canonical());
                }
                sb.append(')');
                for (int a : c.args()) {
                    sb.append(' ').append(a);
                }
                sb.append(';');
            }
            return sb.toString();
        }
    }

    /** One statement of a gate body: a gate applied to some of the enclosing gate's arguments. */
    record BodyCall(GateDef gate, List<QasmExpr> params, int[] args) {
    }

    private record Register(String name, int size, int offset, boolean quantum, int line) {
        Program.Register value() {
            return new Program.Register(name, size, offset);
        }
    }

    /** A register argument: a whole register ({@code index == -1}) or one of its elements. */
    private record Arg(Register reg, int index, Token at) {
    }

    private static final GateDef BUILTIN_U = new GateDef("U", List.of("theta", "phi", "lambda"), List.of("q"),
            List.of(), 0, QasmLibrary.NATIVE.get("U"));
    private static final GateDef BUILTIN_CX = new GateDef("CX", List.of(), List.of("c", "t"), List.of(), 0,
            QasmLibrary.NATIVE.get("CX"));

    /** Statements that may not appear inside a gate body. */
    private static final Set<String> NOT_IN_BODY = Set.of("measure", "reset", "if", "opaque", "gate", "qreg",
            "creg", "include", "OPENQASM");

    /**
     * The most base operations a file may expand to. Each takes about 100 bytes, so the limit keeps
     * a circuit under about 100 MB; a million gates is far beyond what a circuit drawn, trained or
     * simulated here has (the largest QASMBench circuit in the conformance suite has 2,000).
     */
    static final int MAX_OPERATIONS = 1_000_000;

    /** The most gate calls one call may expand through (gates with empty bodies emit nothing but still cost). */
    static final long MAX_GATE_CALLS = 10_000_000;

    private final List<Token> toks;
    private int p;
    private final boolean libraryMode;
    private final Map<String, GateDef> libraryScope;

    private final Map<String, GateDef> userDefs = new LinkedHashMap<>();
    private boolean qelib1Included;
    private final Map<String, Register> registers = new LinkedHashMap<>();
    private final List<Register> qregs = new ArrayList<>();
    private int qubitCount;
    /** Global qubit -> line of its first measurement. */
    private final Map<Integer, Integer> measuredAt = new HashMap<>();
    private final List<Operation> ops = new ArrayList<>();
    /** Reading a program (measure, reset and if kept as instructions) rather than a unitary circuit. */
    private boolean programMode;
    private final List<Register> cregs = new ArrayList<>();
    private int clbitCount;
    private final List<Program.Instruction> instructions = new ArrayList<>();
    /** Top-level measure and barrier statements read (the circuit keeps neither). */

    private QasmParser(List<Token> toks, boolean libraryMode, Map<String, GateDef> libraryScope) {
        this.toks = toks;
        this.libraryMode = libraryMode;
        this.libraryScope = libraryScope;
    }

    static Circuit parse(String text) throws QasmException {
        return new QasmParser(QasmLexer.tokenize(text), false, Map.of()).program();
    }

    /** Parses a program: measure, reset, if and barrier kept as instructions, gates grouped as called. */
    static Program parseProgram(String text) throws QasmException {
        QasmParser parser = new QasmParser(QasmLexer.tokenize(text), false, Map.of());
        parser.programMode = true;
        Circuit c = parser.program();
        List<Program.Register> qs = new ArrayList<>();
        parser.qregs.forEach(r -> qs.add(r.value()));
        List<Program.Register> cs = new ArrayList<>();
        parser.cregs.forEach(r -> cs.add(r.value()));
        return new Program(c.qubits(), qs, cs, parser.instructions);
    }

    /** Parses a sequence of gate definitions (the built-in library), attaching native forms by name. */
    static Map<String, GateDef> parseLibrary(String text, Map<String, GateDef> scope) {
        QasmParser parser = new QasmParser(QasmLexer.tokenize(text), true, scope);
        try {
            while (parser.peek().kind() != Kind.EOF) {
                parser.gateDefinition();
            }
        } catch (QasmException e) {
            throw new IllegalStateException("built-in gate library: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(parser.userDefs);
    }

    /**
     * {@code text} as one constant parameter expression (the angle editor's grammar is the file's).
     *
     * @throws QasmException at the first problem, with its column in {@code text}
     */
    static QasmExpr constantExpression(String text) throws QasmException {
        QasmParser parser = new QasmParser(QasmLexer.tokenize(text), false, Map.of());
        QasmExpr e = parser.expression(null, null);
        Token end = parser.peek();
        if (end.kind() != Kind.EOF) {
            throw found(end, "an operator or the end of the expression");
        }
        return e;
    }

    // ---- program ----

    private Circuit program() throws QasmException {
        Token t = peek();
        if (!t.is("OPENQASM")) {
            throw found(t, "'OPENQASM 2.0;' at the start of the file");
        }
        p++;
        Token v = peek();
        if (!v.isNumber()) {
            throw found(v, "a version number (2.0)");
        }
        if (!v.text().equals("2.0") && !v.text().equals("2")) {
            throw new QasmException(v.line(), v.column(), "found OpenQASM version " + v.text()
                    + "; expected version 2.0 (OpenQASM " + v.text() + " files cannot be imported)");
        }
        p++;
        expect(";", "';' after OPENQASM 2.0");
        while (peek().kind() != Kind.EOF) {
            statement();
        }
        if (qubitCount == 0) {
            throw found(peek(), "at least one qreg declaration (the file declares no qubits)");
        }
        return new Circuit(qubitCount, ops);
    }

    private void statement() throws QasmException {
        Token t = peek();
        if (t.kind() != Kind.ID) {
            throw found(t, "a statement (include, qreg, creg, gate, a gate call, measure or barrier)");
        }
        switch (t.text()) {
            case "include":
                include();
                break;
            case "qreg":
            case "creg":
                register();
                break;
            case "gate":
                gateDefinition();
                break;
            case "measure":
                measure();
                break;
            case "barrier":
                barrier();
                break;
            case "opaque":
                throw unsupported(t, "opaque gate declarations are not supported: Qanvas needs the definition of every gate");
            case "reset":
                if (!programMode) {
                    throw unsupported(t, "reset is not supported: Qanvas imports unitary circuits (with measurements only at"
                            + " the end)");
                }
                reset();
                break;
            case "if":
                if (!programMode) {
                    throw unsupported(t, "if (a classically controlled operation) is not supported: Qanvas imports unitary"
                            + " circuits (with measurements only at the end)");
                }
                conditional();
                break;
            case "OPENQASM":
                throw found(t, "a statement (OPENQASM may only appear once, at the start of the file)");
            default:
                gateCall();
        }
    }

    private void include() throws QasmException {
        p++;
        Token f = peek();
        if (f.kind() != Kind.STRING) {
            throw found(f, "a file name in double quotes");
        }
        p++;
        if (!f.text().equals("qelib1.inc")) {
            throw found(f, "\"qelib1.inc\" (the only include file Qanvas knows; it reads no other files)");
        }
        expect(";", "';'");
        qelib1Included = true;
    }

    private void register() throws QasmException {
        boolean quantum = peek().is("qreg");
        p++;
        Token name = identifier("a register name");
        Register old = registers.get(name.text());
        if (old != null) {
            throw found(name, "a new register name ('" + name.text() + "' is already declared at line " + old.line() + ")");
        }
        expect("[", "'['");
        Token sizeTok = peek();
        if (sizeTok.kind() != Kind.INT) {
            throw found(sizeTok, "the register size (a whole number)");
        }
        p++;
        int size = intValue(sizeTok);
        if (size < 1) {
            throw found(sizeTok, "a register size of at least 1");
        }
        expect("]", "']'");
        expect(";", "';'");
        if (quantum) {
            if (size > Circuit.MAX_QUBITS - qubitCount) {
                throw new QasmException(sizeTok.line(), sizeTok.column(), "found qreg " + name.text() + "[" + sizeTok.text()
                        + "], which makes " + ((long) qubitCount + size) + " qubits in all; expected at most "
                        + Circuit.MAX_QUBITS + " qubits in total");
            }
            Register r = new Register(name.text(), size, qubitCount, true, name.line());
            registers.put(r.name(), r);
            qregs.add(r);
            qubitCount += size;
        } else {
            if (programMode && size > Program.MAX_CLBITS - clbitCount) {
                throw new QasmException(sizeTok.line(), sizeTok.column(), "found creg " + name.text() + "[" + sizeTok.text()
                        + "], which makes " + ((long) clbitCount + size) + " classical bits in all; expected at most "
                        + Program.MAX_CLBITS + " classical bits in total");
            }
            Register r = new Register(name.text(), size, clbitCount, false, name.line());
            registers.put(name.text(), r);
            cregs.add(r);
            clbitCount += size;
        }
    }

    private void measure() throws QasmException {
        Token kw = peek();
        p++;
        Arg q = arg(true);
        expect("->", "'->'");
        Arg c = arg(false);
        expect(";", "';'");
        if (q.index() < 0 && c.index() >= 0) {
            throw found(c.at(), "a whole creg of size " + q.reg().size() + " to measure all of qreg " + q.reg().name()
                    + " (found the single bit " + c.reg().name() + "[" + c.index() + "])");
        }
        if (q.index() >= 0 && c.index() < 0) {
            throw found(c.at(), "a single bit such as " + c.reg().name() + "[0] to measure the single qubit "
                    + qubitName(q.reg().offset() + q.index()));
        }
        if (q.index() < 0 && q.reg().size() != c.reg().size()) {
            throw found(c.at(), "a creg of size " + q.reg().size() + " to measure qreg " + q.reg().name()
                    + " (creg " + c.reg().name() + " has size " + c.reg().size() + ")");
        }
        if (q.index() < 0) {
            for (int i = 0; i < q.reg().size(); i++) {
                measuredAt.putIfAbsent(q.reg().offset() + i, kw.line());
                add(new Program.Measure(q.reg().offset() + i, c.reg().offset() + i), kw);
            }
        } else {
            measuredAt.putIfAbsent(q.reg().offset() + q.index(), kw.line());
            add(new Program.Measure(q.reg().offset() + q.index(), c.reg().offset() + c.index()), kw);
        }
    }

    /** {@code reset q;} or {@code reset q[i];} (program mode). */
    private void reset() throws QasmException {
        Token kw = peek();
        p++;
        Arg q = arg(true);
        expect(";", "';'");
        int from = q.index() < 0 ? 0 : q.index();
        int to = q.index() < 0 ? q.reg().size() : q.index() + 1;
        for (int i = from; i < to; i++) {
            add(new Program.Reset(q.reg().offset() + i), kw);
        }
    }

    /** {@code if(creg==value) qop} (program mode): each instruction the operation makes, conditioned. */
    private void conditional() throws QasmException {
        p++;
        expect("(", "'(' after if");
        Arg c = arg(false);
        if (c.index() >= 0) {
            throw found(c.at(), "a whole creg (OpenQASM 2.0 compares a register's value; found the bit "
                    + c.reg().name() + "[" + c.index() + "])");
        }
        expect("==", "'==' (OpenQASM 2.0 conditions compare a creg with a whole number)");
        Token v = peek();
        if (v.kind() != Kind.INT) {
            throw found(v, "a whole number to compare creg " + c.reg().name() + " with");
        }
        p++;
        long value;
        try {
            value = Long.parseLong(v.text());
        } catch (NumberFormatException e) {
            value = Program.Conditional.NEVER; // beyond a long: no register of at most 63 bits holds it
        }
        expect(")", "')'");
        Token op = peek();
        boolean quantumOperation = op.kind() == Kind.ID && (op.is("measure") || op.is("reset")
                || !op.is("barrier") && !NOT_IN_BODY.contains(op.text()));
        if (!quantumOperation) {
            throw found(op, "a gate call, measure or reset after if(...)");
        }
        int from = instructions.size();
        statement();
        for (int k = from; k < instructions.size(); k++) {
            instructions.set(k, new Program.Conditional(c.reg().value(), value, instructions.get(k)));
        }
    }

    private void barrier() throws QasmException {
        Token kw = peek();
        p++;
        List<Arg> args = new ArrayList<>();
        args.add(arg(true));
        while (eat(",")) {
            args.add(arg(true));
        }
        expect(";", "',' or ';'");
        List<Integer> qubits = new ArrayList<>();
        for (Arg a : args) {
            for (int i = a.index() < 0 ? 0 : a.index(); i < (a.index() < 0 ? a.reg().size() : a.index() + 1); i++) {
                qubits.add(a.reg().offset() + i);
            }
        }
        if (programMode) {
            add(new Program.Barrier(qubits), kw);
        }
    }

    // ---- gate calls ----

    private void gateCall() throws QasmException {
        Token nameTok = peek();
        p++;
        GateDef g = lookup(nameTok.text());
        if (g == null) {
            throw unknownGate(nameTok);
        }
        List<QasmExpr> exprs = peek().is("(") ? expressionList(null, null) : List.of();
        List<Arg> args = new ArrayList<>();
        args.add(arg(true));
        while (eat(",")) {
            args.add(arg(true));
        }
        expect(";", "',' or ';'");
        checkCounts(nameTok, g, exprs.size(), args.size());

        double[] values = new double[exprs.size()];
        List<Angle> angles = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            QasmExpr e = exprs.get(k);
            try {
                values[k] = e.eval(new double[0]);
            } catch (QasmExpr.Undefined u) {
                throw new QasmException(u.line, u.column, "the angle " + e.text() + " is undefined: " + u.getMessage());
            }
            if (!Double.isFinite(values[k])) {
                throw found(e.first(), "a finite angle (" + e.text() + " is " + values[k] + ")");
            }
            angles.add(new Angle.Constant(values[k], e.text()));
        }

        // Broadcasting: registers of one size n give n applications; single qubits repeat.
        int n = -1;
        Arg sizer = null;
        for (Arg a : args) {
            if (a.index() < 0) {
                if (n < 0) {
                    n = a.reg().size();
                    sizer = a;
                } else if (a.reg().size() != n) {
                    throw found(a.at(), "a register of size " + n + " like " + sizer.reg().name() + " (qreg "
                            + a.reg().name() + " has size " + a.reg().size() + "; registers in one call must have equal sizes)");
                }
            }
        }
        n = Math.max(n, 1);
        requireWithinLimits(g, n, nameTok);
        for (int i = 0; i < n; i++) {
            int[] q = new int[args.size()];
            for (int j = 0; j < q.length; j++) {
                Arg a = args.get(j);
                q[j] = a.reg().offset() + (a.index() < 0 ? i : a.index());
                for (int k = 0; k < j; k++) {
                    if (q[k] == q[j]) {
                        throw found(a.at(), "distinct qubits (" + qubitName(q[j]) + " is used twice in one call of "
                                + g.name + ")");
                    }
                }
            }
            if (programMode) {
                expandGrouped(g, values, angles, q, nameTok);
                continue;
            }
            for (int qubit : q) {
                Integer line = measuredAt.get(qubit);
                if (line != null) {
                    throw new QasmException(nameTok.line(), nameTok.column(), "mid-circuit measurement of "
                            + qubitName(qubit) + " at line " + line + " is not supported: " + g.name + " acts on "
                            + qubitName(qubit) + " after it is measured (Qanvas measures only at the end of a circuit)");
                }
            }
            expand(g, values, angles, q, nameTok);
        }
    }

    private void checkCounts(Token at, GateDef g, int params, int args) throws QasmException {
        if (params != g.params.size()) {
            throw found(at, count(g.params.size(), "parameter") + " for " + g.name + " (found "
                    + count(params, "parameter") + ")");
        }
        if (args != g.args.size()) {
            throw found(at, count(g.args.size(), "qubit argument") + " for " + g.name + " (found "
                    + count(args, "qubit argument") + ")");
        }
    }

    /**
     * Refuses a call whose expansion would pass {@link #MAX_OPERATIONS} operations in the circuit or
     * {@link #MAX_GATE_CALLS} nested calls, from sizes counted when the gates were defined: a
     * 1 KB file whose gates each call the previous one twice would otherwise expand for ever.
     */
    private void requireWithinLimits(GateDef g, int applications, Token at) throws QasmException {
        long operations = saturatedMultiply(applications, g.operations);
        if (saturatedAdd(ops.size(), operations) > MAX_OPERATIONS) {
            String what = applications == 1 ? "gate " + g.name : applications + " applications of gate " + g.name;
            throw new QasmException(at.line(), at.column(), what + " expand" + (applications == 1 ? "s" : "") + " to "
                    + quantity(operations) + " operations, which with the " + quantity(ops.size())
                    + " before it passes the limit of " + quantity(MAX_OPERATIONS) + " operations in a circuit");
        }
        long calls = saturatedMultiply(applications, g.calls);
        if (calls > MAX_GATE_CALLS) {
            throw new QasmException(at.line(), at.column(), "gate " + g.name + " expands through " + quantity(calls)
                    + " nested gate calls (limit " + quantity(MAX_GATE_CALLS) + ")");
        }
    }

    /** One gate body being expanded: the next statement to expand, with the call's values and qubits. */
    private static final class Frame {
        final GateDef gate;
        final double[] values;
        final int[] qubits;
        int next;

        Frame(GateDef gate, double[] values, int[] qubits) {
            this.gate = gate;
            this.values = values;
            this.qubits = qubits;
        }
    }

    /** Expands one application into base operations, with an explicit stack (gates may nest deeply). */
    private void expand(GateDef g, double[] values, List<Angle> angles, int[] q, Token at) throws QasmException {
        if (g.nativeForm != null) {
            g.nativeForm.emit(angles, q, ops);
            return;
        }
        walk(g, values, q, at, d -> d.nativeForm == null, (d, v, a, qq) -> d.nativeForm.emit(a, qq, ops));
    }

    /**
     * Expands one application into program instructions, one {@link Program.Apply} per gate as
     * noise counts them: a built-in or qelib1 gate is one gate whatever it expands to; a gate
     * defined in the file is the gates of its body, recursively.
     */
    private void expandGrouped(GateDef g, double[] values, List<Angle> angles, int[] q, Token at) throws QasmException {
        if (!g.fromFile) {
            emitApply(g, values, angles, q, at);
            return;
        }
        walk(g, values, q, at, d -> d.fromFile, (d, v, a, qq) -> emitApply(d, v, a, qq, at));
    }

    /** What a body walk does with a gate it does not descend into. */
    private interface Leaf {
        void call(GateDef gate, double[] values, List<Angle> angles, int[] qubits) throws QasmException;
    }

    /**
     * Walks the body of {@code g} depth first with an explicit stack (gates may nest deeply),
     * descending into the gates {@code descend} accepts and handing every other call to {@code leaf}.
     */
    private static void walk(GateDef g, double[] values, int[] q, Token at, java.util.function.Predicate<GateDef> descend,
            Leaf leaf) throws QasmException {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(g, values, q));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next == f.gate.body.size()) {
                stack.pop();
                continue;
            }
            BodyCall c = f.gate.body.get(f.next++);
            double[] v = bodyValues(c, f, at);
            int[] qq = new int[c.args().length];
            for (int k = 0; k < qq.length; k++) {
                qq[k] = f.qubits[c.args()[k]];
            }
            if (descend.test(c.gate())) {
                stack.push(new Frame(c.gate(), v, qq));
            } else {
                leaf.call(c.gate(), v, bodyAngles(c, v), qq);
            }
        }
    }

    /** One gate: its operations (expanded as for a circuit) as one instruction. */
    private void emitApply(GateDef g, double[] values, List<Angle> angles, int[] q, Token at) throws QasmException {
        int start = ops.size();
        if (g.nativeForm != null) {
            g.nativeForm.emit(angles, q, ops);
        } else {
            expand(g, values, angles, q, at);
        }
        List<Integer> qubits = new ArrayList<>();
        for (int x : q) {
            qubits.add(x);
        }
        add(new Program.Apply(g.name, qubits, ops.subList(start, ops.size())), at);
    }

    /** Adds an instruction; a program has at most {@link #MAX_OPERATIONS} (broadcast statements make many from little text). */
    private void add(Program.Instruction i, Token at) throws QasmException {
        if (instructions.size() >= MAX_OPERATIONS) {
            throw new QasmException(at.line(), at.column(), "the program passes the limit of " + quantity(MAX_OPERATIONS)
                    + " instructions (gates, measurements, resets and barriers)");
        }
        instructions.add(i);
    }

    /** The values of a body call's parameters in frame {@code f}; errors name the top-level call. */
    private static double[] bodyValues(BodyCall c, Frame f, Token at) throws QasmException {
        double[] v = new double[c.params().size()];
        for (int k = 0; k < v.length; k++) {
            QasmExpr e = c.params().get(k);
            try {
                v[k] = e.eval(f.values);
            } catch (QasmExpr.Undefined u) {
                throw new QasmException(at.line(), at.column(), "this call of " + at.text() + " gives "
                        + c.gate().name + " the angle " + e.text() + " in the body of gate " + f.gate.name
                        + ", which is undefined: " + u.getMessage());
            }
            if (!Double.isFinite(v[k])) {
                throw new QasmException(at.line(), at.column(), "this call of " + at.text() + " gives "
                        + c.gate().name + " the angle " + e.text() + " = " + v[k] + " in the body of gate "
                        + f.gate.name + "; expected finite angles");
            }
        }
        return v;
    }

    private static List<Angle> bodyAngles(BodyCall c, double[] v) {
        List<Angle> a = new ArrayList<>(v.length);
        for (int k = 0; k < v.length; k++) {
            QasmExpr e = c.params().get(k);
            a.add(new Angle.Constant(v[k], e.usesParams() ? AngleText.format(v[k]) : e.text()));
        }
        return a;
    }

    /** A register or register element: a qreg if {@code quantum}, else a creg. */
    private Arg arg(boolean quantum) throws QasmException {
        String kind = quantum ? "qreg" : "creg";
        Token name = identifier(quantum ? "a qubit register name" : "a classical register name");
        Register r = registers.get(name.text());
        if (r == null) {
            throw found(name, "a " + kind + " declared earlier ('" + name.text() + "' is not declared)");
        }
        if (r.quantum() != quantum) {
            throw found(name, "a " + kind + " ('" + name.text() + "' is a " + (r.quantum() ? "qreg" : "creg") + ")");
        }
        int index = -1;
        if (eat("[")) {
            Token i = peek();
            if (i.kind() != Kind.INT) {
                throw found(i, "an index (a whole number)");
            }
            p++;
            index = intValue(i);
            if (index >= r.size()) {
                throw found(i, "an index from 0 to " + (r.size() - 1) + " (" + kind + " " + r.name() + " has size "
                        + r.size() + ")");
            }
            expect("]", "']'");
        }
        return new Arg(r, index, name);
    }

    // ---- gate definitions ----

    private void gateDefinition() throws QasmException {
        Token kw = peek();
        if (!kw.is("gate")) {
            throw found(kw, "'gate'");
        }
        p++;
        Token nameTok = identifier("a gate name");
        String name = nameTok.text();
        List<String> params = new ArrayList<>();
        if (eat("(")) {
            if (!peek().is(")")) {
                do {
                    Token t = identifier("a parameter name");
                    if (params.contains(t.text())) {
                        throw found(t, "a new parameter name ('" + t.text() + "' is already a parameter of " + name + ")");
                    }
                    params.add(t.text());
                } while (eat(","));
            }
            expect(")", "',' or ')'");
        }
        List<String> args = new ArrayList<>();
        do {
            Token t = identifier("a qubit argument name");
            if (args.contains(t.text())) {
                throw found(t, "a new argument name ('" + t.text() + "' is already an argument of " + name + ")");
            }
            args.add(t.text());
        } while (eat(","));
        Token open = expect("{", "',' or '{'");

        List<BodyCall> body = new ArrayList<>();
        while (!peek().is("}")) {
            Token t = peek();
            if (t.kind() == Kind.EOF) {
                throw found(t, "'}' to close the body of gate " + name + " (opened at line " + open.line() + ")");
            }
            if (t.kind() != Kind.ID) {
                throw found(t, "a gate call, barrier or '}' in the body of gate " + name);
            }
            if (t.is("barrier")) {
                p++;
                bodyArgs(args, name, false);
                expect(";", "',' or ';'");
                continue;
            }
            if (NOT_IN_BODY.contains(t.text())) {
                throw found(t, "a gate call or barrier (gate bodies are unitary; '" + t.text()
                        + "' cannot appear in the body of gate " + name + ")");
            }
            p++;
            GateDef callee = lookup(t.text());
            if (callee == null) {
                if (t.text().equals(name)) {
                    throw found(t, "a gate defined before " + name + " (a gate cannot call itself)");
                }
                throw unknownGate(t);
            }
            List<QasmExpr> exprs = peek().is("(") ? expressionList(params, name) : List.of();
            int[] a = bodyArgs(args, name, true);
            expect(";", "',' or ';'");
            checkCounts(t, callee, exprs.size(), a.length);
            body.add(new BodyCall(callee, exprs, a));
        }
        p++; // '}'

        if (name.equals("U") || name.equals("CX")) {
            throw found(nameTok, "a gate name other than U and CX, which are built in");
        }
        GateDef old = userDefs.get(name);
        if (old != null) {
            throw found(nameTok, "a new gate name (gate " + name + " is already defined at line " + old.line + ")");
        }
        GateDef def;
        if (libraryMode) {
            def = new GateDef(name, params, args, body, nameTok.line(), QasmLibrary.NATIVE.get(name));
        } else {
            def = new GateDef(name, params, args, body, nameTok.line(), null, true);
            GateDef canon = QasmLibrary.qelib1().getOrDefault(name, QasmLibrary.extras().get(name));
            if (canon != null && canon.signature().equals(def.signature())) {
                // Defined exactly as qelib1 (or Qanvas's exporter) defines it: keep the base gate.
                def = new GateDef(name, params, args, body, nameTok.line(), canon.nativeForm, true);
            } else if (qelib1Included && QasmLibrary.QELIB1_2017.contains(name)) {
                throw found(nameTok, "a new gate name (" + name + " is defined in qelib1.inc; only gates added to"
                        + " qelib1.inc after 2017, such as sx or rzz, may be redefined)");
            }
        }
        userDefs.put(name, def);
    }

    /** Arguments of a call or barrier inside a gate body: the gate's own argument names, without indices. */
    private int[] bodyArgs(List<String> args, String gate, boolean distinct) throws QasmException {
        List<Integer> out = new ArrayList<>();
        do {
            Token t = identifier("an argument of gate " + gate + " (" + String.join(", ", args) + ")");
            int index = args.indexOf(t.text());
            if (index < 0) {
                throw found(t, "an argument of gate " + gate + " (" + String.join(", ", args) + ")");
            }
            if (peek().is("[")) {
                throw found(peek(), "',' or ';' (inside a gate body, qubits are the gate's argument names, without indices)");
            }
            if (distinct && out.contains(index)) {
                throw found(t, "distinct qubits ('" + t.text() + "' is used twice in one call)");
            }
            out.add(index);
        } while (eat(","));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private GateDef lookup(String name) {
        GateDef d = userDefs.get(name);
        if (d != null) {
            return d;
        }
        if (name.equals("U")) {
            return BUILTIN_U;
        }
        if (name.equals("CX")) {
            return BUILTIN_CX;
        }
        if (libraryMode) {
            return libraryScope.get(name);
        }
        return qelib1Included ? QasmLibrary.qelib1().get(name) : null;
    }

    private QasmException unknownGate(Token t) {
        if (!qelib1Included && !libraryMode && QasmLibrary.qelib1().containsKey(t.text())) {
            return found(t, "a gate defined earlier (" + t.text() + " is in qelib1.inc: add include \"qelib1.inc\";"
                    + " after the OPENQASM line)");
        }
        return new QasmException(t.line(), t.column(), "found unknown gate " + t.describe()
                + "; expected a qelib1.inc gate, U, CX or a gate defined earlier with 'gate'");
    }

    // ---- expressions ----

    /** {@code ( expr, ... )}; names of {@code params} are allowed when not null (inside gate {@code gate}). */
    private List<QasmExpr> expressionList(List<String> params, String gate) throws QasmException {
        expect("(", "'('");
        List<QasmExpr> out = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                out.add(expression(params, gate));
            } while (eat(","));
        }
        expect(")", "',' or ')'");
        return out;
    }

    private QasmExpr expression(List<String> params, String gate) throws QasmException {
        int start = p;
        QasmExpr.Node n = operatorPrecedence(params, gate);
        StringBuilder text = new StringBuilder(toks.get(start).text());
        for (int k = start + 1; k < p; k++) {
            Token t = toks.get(k);
            text.append(t.spaceBefore() ? " " : "").append(t.text());
        }
        return new QasmExpr(n, text.toString(), toks.get(start));
    }

    // Binding powers as in Qiskit's qasm2 parser: an operator on the stack is applied before a new
    // binary operator when its right power exceeds the new one's left power. Left-associative
    // operators have right > left, the right-associative ^ has left > right; unary - and + sit
    // between * / and ^, so -2^2 is -(2^2) and 2*-3 is 2*(-3).
    private static final int PREFIX_POWER = 5;

    private static int leftPower(char op) {
        return op == '+' || op == '-' ? 1 : op == '*' || op == '/' ? 3 : 8;
    }

    private static int rightPower(char op) {
        return op == '+' || op == '-' ? 2 : op == '*' || op == '/' ? 4 : 7;
    }

    /** An operator or bracket waiting for its operands; brackets ('(' and 'f' for a function call) have power 0. */
    private record Pending(char kind, Token at, int rightPower) {
    }

    /**
     * One expression, read with explicit stacks instead of recursion, so that no nesting in a file
     * (a thousand parentheses, 50,000 unary minuses) can overflow the thread's stack. It ends at the
     * first token that cannot continue it outside all brackets (',' or ')' of the parameter list).
     */
    private QasmExpr.Node operatorPrecedence(List<String> params, String gate) throws QasmException {
        List<Pending> pending = new ArrayList<>();
        List<QasmExpr.Node> values = new ArrayList<>();
        int open = 0;
        while (true) {
            // An operand, after any prefix operators, parentheses and function names.
            Token t = peek();
            if (t.is("(")) {
                p++;
                pending.add(new Pending('(', t, 0));
                open++;
                continue;
            }
            if (t.is("-") || t.is("+")) {
                p++;
                pending.add(new Pending(t.text().equals("-") ? 'u' : 'p', t, PREFIX_POWER));
                continue;
            }
            if (t.kind() == Kind.ID && QasmExpr.FUNCTIONS.contains(t.text())) {
                if (!peek(1).is("(")) {
                    throw found(peek(1), "'(' after " + t.text());
                }
                p += 2;
                pending.add(new Pending('f', t, 0));
                open++;
                continue;
            }
            values.add(operand(params, gate));
            // Binary operators and closing parentheses.
            while (true) {
                Token o = peek();
                char op = o.kind() == Kind.SYMBOL && o.text().length() == 1 && "+-*/^".indexOf(o.text().charAt(0)) >= 0
                        ? o.text().charAt(0) : 0;
                if (op != 0) {
                    p++;
                    reduce(pending, values, leftPower(op));
                    pending.add(new Pending(op, o, rightPower(op)));
                    break;
                }
                if (open > 0 && o.is(")")) {
                    p++;
                    reduce(pending, values, 0);
                    Pending bracket = pending.remove(pending.size() - 1);
                    open--;
                    if (bracket.kind() == 'f') {
                        int last = values.size() - 1;
                        values.set(last, new QasmExpr.Fn(bracket.at().text(), values.get(last), bracket.at().line(),
                                bracket.at().column()));
                    }
                    continue;
                }
                if (open > 0) {
                    throw found(o, "an operator or ')'");
                }
                reduce(pending, values, 0);
                return values.get(0);
            }
        }
    }

    /** Applies pending operators whose right power exceeds {@code power} (never a bracket). */
    private static void reduce(List<Pending> pending, List<QasmExpr.Node> values, int power) {
        while (!pending.isEmpty() && pending.get(pending.size() - 1).rightPower() > power) {
            Pending top = pending.remove(pending.size() - 1);
            int last = values.size() - 1;
            switch (top.kind()) {
                case 'u':
                    values.set(last, new QasmExpr.Neg(values.get(last)));
                    break;
                case 'p':
                    break;
                default:
                    QasmExpr.Node right = values.remove(last);
                    values.set(last - 1, new QasmExpr.Bin(top.kind(), values.get(last - 1), right, top.at().line(),
                            top.at().column()));
            }
        }
    }

    /** A number, pi or (inside a gate body) a parameter of the gate. */
    private QasmExpr.Node operand(List<String> params, String gate) throws QasmException {
        Token t = peek();
        if (t.isNumber()) {
            p++;
            return new QasmExpr.Num(Double.parseDouble(t.text()));
        }
        if (t.kind() == Kind.ID) {
            if (t.text().equals("pi")) {
                p++;
                return new QasmExpr.Pi();
            }
            int index = params == null ? -1 : params.indexOf(t.text());
            if (index >= 0) {
                p++;
                return new QasmExpr.Param(index, t.text());
            }
        }
        String names = params == null || params.isEmpty() ? ""
                : ", a parameter of gate " + gate + " (" + String.join(", ", params) + ")";
        throw found(t, "a number, pi, a function (sin, cos, tan, exp, ln, sqrt)" + names + " or '('");
    }

    // ---- tokens ----

    private Token peek() throws QasmException {
        return peek(0);
    }

    private Token peek(int ahead) throws QasmException {
        Token t = toks.get(Math.min(p + ahead, toks.size() - 1));
        if (t.kind() == Kind.ERROR) {
            throw new QasmException(t.line(), t.column(), t.text());
        }
        return t;
    }

    private boolean eat(String symbol) throws QasmException {
        if (peek().is(symbol)) {
            p++;
            return true;
        }
        return false;
    }

    private Token expect(String symbol, String expected) throws QasmException {
        Token t = peek();
        if (!t.is(symbol)) {
            throw found(t, expected);
        }
        p++;
        return t;
    }

    private Token identifier(String expected) throws QasmException {
        Token t = peek();
        if (t.kind() != Kind.ID) {
            throw found(t, expected);
        }
        p++;
        return t;
    }

    private static int intValue(Token t) {
        String digits = t.text().replaceFirst("^0+(?=.)", "");
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private String qubitName(int global) {
        for (Register r : qregs) {
            if (global >= r.offset() && global < r.offset() + r.size()) {
                return r.name() + "[" + (global - r.offset()) + "]";
            }
        }
        return "qubit " + global;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatedMultiply(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    /** 1,200,000 up to ten million, 1.1e12 above (Long.MAX_VALUE, the saturated count, reads "more than 9.2e18"). */
    static String quantity(long n) {
        if (n == Long.MAX_VALUE) {
            return "more than 9.2e18";
        }
        return n <= 10_000_000 ? String.format("%,d", n) : String.format("%.1e", (double) n).replaceFirst("e\\+0*", "e");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static QasmException found(Token t, String expected) {
        return new QasmException(t.line(), t.column(), "found " + t.describe() + "; expected " + expected);
    }

    private static QasmException unsupported(Token t, String what) {
        return new QasmException(t.line(), t.column(), what);
    }
}
