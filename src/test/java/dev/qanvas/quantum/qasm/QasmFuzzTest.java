package dev.qanvas.quantum.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Simulator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated OpenQASM inputs (characters flipped, tokens inserted, ranges deleted, duplicated or
 * repeated thousands of times, files cut short) from the conformance circuits and hand-written
 * seeds. The only outcomes allowed are a circuit (simulated when it is small, with a unit-norm
 * state) or a {@link QasmException} with a line and column; each within a time bound (a hang
 * guard, not a speed test) and an allocation bound.
 *
 * <p>{@code mvn verify} runs a fixed-seed slice of 600 inputs. The nightly-size run:
 * {@code mvn -o test -Dtest=QasmFuzzTest -Dqanvas.fuzz.count=20000 [-Dqanvas.fuzz.seed=N]}.
 * A failing input is written to {@code target/qasm-fuzz-failure.qasm}.
 */
class QasmFuzzTest {

    private static final long SECONDS_PER_INPUT = 10;
    /** Bytes one parse may allocate: tokens and operations of an 8 MiB-bounded input stay far below. */
    private static final long ALLOCATION_PER_INPUT = 1L << 30;

    private static final String[] TOKENS = {
        "(", ")", "^", "-", "+", "*", "/", "pi", "sin(", "ln(", "sqrt(", "{", "}", ";", ",", "[", "]", "q[0]", "q",
        "0", "1", ".", "e", "1e308", "99999999999", "2147483648", "->", "==", "\"", "/*", "//", "\n", " ", "\t",
        "gate g a { h a; }", "gate g(t) a, b { rz(t) a; cx a, b; }", "qreg r[5];", "creg c[2];", "measure q -> c;",
        "if(c==1) x q[0];", "reset q[0];", "opaque o a;", "barrier q;", "U(0,0,0) q[0];", "CX q[0],q[1];",
        "include \"qelib1.inc\";", "OPENQASM 2.0;", "OPENQASM 3.0;", "\u0663", "\u00e9", "\u2212", "\u0000",
        "\uffff", "\ud800", "\ud83d\ude00", "\u00a0", "\r", "\r\n", "x q;", "ccx q[0],q[1],q[2];",
        "gate g1 a { g a; g a; }", "gate g2 a { g1 a; g1 a; }", "u3(-2^2,2^3^2,--pi) q[0];",
    };

    private static final List<String> HAND_SEEDS = List.of(
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\n"
                    + "gate rot(a, b) x, y { ry(a) x; rz(-b^2/2) y; cx x, y; }\n"
                    + "h q;\nrot(pi/3, sqrt(2)) q[0], q[1];\nccx q[0], q[1], q[2];\nu3(0.1, -.2, 3e-1) q[2];\n"
                    + "barrier q;\nmeasure q -> c;\n",
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg a[2];\nqreg b[2];\n"
                    + "gate g0 x { sx x; }\ngate g1 x { g0 x; g0 x; }\ngate g2 x { g1 x; g1 x; }\n"
                    + "g2 a;\ncx a, b;\nrzz(2^-1^2) a[0], b[1];\ncswap a[0], a[1], b[0];\n",
            "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\n"
                    + "rx(((((pi))))) q[0];\nry(-(-(-(1)))) q[1];\ncrz(sin(cos(tan(exp(ln(2)))))) q[0], q[1];\n");

    @Test
    void mutatedInputsEndInACircuitOrALocatedError() throws IOException {
        int count = Integer.getInteger("qanvas.fuzz.count", 600);
        long seed = Long.getLong("qanvas.fuzz.seed", 20261206L);
        List<String> seeds = new ArrayList<>(HAND_SEEDS);
        try (Stream<Path> files = Files.list(ConformanceTest.suite())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".qasm")).sorted().toList()) {
                seeds.add(Files.readString(f));
            }
        }
        Random random = new Random(seed);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int circuits = 0;
        int errors = 0;
        long slowest = 0;
        long mostAllocated = 0;
        for (int i = 0; i < count; i++) {
            String input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            try {
                Circuit c = OpenQasm.parse(input);
                if (c.qubits() <= 10) {
                    assertEquals(1.0, Simulator.run(c).norm(), 1e-9, "a simulated circuit keeps unit norm");
                }
                circuits++;
            } catch (QasmException e) {
                if (e.line() < 1 || e.column() < 1 || e.detail().isBlank()) {
                    keep(input);
                    fail("an error without a place: " + e.getMessage());
                }
                errors++;
            } catch (Throwable t) {
                keep(input);
                fail("input " + i + " (seed " + seed + ") threw " + t, t);
            }
            long elapsed = System.nanoTime() - start;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            slowest = Math.max(slowest, elapsed);
            mostAllocated = Math.max(mostAllocated, allocated);
            if (elapsed > SECONDS_PER_INPUT * 1_000_000_000L || allocated > ALLOCATION_PER_INPUT) {
                keep(input);
                fail(String.format("input %d took %.1f s and allocated %d MB", i, elapsed / 1e9, allocated >> 20));
            }
        }
        System.out.printf("QasmFuzzTest: %d inputs (seed %d): %d circuits, %d located errors; slowest %.0f ms,"
                + " most allocated %d MB%n", count, seed, circuits, errors, slowest / 1e6, mostAllocated >> 20);
        assertEquals(count, circuits + errors);
        assertTrue(errors > 0 && circuits > 0, "the mutations reach both outcomes");
    }

    private static final java.util.regex.Pattern PARAMETERS = java.util.regex.Pattern.compile("\\(([^()\\n;{}]+)\\)");

    /** One to four mutations of a seed. */
    static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(9)) {
                case 7: // a gate's parameters become a random expression
                case 8:
                    java.util.regex.Matcher m = PARAMETERS.matcher(s);
                    List<int[]> found = new ArrayList<>();
                    while (m.find() && found.size() < 64) {
                        found.add(new int[] {m.start(1), m.end(1)});
                    }
                    if (!found.isEmpty()) {
                        int[] range = found.get(random.nextInt(found.size()));
                        s.replace(range[0], range[1], RandomExpressions.print(RandomExpressions.random(random, 1 + random.nextInt(7)), random));
                    }
                    break;
                case 0: // flip one character
                    if (at < s.length()) {
                        s.setCharAt(at, (char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
                    }
                    break;
                case 1: // insert a token
                case 2:
                    s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                    break;
                case 3: // delete a range
                    s.delete(at, Math.min(s.length(), at + random.nextInt(40)));
                    break;
                case 4: // duplicate a range
                    int end = Math.min(s.length(), at + random.nextInt(200));
                    s.insert(end, s.substring(at, end));
                    break;
                case 5: // repeat a token thousands of times: deep nesting, long chains
                    String t = TOKENS[random.nextInt(8)];
                    s.insert(at, t.repeat(1 + random.nextInt(20_000)));
                    break;
                default: // cut short
                    s.setLength(at);
                    break;
            }
        }
        return s.toString();
    }

    private static void keep(String input) {
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "qasm-fuzz-failure.qasm"), input, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the assertion message still names the seed and input number
        }
    }

    @Test
    void mutationIsReproducibleFromItsSeed() {
        String a = mutate(HAND_SEEDS.get(0), new Random(5));
        String b = mutate(HAND_SEEDS.get(0), new Random(5));
        assertEquals(a, b);
        assertFalse(a.equals(HAND_SEEDS.get(0)) && mutate(HAND_SEEDS.get(0), new Random(6)).equals(HAND_SEEDS.get(0)));
    }
}
