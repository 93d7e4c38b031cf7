package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;

/**
 * A compact, exact, line-based text form of a circuit, for places that store a circuit as one
 * string (DL4J layer configurations, checkpoints). Unlike OpenQASM 2.0 it keeps trainable
 * weights and input features. One header line {@code qubits N}, then one line per operation:
 * {@code GATE targets controls angles}, where targets and controls are comma-separated ({@code -}
 * for none) and angles are {@code ;}-separated: {@code c:<value>:<text>}, {@code w:<name>:<initial>}
 * {@code x:<index>:<scale>} or {@code p:<i>,<j>...:<scale>} (scale times the product of (pi - x[i])). Numbers are written so they read back exactly.
 * The non-unitary steps are lines {@code measure Q BIT}, {@code reset Q} and {@code postselect Q OUTCOME};
 * a step conditioned on the classical register is its line after {@code if=VALUE } (docs/noise.md).
 */
public final class CircuitText {

    private CircuitText() {
    }

    public static String write(Circuit c) {
        StringBuilder sb = new StringBuilder("qubits ").append(c.qubits()).append('\n');
        for (Operation op : c.operations()) {
            if (op.isConditioned()) {
                sb.append("if=").append(op.condition()).append(' ');
            }
            int q = op.targets().get(0);
            switch (op.kind()) {
                case MEASURE -> {
                    sb.append("measure ").append(q).append(' ').append(op.bit()).append('\n');
                    continue;
                }
                case RESET -> {
                    sb.append("reset ").append(q).append('\n');
                    continue;
                }
                case POSTSELECT -> {
                    sb.append("postselect ").append(q).append(' ').append(op.bit()).append('\n');
                    continue;
                }
                case GATE -> { }
            }
            sb.append(op.gate().name()).append(' ').append(ints(op.targets())).append(' ').append(ints(op.controls())).append(' ');
            List<String> angles = new ArrayList<>();
            for (Angle a : op.angles()) {
                if (a instanceof Angle.Constant k) {
                    angles.add("c:" + k.value() + ":" + k.text());
                } else if (a instanceof Angle.Weight w) {
                    angles.add("w:" + w.name() + ":" + w.initial());
                } else if (a instanceof Angle.Input in) {
                    angles.add("x:" + in.index() + ":" + in.scale());
                } else if (a instanceof Angle.Product pr) {
                    angles.add("p:" + ints(pr.indices()) + ":" + pr.scale());
                }
            }
            sb.append(angles.isEmpty() ? "-" : String.join(";", angles)).append('\n');
        }
        return sb.toString();
    }

    public static Circuit read(String text) {
        String[] lines = text.strip().split("\n");
        if (lines.length == 0 || !lines[0].startsWith("qubits ")) {
            throw new IllegalArgumentException("circuit text must start with 'qubits N'");
        }
        int n = Integer.parseInt(lines[0].substring(7).trim());
        List<Operation> ops = new ArrayList<>();
        for (int l = 1; l < lines.length; l++) {
            String line = lines[l];
            long condition = Operation.UNCONDITIONED;
            if (line.startsWith("if=")) {
                int space = line.indexOf(' ');
                if (space < 0) {
                    throw new IllegalArgumentException("line " + (l + 1) + " of circuit text: 'if=VALUE' needs a step after it");
                }
                condition = Long.parseLong(line.substring(3, space));
                line = line.substring(space + 1);
            }
            Operation step = nonUnitaryStep(line, l);
            if (step != null) {
                ops.add(step.when(condition));
                continue;
            }
            String[] f = line.split(" ", 4);
            if (f.length != 4) {
                throw new IllegalArgumentException("line " + (l + 1) + " of circuit text: expected 'GATE targets controls angles'");
            }
            Gate g = Gate.valueOf(f[0]);
            List<Angle> angles = new ArrayList<>();
            if (!f[3].equals("-")) {
                for (String a : f[3].split(";")) {
                    String[] p = a.split(":", 3);
                    switch (p[0]) {
                        case "c" -> angles.add(new Angle.Constant(Double.parseDouble(p[1]), p[2]));
                        case "w" -> angles.add(new Angle.Weight(p[1], Double.parseDouble(p[2])));
                        case "x" -> angles.add(new Angle.Input(Integer.parseInt(p[1]), Double.parseDouble(p[2])));
                        case "p" -> angles.add(new Angle.Product(parse(p[1]), Double.parseDouble(p[2])));
                        default -> throw new IllegalArgumentException("line " + (l + 1) + " of circuit text: unknown angle kind " + p[0]);
                    }
                }
            }
            ops.add(new Operation(g, parse(f[1]), parse(f[2]), angles).when(condition));
        }
        return new Circuit(n, ops);
    }

    /** The measure, reset or postselect step a line names, or null for a gate line. */
    private static Operation nonUnitaryStep(String line, int l) {
        String[] f = line.split(" ");
        int expected = switch (f[0]) {
            case "measure", "postselect" -> 3;
            case "reset" -> 2;
            default -> 0;
        };
        if (expected == 0) {
            return null;
        }
        if (f.length != expected) {
            throw new IllegalArgumentException("line " + (l + 1) + " of circuit text: expected '" + f[0] + " QUBIT"
                    + (expected == 3 ? (f[0].equals("measure") ? " BIT'" : " OUTCOME'") : "'"));
        }
        int q = Integer.parseInt(f[1]);
        return switch (f[0]) {
            case "measure" -> Operation.measure(q, Integer.parseInt(f[2]));
            case "postselect" -> Operation.postselect(q, Integer.parseInt(f[2]));
            default -> Operation.reset(q);
        };
    }

    private static String ints(List<Integer> values) {
        if (values.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            sb.append(sb.length() > 0 ? "," : "").append(v);
        }
        return sb.toString();
    }

    private static List<Integer> parse(String text) {
        List<Integer> out = new ArrayList<>();
        if (!text.equals("-")) {
            for (String s : text.split(",")) {
                out.add(Integer.parseInt(s));
            }
        }
        return out;
    }
}
