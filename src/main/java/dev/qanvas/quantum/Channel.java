package dev.qanvas.quantum;

import java.util.List;
import java.util.Locale;

/**
 * A one-qubit noise channel as Kraus operators K_k: rho -> sum_k K_k rho K_k^dagger, with
 * sum_k K_k^dagger K_k = I (checked when built). Matrices are 2x2, row-major, complex entries
 * interleaved as in {@link Gate}. The standard forms (Nielsen and Chuang, ch. 8) are written out
 * in docs/noise.md; the Paulis come from the gate table.
 */
public record Channel(String name, double parameter, List<double[]> kraus) {

    /** How far from the identity sum_k K_k^dagger K_k may be (rounding of square roots). */
    static final double TRACE_TOLERANCE = 1e-12;

    public Channel {
        kraus = List.copyOf(kraus);
        for (double[] k : kraus) {
            if (k.length != 8) {
                throw new IllegalArgumentException(name + ": a Kraus operator is a 2x2 complex matrix (8 doubles)");
            }
        }
        double[] sum = completeness(kraus);
        double[] identity = {1, 0, 0, 0, 0, 0, 1, 0};
        for (int i = 0; i < 8; i++) {
            if (Math.abs(sum[i] - identity[i]) > TRACE_TOLERANCE) {
                throw new IllegalArgumentException(name + "(" + parameter + ") is not trace preserving: sum K^dagger K = "
                        + java.util.Arrays.toString(sum));
            }
        }
    }

    /** rho -> (1-p) rho + p/3 (X rho X + Y rho Y + Z rho Z); p = 3/4 gives the maximally mixed state. */
    public static Channel depolarizing(double p) {
        requireProbability("depolarizing", p);
        double a = Math.sqrt(1 - p), b = Math.sqrt(p / 3);
        return new Channel("depolarizing", p, List.of(scaled(Gate.I, a), scaled(Gate.X, b), scaled(Gate.Y, b),
                scaled(Gate.Z, b)));
    }

    /** Energy loss |1> -> |0> with probability gamma: K0 = [[1,0],[0,sqrt(1-g)]], K1 = [[0,sqrt(g)],[0,0]]. */
    public static Channel amplitudeDamping(double gamma) {
        requireProbability("amplitude_damping", gamma);
        return new Channel("amplitude_damping", gamma, List.of(m(1, 0, 0, Math.sqrt(1 - gamma)), m(0, Math.sqrt(gamma), 0, 0)));
    }

    /** Loss of phase without energy loss: K0 = [[1,0],[0,sqrt(1-l)]], K1 = [[0,0],[0,sqrt(l)]]. */
    public static Channel phaseDamping(double lambda) {
        requireProbability("phase_damping", lambda);
        return new Channel("phase_damping", lambda, List.of(m(1, 0, 0, Math.sqrt(1 - lambda)), m(0, 0, 0, Math.sqrt(lambda))));
    }

    /** X with probability p: K0 = sqrt(1-p) I, K1 = sqrt(p) X. */
    public static Channel bitFlip(double p) {
        requireProbability("bit_flip", p);
        return new Channel("bit_flip", p, List.of(scaled(Gate.I, Math.sqrt(1 - p)), scaled(Gate.X, Math.sqrt(p))));
    }

    /** Z with probability p: K0 = sqrt(1-p) I, K1 = sqrt(p) Z. */
    public static Channel phaseFlip(double p) {
        requireProbability("phase_flip", p);
        return new Channel("phase_flip", p, List.of(scaled(Gate.I, Math.sqrt(1 - p)), scaled(Gate.Z, Math.sqrt(p))));
    }

    /**
     * For a mixture of unitaries (every K_k^dagger K_k = w_k I: depolarizing, bit and phase flip),
     * the weights w_k, which are then the probabilities of the K_k whatever the state; else null.
     */
    double[] mixtureWeights() {
        double[] w = new double[kraus.size()];
        for (int k = 0; k < w.length; k++) {
            double[] p = Kernels.multiply(Kernels.dagger(kraus.get(k)), kraus.get(k));
            if (Math.abs(p[0] - p[6]) > TRACE_TOLERANCE || Math.hypot(p[2], p[3]) > TRACE_TOLERANCE
                    || Math.abs(p[1]) > TRACE_TOLERANCE || Math.abs(p[7]) > TRACE_TOLERANCE) {
                return null;
            }
            w[k] = p[0];
        }
        return w;
    }

