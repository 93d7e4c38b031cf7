package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A quantum circuit: n qubits and an ordered list of operations. An immutable value with
 * structural equality; every edit returns a new circuit, so undo is a stack of circuits.
 *
 * <p><b>Qubit order.</b> Qubit k is bit k of a basis-state index: the state |q0 q1 ... q(n-1)>
 * has index q0 + 2 q1 + 4 q2 + ... Bitstrings printed by Qanvas put qubit 0 first (leftmost),
 * as the OpenQASM conformance files do; that is the reverse of Qiskit's printed order.
 */
public final class Circuit {

    /** Largest circuit the simulator accepts (the state vector alone is 16 * 2^n bytes). */
    public static final int MAX_QUBITS = 30;

    private final int qubits;
    private final List<Operation> operations;
    private final Map<String, Integer> weightIndex;
    private final double[] initialWeights;
    private final int inputCount;
    private final int clbits;

    public Circuit(int qubits, List<Operation> operations) {
        if (qubits < 1 || qubits > MAX_QUBITS) {
            throw new IllegalArgumentException("a circuit has 1.." + MAX_QUBITS + " qubits, not " + qubits);
        }
        this.qubits = qubits;
        this.operations = List.copyOf(operations);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Double> initial = new ArrayList<>();
        int inputs = 0;
        int bits = 0;
        for (Operation op : this.operations) {
            if (op.kind() == Operation.Kind.MEASURE) {
                bits = Math.max(bits, op.bit() + 1);
            }
            if (op.isConditioned()) {
                bits = Math.max(bits, Math.max(1, 64 - Long.numberOfLeadingZeros(op.condition())));
            }
            if (op.maxQubit() >= qubits) {
                throw new IllegalArgumentException(op + " uses qubit " + op.maxQubit() + " but the circuit has " + qubits + " qubits");
            }
            for (Angle a : op.angles()) {
                if (a instanceof Angle.Weight w) {
                    if (!index.containsKey(w.name())) {
                        index.put(w.name(), index.size());
                        initial.add(w.initial());
                    }
                } else if (a instanceof Angle.Input in) {
                    inputs = Math.max(inputs, in.index() + 1);
                } else if (a instanceof Angle.Product pr) {
                    inputs = Math.max(inputs, pr.maxIndex() + 1);
                }
            }
        }
        this.weightIndex = Map.copyOf(index);
        this.initialWeights = initial.stream().mapToDouble(Double::doubleValue).toArray();
        this.inputCount = inputs;
        if (bits > Program.MAX_CLBITS) {
            throw new IllegalArgumentException("a circuit has at most " + Program.MAX_CLBITS + " classical bits, not " + bits);
        }
        this.clbits = bits;
    }

    public Circuit(int qubits, Operation... operations) {
        this(qubits, List.of(operations));
    }

    public static Circuit empty(int qubits) {
        return new Circuit(qubits, List.of());
    }

    public int qubits() { return qubits; }
    public List<Operation> operations() { return operations; }
    public int size() { return operations.size(); }

    /** Trainable weight names in order of first use; weight vectors follow this order. */
    public List<String> weightNames() {
        String[] names = new String[weightIndex.size()];
        weightIndex.forEach((n, i) -> names[i] = n);
        return List.of(names);
    }

    public int weightIndex(String name) {
        Integer i = weightIndex.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no weight named " + name);
        }
        return i;
    }

    /** Each weight's initial value (from the first gate that names it). */
    public double[] initialWeights() {
        return initialWeights.clone();
    }

    /**
     * How many bits the classical register c has: 1 + the largest bit a measurement writes, and
     * enough to hold every condition's value; 0 when nothing is measured or conditioned.
     */
    public int clbits() {
        return clbits;
    }

    /**
     * Whether every step is an unconditioned gate. Only such circuits run on the state-vector
     * simulators, differentiate, train in a quantum layer or export to Strange; the others run as
     * a {@link Program} ({@link Program#of(Circuit)}) on {@link ProgramRunner} or {@link Trajectories}.
     */
    public boolean isUnitary() {
        return operations.stream().allMatch(Operation::isUnitary);
    }

    /** Refuses a circuit that is not {@link #isUnitary() unitary}, naming {@code what} cannot take it. */
    public void requireUnitary(String what) {
        for (Operation op : operations) {
            if (!op.isUnitary()) {
                throw new IllegalArgumentException(what + " needs a unitary circuit, but this one has " + op
                        + ": measurement, reset, postselection and conditions run only as a program (density matrix or trajectories)");
            }
        }
    }

    /** How many input features the circuit reads: 1 + the largest x[i] index, 0 if none. */
    public int inputCount() {
        return inputCount;
    }

    public Circuit append(Operation op) {
        List<Operation> ops = new ArrayList<>(operations);
        ops.add(op);
        return new Circuit(qubits, ops);
    }

    public Circuit append(Circuit other) {
        if (other.qubits > qubits) {
            throw new IllegalArgumentException("cannot append a " + other.qubits + "-qubit circuit to a " + qubits + "-qubit one");
        }
        List<Operation> ops = new ArrayList<>(operations);
        ops.addAll(other.operations);
        return new Circuit(qubits, ops);
    }

    public Circuit insert(int index, Operation op) {
        List<Operation> ops = new ArrayList<>(operations);
        ops.add(index, op);
        return new Circuit(qubits, ops);
    }

    public Circuit remove(int index) {
        List<Operation> ops = new ArrayList<>(operations);
        ops.remove(index);
        return new Circuit(qubits, ops);
    }

    public Circuit replace(int index, Operation op) {
        List<Operation> ops = new ArrayList<>(operations);
        ops.set(index, op);
        return new Circuit(qubits, ops);
    }

    /** This circuit on {@code n} qubits (fails if an operation uses a qubit that would go). */
    public Circuit withQubits(int n) {
        return new Circuit(n, operations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Circuit c && c.qubits == qubits && c.operations.equals(operations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(qubits, operations);
    }

    @Override
    public String toString() {
        return "Circuit[" + qubits + " qubits, " + operations.size() + " operations"
                + (weightIndex.isEmpty() ? "" : ", weights " + weightNames())
                + (inputCount == 0 ? "" : ", " + inputCount + " inputs") + "]";
    }
}
