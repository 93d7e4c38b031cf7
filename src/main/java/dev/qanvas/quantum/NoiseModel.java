package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where noise happens in a {@link Program}: one-qubit channels after gates (every gate, or gates
 * of one name, on every qubit or one), applied after the gate on each qubit it acts on in the
 * order the rules were added; and readout error, the probability that a measured bit is written
 * flipped. An immutable value; {@link #NONE} is the ideal device.
 */
public final class NoiseModel {

    /**
     * A channel after the gates named {@code gate} (null: every gate) acting on {@code arity}
     * qubits (null: any number; a device profile tells one-qubit from multi-qubit gates this way,
     * 2 meaning two or more) on {@code qubit} (null: every qubit).
     */
    public record GateNoise(String gate, Integer qubit, Integer arity, Channel channel) {
        public GateNoise(String gate, Integer qubit, Channel channel) {
            this(gate, qubit, null, channel);
        }
    }

    public static final NoiseModel NONE = new NoiseModel(List.of(), 0, Map.of());

    private final List<GateNoise> gateNoise;
    private final double readout;
    private final Map<Integer, Double> readoutByQubit;

    private NoiseModel(List<GateNoise> gateNoise, double readout, Map<Integer, Double> readoutByQubit) {
        this.gateNoise = List.copyOf(gateNoise);
        this.readout = readout;
        this.readoutByQubit = Map.copyOf(readoutByQubit);
    }

    /** This model with {@code channel} after every gate on each of its qubits. */
    public NoiseModel afterEveryGate(Channel channel) {
        return with(new GateNoise(null, null, channel));
    }

    /** This model with one more rule (none for a channel that changes nothing, such as depolarizing=0). */
    public NoiseModel with(GateNoise rule) {
        if (rule.channel().isIdentity()) {
            return this;
        }
        List<GateNoise> rules = new ArrayList<>(gateNoise);
        rules.add(rule);
        return new NoiseModel(rules, readout, readoutByQubit);
    }

    /** This model with every measured bit flipped with probability {@code r} (replacing the previous default). */
    public NoiseModel withReadout(double r) {
        requireProbability(r);
        return new NoiseModel(gateNoise, r, readoutByQubit);
    }

    /**
     * This model with one more independent misreading of probability {@code r} on every measured
     * bit, after the ones it has: flips p and r compose to p + r - 2 p r.
     */
    public NoiseModel withAddedReadout(double r) {
        requireProbability(r);
        Map<Integer, Double> m = new HashMap<>();
        readoutByQubit.forEach((q, p) -> m.put(q, p + r - 2 * p * r));
        return new NoiseModel(gateNoise, readout + r - 2 * readout * r, m);
    }

    /** This model with measurements of {@code qubit} flipped with probability {@code r}. */
    public NoiseModel withReadout(int qubit, double r) {
        requireProbability(r);
        Map<Integer, Double> m = new HashMap<>(readoutByQubit);
        m.put(qubit, r);
        return new NoiseModel(gateNoise, readout, m);
    }

    public List<GateNoise> gateNoise() {
        return gateNoise;
    }

    /** Whether any gate has a channel after it. */
    public boolean hasGateNoise() {
        return !gateNoise.isEmpty();
    }

    /** Whether any measurement may be misread. */
    public boolean hasReadoutError() {
        return readout > 0 || readoutByQubit.values().stream().anyMatch(r -> r > 0);
    }

    /** The probability that a measurement of {@code qubit} is written flipped. */
    public double readout(int qubit) {
        return readoutByQubit.getOrDefault(qubit, readout);
    }

    /** No channel after a gate, in {@link #composedAfter}'s memo (which cannot hold null). */
    private static final double[] NO_CHANNEL = new double[0];

    /** A key of {@link #composedAfter}'s memo: gate name, arity (1, or 2 for two or more) and qubit. */
    private record After(String name, int arity, int qubit) {
    }

    private final java.util.concurrent.ConcurrentHashMap<After, double[]> composed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The superoperator of the channels {@link #after} gate {@code name} on {@code qubit}, composed in
     * order, or null when there are none; the caller must not change it. Kept once made: training on
     * a noisy device applies the same few thousands of times per batch, and composing them again
     * was an eighth of its time.
     */
    double[] composedAfter(String name, int arity, int qubit) {
        double[] s = composed.computeIfAbsent(new After(name, Math.min(arity, 2), qubit), key -> {
            double[] c = null;
            for (Channel ch : after(name, arity, qubit)) {
                c = c == null ? ch.superoperator() : Channel.compose(c, ch.superoperator());
            }
            return c == null ? NO_CHANNEL : c;
        });
        return s == NO_CHANNEL ? null : s;
    }

    /** The channels after gate {@code name}, acting on {@code arity} qubits, on {@code qubit}, in order. */
    public List<Channel> after(String name, int arity, int qubit) {
        List<Channel> out = new ArrayList<>();
        for (GateNoise g : gateNoise) {
            if ((g.gate() == null || g.gate().equals(name)) && (g.qubit() == null || g.qubit() == qubit)
                    && (g.arity() == null || Math.min(g.arity(), 2) == Math.min(arity, 2))) {
                out.add(g.channel());
            }
        }
        return out;
    }

    /**
     * This model with options such as {@code depolarizing=0.01} or {@code readout=0.02} added in
     * order: a {@link Channel#named} channel after every gate, or one more independent misreading
     * of every measured bit. The one reading of {@code qanvas simulate/evaluate/train --noise} and
     * of a project's training noise (docs/noise.md); a refusal starts with the option.
     */
    public NoiseModel withOptions(List<String> options) {
        NoiseModel model = this;
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(option + ": expected CHANNEL=P, e.g. depolarizing=0.01");
            }
            String name = option.substring(0, eq).trim();
            String text = option.substring(eq + 1).trim();
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + text + "' is not a number");
            }
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(option + ": expected a probability from 0 to 1");
            }
            try {
                if (name.equals("readout")) {
                    model = model.withAddedReadout(value); // independent misreadings compose
                } else {
                    model = model.afterEveryGate(Channel.named(name, value));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage() + (name.equals("readout") ? "" : " (or readout)"));
            }
        }
        return model;
    }

    private static void requireProbability(double r) {
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException("readout error is a probability from 0 to 1, not " + r);
        }
    }

    @Override
    public String toString() {
        return "NoiseModel" + gateNoise + (hasReadoutError() ? ", readout " + readout + " " + readoutByQubit : "");
    }
}
