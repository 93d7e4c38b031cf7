package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.FeatureMaps.Pattern;
import dev.qanvas.quantum.QuantumKernel.Kind;
import dev.qanvas.quantum.QuantumKernel.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The kernels of docs/kernels.md against their definitions, with states from Strange as the independent reference. */
class QuantumKernelTest {

    private static double[][] points(int count, int features, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[count][features];
        for (double[] row : x) {
            for (int f = 0; f < features; f++) {
                row[f] = r.nextDouble() * 2 * Math.PI;
            }
        }
        return x;
    }

    private static List<Circuit> maps() {
        return List.of(FeatureMaps.z(3, 2), FeatureMaps.zz(3, 2, Pattern.FULL), FeatureMaps.zz(3, 1, Pattern.CIRCULAR),
                FeatureMaps.pauli(3, 2, Pattern.LINEAR, List.of("Y", "XZ")),
                new Circuit(3, Templates.angleEmbedding(3, Gate.RY, 1.0)).append(Operation.cnot(0, 2)));
    }

    /** The circuit with every input angle replaced by its value at {@code x} (so Strange, which takes constants, can run it). */
    private static Circuit bound(Circuit c, double[] x) {
        List<Operation> ops = new ArrayList<>();
        for (Operation op : c.operations()) {
            List<Angle> angles = new ArrayList<>();
            for (Angle a : op.angles()) {
                angles.add(new Angle.Constant(a.value(x, c.initialWeights(), c)));
            }
            ops.add(op.withAngles(angles));
        }
        return new Circuit(c.qubits(), ops);
    }

    /** Strange's amplitudes (single precision: norms off by about 1e-6), normalised. */
    private static double[][] strange(Circuit c, double[] x) {
        double[][] psi = StrangeBridge.run(bound(c, x));
        double norm = 0;
        for (int d = 0; d < psi[0].length; d++) {
            norm += psi[0][d] * psi[0][d] + psi[1][d] * psi[1][d];
        }
        for (double[] part : psi) {
            for (int d = 0; d < part.length; d++) {
                part[d] /= Math.sqrt(norm);
            }
        }
        return psi;
    }

    @Test
    void exactGramIsSymmetricPsdWithUnitDiagonal() {
        for (Circuit map : maps()) {
            double[][] k = QuantumKernel.gram(map, points(25, 3, 1), Options.exact(), null);
            for (int i = 0; i < k.length; i++) {
                assertEquals(1.0, k[i][i], 1e-12);
                for (int j = 0; j < k.length; j++) {
                    assertEquals(k[i][j], k[j][i], 0.0);
                    assertTrue(k[i][j] >= 0 && k[i][j] <= 1 + 1e-12);
                }
            }
            double[] spectrum = KernelDiagnostics.spectrum(k);
            assertTrue(spectrum[spectrum.length - 1] > -1e-10, "PSD: smallest eigenvalue " + spectrum[spectrum.length - 1]);
        }
    }

