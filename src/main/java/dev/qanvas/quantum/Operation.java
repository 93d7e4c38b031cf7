package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One step of a circuit. Usually a gate application: a base {@link Gate} on target qubits,
 * optionally controlled by other qubits (a CNOT is X with one control, a Toffoli X with two, a
 * Fredkin SWAP with one), with one {@link Angle} per gate parameter. The non-unitary steps a device
 * (or a postselecting simulation) runs are the other {@link Kind}s: a measurement of one qubit into
 * classical bit {@code bit} of the circuit's one classical register c, a reset of one qubit to |0>,
 * and a postselection of one qubit on outcome {@code bit}; they have no gate ({@code gate} is null).
 * A gate, measurement or reset may be conditioned on the whole register: it runs only when
 * c == {@code condition} ({@link #UNCONDITIONED} for always). Only unitary steps (unconditioned
 * gates) can run on the state-vector simulators; see {@link Circuit#isUnitary()}. Immutable, with
 * structural equality.
 */
public record Operation(Gate gate, List<Integer> targets, List<Integer> controls, List<Angle> angles,
        Kind kind, int bit, long condition) {

    /** What a step does to the state. */
    public enum Kind {
        /** A unitary gate. */
        GATE,
        /** Measures the qubit in the computational basis into classical bit {@code bit}. */
        MEASURE,
        /** Puts the qubit into |0>. */
        RESET,
        /** Keeps only the part of the state where the qubit reads {@code bit} (renormalised). */
        POSTSELECT
    }

    /** The {@code condition} of a step that always runs. */
    public static final long UNCONDITIONED = -1;

    public Operation {
        targets = List.copyOf(targets);
        controls = List.copyOf(controls);
        angles = List.copyOf(angles);
        java.util.Objects.requireNonNull(kind, "kind");
        if (kind != Kind.GATE) {
            if (gate != null || targets.size() != 1 || !controls.isEmpty() || !angles.isEmpty()) {
                throw new IllegalArgumentException("a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " acts on exactly one qubit, without gate, controls or angles");
            }
            if (targets.get(0) < 0) {
                throw new IllegalArgumentException("qubit index must be >= 0: " + targets.get(0));
            }
            if (kind == Kind.MEASURE && (bit < 0 || bit >= Program.MAX_CLBITS)) {
                throw new IllegalArgumentException("a measurement writes classical bit 0.." + (Program.MAX_CLBITS - 1) + ", not " + bit);
            }
            if (kind == Kind.POSTSELECT && bit != 0 && bit != 1) {
                throw new IllegalArgumentException("a qubit is postselected on 0 or 1, not " + bit);
            }
            if (kind == Kind.RESET && bit != 0) {
                throw new IllegalArgumentException("a reset has no classical bit");
            }
            if (kind == Kind.POSTSELECT && condition != UNCONDITIONED) {
                throw new IllegalArgumentException("a postselection cannot be conditioned (OpenQASM's if runs a gate, measure or reset)");
            }
        } else if (bit != 0) {
            throw new IllegalArgumentException("a gate has no classical bit");
        }
        if (condition < UNCONDITIONED) {
            throw new IllegalArgumentException("a condition compares the classical register with a value >= 0, not " + condition);
        }
        if (kind == Kind.GATE) {
            requireGateShape(gate, targets, controls, angles);
        }
    }

    private static void requireGateShape(Gate gate, List<Integer> targets, List<Integer> controls, List<Angle> angles) {
        if (targets.size() != gate.qubits()) {
            throw new IllegalArgumentException(gate + " acts on " + gate.qubits() + " qubit(s), got targets " + targets);
        }
        if (angles.size() != gate.params()) {
            throw new IllegalArgumentException(gate + " takes " + gate.params() + " angle(s), got " + angles.size());
        }
        long seenBelow64 = 0; // a mask, not a HashSet: circuits built in a loop (QRNN steps) make many operations
        Set<Integer> seen = null;
        for (int q : qubitsOf(targets, controls)) {
            if (q < 0) {
                throw new IllegalArgumentException("qubit index must be >= 0: " + q);
            }
            boolean twice;
            if (q < 64) {
                twice = (seenBelow64 & 1L << q) != 0;
                seenBelow64 |= 1L << q;
            } else {
                seen = seen == null ? new HashSet<>() : seen;
                twice = !seen.add(q);
            }
            if (twice) {
                throw new IllegalArgumentException(gate + " uses qubit " + q + " twice");
            }
        }
    }

    /** A gate application (unconditioned). */
    public Operation(Gate gate, List<Integer> targets, List<Integer> controls, List<Angle> angles) {
        this(gate, targets, controls, angles, Kind.GATE, 0, UNCONDITIONED);
    }

    /** Measures {@code qubit} into classical bit {@code clbit}. */
    public static Operation measure(int qubit, int clbit) {
        return new Operation(null, List.of(qubit), List.of(), List.of(), Kind.MEASURE, clbit, UNCONDITIONED);
    }

    /** Resets {@code qubit} to |0>. */
    public static Operation reset(int qubit) {
        return new Operation(null, List.of(qubit), List.of(), List.of(), Kind.RESET, 0, UNCONDITIONED);
    }

    /** Postselects {@code qubit} on {@code outcome} (0 or 1). */
    public static Operation postselect(int qubit, int outcome) {
        return new Operation(null, List.of(qubit), List.of(), List.of(), Kind.POSTSELECT, outcome, UNCONDITIONED);
    }

    /** This step, run only when the classical register equals {@code value} ({@link #UNCONDITIONED}: always). */
    public Operation when(long value) {
        return new Operation(gate, targets, controls, angles, kind, bit, value);
    }

    /** This step on another qubit (a non-gate step) or the same gate on other qubits. */
    public Operation onQubits(List<Integer> newTargets, List<Integer> newControls) {
        return new Operation(gate, newTargets, newControls, angles, kind, bit, condition);
    }

    /** Whether this step is a gate that always runs: the only steps a state-vector simulator applies. */
    public boolean isUnitary() {
        return kind == Kind.GATE && condition == UNCONDITIONED;
    }

    public boolean isGate() {
        return kind == Kind.GATE;
    }

    public boolean isConditioned() {
        return condition != UNCONDITIONED;
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
        return new Operation(gate, targets, c, angles, kind, bit, condition);
    }

    /** Same gate, other angles. */
    public Operation withAngles(List<Angle> newAngles) {
        return new Operation(gate, targets, controls, newAngles, kind, bit, condition);
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
        if (isConditioned()) {
            sb.append("if(c==").append(condition).append(") ");
        }
        switch (kind) {
            case MEASURE -> {
                return sb.append("measure q[").append(targets.get(0)).append("] -> c[").append(bit).append(']').toString();
            }
            case RESET -> {
                return sb.append("reset q[").append(targets.get(0)).append(']').toString();
            }
            case POSTSELECT -> {
                return sb.append("postselect q[").append(targets.get(0)).append("] on ").append(bit).toString();
            }
            default -> { }
        }
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
