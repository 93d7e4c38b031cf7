package dev.qanvas.quantum.qasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qanvas.quantum.Channel;
import dev.qanvas.quantum.NoiseModel;
import dev.qanvas.quantum.Program;
import dev.qanvas.quantum.ProgramRunner;
import dev.qanvas.quantum.Trajectories;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated programs (with measure, reset and if) read as programs: the only outcomes allowed are a
 * program, which small ones then run exactly and by shots (probabilities summing to 1), or a
 * {@link QasmException} with a line and column. The mutations are {@link QasmFuzzTest}'s.
 */
class ProgramFuzzTest {

    private static final String HEAD = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n";

    private static final List<String> SEEDS = List.of(
            HEAD + "qreg q[3];\ncreg a[1];\ncreg b[1];\nu3(0.3,0.2,0.1) q[0];\nh q[1];\ncx q[1],q[2];\ncx q[0],q[1];\n"
                    + "h q[0];\nmeasure q[0] -> a[0];\nmeasure q[1] -> b[0];\nif(b==1) x q[2];\nif(a==1) z q[2];\n",
            HEAD + "qreg q[2];\ncreg f[1];\nif(f==0) reset q[0];\nif(f==0) ry(0.9) q[0];\nif(f==0) measure q[0] -> f[0];\n"
                    + "barrier q;\nreset q;\nmeasure q[1] -> f[0];\n",
            HEAD + "qreg q[2];\ncreg c[2];\ngate g a,b { h a; cx a,b; }\ng q[0],q[1];\nmeasure q -> c;\nif(c==3) reset q[1];\n");

    @Test
    void mutatedProgramsEndInAResultOrALocatedError() {
        Random random = new Random(20261207L);
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.1)).withReadout(0.05);
        int programs = 0;
        int errors = 0;
        for (int i = 0; i < 300; i++) {
            String input = QasmFuzzTest.mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            try {
                Program p = OpenQasm.program(input);
                programs++;
                if (p.qubits() <= 5 && p.clbits() <= 8 && p.instructions().size() <= 200) {
                    double[] probabilities = ProgramRunner.exact(p, noise).probabilities();
                    assertEquals(1, java.util.Arrays.stream(probabilities).sum(), 1e-9, input);
                    long shots = 0;
                    for (long k : Trajectories.counts(p, noise, 50, i).counts()) {
                        shots += k;
                    }
                    assertEquals(50, shots);
                }
            } catch (QasmException e) {
                if (e.line() < 1 || e.column() < 1 || e.detail().isBlank()) {
                    fail("an error without a place: " + e.getMessage() + "\n" + input);
                }
                errors++;
            } catch (Throwable t) {
                fail("input " + i + " threw " + t + "\n" + input, t);
            }
        }
        assertTrue(programs > 0 && errors > 0, programs + " programs, " + errors + " errors");
    }
}
