package dev.qanvas.quantum.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Simulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rule of the OpenQASM 2.0 expression grammar (Cross et al. 2017, section 3 and its
 * appendix) with the precedence of Qiskit's qasm2 parser (loosest first: binary + -, * /, unary
 * - +, right-associative ^), each checked with a value worked out by hand. The same text is read
 * in a file ({@code ry(EXPR) q[0];}) and by the angle editor ({@link Expressions#evaluate}): one
 * parser, one value.
 */
class QasmExpressionTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    /** The angle of {@code ry(text) q[0];} read from a file. */
    private static double inFile(String text) throws QasmException {
        Circuit c = OpenQasm.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nry(" + text + ") q[0];\n");
        return c.operations().get(0).angles().get(0).value(new double[0], new double[0], c);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
            // literals: integers, reals with and without a leading or trailing digit, exponents
            "3; 3", "0; 0", "1.5; 1.5", ".5; 0.5", "5.; 5", "1.5e-3; 0.0015", "2E+2; 200", "1e3; 1000",
            // + and - are left-associative: (1-2)-3, (1-2)+3
            "1-2-3; -4", "1-2+3; 2", "10 - 4 - 3 - 2; 1",
            // * and / are left-associative and bind tighter than + -
            "8/4/2; 1", "8/4*2; 4", "2*3/4; 1.5", "1+2*3; 7", "1-6/3; -1", "7-2*3+1; 2",
            // ^ is right-associative and binds tighter than * /
            "2^3^2; 512", "2*3^2; 18", "2^3*2; 16", "4^0.5^2; 1.4142135623730951", "2^2^3; 256",
            // unary minus binds looser than ^ and tighter than * /: -2^2 = -(2^2)
            "-2^2; -4", "-2^2*3; -12", "(-2)^2; 4", "2^-1; 0.5", "-2^-2; -0.25", "2^-1^2; 0.5",
            "-2*3; -6", "2*-3; -6", "--2; 2", "-+-2; 2", "+2; 2", "1--1; 2", "1 - -2^2; 5", "-(2+3)*2; -10",
            "3*-2^2; -12", "-3^2+1; -8",
            // parentheses
            "(1+2)*3; 9", "((((2)))); 2", "(2^3)^2; 64", "2/(4/2); 1",
            // functions bind to their parenthesised argument; - and ^ then apply to the value
            "sqrt(16); 4", "sqrt(4)^2; 4", "-sqrt(4); -2", "2^sqrt(4); 4", "exp(0); 1", "ln(1); 0", "cos(0); 1",
            "sin(0)+1; 1", "sqrt(2^4)*-1; -4",
            // pi
            "pi; 3.141592653589793", "-pi/2; -1.5707963267948966", "2*pi^2/pi; 6.283185307179586",
    })
    void everyRuleGivesItsHandWorkedValue(String text, double expected) throws QasmException {
        assertEquals(expected, inFile(text), 1e-15, "in a file: " + text);
        assertEquals(expected, Expressions.evaluate(text), 1e-15, "in the angle editor: " + text);
        assertEquals(inFile(text), Expressions.evaluate(text), "one parser: " + text);
    }

    /**
     * Random trees printed with only the parentheses the rules need, valued by {@link RandomExpressions}
     * (direct Java arithmetic, no parser): the file and the angle editor give exactly that value, or
     * a located error where the value is undefined or not finite.
     */
    @Test
    void randomExpressionsMatchAnIndependentOracle() {
        java.util.Random random = new java.util.Random(2017);
        int values = 0;
        for (int i = 0; i < 5000; i++) {
            RandomExpressions.Tree tree = RandomExpressions.random(random, 1 + random.nextInt(6));
            String text = RandomExpressions.print(tree, random);
            double expected;
            try {
                expected = RandomExpressions.value(tree);
            } catch (ArithmeticException undefined) {
                assertThrows(IllegalArgumentException.class, () -> Expressions.evaluate(text), text);
                assertThrows(QasmException.class, () -> inFile(text), text);
                continue;
            }
            if (!Double.isFinite(expected)) {
                assertThrows(IllegalArgumentException.class, () -> Expressions.evaluate(text), text);
                continue;
            }
            assertEquals(expected, Expressions.evaluate(text), 0, text);
            values++;
        }
        assertTrue(values > 2500, "most random expressions have values: " + values);
    }

    @Test
    void functionsAreTheNamedOnes() throws QasmException {
        assertEquals(0.5, inFile("sin(pi/6)"), 1e-15);
        assertEquals(0.5, inFile("cos(pi/3)"), 1e-15);
        assertEquals(1.0, inFile("tan(pi/4)"), 1e-15);
        assertEquals(Math.E, inFile("exp(1)"), 1e-15);
        assertEquals(2.0, inFile("ln(exp(2))"), 1e-15);
        assertEquals(3.0, inFile("sqrt(9)"), 0);
    }

    /** The wrong precedence gave wrong probabilities: ry(-2^2 + 2) is ry(-2), not ry(6). */
    @Test
    void precedenceChangesWhatIsSimulated() throws QasmException {
        Circuit c = OpenQasm.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\n"
                + "ry(-2^2 + 2) q[0];\nry(2^3^2 / 512 * pi) q[1];\n");
        double[] p = Simulator.run(c).probabilities();
        // ry(t)|0> has P(1) = sin^2(t/2): qubit 0 (bit 0) sin^2(1) = 0.708; qubit 1 (bit 1) sin^2(pi/2) = 1
        double p0 = Math.pow(Math.sin(1), 2);
        assertEquals(0, p[0], 1e-12);
        assertEquals(0, p[1], 1e-12);
        assertEquals(1 - p0, p[2], 1e-12);
        assertEquals(p0, p[3], 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "1/0; 2; division by zero",
            "1/(2-2); 2; division by zero",
            "ln(0); 1; ln of a number that is not positive",
            "ln(-1); 1; ln of a number that is not positive",
            "sqrt(-1); 1; sqrt of a negative number",
            "2^; 3; found end of file",
            "(); 2; found ')'",
            "sin 1; 5; expected '(' after sin",
            "1 2; 3; found '2'",
            "theta; 1; found 'theta'",
            "2**2; 3; found '*'",
            "٣; 1; U+0663",
            "1+٣; 3; U+0663",
            "2^2000; 0; expected a finite number",
    })
    void badExpressionsAreLocatedErrors(String text, int column, String says) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expressions.evaluate(text));
        assertTrue(e.getMessage().contains(says), e.getMessage());
        if (column > 0) {
            assertTrue(e.getMessage().startsWith("at character " + column + " of \"" + text + "\""), e.getMessage());
        }
        // The same text in a file is an error at the same column (after "ry(" on line 4).
        QasmException inFile = assertThrows(QasmException.class, () -> inFile(text));
        assertEquals(4, inFile.line(), inFile.getMessage());
        if (column > 0 && !says.startsWith("found end")) {
            assertEquals(3 + column, inFile.column(), inFile.getMessage());
        }
    }

    @Test
    void unclosedParenthesis() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expressions.evaluate("(1+2"));
        assertEquals("at character 5 of \"(1+2\": found end of file; expected an operator or ')'", e.getMessage());
        QasmException inFile = assertThrows(QasmException.class, () -> inFile("((1+2)"));
        assertEquals("line 4, column 12: found 'q'; expected ',' or ')'", inFile.getMessage());
    }

    /** Nesting that overflowed the stack: each is a value or a located error, in seconds. */
    @Test
    void deepNestingIsReadWithoutRecursion() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertEquals(1.0, inFile("(".repeat(1000) + "1" + ")".repeat(1000)));
            assertEquals(1.0, inFile("(".repeat(100_000) + "1" + ")".repeat(100_000)));
            assertEquals(1.0, inFile("-".repeat(50_000) + "1"));
            assertEquals(-1.0, inFile("-".repeat(50_001) + "1"));
            assertEquals(1.0, inFile("1" + "^1".repeat(20_000)));
            assertEquals(200_000.0, inFile("1" + "+1".repeat(199_999)));
            assertEquals(Math.PI / 2, inFile("pi" + "/2*2".repeat(100_000) + "/2"), 1e-12);
            assertEquals(Math.sin(Math.sin(1)), Expressions.evaluate("sin(sin(1))"));
            double nested = 1;
            for (int k = 0; k < 20_000; k++) {
                nested = Math.sin(nested);
            }
            assertEquals(nested, inFile("sin(".repeat(20_000) + "1" + ")".repeat(20_000)));
            assertEquals(-1.0, Expressions.evaluate("-".repeat(50_001) + "1"));
            assertEquals(1.0, Expressions.evaluate("(".repeat(100_000) + "1" + ")".repeat(100_000)));
            QasmException unclosed = assertThrows(QasmException.class, () -> inFile("(".repeat(50_000) + "1"));
            assertTrue(unclosed.getMessage().contains("expected an operator or ')'"), unclosed.getMessage());
        });
    }

    /** Inside a gate body the parameters are bound at each call; deep expressions there too. */
    @Test
    void deepExpressionsInGateBodies() throws Exception {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Circuit c = OpenQasm.parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\n"
                    + "gate g(a) q { ry(" + "-".repeat(30_000) + "a" + "+a".repeat(30_000) + ") q; }\n"
                    + "qreg q[1];\ng(0.5) q[0];\n");
            // 30,000 minuses (even) on the first a, then 30,000 more: 30,001 * 0.5
            assertEquals(15_000.5, c.operations().get(0).angles().get(0).value(new double[0], new double[0], c), 1e-9);
        });
    }

    @Test
    void qasm3PrintingKeepsTheValue() throws QasmException {
        for (String text : new String[] {"-2^2", "2^3^2", "(-2)^2", "2^-1", "-2^-2 + ln(2)", "-(1+2)*3", "(2^3)^2",
                "1-(2-3)", "8/(4/2)", "--2", "-" + "-".repeat(2000) + "1"}) {
            QasmExpr e = QasmParser.constantExpression(text);
            String qasm3 = e.toQasm3().replace("**", "^").replace("log(", "ln(");
            assertEquals(e.eval(new double[0]), Expressions.evaluate(qasm3), 1e-15, text + " printed as " + e.toQasm3());
        }
    }
}
