package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The binomial sampler behind shot estimates, against the binomial's mean and variance; shot bounds. */
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
}
