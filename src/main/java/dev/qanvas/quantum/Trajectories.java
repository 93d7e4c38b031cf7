package dev.qanvas.quantum;

import dev.qanvas.quantum.Program.Apply;
import dev.qanvas.quantum.Program.Barrier;
import dev.qanvas.quantum.Program.Conditional;
import dev.qanvas.quantum.Program.Instruction;
import dev.qanvas.quantum.Program.Measure;
import dev.qanvas.quantum.Program.Postselect;
import dev.qanvas.quantum.Program.Reset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Runs a {@link Program} shot by shot on pure states (Monte-Carlo wave-function trajectories):
 * each measurement draws an outcome and collapses the state, each noise channel draws one of its
 * Kraus operators K_k with probability ||K_k psi||^2 and renormalises, so later instructions
 * (an {@code if}, a reset) see what this shot measured. Averaged over shots this is the density
 * matrix of {@link ProgramRunner}, at the memory of one state vector: the way to sample programs
 * too large for density matrices.
 *
 * <p>Two shortcuts leave every shot's distribution unchanged: the noise-free gates before anything
 * random run once, and measurements at the very end draw one basis state from the final state
 * (so an ideal program measured at its end costs one state vector however many shots it takes).
 */
public final class Trajectories {

    /** The most shots one run takes. */
    public static final long MAX_SHOTS = 10_000_000;

    private Trajectories() {
    }

    /**
     * How often each outcome came up: {@code outcomes[k]} came up {@code counts[k]} times, outcomes
     * distinct and in bitstring order (bit 0 decides first), among the shots kept; {@code discarded}
     * shots failed a postselection and count nowhere else.
     */
    public record Counts(long[] outcomes, long[] counts, long discarded) {

        /** The shots that passed every postselection (all of them without postselection). */
        public long kept() {
            return Arrays.stream(counts).sum();
        }

        /** The share of shots kept: the estimate of the postselection's success probability. */
        public double keptFraction() {
            long kept = kept();
            return kept + discarded == 0 ? 0 : (double) kept / (kept + discarded);
        }

        /** The counts as a map in bitstring order. */
        public Map<Long, Long> asMap() {
            Map<Long, Long> m = new TreeMap<>((a, b) -> Long.compareUnsigned(Long.reverse(a), Long.reverse(b)));
            for (int k = 0; k < outcomes.length; k++) {
                m.put(outcomes[k], counts[k]);
            }
            return m;
        }
    }

    /**
     * {@code shots} seeded runs: how often each outcome came up. An outcome is the classical
     * value (bit j = classical bit j) when the program measures, else the basis state the final
     * state was measured in. A shot whose postselected qubit reads the other outcome is discarded
     * (drawn like a measurement, so the kept shots follow the renormalised state). Takes 8 bytes a
     * shot besides the state vector.
     */
    public static Counts counts(Program program, NoiseModel noise, long shots, long seed) {
        if (shots < 1 || shots > MAX_SHOTS) {
            throw new IllegalArgumentException("shots must be 1.." + MAX_SHOTS + ", not " + shots);
        }
        List<Instruction> list = program.instructions();
        // Noise-free gates before the first random step: run once.
        StateVector start = StateVector.zero(program.qubits());
        int first = 0;
        while (first < list.size()) {
            Instruction i = list.get(first);
            if (i instanceof Conditional c && c.body() instanceof Apply a && isIdeal(a, noise)) {
                if (c.holds(0)) { // nothing is measured yet: every classical bit is 0
                    applyGates(start, a);
                }
            } else if (i instanceof Apply a && isIdeal(a, noise)) {
                applyGates(start, a);
            } else if (!(i instanceof Barrier)) {
                break;
            }
            first++;
        }
        // Measurements (and barriers) at the very end: drawn together from the final state.
        int last = list.size();
        while (last > first && (list.get(last - 1) instanceof Measure || list.get(last - 1) instanceof Barrier)) {
            last--;
        }
        boolean measures = program.measures();
        double[] fixedCumulative = first == last ? cumulative(start) : null;
        Random random = new Random(seed);
        Memory.requireHeap(8 * shots, shots + " shots' outcomes");
        long[] outcomes = new long[(int) shots];
        int kept = 0;
        shots:
        for (int shot = 0; shot < shots; shot++) {
            long classical = 0;
            StateVector psi = start;
            double[] cumulative = fixedCumulative;
            if (cumulative == null) {
                psi = start.copy();
                for (int k = first; k < last; k++) {
                    classical = step(psi, list.get(k), classical, noise, random);
                    if (classical == DISCARDED) {
                        continue shots;
                    }
                }
                cumulative = cumulative(psi);
            }
            long index = draw(cumulative, random);
            for (int k = last; k < list.size(); k++) {
                if (list.get(k) instanceof Measure m) {
                    classical = write(classical, m.clbit(), (index >> m.qubit()) & 1, noise.readout(m.qubit()), random);
                }
            }
            // Stored so that signed order is bitstring order.
            outcomes[kept++] = Long.reverse(measures ? classical : index) ^ Long.MIN_VALUE;
        }
        long discarded = shots - kept;
        outcomes = Arrays.copyOf(outcomes, kept);
        Arrays.sort(outcomes);
        int distinct = 0;
        for (int k = 0; k < outcomes.length; k++) {
            if (k == 0 || outcomes[k] != outcomes[k - 1]) {
                distinct++;
            }
        }
        long[] values = new long[distinct];
        long[] counts = new long[distinct];
        int at = -1;
        for (int k = 0; k < outcomes.length; k++) {
            if (k == 0 || outcomes[k] != outcomes[k - 1]) {
                values[++at] = Long.reverse(outcomes[k] ^ Long.MIN_VALUE);
            }
            counts[at]++;
        }
        return new Counts(values, counts, discarded);
    }

