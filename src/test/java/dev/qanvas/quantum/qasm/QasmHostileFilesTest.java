package dev.qanvas.quantum.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Circuit;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that crashed, hung or ate the memory: each ends in a located error within seconds. */
class QasmHostileFilesTest {

    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private static QasmException error(String text) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(QasmException.class, () -> OpenQasm.parse(text)));
    }

    /** g(k) calls g(k-1) twice: 1.2 KB that expanded to 2^40 operations and reached 6 GB. */
    @Test
    void exponentialGateDefinitionsAreCountedBeforeExpanding() {
        StringBuilder sb = new StringBuilder(HEADER + "qreg q[2];\ngate g0 a, b { cx a, b; }\n");
        for (int k = 1; k <= 40; k++) {
            sb.append("gate g").append(k).append(" a, b { g").append(k - 1).append(" a, b; g").append(k - 1)
                    .append(" b, a; }\n");
        }
        sb.append("g40 q[0], q[1];\n");
        int line = 3 + 41 + 1;
        QasmException e = error(sb.toString());
        assertEquals(line, e.line());
        assertEquals(1, e.column());
        assertEquals("gate g40 expands to 1.1e12 operations, which with the 0 before it passes the limit of"
                + " 1,000,000 operations in a circuit", e.detail());
    }

    /** Gates that emit nothing still cost their calls. */
    @Test
    void emptyGatesCountTheirCalls() {
        StringBuilder sb = new StringBuilder(HEADER + "qreg q[1];\ngate e0 a { }\n");
        for (int k = 1; k <= 60; k++) {
            sb.append("gate e").append(k).append(" a { e").append(k - 1).append(" a; e").append(k - 1).append(" a; }\n");
        }
        sb.append("e60 q[0];\n");
        QasmException e = error(sb.toString());
        assertTrue(e.detail().startsWith("gate e60 expands through 2.3e18 nested gate calls (limit 10,000,000)"), e.detail());
        // g58 calls far beyond Long.MAX_VALUE saturate instead of wrapping to a small number.
        StringBuilder wide = new StringBuilder(HEADER + "qreg q[1];\ngate w0 a { x a; }\n");
        for (int k = 1; k <= 70; k++) {
            wide.append("gate w").append(k).append(" a {").append((" w" + (k - 1) + " a;").repeat(8)).append(" }\n");
        }
        wide.append("w70 q[0];\n");
        assertTrue(error(wide.toString()).detail().startsWith("gate w70 expands to more than 9.2e18 operations"));
    }

    /** Broadcast over a register multiplies the count; the operations before the call count too. */
    @Test
    void broadcastsAndRunningTotals() {
        StringBuilder sb = new StringBuilder(HEADER + "qreg q[30];\ngate big a {" + " x a;".repeat(40_000) + " }\n");
        sb.append("big q;\n");
        QasmException e = error(sb.toString());
        assertEquals("30 applications of gate big expand to 1,200,000 operations, which with the 0 before it passes the"
                + " limit of 1,000,000 operations in a circuit", e.detail());
        String many = HEADER + "qreg q[1];\n" + "x q[0];\n".repeat(1_000_000) + "x q[0];\n";
        QasmException last = error(many);
        assertEquals(3 + 1 + 1_000_000, last.line());
    }

    /** Deeply nested definitions (each calling the previous once) expand without recursion. */
    @Test
    void deepGateChainsExpand() throws Exception {
        StringBuilder sb = new StringBuilder(HEADER + "qreg q[1];\ngate d0(t) a { rz(t) a; }\n");
        for (int k = 1; k <= 20_000; k++) {
            sb.append("gate d").append(k).append("(t) a { d").append(k - 1).append("(t+1) a; }\n");
        }
        sb.append("d20000(0.5) q[0];\n");
        Circuit c = assertTimeoutPreemptively(HANG_GUARD, () -> OpenQasm.parse(sb.toString()));
        assertEquals(1, c.operations().size());
        assertEquals(20_000.5, c.operations().get(0).angles().get(0).value(new double[0], new double[0], c));
    }

    /** OpenQASM numbers are ASCII: qreg q[٣] was accepted as 3, and ٣ in an angle crashed. */
    @Test
    void nonAsciiDigitsAndLettersAreLocatedErrors() {
        QasmException reg = error(HEADER + "qreg q[\u0663];\n");
        assertEquals(3, reg.line());
        assertEquals(8, reg.column());
        assertEquals("found the non-ASCII character '\u0663' (U+0663); expected ASCII (OpenQASM 2.0 numbers use the"
                + " digits 0-9, names the letters a-z, A-Z, digits and _)", reg.detail());
        QasmException angle = error(HEADER + "qreg q[1];\nrz(\u0661.5) q[0];\n");
        assertEquals(4, angle.line());
        assertEquals(4, angle.column());
        assertTrue(error(HEADER + "qreg q[1];\nrz(\uff11) q[0];\n").detail().contains("U+FF11")); // fullwidth 1
        assertTrue(error(HEADER + "qreg q\u00e9[1];\n").detail().contains("U+00E9"));
        assertTrue(error(HEADER + "qreg q[1];\nh\u00a0q[0];\n").detail().contains("U+00A0")); // no-break space
        assertTrue(error(HEADER + "qreg q[1];\nrz(pi\u2212pi) q[0];\n").detail().contains("U+2212")); // minus sign
    }

    @Test
    void nonAsciiInCommentsAndStringsIsFine() throws QasmException {
        Circuit c = OpenQasm.parse(HEADER + "// qubits \u0663, \u00e9t\u00e9 \u2212 \ud83d\ude00\nqreg q[1];\n"
                + "/* \u4e2d\u6587 */ x q[0];\n");
        assertEquals(1, c.operations().size());
    }

    @Test
    void filesThatAreNotUtf8AreLocated(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.qasm");
        Files.write(file, (HEADER + "qreg q[1];\n// caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        QasmException e = assertThrows(QasmException.class, () -> OpenQasm.readText(file));
        assertEquals(4, e.line());
        assertEquals(7, e.column());
        assertEquals("found the byte 0xE9, which is not UTF-8 text; expected an OpenQASM text file", e.detail());
        Path random = dir.resolve("random.qasm");
        byte[] bytes = new byte[100_000];
        new Random(7).nextBytes(bytes);
        Files.write(random, bytes);
        assertThrows(QasmException.class, () -> OpenQasm.readText(random));
    }

    @Test
    void hugeFilesAreRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.qasm");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(2L << 30); // sparse: 2 GiB that were never written
        }
        IOException e = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(IOException.class, () -> OpenQasm.readText(file)));
        assertEquals("the file is 2048.0 MiB; Qanvas reads OpenQASM files of up to 8 MiB", e.getMessage());
    }

    @Test
    void hugeRegistersAndIndices() throws QasmException {
        assertTrue(error(HEADER + "qreg q[99999999999999999999];\n").detail().contains("at most 30 qubits in total"));
        assertTrue(error(HEADER + "qreg q[20];\nqreg r[20];\n").detail().contains("at most 30 qubits in total"));
        assertTrue(error(HEADER + "qreg q[2];\nx q[99999999999999999999];\n").detail().contains("an index from 0 to 1"));
        // A huge creg is harmless: nothing is allocated for it.
        assertEquals(1, OpenQasm.parse(HEADER + "creg c[99999999999999999999];\nqreg q[1];\nx q[0];\n").operations().size());
    }
}
