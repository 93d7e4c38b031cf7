package dev.qanvas.quantum.draw;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where each operation of a circuit is drawn: time flows left to right in columns, and each
 * operation goes into the first column after every earlier operation that touches the qubits it
 * spans (a multi-qubit gate spans all wires between its lowest and highest qubit, because its
 * vertical line crosses them). A circuit with classical bits has a classical register wire c
 * below the qubits; a measurement (which writes it) or a conditioned step (which reads it) spans
 * every wire from its qubit down to c, because its double line does. The circuit editor and the
 * SVG export both draw from this.
 */
public record CircuitLayout(int qubits, int columns, int[] columnOf) {

    public static CircuitLayout of(Circuit c) {
        int[] nextFree = new int[c.qubits() + 1]; // the last row is the classical wire
        int[] columnOf = new int[c.size()];
        int columns = 0;
        for (int k = 0; k < c.size(); k++) {
            Operation op = c.operations().get(k);
            int lo = op.qubits().stream().mapToInt(Integer::intValue).min().orElse(0);
            int hi = usesClassicalWire(op) ? c.qubits() : op.qubits().stream().mapToInt(Integer::intValue).max().orElse(0);
            int column = 0;
            for (int q = lo; q <= hi; q++) {
                column = Math.max(column, nextFree[q]);
            }
            for (int q = lo; q <= hi; q++) {
                nextFree[q] = column + 1;
            }
            columnOf[k] = column;
            columns = Math.max(columns, column + 1);
        }
        return new CircuitLayout(c.qubits(), columns, columnOf);
    }

    /** Whether the step is drawn joined to the classical wire: it writes it (measure) or reads it (a condition). */
    public static boolean usesClassicalWire(Operation op) {
        return op.kind() == Operation.Kind.MEASURE || op.isConditioned();
    }

    /** Indices of the operations drawn in {@code column}, in circuit order. */
    public List<Integer> operationsIn(int column) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < columnOf.length; k++) {
            if (columnOf[k] == column) {
                out.add(k);
            }
        }
        return out;
    }

    /** The circuit made of the operations in columns 0 .. {@code column} (the state after that column, for a step cursor). */
    public Circuit prefix(Circuit c, int column) {
        List<Operation> ops = new ArrayList<>();
        for (int k = 0; k < columnOf.length; k++) {
            if (columnOf[k] <= column) {
                ops.add(c.operations().get(k));
            }
        }
        return new Circuit(c.qubits(), ops);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CircuitLayout l && l.qubits == qubits && l.columns == columns && Arrays.equals(l.columnOf, columnOf);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * qubits + columns) + Arrays.hashCode(columnOf);
    }

    @Override
    public String toString() {
        return "CircuitLayout[" + qubits + " qubits, " + columns + " columns, " + Arrays.toString(columnOf) + "]";
    }
}
