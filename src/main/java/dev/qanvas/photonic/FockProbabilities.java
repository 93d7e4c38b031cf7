package dev.qanvas.photonic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Output probabilities of a Fock input s through an interferometer U (U[out][in], docs/photonic.md):
 * indistinguishable photons P(t|s) = |Perm(U[t,s])|^2 / (prod s_i! prod t_j!), distinguishable ones
 * P(t|s) = Perm(|U[t,s]|^2) / prod t_j!, where U[t,s] repeats row j t_j times and column i s_i
 * times. (Distinguishable photons that share an input mode are still told apart, so no s_i! divides
 * their permanent: with s = (2, 0) the chance of (2, 0) is |U_00|^4, and Perm / (s! t!) would give half.) Photon-number-resolving detectors report t; threshold detectors report which modes
 * clicked, their probability summed over the t that collapse together.
 */
public final class FockProbabilities {

    /** Whether the photons interfere. */
    public enum Photons { INDISTINGUISHABLE, DISTINGUISHABLE }

    /** What the detectors report: photon numbers, or only whether each mode holds any photon. */
    public enum Detector {
        PNR, THRESHOLD;

        public static Detector parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "pnr" -> PNR;
                case "threshold" -> THRESHOLD;
                default -> throw new IllegalArgumentException("a detector is pnr or threshold, not '" + text + "'");
            };
        }
    }

    /** One outcome and its probability; the occupation array is reused between calls. */
    @FunctionalInterface
    public interface Visitor {
        void accept(int[] occupation, double probability);
    }

    private FockProbabilities() {
    }

    /** The number of photons of an input, after checking it fits {@code modes} modes and the limits. */
    public static int photons(int[] input, int modes) {
        if (input.length != modes) {
            throw new IllegalArgumentException("the input has " + input.length + " mode" + (input.length == 1 ? "" : "s")
                    + " but the circuit has " + modes);
        }
        long n = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] < 0) {
                throw new IllegalArgumentException("the input's count for mode " + i + " is " + input[i] + "; photon counts are >= 0");
            }
            n += input[i];
        }
        if (n > PhotonicLimits.MAX_PHOTONS) {
            throw new IllegalArgumentException(n + " photons; at most " + PhotonicLimits.MAX_PHOTONS
                    + " (a permanent of n photons costs about n 2^n steps)");
        }
        PhotonicLimits.checkDistribution(modes, (int) n);
        return (int) n;
    }

    /** P(output | input) for one output occupation. */
    public static double probability(ComplexMatrix u, int[] input, int[] output, Photons kind) {
        int n = photons(input, u.size());
        return new Amplitudes(u, input, n).probability(output, kind);
    }

    /** Every photon-number outcome with its probability, in {@link FockStates} order. */
    public static void forEach(ComplexMatrix u, int[] input, Photons kind, Visitor visit) {
        int n = photons(input, u.size());
        Amplitudes a = new Amplitudes(u, input, n);
        FockStates.forEach(u.size(), n, t -> visit.accept(t, a.probability(t, kind)));
    }

    /** The probabilities of the given outputs. */
    public static double[] probabilities(ComplexMatrix u, int[] input, List<int[]> outputs, Photons kind) {
        int n = photons(input, u.size());
        Amplitudes a = new Amplitudes(u, input, n);
        double[] p = new double[outputs.size()];
        for (int t = 0; t < p.length; t++) {
            p[t] = a.probability(outputs.get(t), kind);
        }
        return p;
    }

    /**
     * The distribution as the detectors report it, keyed by occupation text ("1,1,0,0"), in order
     * of first appearance; entries below {@code omitBelow} are left out.
     */
    public static Map<String, Double> distribution(ComplexMatrix u, int[] input, Photons kind, Detector detector, double omitBelow) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (detector == Detector.PNR) {
            forEach(u, input, kind, (t, p) -> {
                if (p >= omitBelow) {
                    out.put(FockStates.key(t), p);
                }
            });
            return out;
        }
        // click patterns of up to 64 modes fit a long
        Map<Long, double[]> clicks = new LinkedHashMap<>();
        forEach(u, input, kind, (t, p) -> {
            long mask = 0;
            for (int i = 0; i < t.length; i++) {
                if (t[i] > 0) {
                    mask |= 1L << i;
                }
            }
            clicks.computeIfAbsent(mask, m -> new double[1])[0] += p;
        });
        int m = u.size();
        clicks.forEach((mask, p) -> {
            if (p[0] >= omitBelow) {
                int[] pattern = new int[m];
                for (int i = 0; i < m; i++) {
                    pattern[i] = (int) (mask >>> i & 1);
                }
                out.put(FockStates.key(pattern), p[0]);
            }
        });
        return out;
    }

    /** Mean photon number per mode, sum_t P(t) t_j. */
    public static double[] occupations(ComplexMatrix u, int[] input, Photons kind) {
        double[] mean = new double[u.size()];
        forEach(u, input, kind, (t, p) -> {
            for (int j = 0; j < t.length; j++) {
                mean[j] += p * t[j];
            }
        });
        return mean;
    }

    /** The submatrices U[t, s] of one input, and their permanents. */
    static final class Amplitudes {
        final ComplexMatrix u;
        final int n;
        final int[] columns;
        final double inputFactorials;
        final double[] re, im, abs2;

        Amplitudes(ComplexMatrix u, int[] input, int n) {
            this.u = u;
            this.n = n;
            this.columns = FockStates.photonModes(input, n);
            this.inputFactorials = FockStates.factorials(input);
            this.re = new double[n * n];
            this.im = new double[n * n];
            this.abs2 = new double[n * n];
        }

        /** Fills re, im (and abs2) with U[t, s]; returns prod s! prod t! for indistinguishable photons, prod t! for distinguishable ones. */
        double fill(int[] output, Photons kind) {
            int m = u.size();
            if (output.length != m) {
                throw new IllegalArgumentException("the output " + FockStates.key(output) + " has " + output.length + " modes, the circuit " + m);
            }
            int k = 0;
            for (int row = 0; row < m; row++) {
                for (int r = 0; r < output[row]; r++, k++) {
                    if (k >= n) {
                        throw new IllegalArgumentException("the output " + FockStates.key(output) + " has more photons than the input's " + n);
                    }
                    for (int l = 0; l < n; l++) {
                        re[k * n + l] = u.re(row, columns[l]);
                        im[k * n + l] = u.im(row, columns[l]);
                        abs2[k * n + l] = re[k * n + l] * re[k * n + l] + im[k * n + l] * im[k * n + l];
                    }
                }
            }
            if (k != n) {
                throw new IllegalArgumentException("the output " + FockStates.key(output) + " has " + k + " photons, the input " + n);
            }
            double outputFactorials = FockStates.factorials(output);
            return kind == Photons.DISTINGUISHABLE ? outputFactorials : inputFactorials * outputFactorials;
        }

        double probability(int[] output, Photons kind) {
            double norm = fill(output, kind);
            if (kind == Photons.DISTINGUISHABLE) {
                return Permanents.real(abs2, n) / norm;
            }
            double[] perm = Permanents.complex(re, im, n);
            return (perm[0] * perm[0] + perm[1] * perm[1]) / norm;
        }
    }
}
