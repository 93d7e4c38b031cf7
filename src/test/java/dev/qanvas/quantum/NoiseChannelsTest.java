package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The channels against their textbook definitions, with the complex 2x2 algebra written out here
 * (not the code's kernels): trace preservation, and the action on random density matrices against
 * rho -> (1-p) rho + p/3 (X rho X + Y rho Y + Z rho Z) and the Nielsen and Chuang damping formulas.
 */
class NoiseChannelsTest {

    private static final double EPS = 1e-13;

    static List<Channel> all(double p) {
        return List.of(Channel.depolarizing(p), Channel.amplitudeDamping(p), Channel.phaseDamping(p),
                Channel.bitFlip(p), Channel.phaseFlip(p), Channel.RESET);
    }

    @Test
    void everyChannelIsTracePreserving() {
        for (double p : new double[] {0, 1e-9, 0.01, 0.3, 0.75, 1}) {
            for (Channel ch : all(p)) {
                // sum_k K^dagger K by hand: (K^dagger K)_{ij} = sum_r conj(K_ri) K_rj
                double[][] sumRe = new double[2][2], sumIm = new double[2][2];
                for (double[] k : ch.kraus()) {
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            for (int r = 0; r < 2; r++) {
                                double ar = k[2 * (2 * r + i)], ai = -k[2 * (2 * r + i) + 1];
                                double br = k[2 * (2 * r + j)], bi = k[2 * (2 * r + j) + 1];
                                sumRe[i][j] += ar * br - ai * bi;
                                sumIm[i][j] += ar * bi + ai * br;
                            }
                        }
                    }
                }
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        assertEquals(i == j ? 1 : 0, sumRe[i][j], EPS, ch + " re " + i + j);
                        assertEquals(0, sumIm[i][j], EPS, ch + " im " + i + j);
                    }
                }
            }
        }
    }

    @Test
    void aChannelOfProbabilityZeroIsNoNoise() {
        for (Channel ch : all(0)) {
            if (ch != Channel.RESET) {
                assertEquals(true, ch.isIdentity(), ch.toString());
                assertEquals(false, NoiseModel.NONE.afterEveryGate(ch).hasGateNoise(), ch.toString());
            }
        }
        assertEquals(false, Channel.RESET.isIdentity());
        assertEquals(false, Channel.depolarizing(1e-9).isIdentity());
    }

    @Test
    void probabilitiesOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Channel.depolarizing(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Channel.amplitudeDamping(1.5));
        assertThrows(IllegalArgumentException.class, () -> Channel.phaseDamping(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Channel.named("dephasing", 0.1));
        // Kraus operators that do not sum to the identity
        assertThrows(IllegalArgumentException.class, () -> new Channel("half", 0, List.of(new double[] {0.5, 0, 0, 0, 0, 0, 0.5, 0})));
    }

    /** A random 1-qubit density matrix a|psi><psi| + (1-a) I/2, as {re, im} 2x2. */
    static double[][][] randomRho(Random r) {
        double t = Math.PI * r.nextDouble(), f = 2 * Math.PI * r.nextDouble(), a = r.nextDouble();
        double c = Math.cos(t / 2), s = Math.sin(t / 2);
        double[][] re = {{a * c * c + (1 - a) / 2, a * c * s * Math.cos(f)}, {a * c * s * Math.cos(f), a * s * s + (1 - a) / 2}};
        double[][] im = {{0, -a * c * s * Math.sin(f)}, {a * c * s * Math.sin(f), 0}};
        return new double[][][] {re, im};
    }

    /** The channel applied through DensityMatrix on a 1-qubit state built from rho. */
    static double[][][] viaDensityMatrix(Channel ch, double[][][] rho) {
        // rho = a|psi><psi| + (1-a) I/2 is not a pure state: load the entries directly.
        DensityMatrix d = DensityMatrix.zero(1);
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                d.re[r + 2 * c] = rho[0][r][c];
                d.im[r + 2 * c] = rho[1][r][c];
            }
        }
        d.apply(ch, 0);
        double[][][] out = new double[2][2][2];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                out[0][r][c] = d.entry(r, c)[0];
                out[1][r][c] = d.entry(r, c)[1];
            }
        }
        return out;
    }

    @Test
    void depolarizingIsTheMixtureOfPaulis() {
        Random random = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            double p = random.nextDouble();
            double[][][] rho = randomRho(random);
            double[][][] got = viaDensityMatrix(Channel.depolarizing(p), rho);
            // X rho X swaps both indices; Z rho Z negates off-diagonals; Y rho Y = (XZ) rho (ZX) does both.
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    for (int part = 0; part < 2; part++) {
                        double x = rho[part][1 - r][1 - c];
                        double z = (r == c ? 1 : -1) * rho[part][r][c];
                        double y = (r == c ? 1 : -1) * rho[part][1 - r][1 - c];
                        double want = (1 - p) * rho[part][r][c] + p / 3 * (x + y + z);
                        assertEquals(want, got[part][r][c], EPS, "p " + p + " entry " + r + c);
                    }
                }
            }
        }
    }

    @Test
    void dampingAndFlipsMatchTheTextbook() {
        Random random = new Random(2);
        for (int trial = 0; trial < 20; trial++) {
            double g = random.nextDouble();
            double[][][] rho = randomRho(random);
            double[][][] ad = viaDensityMatrix(Channel.amplitudeDamping(g), rho);
            assertEquals(rho[0][0][0] + g * rho[0][1][1], ad[0][0][0], EPS);
            assertEquals((1 - g) * rho[0][1][1], ad[0][1][1], EPS);
            assertEquals(Math.sqrt(1 - g) * rho[0][0][1], ad[0][0][1], EPS);
            assertEquals(Math.sqrt(1 - g) * rho[1][0][1], ad[1][0][1], EPS);
            double[][][] pd = viaDensityMatrix(Channel.phaseDamping(g), rho);
            assertEquals(rho[0][0][0], pd[0][0][0], EPS);
            assertEquals(rho[0][1][1], pd[0][1][1], EPS);
            assertEquals(Math.sqrt(1 - g) * rho[0][1][0], pd[0][1][0], EPS);
            assertEquals(Math.sqrt(1 - g) * rho[1][1][0], pd[1][1][0], EPS);
            double[][][] bf = viaDensityMatrix(Channel.bitFlip(g), rho);
            assertEquals((1 - g) * rho[0][0][0] + g * rho[0][1][1], bf[0][0][0], EPS);
            assertEquals((1 - g) * rho[1][0][1] + g * rho[1][1][0], bf[1][0][1], EPS);
            double[][][] pf = viaDensityMatrix(Channel.phaseFlip(g), rho);
            assertEquals((1 - 2 * g) * rho[0][0][1], pf[0][0][1], EPS);
            assertEquals((1 - 2 * g) * rho[1][0][1], pf[1][0][1], EPS);
            double[][][] reset = viaDensityMatrix(Channel.RESET, rho);
            assertEquals(1, reset[0][0][0], EPS);
            assertEquals(0, reset[0][1][1], EPS);
            assertEquals(0, Math.hypot(reset[0][0][1], reset[1][0][1]), EPS);
        }
    }
}
