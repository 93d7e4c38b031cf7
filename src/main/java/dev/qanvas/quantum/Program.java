package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;

/**
 * A quantum program as a device runs it: unitary gates, mid-circuit measurements into classical
 * bits, resets, gates conditioned on a classical register's value, and barriers, in order. What
 * OpenQASM 2.0 files say, read by {@code OpenQasm.program}; run by {@link ProgramRunner}
 * (exact, density matrix) or {@link Trajectories} (sampled, pure states). Conventions:
 * docs/noise.md.
 *
 * <p>Qubit k is bit k of a basis index as in {@link Circuit}. Classical bits are numbered
 * across the classical registers joined in declaration order; bit j of a classical value (a
 * {@code long}) is classical bit j, so a register's own bit 0 is the least significant bit of
 * its value (the OpenQASM 2.0 {@code if} convention).
 */
public record Program(int qubits, List<Register> qregs, List<Register> cregs, List<Instruction> instructions) {

    /** The most classical bits a program may declare: its classical state is one {@code long}. */
    public static final int MAX_CLBITS = 63;

    /** A register: its name, size and the index of its first (qu)bit among all of its kind. */
    public record Register(String name, int size, int offset) {
    }

    /** One step of a program. */
    public sealed interface Instruction permits Apply, Measure, Reset, Conditional, Barrier, Postselect {
    }

    /**
     * One gate as the program names it ({@code ccx}, {@code U}, {@code rzz}) on the qubits it acts on,
     * with the base operations it expands to. Noise after gates counts these, not the operations.
     */
    public record Apply(String name, List<Integer> qubits, List<Operation> operations) implements Instruction {
        public Apply {
            qubits = List.copyOf(qubits);
            operations = List.copyOf(operations);
        }

        /** One base operation as its own gate, named as OpenQASM 2.0 names it (a CNOT is cx, a Toffoli ccx). */
        public static Apply of(Operation op) {
            int k = op.controls().size();
            String name = op.gate().qasm2Name(k).orElse("c".repeat(k) + op.gate().qasmName());
            return new Apply(name, op.qubits(), List.of(op));
        }
    }

    /** Measures {@code qubit} in the computational basis and writes the outcome to classical bit {@code clbit}. */
    public record Measure(int qubit, int clbit) implements Instruction {
    }

    /** Puts {@code qubit} into |0> (whatever its state, entangled or not). */
    public record Reset(int qubit) implements Instruction {
    }

    /**
     * Postselection: keeps only the part of the state where {@code qubit} reads {@code outcome}
     * (projects onto it and renormalises); a run reports the probability that every postselection
     * succeeded. No device can do this: it stands for "run again until the outcome comes up" (repeat
     * until success) or for discarding the shots that fail. OpenQASM 2.0 has no such statement
     * (docs/noise.md#postselection).
     */
    public record Postselect(int qubit, int outcome) implements Instruction {
        public Postselect {
            if (outcome != 0 && outcome != 1) {
                throw new IllegalArgumentException("a qubit is postselected on 0 or 1, not " + outcome);
            }
        }
    }

    /**
     * {@code if(creg == value) body}: runs {@code body} when the register's value equals {@code value}.
     * The body is a gate, a measurement or a reset. {@link #NEVER} stands for a value too large for
     * any register (the condition never holds).
     */
    public record Conditional(Register creg, long value, Instruction body) implements Instruction {
        public Conditional {
            if (body instanceof Conditional || body instanceof Barrier || body instanceof Postselect) {
                throw new IllegalArgumentException("the body of an if is a gate, measure or reset, not " + body);
            }
        }

        /** The value of a condition that never holds (its text was larger than any register holds). */
        public static final long NEVER = -1;

        /** Whether the condition holds for the classical bits {@code classical}. */
        public boolean holds(long classical) {
            long mask = creg.size() >= 64 ? -1L : (1L << creg.size()) - 1;
            return ((classical >>> creg.offset()) & mask) == value;
        }
    }