    @Test
    void fidelityMatchesStrangeStatevectors() {
        double[][] x = points(6, 3, 2);
        for (Circuit map : maps()) {
            double[][][] psi = new double[x.length][][];
            for (int i = 0; i < x.length; i++) {
                psi[i] = strange(map, x[i]);
            }
            double[][] k = QuantumKernel.gram(map, x, Options.exact(), null);
            double[][] kc = QuantumKernel.cross(map, x, java.util.Arrays.copyOf(x, 4), Options.exact(), null);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    double re = 0, im = 0;
                    for (int d = 0; d < psi[i][0].length; d++) {
                        re += psi[i][0][d] * psi[j][0][d] + psi[i][1][d] * psi[j][1][d];
                        im += psi[i][0][d] * psi[j][1][d] - psi[i][1][d] * psi[j][0][d];
                    }
                    assertEquals(re * re + im * im, k[i][j], 2e-6, map + " " + i + "," + j);
                    if (j < 4) {
                        assertEquals(k[i][j], kc[i][j], 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void projectedKernelMatchesReducedStatesFromStrange() {
        double[][] x = points(5, 3, 4);
        double gamma = 0.7;
        for (Circuit map : maps()) {
            double[][][][] rho = new double[x.length][][][]; // [point][qubit] -> {re 2x2, im 2x2}
            for (int i = 0; i < x.length; i++) {
                double[][] psi = strange(map, x[i]);
                rho[i] = new double[3][][];
                for (int q = 0; q < 3; q++) {
                    double[] re = new double[4], im = new double[4];
                    for (int a = 0; a < 8; a++) {
                        for (int b = 0; b < 8; b++) {
                            if ((a & ~(1 << q)) != (b & ~(1 << q))) {
                                continue; // partial trace: the other qubits agree
                            }
                            int r = (a >> q) & 1, c = (b >> q) & 1;
                            re[2 * r + c] += psi[0][a] * psi[0][b] + psi[1][a] * psi[1][b];
                            im[2 * r + c] += psi[1][a] * psi[0][b] - psi[0][a] * psi[1][b];
                        }
                    }
                    rho[i][q] = new double[][] {re, im};
                }
            }
            double[][] k = QuantumKernel.gram(map, x, new Options(Kind.PROJECTED, 0, gamma, 0), null);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    double d = 0;
                    for (int q = 0; q < 3; q++) {
                        for (int e = 0; e < 4; e++) {
                            double dr = rho[i][q][0][e] - rho[j][q][0][e], di = rho[i][q][1][e] - rho[j][q][1][e];
                            d += dr * dr + di * di;
                        }
                    }
                    assertEquals(Math.exp(-gamma * d), k[i][j], 2e-6);
                }
            }
            double[] spectrum = KernelDiagnostics.spectrum(k);
            assertTrue(spectrum[spectrum.length - 1] > -1e-10);
        }
    }

    @Test
    void shotEstimatesConvergeAsOneOverSqrtShots() {
        Circuit map = FeatureMaps.zz(2, 1, Pattern.FULL);
        double[][] x = points(30, 2, 5);
        double[][] exact = QuantumKernel.gram(map, x, Options.exact(), null);
        double previous = Double.NaN;
        for (int shots : new int[] {100, 10_000, 1_000_000}) {
            double[][] est = QuantumKernel.gram(map, x, new Options(Kind.FIDELITY, shots, 1, 11), null);
            // The standardised errors (est - k) / sqrt(k (1 - k) / shots) have mean 0 and variance 1.
            double sum = 0, sq = 0, rms = 0;
            int count = 0;
            for (int i = 0; i < x.length; i++) {
                assertEquals(1.0, est[i][i]);
                for (int j = i + 1; j < x.length; j++) {
                    double k = exact[i][j];
                    rms += (est[i][j] - k) * (est[i][j] - k);
                    if (k > 0.02 && k < 0.98) {
                        double z = (est[i][j] - k) / Math.sqrt(k * (1 - k) / shots);
                        sum += z;
                        sq += z * z;
                        count++;
                    }
                }
            }
            double mean = sum / count, variance = sq / count - mean * mean;
            assertTrue(Math.abs(mean) < 0.2, shots + " shots: mean standardised error " + mean);
            assertTrue(variance > 0.75 && variance < 1.3, shots + " shots: variance of standardised error " + variance);
            rms = Math.sqrt(rms / (x.length * (x.length - 1) / 2.0));
            if (!Double.isNaN(previous)) {
                double ratio = previous / rms; // 100 x the shots: 10 x smaller
                assertTrue(ratio > 8 && ratio < 12.5, "error ratio " + ratio);
            }
            previous = rms;
        }
        // Seeded: the same estimate twice.
        Options o = new Options(Kind.FIDELITY, 500, 1, 3);
        assertEquals(java.util.Arrays.deepToString(QuantumKernel.gram(map, x, o, null)),
                java.util.Arrays.deepToString(QuantumKernel.gram(map, x, o, null)));
    }

    @Test
    void projectedFromShotsConverges() {
        Circuit map = FeatureMaps.zz(3, 1, Pattern.LINEAR);
        double[][] x = points(12, 3, 6);
        double[][] exact = QuantumKernel.gram(map, x, new Options(Kind.PROJECTED, 0, 1, 0), null);
        double[] err = new double[2];
        int[] shots = {200, 20_000};
        for (int s = 0; s < 2; s++) {
            double[][] est = QuantumKernel.gram(map, x, new Options(Kind.PROJECTED, shots[s], 1, 9), null);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    err[s] += Math.abs(est[i][j] - exact[i][j]);
                }
            }
        }
        assertTrue(err[0] / err[1] > 6 && err[0] / err[1] < 16, "error ratio " + err[0] / err[1]);
    }