    /** What {@link #step} returns for a shot that failed a postselection (classical bit 63 never exists). */
    private static final long DISCARDED = Long.MIN_VALUE;

    /** One instruction of one shot; returns the classical bits after it, or {@link #DISCARDED}. */
    private static long step(StateVector psi, Instruction i, long classical, NoiseModel noise, Random random) {
        if (i instanceof Conditional c) {
            return c.holds(classical) ? step(psi, c.body(), classical, noise, random) : classical;
        }
        if (i instanceof Apply a) {
            applyGates(psi, a);
            for (int q : a.qubits()) {
                for (Channel ch : noise.after(a.name(), a.qubits().size(), q)) {
                    applyKraus(psi, ch, q, random);
                }
            }
        } else if (i instanceof Measure m) {
            long outcome = measure(psi, m.qubit(), random);
            return write(classical, m.clbit(), outcome, noise.readout(m.qubit()), random);
        } else if (i instanceof Reset r) {
            applyKraus(psi, Channel.RESET, r.qubit(), random);
        } else if (i instanceof Postselect s) {
            return measure(psi, s.qubit(), random) == s.outcome() ? classical : DISCARDED;
        }
        return classical;
    }

    private static boolean isIdeal(Apply a, NoiseModel noise) {
        for (int q : a.qubits()) {
            if (!noise.after(a.name(), a.qubits().size(), q).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static void applyGates(StateVector psi, Apply a) {
        for (Operation op : a.operations()) {
            psi.apply(op, Program.angles(op));
        }
    }

    private static long write(long classical, int clbit, long outcome, double readout, Random random) {
        if (readout > 0 && random.nextDouble() < readout) {
            outcome ^= 1;
        }
        return outcome == 1 ? classical | (1L << clbit) : classical & ~(1L << clbit);
    }

    /** Measures qubit q: draws the outcome, collapses and renormalises the state. */
    static long measure(StateVector psi, int q, Random random) {
        double p1 = 0;
        int bit = 1 << q;
        for (int i = 0; i < psi.re.length; i++) {
            if ((i & bit) != 0) {
                p1 += psi.re[i] * psi.re[i] + psi.im[i] * psi.im[i];
            }
        }
        int outcome = random.nextDouble() < p1 ? 1 : 0;
        double keep = outcome == 1 ? p1 : 1 - p1;
        double f = 1 / Math.sqrt(keep);
        for (int i = 0; i < psi.re.length; i++) {
            boolean one = (i & bit) != 0;
            if (one == (outcome == 1)) {
                psi.re[i] *= f;
                psi.im[i] *= f;
            } else {
                psi.re[i] = 0;
                psi.im[i] = 0;
            }
        }
        return outcome;
    }

    /** Draws Kraus operator K_k with probability ||K_k psi||^2, applies it and renormalises. */
    static void applyKraus(StateVector psi, Channel channel, int q, Random random) {
        List<double[]> kraus = channel.kraus();
        double[] mixture = channel.mixtureWeights();
        double[] weight = mixture != null ? mixture : new double[kraus.size()];
        double total = 0;
        for (int k = 0; k < weight.length; k++) {
            if (mixture == null) {
                weight[k] = normAfter(psi, kraus.get(k), q);
            }
            total += weight[k];
        }
        double u = random.nextDouble() * total;
        int chosen = weight.length - 1;
        for (int k = 0; k < weight.length; k++) {
            u -= weight[k];
            if (u < 0 && weight[k] > 0) {
                chosen = k;
                break;
            }
        }
        while (weight[chosen] == 0) { // rounding left u past the last possible operator
            chosen--;
        }
        if (channel.isScaledIdentity(chosen)) {
            return; // the state is unchanged once renormalised
        }
        double[] m = kraus.get(chosen);
        double f = 1 / Math.sqrt(weight[chosen]);
        int bit = 1 << q;
        for (int i0 = 0; i0 < psi.re.length; i0++) {
            if ((i0 & bit) != 0) {
                continue;
            }
            int i1 = i0 | bit;
            double ar = psi.re[i0], ai = psi.im[i0], br = psi.re[i1], bi = psi.im[i1];
            psi.re[i0] = f * (m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi);
            psi.im[i0] = f * (m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br);
            psi.re[i1] = f * (m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi);
            psi.im[i1] = f * (m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br);
        }
    }

    /** ||K psi||^2 for K on qubit q. */
    private static double normAfter(StateVector psi, double[] m, int q) {
        int bit = 1 << q;
        double s = 0;
        for (int i0 = 0; i0 < psi.re.length; i0++) {
            if ((i0 & bit) != 0) {
                continue;
            }
            int i1 = i0 | bit;
            double ar = psi.re[i0], ai = psi.im[i0], br = psi.re[i1], bi = psi.im[i1];
            double xr = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
            double xi = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
            double yr = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
            double yi = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
            s += xr * xr + xi * xi + yr * yr + yi * yi;
        }
        return s;
    }

    private static double[] cumulative(StateVector psi) {
        double[] c = psi.probabilities();
        for (int i = 1; i < c.length; i++) {
            c[i] += c[i - 1];
        }
        return c;
    }

    private static long draw(double[] cumulative, Random random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int k = Arrays.binarySearch(cumulative, u);
        k = k >= 0 ? k : -k - 1;
        // The first basis state whose cumulative probability passes u (never one of probability 0).
        while (k < cumulative.length - 1 && cumulative[k] <= u) {
            k++;
        }
        while (k > 0 && cumulative[k - 1] > u) {
            k--;
        }
        return k;
    }
}
