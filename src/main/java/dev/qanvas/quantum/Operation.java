package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One gate application: a base {@link Gate} on target qubits, optionally controlled by other
 * qubits (a CNOT is X with one control, a Toffoli X with two, a Fredkin SWAP with one), with one
 * {@link Angle} per gate parameter. Immutable, with structural equality.
 */
public record Operation(Gate gate, List<Integer> targets, List<Integer> controls, List<Angle> angles) {

    public Operation {
        targets = List.copyOf(targets);
        controls = List.copyOf(controls);
        angles = List.copyOf(angles);
        if (targets.size() != gate.qubits()) {
            throw new IllegalArgumentException(gate + " acts on " + gate.qubits() + " qubit(s), got targets " + targets);
        }
        if (angles.size() != gate.params()) {
            throw new IllegalArgumentException(gate + " takes " + gate.params() + " angle(s), got " + angles.size());
        }
        Set<Integer> seen = new HashSet<>();
        for (int q : qubitsOf(targets, controls)) {
            if (q < 0) {
                throw new IllegalArgumentException("qubit index must be >= 0: " + q);
            }
            if (!seen.add(q)) {
                throw new IllegalArgumentException(gate + " uses qubit " + q + " twice");
            }
        }
    }

    /** An unparameterised gate on its targets. */
    public static Operation of(Gate gate, int... targets) {
        return new Operation(gate, ints(targets), List.of(), List.of());
    }

    /** A gate with angles on its targets. */
    public static Operation of(Gate gate, List<Angle> angles, int... targets) {
        return new Operation(gate, ints(targets), List.of(), angles);
    }

    /** A one-parameter gate with a constant angle. */
    public static Operation of(Gate gate, double angle, int... targets) {
        return of(gate, List.of(new Angle.Constant(angle)), targets);
    }

    /** A one-parameter gate with the given angle source. */
    public static Operation of(Gate gate, Angle angle, int... targets) {
        return of(gate, List.of(angle), targets);
    }

    public static Operation cnot(int control, int target) {
        return of(Gate.X, target).controlledBy(control);
    }

    public static Operation cz(int control, int target) {
        return of(Gate.Z, target).controlledBy(control);
    }

    public static Operation toffoli(int c1, int c2, int target) {
        return of(Gate.X, target).controlledBy(c1, c2);
    }

    /** This operation with more control qubits. */
    public Operation controlledBy(int... more) {
        List<Integer> c = new ArrayList<>(controls);
        for (int q : more) {
            c.add(q);
        }
        return new Operation(gate, targets, c, angles);
    }

    /** Same gate, other angles. */
    public Operation withAngles(List<Angle> newAngles) {
        return new Operation(gate, targets, controls, newAngles);
    }

    /** Controls first, then targets (the OpenQASM argument order). */
    public List<Integer> qubits() {
        return qubitsOf(targets, controls);
    }

    public int maxQubit() {
        return qubits().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    /** Bit mask of the control qubits. */
    public int controlMask() {
        int mask = 0;
        for (int q : controls) {
            mask |= 1 << q;
        }
        return mask;
    }

    public boolean isParameterised() {
        return !angles.isEmpty();
    }

    /** The angles' values for inputs {@code x} and weights {@code w}. */
    public double[] angleValues(double[] x, double[] w, Circuit circuit) {
        double[] v = new double[angles.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = angles.get(k).value(x, w, circuit);
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("c".repeat(controls.size())).append(gate.qasmName());
        if (!angles.isEmpty()) {
            sb.append('(');
            for (int k = 0; k < angles.size(); k++) {
                sb.append(k > 0 ? ", " : "").append(angles.get(k).text());
            }
            sb.append(')');
        }
        sb.append(' ').append(qubits());
        return sb.toString();
    }

    private static List<Integer> qubitsOf(List<Integer> targets, List<Integer> controls) {
        List<Integer> all = new ArrayList<>(controls);
        all.addAll(targets);
        return all;
    }

    private static List<Integer> ints(int[] values) {
        List<Integer> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