    /** A barrier: no effect on the state; kept so that a program is written back as read. */
    public record Barrier(List<Integer> qubits) implements Instruction {
        public Barrier {
            qubits = List.copyOf(qubits);
        }
    }

    public Program {
        qregs = List.copyOf(qregs);
        cregs = List.copyOf(cregs);
        instructions = List.copyOf(instructions);
        if (qubits < 1 || qubits > Circuit.MAX_QUBITS) {
            throw new IllegalArgumentException("a program has 1.." + Circuit.MAX_QUBITS + " qubits, not " + qubits);
        }
        if (clbits(cregs) > MAX_CLBITS) {
            throw new IllegalArgumentException("a program has at most " + MAX_CLBITS + " classical bits, not " + clbits(cregs));
        }
        for (Instruction i : instructions) {
            requireInRange(i, qubits, clbits(cregs));
        }
    }

    private static void requireInRange(Instruction i, int qubits, int clbits) {
        List<Integer> used = List.of();
        if (i instanceof Apply a) {
            used = a.operations().stream().flatMap(op -> op.qubits().stream()).toList();
        } else if (i instanceof Measure m) {
            used = List.of(m.qubit());
        } else if (i instanceof Reset r) {
            used = List.of(r.qubit());
        } else if (i instanceof Postselect s) {
            used = List.of(s.qubit());
        } else if (i instanceof Barrier b) {
            used = b.qubits();
        }
        for (int q : used) {
            if (q < 0 || q >= qubits) {
                throw new IllegalArgumentException(i + " uses qubit " + q + " of a " + qubits + "-qubit program");
            }
        }
        if (i instanceof Measure m && (m.clbit() < 0 || m.clbit() >= clbits)) {
            throw new IllegalArgumentException(i + " writes classical bit " + m.clbit() + " of " + clbits);
        }
        if (i instanceof Conditional c) {
            if (c.creg().offset() < 0 || c.creg().offset() + c.creg().size() > clbits) {
                throw new IllegalArgumentException(i + " reads bits outside the " + clbits + " classical bits");
            }
            requireInRange(c.body(), qubits, clbits);
        }
    }

    /**
     * A circuit as a program: each gate one gate with its angles' values for inputs {@code x} and
     * weights {@code w}; measurements, resets, postselections and conditions as themselves; one
     * quantum register q and, when the circuit has classical bits, one classical register c.
     */
    public static Program of(Circuit c, double[] x, double[] w) {
        Simulator.requireSizes(c, x, w);
        Register creg = new Register("c", c.clbits(), 0);
        List<Instruction> list = new ArrayList<>();
        for (Operation op : c.operations()) {
            Instruction step = switch (op.kind()) {
                case MEASURE -> new Measure(op.targets().get(0), op.bit());
                case RESET -> new Reset(op.targets().get(0));
                case POSTSELECT -> new Postselect(op.targets().get(0), op.bit());
                case GATE -> {
                    List<Angle> values = new ArrayList<>();
                    for (double v : op.angleValues(x, w, c)) {
                        values.add(new Angle.Constant(v));
                    }
                    yield Apply.of(op.withAngles(values).when(Operation.UNCONDITIONED));
                }
            };
            list.add(op.isConditioned() ? new Conditional(creg, op.condition(), step) : step);
        }
        return new Program(c.qubits(), List.of(new Register("q", c.qubits(), 0)),
                c.clbits() == 0 ? List.of() : List.of(creg), list);
    }

    /** A circuit with zero inputs and its initial weights as a program. */
    public static Program of(Circuit c) {
        return of(c, new double[c.inputCount()], c.initialWeights());
    }

