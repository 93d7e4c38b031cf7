package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The binomial sampler behind shot estimates, against the binomial's mean and variance; shot
 * bounds; training gradients under noise, readout error and shots against finite differences and
 * standard errors worked out from exact shifted expectations.
 */
class QuantumExecutionTest {

    @Test
    void binomialDrawsHaveTheBinomialMeanAndVariance() {
        Random random = new Random(1);
        for (double p : new double[] {0.0, 1.0, 0.02, 0.3, 0.5, 0.85}) {
            long n = 200;
            int draws = 20000;
            double sum = 0, sumSq = 0;
            for (int i = 0; i < draws; i++) {
                long k = QuantumExecution.binomial(n, p, random);
                assertEquals(true, k >= 0 && k <= n);
                sum += k;
                sumSq += (double) k * k;
            }
            double mean = sum / draws, variance = sumSq / draws - mean * mean;
            double var = n * p * (1 - p);
            // The sample mean's standard error is sqrt(var / draws); its variance's about var sqrt(2 / draws).
            assertEquals(n * p, mean, 4 * Math.sqrt(var / draws) + 1e-12, "mean at p = " + p);
            assertEquals(var, variance, 4 * var * Math.sqrt(2.0 / draws) + 1e-9, "variance at p = " + p);
        }
        // A tiny probability never overflows the gap arithmetic.
        assertEquals(0, QuantumExecution.binomial(1_000_000, 1e-300, random));
    }

