package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our simulator against Strange, an independent implementation, on random circuits (float precision). */
class StrangeBridgeTest {

    @Test
    void randomCircuitsAgreeWithStrange() {
        Random random = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            int n = 2 + trial % 5;
            Circuit c = randomSupportedCircuit(n, 25, random);
            double[][] theirs = StrangeBridge.run(c);
            StateVector ours = Simulator.run(c);
            // equal up to a global phase: |<ours|theirs>| = 1 (Strange works in float)
            double ipr = 0, ipi = 0, norm = 0;
            for (int i = 0; i < theirs[0].length; i++) {
                ipr += ours.re(i) * theirs[0][i] + ours.im(i) * theirs[1][i];
                ipi += ours.re(i) * theirs[1][i] - ours.im(i) * theirs[0][i];
                norm += theirs[0][i] * theirs[0][i] + theirs[1][i] * theirs[1][i];
            }
            assertEquals(1.0, Math.hypot(ipr, ipi) / Math.sqrt(norm), 2e-5, "trial " + trial + ": " + c.operations());
        }
    }

    @Test
    void bellStateMatchesExactly() {
        Circuit c = new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1));
        double[][] theirs = StrangeBridge.run(c);
        double r = Math.sqrt(0.5);
        assertEquals(r, theirs[0][0], 1e-6);
        assertEquals(r, theirs[0][3], 1e-6);
        assertEquals(0, theirs[0][1], 1e-6);
        assertEquals(0, theirs[0][2], 1e-6);
    }

    @Test
    void gatesStrangeGetsWrongAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> StrangeBridge.toProgram(new Circuit(2, Operation.of(Gate.RZ, 0.3, 1).controlledBy(0))));
        assertThrows(IllegalArgumentException.class,
                () -> StrangeBridge.toProgram(new Circuit(2, Operation.of(Gate.ISWAP, 0, 1))));
    }

    private static Circuit randomSupportedCircuit(int n, int length, Random random) {
        Gate[] single = {Gate.H, Gate.X, Gate.Y, Gate.Z, Gate.S, Gate.SDG, Gate.T, Gate.TDG, Gate.SX, Gate.RX, Gate.RY, Gate.RZ, Gate.P, Gate.U3};
        List<Operation> ops = new ArrayList<>();
        List<Integer> qubits = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            qubits.add(q);
        }
        for (int k = 0; k < length; k++) {
            Collections.shuffle(qubits, random);
            double u = random.nextDouble();
            if (u < 0.6 || n < 2) {
                Gate g = single[random.nextInt(single.length)];
                ops.add(Operation.of(g, random.doubles(g.params(), -3, 3).mapToObj(v -> (Angle) new Angle.Constant(v)).toList(), qubits.get(0)));
            } else if (u < 0.75) {
                ops.add(Operation.cnot(qubits.get(0), qubits.get(1)));
            } else if (u < 0.82) {
                ops.add(Operation.cz(qubits.get(0), qubits.get(1)));
            } else if (u < 0.89) {
                ops.add(Operation.of(Gate.P, random.nextDouble() * 6 - 3, qubits.get(1)).controlledBy(qubits.get(0)));
            } else if (u < 0.95 || n < 3) {
                ops.add(Operation.of(Gate.SWAP, qubits.get(0), qubits.get(1)));
            } else {
                ops.add(Operation.toffoli(qubits.get(0), qubits.get(1), qubits.get(2)));
            }
        }
        return new Circuit(n, ops);
    }
}
