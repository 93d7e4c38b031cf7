package dev.qanvas.quantum.draw;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The edits a circuit editor makes, as functions from one circuit value to the next: place
 * operations at a column, move them, drag one of their wires to another, delete, copy and paste,
 * add and remove qubits. Headless so every editing rule is unit-tested without a screen.
 *
 * <p>Columns are those of {@link CircuitLayout}: gates slide left as far as the wires they span
 * allow (as in IBM's Composer). Every edit returns the circuit in column order (all operations of
 * column 0, then column 1, ...): the same unitary, because operations sharing a wire never share a
 * column, and it makes "the operations left of column c" a prefix of the list.
 */
public final class CircuitEdits {

    private CircuitEdits() {}

    /** The circuit with its operations in column order (stable within a column). */
    public static Circuit inColumnOrder(Circuit c) {
        CircuitLayout layout = CircuitLayout.of(c);
        List<Operation> ops = IntStream.range(0, c.size()).boxed()
                .sorted((a, b) -> layout.columnOf()[a] != layout.columnOf()[b]
                        ? Integer.compare(layout.columnOf()[a], layout.columnOf()[b]) : Integer.compare(a, b))
                .map(c.operations()::get).toList();
        return new Circuit(c.qubits(), ops);
    }

    /**
     * Inserts {@code ops} (in order) before everything drawn at or right of {@code column}. Gates
     * already there on the same wires move one column right to make room.
     */
    public static Circuit insertAt(Circuit c, int column, List<Operation> ops) {
        Circuit ordered = inColumnOrder(c);
        CircuitLayout layout = CircuitLayout.of(ordered);
        int index = 0;
        while (index < ordered.size() && layout.columnOf()[index] < column) {
            index++;
        }
        List<Operation> all = new ArrayList<>(ordered.operations());
        all.addAll(index, ops);
        return inColumnOrder(new Circuit(c.qubits(), all));
    }

    /** Removes the operations at {@code indices}. */
    public static Circuit remove(Circuit c, Set<Integer> indices) {
        List<Operation> kept = new ArrayList<>();
        for (int k = 0; k < c.size(); k++) {
            if (!indices.contains(k)) {
                kept.add(c.operations().get(k));
            }
        }
        return inColumnOrder(new Circuit(c.qubits(), kept));
    }

    /**
     * Moves operation {@code index} by {@code wireShift} wires and to {@code column} (a column of
     * the circuit without it). Returns {@code c} unchanged when the shifted gate would leave the
     * circuit.
     */
    public static Circuit move(Circuit c, int index, int wireShift, int column) {
        Operation op = c.operations().get(index);
        Operation shifted = shift(op, wireShift, c.qubits());
        if (shifted == null) {
            return c;
        }
        Circuit without = remove(c, Set.of(index));
        return insertAt(without, column, List.of(shifted));
    }

    /**
     * Moves one wire of an operation (a control or a target) from {@code fromWire} to
     * {@code toWire}, as when dragging a CNOT's target dot. Unchanged when the operation does not
     * touch {@code fromWire} or already uses {@code toWire}.
     */
    public static Circuit retarget(Circuit c, int index, int fromWire, int toWire) {
        Operation op = c.operations().get(index);
        if (toWire < 0 || toWire >= c.qubits() || op.qubits().contains(toWire) || !op.qubits().contains(fromWire)) {
            return c;
        }
        List<Integer> targets = op.targets().stream().map(q -> q == fromWire ? toWire : q).toList();
        List<Integer> controls = op.controls().stream().map(q -> q == fromWire ? toWire : q).toList();
        return inColumnOrder(c.replace(index, op.onQubits(targets, controls)));
    }

    /** The operation with every wire moved by {@code shift}, or null when it would leave a {@code qubits}-wire circuit. */
    public static Operation shift(Operation op, int shift, int qubits) {
        for (int q : op.qubits()) {
            if (q + shift < 0 || q + shift >= qubits) {
                return null;
            }
        }
        return op.onQubits(op.targets().stream().map(q -> q + shift).toList(),
                op.controls().stream().map(q -> q + shift).toList());
    }

    /** The operations at {@code indices}, in circuit order: what Copy puts on the clipboard. */
    public static List<Operation> copy(Circuit c, Set<Integer> indices) {
        List<Operation> out = new ArrayList<>();
        for (int k = 0; k < c.size(); k++) {
            if (indices.contains(k)) {
                out.add(c.operations().get(k));
            }
        }
        return out;
    }

    /**
     * Pastes copied operations so their top wire lands on {@code wire}, before {@code column}.
     * Trainable weights of the copy get fresh names (a pasted layer trains on its own); the
     * result is null when the operations do not fit below {@code wire}.
     */
    public static Circuit paste(Circuit c, List<Operation> copied, int wire, int column) {
        if (copied.isEmpty()) {
            return c;
        }
        int top = copied.stream().flatMap(op -> op.qubits().stream()).mapToInt(Integer::intValue).min().orElse(0);
        Map<String, String> renamed = freshNames(c, copied);
        List<Operation> placed = new ArrayList<>();
        for (Operation op : copied) {
            Operation moved = shift(op, wire - top, c.qubits());
            if (moved == null) {
                return null;
            }
            placed.add(moved.withAngles(moved.angles().stream().map(a -> a instanceof Angle.Weight w
                    ? (Angle) new Angle.Weight(renamed.get(w.name()), w.initial()) : a).toList()));
        }
        return insertAt(c, column, placed);
    }

    /** For each weight named in {@code ops}, a name not yet used in {@code c} (the name itself when free). */
    private static Map<String, String> freshNames(Circuit c, List<Operation> ops) {
        Set<String> taken = new HashSet<>(c.weightNames());
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Operation op : ops) {
            for (Angle a : op.angles()) {
                if (a instanceof Angle.Weight w && !renamed.containsKey(w.name())) {
                    String name = w.name();
                    for (int k = 2; taken.contains(name); k++) {
                        name = w.name() + "_" + k;
                    }
                    taken.add(name);
                    renamed.put(w.name(), name);
                }
            }
        }
        return renamed;
    }

    /** One more wire at the bottom. */
    public static Circuit addQubit(Circuit c) {
        return c.withQubits(c.qubits() + 1);
    }

    /** Removes {@code wire} and every operation touching it; the wires below move up. Needs at least 2 wires. */
    public static Circuit removeQubit(Circuit c, int wire) {
        if (c.qubits() < 2 || wire < 0 || wire >= c.qubits()) {
            throw new IllegalArgumentException("cannot remove wire " + wire + " of a " + c.qubits() + "-qubit circuit");
        }
        List<Operation> kept = new ArrayList<>();
        for (Operation op : c.operations()) {
            if (!op.qubits().contains(wire)) {
                kept.add(op.onQubits(op.targets().stream().map(q -> q > wire ? q - 1 : q).toList(),
                        op.controls().stream().map(q -> q > wire ? q - 1 : q).toList()));
            }
        }
        return inColumnOrder(new Circuit(c.qubits() - 1, kept));
    }

    /** Replaces angle {@code angleIndex} of operation {@code index}. */
    public static Circuit withAngle(Circuit c, int index, int angleIndex, Angle angle) {
        Operation op = c.operations().get(index);
        List<Angle> angles = new ArrayList<>(op.angles());
        angles.set(angleIndex, angle);
        return c.replace(index, op.withAngles(angles));
    }
}