    @Test
    void shotsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new QuantumExecution(NoiseModel.NONE, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new QuantumExecution(NoiseModel.NONE, QuantumExecution.MAX_SHOTS + 1, 0));
        assertEquals(true, new QuantumExecution(NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0)), 0, 3).isIdeal());
    }

    @Test
    void aNoisyLayerStopsBetweenRowsWhenItsThreadIsInterrupted() {
        QuantumExecution noisy = new QuantumExecution(NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.1)), 0, 0);
        Circuit c = new Circuit(1, Operation.of(Gate.H, 0));
        double[][] x = new double[4][0];
        // by hand: H gives <X> = 1, depolarizing P shrinks it to 1 - 4P/3
        double[][] e = noisy.expectations(c, x, new double[0], java.util.List.of(PauliString.x(0)));
        for (double[] row : e) {
            assertEquals(1 - 4 * 0.1 / 3, row[0], 1e-12);
        }
        Thread.currentThread().interrupt(); // what cancelling Inspect > Noise does to its thread
        try {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> noisy.expectations(c, x, new double[0], java.util.List.of(PauliString.x(0))));
        } finally {
            Thread.interrupted();
        }
    }

    /** RY(x0) q0, RY(x1) q1, RY(a) q0, RY(b) q1, CX 0-1, RX(c) q1: each weight once, in a two-term gate. */
    private static Circuit entangling() {
        return new Circuit(2, List.of(Operation.of(Gate.RY, new Angle.Input(0, 1.0), 0),
                Operation.of(Gate.RY, new Angle.Input(1, 1.0), 1),
                Operation.of(Gate.RY, new Angle.Weight("a", 0.4), 0), Operation.of(Gate.RY, new Angle.Weight("b", -0.9), 1),
                Operation.cnot(0, 1), Operation.of(Gate.RX, new Angle.Weight("c", 1.3), 1)));
    }

    private static final List<PauliString> OBSERVABLES = List.of(PauliString.z(0), PauliString.z(1), PauliString.parse("Z0 Z1"));
    private static final NoiseModel NOISE = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.05))
            .afterEveryGate(Channel.amplitudeDamping(0.1)).withReadout(0.03);

    /** sum_o up[o] * <O_o> as read under {@code noise}: the density matrix's expectation times (1 - 2r) per measured qubit. */
    private static double readLoss(Circuit c, double[] x, double[] w, double[] up) {
        DensityMatrix rho = ProgramRunner.finalState(Program.of(c, x, w), NOISE);
        double s = 0;
        for (int o = 0; o < up.length; o++) {
            PauliString p = OBSERVABLES.get(o);
            s += up[o] * rho.expectation(p) * Math.pow(1 - 2 * 0.03, Integer.bitCount(p.xMask() | p.zMask()));
        }
        return s;
    }

    @Test
    void exactTrainingGradientsUnderNoiseAndReadoutAreFiniteDifferencesOfTheReadLoss() {
        Circuit c = entangling();
        double[][] x = {{0.3, -1.2}, {2.1, 0.5}};
        double[] w = c.initialWeights();
        double[][] up = {{0.7, -1.1, 0.4}, {-0.2, 0.9, 1.5}};
        BatchSimulator.Result r = new QuantumExecution(NOISE, 0, 0).gradients(c, x, w, OBSERVABLES, up);
        double h = 1e-5;
        for (int i = 0; i < w.length; i++) {
            double fd = 0;
            for (int b = 0; b < x.length; b++) {
                double[] wp = w.clone(), wm = w.clone();
                wp[i] += h;
                wm[i] -= h;
                fd += (readLoss(c, x[b], wp, up[b]) - readLoss(c, x[b], wm, up[b])) / (2 * h);
            }
            assertEquals(fd, r.weightGradient()[i], 1e-8, "weight " + c.weightNames().get(i) + " (summed over rows)");
        }
        for (int b = 0; b < x.length; b++) {
            for (int i = 0; i < 2; i++) {
                double[] xp = x[b].clone(), xm = x[b].clone();
                xp[i] += h;
                xm[i] -= h;
                double fd = (readLoss(c, xp, w, up[b]) - readLoss(c, xm, w, up[b])) / (2 * h);
                assertEquals(fd, r.inputGradient()[b][i], 1e-8, "row " + b + " input " + i);
            }
        }
        // The forward values are what evaluation reads under the same execution.
        double[][] forward = new QuantumExecution(NOISE, 0, 0).expectations(c, x, w, OBSERVABLES);
        for (int b = 0; b < x.length; b++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(forward[b], r.expectations()[b], 1e-12);
        }
        // Ideal: the shift rule gives adjoint differentiation's gradient.
        BatchSimulator.Result ideal = QuantumExecution.IDEAL.gradients(c, x, w, OBSERVABLES, up);
        BatchSimulator.Result adjoint = BatchSimulator.adjoint(c, x, w, OBSERVABLES, up);
        org.junit.jupiter.api.Assertions.assertArrayEquals(adjoint.weightGradient(), ideal.weightGradient(), 1e-10);
    }

    @Test
    void shotGradientsAreWithinFourStandardErrorsOfExact() {
        Circuit c = entangling();
        double[][] x = {{0.3, -1.2}, {2.1, 0.5}, {-0.8, 1.9}};
        double[] w = c.initialWeights();
        double[][] up = {{0.7, -1.1, 0.4}, {-0.2, 0.9, 1.5}, {1.0, 0.3, -0.6}};
        long shots = 500;
        QuantumExecution exact = new QuantumExecution(NOISE, 0, 0);
        double[] exactGradient = exact.gradients(c, x, w, OBSERVABLES, up).weightGradient();
        // Each weight sits in one RY or RX gate, so its shift rule is (L(w + pi/2) - L(w - pi/2)) / 2 with each
        // <O> a mean of N parities: variance (1 - <O>^2) / N. Summed over rows and observables.
        double[] variance = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            for (double shift : new double[] {Math.PI / 2, -Math.PI / 2}) {
                double[] ws = w.clone();
                ws[i] += shift;
                double[][] e = exact.expectations(c, x, ws, OBSERVABLES);
                for (int b = 0; b < x.length; b++) {
                    for (int o = 0; o < OBSERVABLES.size(); o++) {
                        variance[i] += up[b][o] * up[b][o] / 4 * (1 - e[b][o] * e[b][o]) / shots;
                    }
                }
            }
        }
        int draws = 200;
        double[] sum = new double[w.length];
        for (int seed = 0; seed < draws; seed++) {
            double[] g = new QuantumExecution(NOISE, shots, seed).gradients(c, x, w, OBSERVABLES, up).weightGradient();
            for (int i = 0; i < w.length; i++) {
                double se = Math.sqrt(variance[i]);
                assertTrue(Math.abs(g[i] - exactGradient[i]) <= 4 * se, "seed " + seed + " weight " + i + ": " + g[i]
                        + " vs exact " + exactGradient[i] + " (se " + se + ")");
                sum[i] += g[i];
            }
        }
        double clearest = 0;
        for (int i = 0; i < w.length; i++) {
            double se = Math.sqrt(variance[i] / draws);
            assertEquals(exactGradient[i], sum[i] / draws, 4 * se, "mean of " + draws + " estimates, weight " + i);
            clearest = Math.max(clearest, Math.abs(exactGradient[i]) / se);
        }
        assertTrue(clearest > 8, "the test can tell a gradient from zero: " + clearest);
        // The same seed gives the same estimate.
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                new QuantumExecution(NOISE, shots, 9).gradients(c, x, w, OBSERVABLES, up).weightGradient(),
                new QuantumExecution(NOISE, shots, 9).gradients(c, x, w, OBSERVABLES, up).weightGradient(), 0.0);
    }
}
