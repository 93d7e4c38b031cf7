package dev.qanvas.quantum.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Program;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and writing programs: measure anywhere, reset, if and barrier, with located errors. */
class OpenQasmProgramTest {

    private static final String HEADER = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    @Test
    void measureResetIfAndBarrierBecomeInstructions() throws QasmException {
        Program p = OpenQasm.program(HEADER + "qreg a[1];\nqreg b[2];\ncreg c[2];\ncreg d[1];\n"
                + "h a[0];\nmeasure a[0] -> c[1];\ncx a[0],b[1];\nreset b;\nif(c==2) x b[0];\nbarrier a,b[1];\n"
                + "measure b -> c;\nif(d==0) measure a[0] -> d[0];\n");
        assertEquals(3, p.qubits());
        assertEquals(3, p.clbits());
        assertEquals(List.of(new Program.Register("c", 2, 0), new Program.Register("d", 1, 2)), p.cregs());
        List<Program.Instruction> list = p.instructions();
        assertEquals("h", ((Program.Apply) list.get(0)).name());
        assertEquals(new Program.Measure(0, 1), list.get(1));
        assertEquals(List.of(0, 2), ((Program.Apply) list.get(2)).qubits());
        assertEquals(new Program.Reset(1), list.get(3));
        assertEquals(new Program.Reset(2), list.get(4));
        Program.Conditional c = (Program.Conditional) list.get(5);
        assertEquals(2, c.value());
        assertEquals("c", c.creg().name());
        assertEquals(Gate.X, ((Program.Apply) c.body()).operations().get(0).gate());
        assertEquals(List.of(1), ((Program.Apply) c.body()).qubits());
        assertEquals(new Program.Barrier(List.of(0, 2)), list.get(6));
        assertEquals(new Program.Measure(1, 0), list.get(7));
        assertEquals(new Program.Measure(2, 1), list.get(8));
        assertEquals(new Program.Conditional(new Program.Register("d", 1, 2), 0, new Program.Measure(0, 2)), list.get(9));
        assertEquals(10, list.size());
    }

    @Test
    void programsRoundTripThroughOpenQasm() throws QasmException {
        String text = HEADER + "qreg q[2];\nqreg r[1];\ncreg c[2];\ncreg e[1];\n"
                + "h q[0];\nu3(0.3,0.2,pi/4) r[0];\nmeasure q[0] -> c[0];\nreset q[0];\n"
                + "if(c==1) x q[1];\nif(c==3) cx q[1],r[0];\nif(e==0) reset r[0];\nbarrier q[0],r[0];\n"
                + "if(c==1) measure q[1] -> e[0];\nmeasure r[0] -> c[1];\n";
        Program p = OpenQasm.program(text);
        String written = OpenQasm.toQasm2(p);
        for (String line : List.of("qreg q[2];", "qreg r[1];", "creg c[2];", "creg e[1];", "measure q[0] -> c[0];",
                "reset q[0];", "if(c==1) x q[1];", "if(c==3) cx q[1],r[0];", "if(e==0) reset r[0];", "barrier q[0],r[0];",
                "if(c==1) measure q[1] -> e[0];", "measure r[0] -> c[1];")) {
            assertTrue(written.contains(line + "\n"), line + " in\n" + written);
        }
        Program back = OpenQasm.program(written);
        assertEquals(p, back);
        assertEquals(written, OpenQasm.toQasm2(back));
    }

    @Test
    void theCircuitReaderStillRefusesWhatOnlyProgramsHave() {
        String reset = HEADER + "qreg q[1];\nreset q[0];\n";
        assertThrows(QasmException.class, () -> OpenQasm.parse(reset));
        assertThrows(QasmException.class, () -> OpenQasm.parse(HEADER + "qreg q[1];\ncreg c[1];\nif(c==1) x q[0];\n"));
        assertThrows(QasmException.class, () -> OpenQasm.parse(HEADER + "qreg q[1];\ncreg c[1];\nmeasure q[0] -> c[0];\nx q[0];\n"));
    }

    @Test
    void badProgramsGetTheirLineAndColumn() {
        String regs = HEADER + "qreg q[2];\ncreg c[2];\n";
        assertError(regs + "if(c[0]==1) x q[0];\n", 5, 4, "a whole creg");
        assertError(regs + "if(c=1) x q[0];\n", 5, 5, "'=='");
        assertError(regs + "if(q==1) x q[0];\n", 5, 4, "a creg");
        assertError(regs + "if(c==x) x q[0];\n", 5, 7, "a whole number");
        assertError(regs + "if(c==1) barrier q;\n", 5, 10, "a gate call, measure or reset");
        assertError(regs + "if(c==1) if(c==1) x q[0];\n", 5, 10, "a gate call, measure or reset");
        assertError(regs + "if(c==1) y q[0]\n", 6, 1, "';'");
        assertError(regs + "reset c;\n", 5, 7, "a qreg");
        assertError(regs + "creg big[62];\n", 5, 10, "at most 63 classical bits");
    }

    @Test
    void anIfValueBeyondTheRegisterNeverHolds() throws QasmException {
        Program p = OpenQasm.program(HEADER + "qreg q[1];\ncreg c[1];\nif(c==99999999999999999999999) x q[0];\nif(c==2) x q[0];\n");
        for (Program.Instruction i : p.instructions()) {
            assertTrue(!((Program.Conditional) i).holds(0) && !((Program.Conditional) i).holds(1));
        }
        assertTrue(OpenQasm.toQasm2(p).contains("if(c==2) x q[0];\nif(c==2) x q[0];"), OpenQasm.toQasm2(p));
        // The largest value of a 63-bit register is a valid condition.
        Program wide = OpenQasm.program(HEADER + "qreg q[1];\ncreg c[63];\nif(c==9223372036854775807) x q[0];\n");
        assertTrue(((Program.Conditional) wide.instructions().get(0)).holds(Long.MAX_VALUE));
    }

    @Test
    void broadcastStatementsCannotMakeUnboundedPrograms() {
        // 9 bytes of "reset q;\n" make 30 instructions: 40,000 of them pass the limit of a million.
        String text = HEADER + "qreg q[30];\n" + "reset q;\n".repeat(40_000);
        QasmException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertThrows(QasmException.class, () -> OpenQasm.program(text)));
        assertEquals(4 + 1_000_000 / 30, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("limit of 1,000,000 instructions"), e.getMessage());
    }

    private static void assertError(String text, int line, int column, String part) {
        QasmException e = assertThrows(QasmException.class, () -> OpenQasm.program(text));
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
