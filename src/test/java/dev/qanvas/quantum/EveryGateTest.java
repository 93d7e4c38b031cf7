package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qanvas.quantum.qasm.Expressions;
import dev.qanvas.quantum.qasm.OpenQasm;
import dev.qanvas.quantum.qasm.QasmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every property of every {@link Gate} entry, with 0, 1 and 2 controls: a gate added to the enum
 * is checked here without touching this test. Matrices are unitary, derivatives match central
 * finite differences, inverses undo, the kernel kind fits the matrix, the simulator's kernels
 * match a dense matrix-vector product, the shift rule and the adjoint match finite differences
 * of an expectation, and OpenQASM 2.0 and 3.0 export reproduce the state.
 */
class EveryGateTest {

    private static final int MAX_CONTROLS = 2;

    static Stream<Gate> gates() {
        return Stream.of(Gate.values());
    }

    static Stream<Arguments> gatesAndControls() {
        List<Arguments> out = new ArrayList<>();
        for (Gate g : Gate.values()) {
            for (int k = 0; k <= MAX_CONTROLS; k++) {
                out.add(Arguments.of(g, k));
            }
        }
        return out.stream();
    }

    // ---------------------------------------------------------------- the matrix and its relatives

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void matrixIsUnitaryAtRandomAndHugeAngles(Gate g) {
        for (double[] a : angleSets(g, new Random(g.name().hashCode()))) {
            double[] m = g.matrix(a);
            int d = dim(g);
            assertEquals(2 * d * d, m.length, g.name());
            assertClose(identity(d), multiply(m, dagger(m, d), d), 1e-12, g + " M M† at " + List.of(box(a)));
            assertClose(identity(d), multiply(dagger(m, d), m, d), 1e-12, g + " M† M at " + List.of(box(a)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void derivativeMatchesCentralFiniteDifferences(Gate g) {
        Random random = new Random(g.name().hashCode() + 1);
        assertThrows(IllegalArgumentException.class, () -> g.derivative(g.params(), new double[g.params()]));
        for (int trial = 0; trial < 5; trial++) {
            double[] a = random.doubles(g.params(), -2 * Math.PI, 2 * Math.PI).toArray();
            for (int p = 0; p < g.params(); p++) {
                double h = 1e-6;
                double[] plus = a.clone();
                double[] minus = a.clone();
                plus[p] += h;
                minus[p] -= h;
                double[] mp = g.matrix(plus), mm = g.matrix(minus);
                double[] fd = new double[mp.length];
                for (int i = 0; i < fd.length; i++) {
                    fd[i] = (mp[i] - mm[i]) / (2 * h);
                }
                assertClose(fd, g.derivative(p, a), 1e-8, g + " d/d" + g.angleName(p) + " at " + List.of(box(a)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void inverseTimesMatrixIsTheIdentity(Gate g) {
        for (double[] a : angleSets(g, new Random(g.name().hashCode() + 2))) {
            Gate.Inverse inv = g.inverse(a);
            double[] m = g.matrix(a);
            int d = dim(g);
            if (inv.gate() == null) {
                // No base gate undoes it: the simulator applies the dagger, which unitarity covers.
                continue;
            }
            assertEquals(g.qubits(), inv.gate().qubits(), g.name());
            assertEquals(inv.gate().params(), inv.angles().length, g + "'s inverse has the angles its gate takes");
            assertClose(identity(d), multiply(inv.gate().matrix(inv.angles()), m, d), 1e-12,
                    g + " undone by " + inv.gate() + " at " + List.of(box(a)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void kernelKindFitsTheMatrix(Gate g) {
        int d = dim(g);
        for (double[] a : angleSets(g, new Random(g.name().hashCode() + 3))) {
            double[] m = g.matrix(a);
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    double re = m[2 * (r * d + c)], im = m[2 * (r * d + c) + 1];
                    switch (g.kind()) {
                        case DIAGONAL -> {
                            if (r != c) {
                                assertEquals(0, Math.hypot(re, im), 0, g + " is diagonal");
                            }
                        }
                        case REAL -> assertEquals(0, im, 0, g + " is real");
                        case PERMUTATION -> {
                            // the kernels implement exactly X (one qubit) and SWAP (two qubits)
                            int target = d == 2 ? 1 - c : new int[] {0, 2, 1, 3}[c];
                            assertEquals(r == target ? 1 : 0, re, 0, g + " is the exchange its kernel applies");
                            assertEquals(0, im, 0, g.name());
                        }
                        case GENERAL -> { }
                        default -> fail(g.kind().name());
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} with {1} controls")
    @MethodSource("gatesAndControls")
    void simulatorKernelsMatchADenseProduct(Gate g, int controls) {
        Random random = new Random(31L * g.ordinal() + controls);
        Operation op = placed(g, controls, constants(random.doubles(g.params(), -3, 3).toArray()));
        int n = op.maxQubit() + 2;
        StateVector start = randomState(n, random);
        double[] angles = op.angleValues(new double[0], new double[0], null);
        StateVector viaKernels = start.copy().apply(op, angles);
        double[][] dense = denseApply(start, op, g.matrix(angles));
        assertAmplitudes(dense, viaKernels, 1e-12, op.toString());
        StateVector back = viaKernels.copy().applyInverse(op, angles);
        assertAmplitudes(start.amplitudes(), back, 1e-12, op + " undone by applyInverse");
    }

    // ---------------------------------------------------------------- gradients

    @ParameterizedTest(name = "{0} with {1} controls")
    @MethodSource("gatesAndControls")
    void shiftRuleAndAdjointMatchFiniteDifferencesOfAnExpectation(Gate g, int controls) {
        if (g.params() == 0) {
            return;
        }
        Random random = new Random(97L * g.ordinal() + controls);
        List<Angle> weights = new ArrayList<>();
        for (int p = 0; p < g.params(); p++) {
            weights.add(new Angle.Weight("w" + p, random.nextDouble() * 6 - 3));
        }
        Operation op = placed(g, controls, weights);
        int n = op.maxQubit() + 2; // and a spectator
        Circuit c = prepare(n, random).append(op).append(mix(n, random));
        List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X" + (n - 1)),
                PauliString.parse("Y0 Z" + (n - 1)), PauliString.parse("X0 Y1"));
        double[] up = random.doubles(obs.size(), -1, 1).toArray();
        double[] w = c.initialWeights();
        double[] x = new double[0];

        Gradients.Result shift = Gradients.parameterShift(c, x, w, obs, up);
        Gradients.Result adjoint = Gradients.adjoint(c, x, w, obs, up);
        for (int p = 0; p < w.length; p++) {
            double h = 1e-5;
            double[] plus = w.clone();
            double[] minus = w.clone();
            plus[p] += h;
            minus[p] -= h;
            double fd = (loss(c, plus, obs, up) - loss(c, minus, obs, up)) / (2 * h);
            String what = op + " angle " + g.angleName(p) + " (" + g.shiftRule(p, controls > 0) + ")";
            assertEquals(fd, shift.weightGradient()[p], 1e-7, "shift rule of " + what);
            assertEquals(fd, adjoint.weightGradient()[p], 1e-7, "adjoint (derivative) of " + what);
        }
    }

    // ---------------------------------------------------------------- OpenQASM

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void qasmNameFindsTheGate(Gate g) {
        assertEquals(g, Gate.byQasmName(g.qasmName()).orElseThrow());
        assertTrue(g.qasm3Name(0).isPresent(), g + " has an OpenQASM 3.0 name");
    }

    @ParameterizedTest(name = "{0} with {1} controls")
    @MethodSource("gatesAndControls")
    void qasm2RoundTripGivesTheSameState(Gate g, int controls) throws QasmException {
        Random random = new Random(13L * g.ordinal() + controls);
        Operation op = placed(g, controls, constants(niceAngles(g.params(), random)));
        int n = op.maxQubit() + 1;
        Circuit c = prepare(n, random).append(op);
        String text;
        try {
            text = OpenQasm.toQasm2(c);
        } catch (IllegalArgumentException e) {
            // Not expressible in OpenQASM 2.0: allowed only under controls, and the message says what to do.
            assertTrue(controls > 0, g + " without controls must be expressible in OpenQASM 2.0: " + e.getMessage());
            assertTrue(e.getMessage().contains("OpenQASM 3.0"), e.getMessage());
            return;
        }
        Circuit back = OpenQasm.parse(text);
        assertEquals(n, back.qubits());
        StateVector start = randomState(n, random);
        assertAmplitudes(Simulator.run(c, start.copy(), new double[0], new double[0]).amplitudes(),
                Simulator.run(back, start.copy(), new double[0], new double[0]), 1e-12, text);
        if (controls == 0) {
            assertEquals(op.gate(), back.operations().get(back.size() - 1).gate(), "read back as the base gate:\n" + text);
        }
    }

    @ParameterizedTest(name = "{0} with {1} controls")
    @MethodSource("gatesAndControls")
    void qasm3ExportGivesTheSameState(Gate g, int controls) throws QasmException {
        // Qanvas imports only OpenQASM 2.0, so the 3.0 text is read back here by a small reader for
        // what the exporter writes, which knows stdgates.inc's gates independently of Gate.
        Random random = new Random(17L * g.ordinal() + controls);
        Operation op = placed(g, controls, constants(niceAngles(g.params(), random)));
        int n = op.maxQubit() + 1;
        Circuit c = prepare(n, random).append(op);
        String text = OpenQasm.toQasm3(c);
        StateVector start = randomState(n, random);
        StateVector expected = Simulator.run(c, start.copy(), new double[0], new double[0]);
        StateVector actual = Qasm3Reader.run(text, start.copy());
        assertAmplitudes(expected.amplitudes(), actual, 1e-12, text);
    }

    // ---------------------------------------------------------------- a reader for exported OpenQASM 3.0

    /** Reads the subset of OpenQASM 3.0 that toQasm3 writes for constant angles, applying it to a state. */
    private static final class Qasm3Reader {
        /** stdgates.inc's gates as a base gate with that many controls (u3 is left out: it carries a phase). */
        private static final Map<String, Object[]> STDGATES = new HashMap<>();

        static {
            Object[][] table = {
                {"U", Gate.U3, 0}, {"id", Gate.I, 0}, {"h", Gate.H, 0}, {"ch", Gate.H, 1},
                {"x", Gate.X, 0}, {"cx", Gate.X, 1}, {"CX", Gate.X, 1}, {"ccx", Gate.X, 2},
                {"y", Gate.Y, 0}, {"cy", Gate.Y, 1}, {"z", Gate.Z, 0}, {"cz", Gate.Z, 1},
                {"s", Gate.S, 0}, {"sdg", Gate.SDG, 0}, {"t", Gate.T, 0}, {"tdg", Gate.TDG, 0}, {"sx", Gate.SX, 0},
                {"rx", Gate.RX, 0}, {"crx", Gate.RX, 1}, {"ry", Gate.RY, 0}, {"cry", Gate.RY, 1},
                {"rz", Gate.RZ, 0}, {"crz", Gate.RZ, 1}, {"p", Gate.P, 0}, {"cp", Gate.P, 1},
                {"phase", Gate.P, 0}, {"cphase", Gate.P, 1}, {"swap", Gate.SWAP, 0}, {"cswap", Gate.SWAP, 1},
            };
            for (Object[] row : table) {
                STDGATES.put((String) row[0], new Object[] {row[1], row[2]});
            }
        }

        private static final Pattern STATEMENT = Pattern.compile(
                "((?:(?:inv|ctrl|ctrl\\(\\d+\\)) @ )*)(\\w+)(?:\\((.*)\\))? (q\\[\\d+\\](?:, q\\[\\d+\\])*);");

        static StateVector run(String text, StateVector state) throws QasmException {
            Map<String, String> defined = new HashMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("OPENQASM 3.0;") || line.equals("include \"stdgates.inc\";") || line.startsWith("qubit[")) {
                    continue;
                }
                if (line.startsWith("gate ")) {
                    String name = line.substring(5).split("[ (]")[0];
                    assertFalse(STDGATES.containsKey(name), "redefines stdgates.inc's " + name);
                    defined.put(name, line);
                    continue;
                }
                Matcher m = STATEMENT.matcher(line);
                assertTrue(m.matches(), "a statement the reader knows: " + line);
                boolean inverse = false;
                int controls = 0;
                for (String modifier : m.group(1).split(" @ ")) {
                    if (modifier.equals("inv")) {
                        inverse = !inverse;
                    } else if (modifier.equals("ctrl")) {
                        controls++;
                    } else if (modifier.startsWith("ctrl(")) {
                        controls += Integer.parseInt(modifier.substring(5, modifier.length() - 1));
                    }
                }
                String name = m.group(2);
                double[] angles = m.group(3) == null ? new double[0] : evaluate(m.group(3).split(", "));
                List<Integer> qubits = new ArrayList<>();
                for (String q : m.group(4).split(", ")) {
                    qubits.add(Integer.parseInt(q.substring(2, q.length() - 1)));
                }
                List<Operation> ops = new ArrayList<>();
                if (STDGATES.containsKey(name)) {
                    Gate g = (Gate) STDGATES.get(name)[0];
                    int implicit = (Integer) STDGATES.get(name)[1];
                    ops.add(new Operation(g, qubits.subList(controls + implicit, qubits.size()),
                            qubits.subList(0, controls + implicit), constants(angles)));
                } else {
                    String def = defined.get(name);
                    assertNotNull(def, name + " is neither in stdgates.inc nor defined in the file:\n" + text);
                    // The definitions use stdgates gates that qelib1.inc has too: read the body as OpenQASM 2.0,
                    // and control every operation of it (exact, since the definitions keep the global phase).
                    int width = qubits.size() - controls;
                    StringBuilder call = new StringBuilder(name);
                    if (angles.length > 0) {
                        call.append('(').append(String.join(",", m.group(3).split(", "))).append(')');
                    }
                    List<String> args = new ArrayList<>();
                    for (int i = 0; i < width; i++) {
                        args.add("q[" + i + "]");
                    }
                    Circuit body = OpenQasm.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n" + def.replace("θ", "theta")
                            + "\nqreg q[" + width + "];\n" + call + " " + String.join(",", args) + ";\n");
                    int k = controls;
                    for (Operation o : body.operations()) {
                        List<Integer> targets = o.targets().stream().map(t -> qubits.get(k + t)).toList();
                        List<Integer> cs = new ArrayList<>(qubits.subList(0, k));
                        o.controls().forEach(t -> cs.add(qubits.get(k + t)));
                        ops.add(new Operation(o.gate(), targets, cs, o.angles()));
                    }
                }
                if (inverse) {
                    for (int i = ops.size() - 1; i >= 0; i--) {
                        Operation o = ops.get(i);
                        state.applyInverse(o, o.angleValues(new double[0], new double[0], null));
                    }
                } else {
                    for (Operation o : ops) {
                        state.apply(o, o.angleValues(new double[0], new double[0], null));
                    }
                }
            }
            return state;
        }

        private static double[] evaluate(String[] texts) {
            double[] out = new double[texts.length];
            for (int i = 0; i < texts.length; i++) {
                // OpenQASM 3.0's ** and log are OpenQASM 2.0's ^ and ln
                out[i] = Expressions.evaluate(texts[i].replace("**", "^").replace("log(", "ln("));
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- circuits and states

    /** The gate with {@code controls} controls, qubits in a scrambled order: targets high, controls low and reversed. */
    private static Operation placed(Gate g, int controls, List<Angle> angles) {
        List<Integer> targets = new ArrayList<>();
        for (int t = 0; t < g.qubits(); t++) {
            targets.add(controls + g.qubits() - 1 - t);
        }
        List<Integer> cs = new ArrayList<>();
        for (int k = controls - 1; k >= 0; k--) {
            cs.add(k);
        }
        return new Operation(g, targets, cs, angles);
    }

    /** Rotations and entanglers that make a generic state from |0...0>. */
    private static Circuit prepare(int n, Random random) {
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.RY, nice(random), q));
            ops.add(Operation.of(Gate.RZ, nice(random), q));
        }
        for (int q = 0; q + 1 < n; q++) {
            ops.add(Operation.cnot(q, q + 1));
        }
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.RX, nice(random), q));
        }
        return new Circuit(n, ops);
    }

    private static Circuit mix(int n, Random random) {
        Circuit c = Circuit.empty(n);
        for (int q = 0; q < n; q++) {
            c = c.append(Operation.of(Gate.RY, nice(random), q));
        }
        for (int q = n - 1; q > 0; q--) {
            c = c.append(Operation.cnot(q, q - 1));
        }
        return c;
    }

    private static double loss(Circuit c, double[] w, List<PauliString> obs, double[] up) {
        StateVector s = Simulator.run(c, new double[0], w);
        double sum = 0;
        for (int o = 0; o < obs.size(); o++) {
            sum += up[o] * s.expectation(obs.get(o));
        }
        return sum;
    }

    /** An angle with a short exact decimal text, away from zero. */
    private static double nice(Random random) {
        double v = Math.round((random.nextDouble() * 5.5 + 0.25) * 1e6) / 1e6;
        return random.nextBoolean() ? v : -v;
    }

    private static double[] niceAngles(int count, Random random) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = nice(random);
        }
        return out;
    }

    private static List<Angle> constants(double[] values) {
        List<Angle> out = new ArrayList<>();
        for (double v : values) {
            out.add(new Angle.Constant(v));
        }
        return out;
    }

    /** Random angle sets for a gate: ordinary ones, and huge ones where rounding shows. */
    private static List<double[]> angleSets(Gate g, Random random) {
        List<double[]> out = new ArrayList<>();
        for (int trial = 0; trial < 6; trial++) {
            out.add(random.doubles(g.params(), -2 * Math.PI, 2 * Math.PI).toArray());
        }
        double[] huge = new double[g.params()];
        for (int p = 0; p < huge.length; p++) {
            huge[p] = (p % 2 == 0 ? -5.9e11 : 3.3e11) + random.nextDouble();
        }
        out.add(huge);
        return out;
    }

    private static StateVector randomState(int n, Random random) {
        int size = 1 << n;
        double[] re = new double[size], im = new double[size];
        double norm = 0;
        for (int i = 0; i < size; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
            norm += re[i] * re[i] + im[i] * im[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < size; i++) {
            re[i] /= norm;
            im[i] /= norm;
        }
        return StateVector.of(re, im);
    }

    /** The operation applied by a dense product: local index bit(t0) + 2 bit(t1), only where every control is 1. */
    private static double[][] denseApply(StateVector s, Operation op, double[] m) {
        int size = 1 << s.qubits();
        int d = 1 << op.targets().size();
        double[] re = new double[size], im = new double[size];
        for (int i = 0; i < size; i++) {
            boolean active = true;
            for (int c : op.controls()) {
                active &= (i >> c & 1) == 1;
            }
            if (!active) {
                re[i] += s.re(i);
                im[i] += s.im(i);
                continue;
            }
            int col = 0;
            int rest = i;
            for (int t = 0; t < op.targets().size(); t++) {
                int q = op.targets().get(t);
                col |= (i >> q & 1) << t;
                rest &= ~(1 << q);
            }
            for (int row = 0; row < d; row++) {
                int j = rest;
                for (int t = 0; t < op.targets().size(); t++) {
                    j |= (row >> t & 1) << op.targets().get(t);
                }
                double mr = m[2 * (row * d + col)], mi = m[2 * (row * d + col) + 1];
                re[j] += mr * s.re(i) - mi * s.im(i);
                im[j] += mr * s.im(i) + mi * s.re(i);
            }
        }
        return new double[][] {re, im};
    }

    // ---------------------------------------------------------------- matrices

    private static int dim(Gate g) {
        return 1 << g.qubits();
    }

    private static double[] identity(int d) {
        double[] m = new double[2 * d * d];
        for (int k = 0; k < d; k++) {
            m[2 * (k * d + k)] = 1;
        }
        return m;
    }

    private static double[] dagger(double[] m, int d) {
        double[] out = new double[m.length];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                out[2 * (r * d + c)] = m[2 * (c * d + r)];
                out[2 * (r * d + c) + 1] = -m[2 * (c * d + r) + 1];
            }
        }
        return out;
    }

    private static double[] multiply(double[] a, double[] b, int d) {
        double[] out = new double[2 * d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double re = 0, im = 0;
                for (int k = 0; k < d; k++) {
                    double ar = a[2 * (r * d + k)], ai = a[2 * (r * d + k) + 1];
                    double br = b[2 * (k * d + c)], bi = b[2 * (k * d + c) + 1];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                out[2 * (r * d + c)] = re;
                out[2 * (r * d + c) + 1] = im;
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + ", entry " + i);
        }
    }

    private static void assertAmplitudes(double[][] expected, StateVector actual, double tol, String what) {
        for (int i = 0; i < expected[0].length; i++) {
            assertEquals(expected[0][i], actual.re(i), tol, what + "\nre of amplitude " + i);
            assertEquals(expected[1][i], actual.im(i), tol, what + "\nim of amplitude " + i);
        }
    }

    private static Double[] box(double[] a) {
        Double[] out = new Double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