    /** Whether the channel changes nothing (a probability of 0): its superoperator is the identity. */
    public boolean isIdentity() {
        double[] s = superoperator();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                if (s[2 * (4 * r + c)] != (r == c ? 1 : 0) || s[2 * (4 * r + c) + 1] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether K_k is a multiple of the identity (applying it and renormalising changes nothing). */
    boolean isScaledIdentity(int k) {
        double[] m = kraus.get(k);
        return m[2] == 0 && m[3] == 0 && m[4] == 0 && m[5] == 0 && m[0] == m[6] && m[1] == m[7];
    }

    /** The superoperator of this channel followed by {@code next} (4x4 complex product). */
    static double[] compose(double[] first, double[] next) {
        double[] out = new double[32];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                double sr = 0, si = 0;
                for (int k = 0; k < 4; k++) {
                    double ar = next[2 * (4 * r + k)], ai = next[2 * (4 * r + k) + 1];
                    double br = first[2 * (4 * k + c)], bi = first[2 * (4 * k + c) + 1];
                    sr += ar * br - ai * bi;
                    si += ar * bi + ai * br;
                }
                out[2 * (4 * r + c)] = sr;
                out[2 * (4 * r + c) + 1] = si;
            }
        }
        return out;
    }

    /** Reset to |0> as a channel: K0 = |0><0|, K1 = |0><1|. */
    static final Channel RESET = new Channel("reset", 1, List.of(m(1, 0, 0, 0), m(0, 1, 0, 0)));

    /** The channel named as on the command line (depolarizing, amplitude_damping, phase_damping, bit_flip, phase_flip). */
    public static Channel named(String name, double parameter) {
        return switch (name) {
            case "depolarizing" -> depolarizing(parameter);
            case "amplitude_damping" -> amplitudeDamping(parameter);
            case "phase_damping" -> phaseDamping(parameter);
            case "bit_flip" -> bitFlip(parameter);
            case "phase_flip" -> phaseFlip(parameter);
            default -> throw new IllegalArgumentException("unknown channel '" + name
                    + "'; expected depolarizing, amplitude_damping, phase_damping, bit_flip or phase_flip");
        };
    }

    /** sum_k K_k^dagger K_k, interleaved 2x2. */
    public static double[] completeness(List<double[]> kraus) {
        double[] sum = new double[8];
        for (double[] k : kraus) {
            double[] p = Kernels.multiply(Kernels.dagger(k), k);
            for (int i = 0; i < 8; i++) {
                sum[i] += p[i];
            }
        }
        return sum;
    }

    /**
     * The channel's action on the four entries of a 2x2 block of a density matrix, as a 4x4 complex
     * matrix S (interleaved) on the entries ordered (row bit a, column bit b) -> a + 2b:
     * S[(a,b),(a',b')] = sum_k K[a,a'] conj(K[b,b']).
     */
    double[] superoperator() {
        double[] s = new double[32];
        for (double[] k : kraus) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    for (int a2 = 0; a2 < 2; a2++) {
                        for (int b2 = 0; b2 < 2; b2++) {
                            double xr = k[2 * (2 * a + a2)], xi = k[2 * (2 * a + a2) + 1];
                            double yr = k[2 * (2 * b + b2)], yi = -k[2 * (2 * b + b2) + 1];
                            int at = 2 * ((a + 2 * b) * 4 + (a2 + 2 * b2));
                            s[at] += xr * yr - xi * yi;
                            s[at + 1] += xr * yi + xi * yr;
                        }
                    }
                }
            }
        }
        return s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s=%s", name, parameter);
    }

    private static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " takes a probability from 0 to 1, not " + p);
        }
    }

    private static double[] scaled(Gate g, double f) {
        double[] m = g.matrix();
        for (int i = 0; i < m.length; i++) {
            m[i] *= f;
        }
        return m;
    }

    /** A real 2x2 [[a, b], [c, d]]. */
    private static double[] m(double a, double b, double c, double d) {
        return new double[] {a, 0, b, 0, c, 0, d, 0};
    }
}
