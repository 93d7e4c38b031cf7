package dev.qanvas.quantum;

import dev.qanvas.quantum.QasmLexer.Kind;
import dev.qanvas.quantum.QasmLexer.Token;
import java.util.ArrayList;
import java.util.Collections;
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

        GateDef(String name, List<String> params, List<String> args, List<BodyCall> body, int line,
                QasmLibrary.Native nativeForm) {
            this.name = name;
            this.params = List.copyOf(params);
            this.args = List.copyOf(args);
            this.body = List.copyOf(body);
            this.line = line;
            this.nativeForm = nativeForm;
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

    private QasmParser(List<Token> toks, boolean libraryMode, Map<String, GateDef> libraryScope) {
        this.toks = toks;
        this.libraryMode = libraryMode;
        this.libraryScope = libraryScope;
    }

    static Circuit parse(String text) throws QasmException {
        return new QasmParser(QasmLexer.tokenize(text), false, Map.of()).program();
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

    /** {@code text} as one constant parameter expression, or null if it is not one. */
    static QasmExpr constantExpression(String text) {
        QasmParser parser = new QasmParser(QasmLexer.tokenize(text), false, Map.of());
        try {
            QasmExpr e = parser.expression(null, null);
            return parser.peek().kind() == Kind.EOF ? e : null;
        } catch (QasmException e) {
            return null;
        }
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
                throw unsupported(t, "reset is not supported: Qanvas imports unitary circuits (with measurements only at the end)");
            case "if":
                throw unsupported(t, "if (a classically controlled operation) is not supported: Qanvas imports unitary"
                        + " circuits (with measurements only at the end)");
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
            registers.put(name.text(), new Register(name.text(), size, 0, false, name.line()));
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
            }
        } else {
            measuredAt.putIfAbsent(q.reg().offset() + q.index(), kw.line());
        }
    }

    private void barrier() throws QasmException {
        p++;
        arg(true);
        while (eat(",")) {
            arg(true);
        }
        expect(";", "',' or ';'");
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
            values[k] = e.eval(new double[0]);
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

    private void expand(GateDef g, double[] values, List<Angle> angles, int[] q, Token at) throws QasmException {
        if (g.nativeForm != null) {
            g.nativeForm.emit(angles, q, ops);
            return;
        }
        for (BodyCall c : g.body) {
            double[] v = new double[c.params().size()];
            List<Angle> a = new ArrayList<>(v.length);
            for (int k = 0; k < v.length; k++) {
                QasmExpr e = c.params().get(k);
                v[k] = e.eval(values);
                if (!Double.isFinite(v[k])) {
                    throw new QasmException(at.line(), at.column(), "this call of " + at.text() + " gives "
                            + c.gate().name + " the angle " + e.text() + " = " + v[k] + " in the body of gate " + g.name
                            + "; expected finite angles");
                }
                a.add(new Angle.Constant(v[k], e.usesParams() ? Expressions.format(v[k]) : e.text()));
            }
            int[] qq = new int[c.args().length];
            for (int k = 0; k < qq.length; k++) {
                qq[k] = q[c.args()[k]];
            }
            expand(c.gate(), v, a, qq, at);
        }
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
            def = new GateDef(name, params, args, body, nameTok.line(), null);
            GateDef canon = QasmLibrary.qelib1().getOrDefault(name, QasmLibrary.extras().get(name));
            if (canon != null && canon.signature().equals(def.signature())) {
                // Defined exactly as qelib1 (or Qanvas's exporter) defines it: keep the base gate.
                def = new GateDef(name, params, args, body, nameTok.line(), canon.nativeForm);
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
        QasmExpr.Node n = sum(params, gate);
        StringBuilder text = new StringBuilder(toks.get(start).text());
        for (int k = start + 1; k < p; k++) {
            Token t = toks.get(k);
            text.append(t.spaceBefore() ? " " : "").append(t.text());
        }
        return new QasmExpr(n, text.toString(), toks.get(start));
    }

    private QasmExpr.Node sum(List<String> params, String gate) throws QasmException {
        QasmExpr.Node v = term(params, gate);
        while (peek().is("+") || peek().is("-")) {
            char op = toks.get(p++).text().charAt(0);
            v = new QasmExpr.Bin(op, v, term(params, gate));
        }
        return v;
    }

    private QasmExpr.Node term(List<String> params, String gate) throws QasmException {
        QasmExpr.Node v = power(params, gate);
        while (peek().is("*") || peek().is("/")) {
            char op = toks.get(p++).text().charAt(0);
            v = new QasmExpr.Bin(op, v, power(params, gate));
        }
        return v;
    }

    private QasmExpr.Node power(List<String> params, String gate) throws QasmException {
        QasmExpr.Node base = unary(params, gate);
        if (eat("^")) {
            return new QasmExpr.Bin('^', base, power(params, gate)); // right-associative
        }
        return base;
    }

    private QasmExpr.Node unary(List<String> params, String gate) throws QasmException {
        if (eat("-")) {
            return new QasmExpr.Neg(unary(params, gate));
        }
        if (eat("+")) {
            return unary(params, gate);
        }
        return primary(params, gate);
    }

    private QasmExpr.Node primary(List<String> params, String gate) throws QasmException {
        Token t = peek();
        if (eat("(")) {
            QasmExpr.Node v = sum(params, gate);
            expect(")", "an operator or ')'");
            return v;
        }
        if (t.isNumber()) {
            p++;
            return new QasmExpr.Num(Double.parseDouble(t.text()));
        }
        if (t.kind() == Kind.ID) {
            if (t.text().equals("pi")) {
                p++;
                return new QasmExpr.Pi();
            }
            if (QasmExpr.FUNCTIONS.contains(t.text()) && peek(1).is("(")) {
                p += 2;
                QasmExpr.Node arg = sum(params, gate);
                expect(")", "an operator or ')'");
                return new QasmExpr.Fn(t.text(), arg);
            }
            int index = params == null ? -1 : params.indexOf(t.text());
            if (index >= 0) {
                p++;
                return new QasmExpr.Param(index, t.text());
            }
            if (QasmExpr.FUNCTIONS.contains(t.text())) {
                throw found(peek(1), "'(' after " + t.text());
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