    @Test
    void binomialDrawsHaveTheRightMoments() {
        SplittableRandom random = new SplittableRandom(1);
        int[][] cases = {{1000, 300}, {5, 500}, {100_000, 1}, {20, 990}};
        for (int[] c : cases) {
            int n = c[0];
            double p = c[1] / 1000.0;
            int draws = 40_000;
            double sum = 0, sq = 0;
            for (int d = 0; d < draws; d++) {
                int k = QuantumKernel.binomial(n, p, random);
                assertTrue(k >= 0 && k <= n);
                sum += k;
                sq += (double) k * k;
            }
            double mean = sum / draws, var = sq / draws - mean * mean;
            double sd = Math.sqrt(n * p * (1 - p));
            assertEquals(n * p, mean, 5 * sd / Math.sqrt(draws), "mean for n=" + n + " p=" + p);
            assertEquals(n * p * (1 - p), var, 0.05 * n * p * (1 - p), "variance for n=" + n + " p=" + p);
        }
        assertEquals(0, QuantumKernel.binomial(10, 0, random));
        assertEquals(10, QuantumKernel.binomial(10, 1, random));
        assertEquals(Math.log(720), QuantumKernel.logGamma(7), 1e-13);
    }

    @Test
    void progressEndsAtOneAndCancelStops() {
        Circuit map = FeatureMaps.zz(4, 2, Pattern.FULL);
        double[][] x = points(300, 4, 7);
        List<Double> seen = new ArrayList<>();
        QuantumKernel.gram(map, x, Options.exact(), new QuantumKernel.Monitor() {
            @Override
            public void progress(double fraction) {
                seen.add(fraction);
            }
        });
        assertEquals(1.0, seen.get(seen.size() - 1));
        assertTrue(seen.size() > 10 && seen.size() < 400, seen.size() + " reports");
        assertThrows(CancellationException.class, () -> QuantumKernel.gram(map, x, Options.exact(), new QuantumKernel.Monitor() {
            @Override
            public boolean cancelled() {
                return true;
            }
        }));
    }

    @Test
    void diagnostics() {
        double[][] identity = new double[4][4];
        for (int i = 0; i < 4; i++) {
            identity[i][i] = 1;
        }
        assertEquals(4, KernelDiagnostics.effectiveDimension(identity), 1e-12);
        int[] labels = {0, 0, 1, 1};
        double[][] ideal = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                ideal[i][j] = labels[i] == labels[j] ? 1 : 0;
            }
        }
        // <K, T> = 8 (same-class entries), ||K|| = sqrt(8), ||T|| = 4
        assertEquals(8 / (Math.sqrt(8) * 4), KernelDiagnostics.alignment(ideal, labels), 1e-12);
        assertEquals(2, KernelDiagnostics.effectiveDimension(ideal), 1e-12);
        double[] spectrum = KernelDiagnostics.spectrum(ideal);
        assertEquals(2, spectrum[0], 1e-12);
        assertEquals(0, spectrum[3], 1e-12);
        KernelDiagnostics.Spread s = KernelDiagnostics.offDiagonal(ideal);
        assertEquals(6, s.pairs());
        assertEquals(2 / 6.0, s.mean(), 1e-12);
        assertEquals(2 / 6.0 - 1 / 9.0, s.variance(), 1e-12);
    }

    @Test
    void offDiagonalValuesConcentrateAsQubitsGrow() {
        // Exponential concentration: with uniformly random features the spread of a ZZ map's
        // kernel values shrinks fast as qubits grow.
        double previous = Double.POSITIVE_INFINITY;
        for (int n : new int[] {2, 4, 6, 8}) {
            double[][] k = QuantumKernel.gram(FeatureMaps.zz(n, 2, Pattern.LINEAR), points(60, n, 8), Options.exact(), null);
            double variance = KernelDiagnostics.offDiagonal(k).variance();
            assertTrue(variance < previous, n + " qubits: variance " + variance + " after " + previous);
            previous = variance;
        }
        assertTrue(previous < 1e-3, "variance at 8 qubits " + previous);
    }
}