    /**
     * This program as a {@link Circuit} (the Circuit workspace's): gates with their constant angles,
     * measure, reset, postselect and conditioned steps as themselves, barriers left out. The circuit
     * has one classical register c, all of this program's classical bits joined in order, so an
     * {@code if} is kept when it reads all of them (one classical register, or the only one).
     *
     * @throws IllegalArgumentException for an {@code if} on one register of several, or one that never holds
     */
    public Circuit circuit() {
        List<Operation> ops = new ArrayList<>();
        for (Instruction i : instructions) {
            long condition = Operation.UNCONDITIONED;
            Instruction step = i;
            if (i instanceof Conditional c) {
                if (c.creg().offset() != 0 || c.creg().size() != clbits()) {
                    throw new IllegalArgumentException("if(" + c.creg().name() + "==" + c.value() + ") reads one of "
                            + cregs.size() + " classical registers; a circuit has one register c, so write the condition on"
                            + " one register holding all the classical bits");
                }
                if (c.value() == Conditional.NEVER) {
                    throw new IllegalArgumentException("if(" + c.creg().name() + "==...) compares with a value larger than the"
                            + " register holds, so it never runs; remove it");
                }
                condition = c.value();
                step = c.body();
            }
            if (step instanceof Apply a) {
                for (Operation op : a.operations()) {
                    ops.add(op.when(condition));
                }
            } else if (step instanceof Measure m) {
                ops.add(Operation.measure(m.qubit(), m.clbit()).when(condition));
            } else if (step instanceof Reset r) {
                ops.add(Operation.reset(r.qubit()).when(condition));
            } else if (step instanceof Postselect s) {
                ops.add(Operation.postselect(s.qubit(), s.outcome()));
            }
        }
        return new Circuit(qubits, ops);
    }

    /** The angle values of an operation of a program (its angles are constants). */
    static double[] angles(Operation op) {
        return op.angleValues(new double[0], new double[0], null);
    }

    /** Number of classical bits (all classical registers). */
    public int clbits() {
        return clbits(cregs);
    }

    private static int clbits(List<Register> cregs) {
        return cregs.stream().mapToInt(Register::size).sum();
    }

    /** Whether any instruction measures (conditioned or not). */
    public boolean measures() {
        return instructions.stream().anyMatch(i -> i instanceof Measure
                || i instanceof Conditional c && c.body() instanceof Measure);
    }

    /** Whether the program postselects. */
    public boolean postselects() {
        return instructions.stream().anyMatch(i -> i instanceof Postselect);
    }

    /**
     * This program with {@code more} postselections after its last gate, before the measurements
     * (and barriers) at its very end: the same as after them, since projectors onto computational
     * basis outcomes commute with those measurements (and readout error only flips the bits written).
     */
    public Program withFinalPostselections(List<Postselect> more) {
        int last = instructions.size();
        while (last > 0 && (instructions.get(last - 1) instanceof Measure || instructions.get(last - 1) instanceof Barrier)) {
            last--;
        }
        List<Instruction> list = new ArrayList<>(instructions.subList(0, last));
        list.addAll(more);
        list.addAll(instructions.subList(last, instructions.size()));
        return new Program(qubits, qregs, cregs, list);
    }

    /**
     * Whether the program is a unitary circuit (with postselections) followed only by measurements
     * (and barriers): then one state vector gives every result exactly.
     */
    public boolean measuresOnlyAtTheEnd() {
        boolean measured = false;
        for (Instruction i : instructions) {
            if (i instanceof Measure) {
                measured = true;
            } else if (i instanceof Reset || i instanceof Conditional || (i instanceof Apply || i instanceof Postselect) && measured) {
                return false;
            }
        }
        return true;
    }

    /** Classical value {@code value} as a bitstring, classical bit 0 leftmost. */
    public static String classicalBits(long value, int clbits) {
        char[] c = new char[clbits];
        for (int j = 0; j < clbits; j++) {
            c[j] = ((value >>> j) & 1) == 1 ? '1' : '0';
        }
        return new String(c);
    }
}
