package dev.qanvas.quantum.draw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Simulator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CircuitEditsTest {

    private static final Operation H0 = Operation.of(Gate.H, 0);
    private static final Operation CX01 = Operation.cnot(0, 1);

    private static double[] probabilities(Circuit c) {
        return Simulator.run(c, new double[0], c.initialWeights()).probabilities();
    }

    @Test
    void droppingAGateOnAnEmptyWireSlidesItLeft() {
        Circuit c = CircuitEdits.insertAt(new Circuit(2, H0, Operation.of(Gate.X, 0)), 5, List.of(Operation.of(Gate.Z, 1)));
        assertEquals(List.of(H0, Operation.of(Gate.Z, 1), Operation.of(Gate.X, 0)), c.operations(), "column order");
        assertArrayEquals(new int[] {0, 0, 1}, CircuitLayout.of(c).columnOf());
    }

    @Test
    void insertingBeforeAColumnPushesTheGatesOnThoseWiresRight() {
        Circuit bell = new Circuit(2, H0, CX01);
        Circuit c = CircuitEdits.insertAt(bell, 1, List.of(Operation.of(Gate.X, 1)));
        assertEquals(List.of(H0, Operation.of(Gate.X, 1), CX01), c.operations());
        assertArrayEquals(new int[] {0, 0, 1}, CircuitLayout.of(c).columnOf());
        // |00> -> H on 0, X on 1, CNOT: (|01> + |10>)/sqrt2 in bitstring order q0 q1, i.e. indices 1 and 2.
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, probabilities(c), 1e-12);
    }

    @Test
    void columnOrderKeepsTheUnitary() {
        Circuit c = new Circuit(3, Operation.of(Gate.H, 0), Operation.of(Gate.RY, 0.3, 0), Operation.of(Gate.H, 2),
                Operation.cnot(0, 1), Operation.of(Gate.RX, 1.1, 2));
        Circuit ordered = CircuitEdits.inColumnOrder(c);
        assertArrayEquals(probabilities(c), probabilities(ordered), 1e-12);
        assertEquals(Operation.of(Gate.H, 2), ordered.operations().get(1));
    }

    @Test
    void movingAGateShiftsAllItsWiresAndRefusesToLeaveTheCircuit() {
        Circuit c = new Circuit(3, H0, CX01);
        Circuit moved = CircuitEdits.move(c, 1, 1, 0);
        assertEquals(List.of(Operation.cnot(1, 2), H0), moved.operations());
        assertSame(c, CircuitEdits.move(c, 1, 2, 0), "CNOT 0->1 moved down 2 wires would use wire 3");
    }

    @Test
    void draggingATargetHandleMovesOnlyThatWire() {
        Circuit c = new Circuit(3, H0, CX01);
        assertEquals(Operation.cnot(0, 2), CircuitEdits.retarget(c, 1, 1, 2).operations().get(1));
        assertEquals(Operation.cnot(2, 1), CircuitEdits.retarget(c, 1, 0, 2).operations().get(1));
        assertSame(c, CircuitEdits.retarget(c, 1, 1, 0), "a gate cannot use one wire twice");
    }

    @Test
    void pasteLandsOnTheChosenWireWithFreshWeightNames() {
        Operation ry = Operation.of(Gate.RY, new Angle.Weight("w0", 0.4), 0);
        Circuit c = new Circuit(3, ry, CX01);
        List<Operation> copied = CircuitEdits.copy(c, Set.of(0, 1));
        Circuit pasted = CircuitEdits.paste(c, copied, 1, 2);
        assertEquals(List.of("w0", "w0_2"), pasted.weightNames());
        assertEquals(Operation.cnot(1, 2), pasted.operations().get(3));
        assertEquals(new Angle.Weight("w0_2", 0.4), pasted.operations().get(2).angles().get(0));
        assertNull(CircuitEdits.paste(c, copied, 2, 2), "a CNOT pasted on the last wire has no room for its target");
    }

    @Test
    void removingAWireDropsItsGatesAndMovesTheRestUp() {
        Circuit c = new Circuit(3, H0, Operation.cnot(1, 2), Operation.of(Gate.X, 2));
        Circuit fewer = CircuitEdits.removeQubit(c, 1);
        assertEquals(2, fewer.qubits());
        assertEquals(List.of(H0, Operation.of(Gate.X, 1)), fewer.operations());
        assertThrows(IllegalArgumentException.class, () -> CircuitEdits.removeQubit(Circuit.empty(1), 0));
        assertEquals(4, CircuitEdits.addQubit(c).qubits());
    }

    @Test
    void deleteAndAngleEdits() {
        Circuit c = new Circuit(2, H0, Operation.of(Gate.RX, 0.1, 1), CX01);
        assertEquals(List.of(Operation.of(Gate.RX, 0.1, 1)), CircuitEdits.remove(c, Set.of(0, 2)).operations());
        Circuit edited = CircuitEdits.withAngle(c, 1, 0, new Angle.Input(2, Math.PI));
        assertEquals(3, edited.inputCount());
    }
}
