package dev.qanvas.quantum;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How a quantum layer's expectations are computed: ideal (the batched state vector, as in
 * training), under a {@link NoiseModel} (each row's exact density matrix), and/or estimated from
 * {@code shots} measurements per expectation (seeded). The one place the layers read it
 * (docs/noise.md, "Quantum layers under noise and shots").
 *
 * <p>Readout error counts for expectations: a Pauli string is read by measuring its qubits in its
 * eigenbasis, and each misread bit flips the parity, so the read value is
 * {@code <P> * prod over its qubits of (1 - 2 r_q)}. With shots, an expectation is the mean of N
 * parities of +-1, each +1 with probability {@code (1 + <P>_read) / 2}.
 */
public final class QuantumExecution {

    /** Shots per expectation: enough for a 3e-4 standard error, few enough to sample. */
    public static final long MAX_SHOTS = 1_000_000;

    public static final QuantumExecution IDEAL = new QuantumExecution(NoiseModel.NONE, 0, 0);

    private final NoiseModel noise;
    private final long shots;
    private final long seed;
    private final Random random;

    /** {@code shots} 0 means exact expectations. */
    public QuantumExecution(NoiseModel noise, long shots, long seed) {
        if (shots < 0 || shots > MAX_SHOTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "shots must be from 1 to %,d (0: exact), not %,d",
                    MAX_SHOTS, shots));
        }
        this.noise = noise;
        this.shots = shots;
        this.seed = seed;
        this.random = new Random(seed);
    }

    public NoiseModel noise() {
        return noise;
    }

    public long shots() {
        return shots;
    }

    public long seed() {
        return seed;
    }

    /** Whether this is the ideal, infinitely sampled circuit (the batched state-vector path). */
    public boolean isIdeal() {
        return shots == 0 && !noise.hasGateNoise() && !noise.hasReadoutError();
    }

    /** A fresh copy with seed {@code seed}, its random stream at the start: equal seeds give equal estimates. */
    public QuantumExecution withSeed(long seed) {
        return new QuantumExecution(noise, shots, seed);
    }

    /**
     * Row b's expectations of {@code observables} after circuit {@code c} with inputs x[b] and
     * weights w. Ideal: {@link BatchSimulator#expectations}. With gate noise: the exact density
     * matrix of each row ({@link ProgramRunner#finalState}, up to {@link DensityMatrix#MAX_QUBITS}).
     * Shots are drawn in row order from this execution's one seeded stream.
     */
    public synchronized double[][] expectations(Circuit c, double[][] x, double[] w, List<PauliString> observables) {
        double[][] exact;
        if (!noise.hasGateNoise()) {
            exact = BatchSimulator.expectations(c, x, w, observables);
        } else {
            requireDensityMatrices(c);
            exact = new double[x.length][];
            rows(c, x.length).forEach(b -> exact[b] = exactExpectations(c, x[b], w, observables));
        }
        for (double[] row : exact) {
            for (int k = 0; k < row.length; k++) {
                row[k] = estimate(row[k] * readoutFactor(observables.get(k)), random);
            }
        }
        return exact;
    }

    /**
     * Training under this execution: each row's expectations (as {@link #expectations} reads them)
     * and the vector-Jacobian product with {@code upstream[b]}, by the parameter-shift rule
     * ({@link Gradients#parameterShift}) on what a device would give: the noisy expectations times
     * the readout factor, each shifted term estimated from its own {@code shots} shots. Adjoint
     * differentiation needs the pure ideal state, so it is not used here. The weight gradient is
     * summed over rows. Row b draws from a seed taken in row order from this execution's stream,
     * so the rows may run in parallel and the same seed still gives the same gradients.
     */
    public synchronized BatchSimulator.Result gradients(Circuit c, double[][] x, double[] w, List<PauliString> observables,
            double[][] upstream) {
        if (noise.hasGateNoise()) {
            requireDensityMatrices(c);
        }
        long[] rowSeeds = new long[x.length];
        for (int b = 0; b < x.length; b++) {
            rowSeeds[b] = random.nextLong();
        }
        Gradients.Result[] results = new Gradients.Result[x.length];
        rows(c, x.length).forEach(b -> {
            Random rowRandom = new Random(rowSeeds[b]);
            java.util.function.UnaryOperator<double[]> read = e -> {
                for (int k = 0; k < e.length; k++) {
                    e[k] = estimate(e[k] * readoutFactor(observables.get(k)), rowRandom);
                }
                return e;
            };
            // Under gate noise each shifted run starts from the unshifted density matrix before its gate.
            results[b] = noise.hasGateNoise()
                    ? Gradients.parameterShift(c, x[b], w, noise, observables, upstream[b], read)
                    : Gradients.parameterShift(c, x[b], w, observables, upstream[b],
                            (c2, x2, w2) -> read.apply(exactExpectations(c2, x2, w2, observables)));
        });
        double[][] expectations = new double[x.length][];
        double[][] inputGradient = new double[x.length][];
        double[] weightGradient = new double[w.length];
        for (int b = 0; b < x.length; b++) {
            expectations[b] = results[b].expectations();
            inputGradient[b] = results[b].inputGradient();
            for (int i = 0; i < w.length; i++) {
                weightGradient[i] += results[b].weightGradient()[i];
            }
        }
        return new BatchSimulator.Result(expectations, weightGradient, inputGradient);
    }

    /** The exact expectations of one row: its pure state without gate noise, else its density matrix. */
    private double[] exactExpectations(Circuit c, double[] x, double[] w, List<PauliString> observables) {
        double[] row = new double[observables.size()];
        if (noise.hasGateNoise()) {
            DensityMatrix rho = ProgramRunner.finalState(Program.of(c, x, w), noise);
            for (int k = 0; k < row.length; k++) {
                row[k] = rho.expectation(observables.get(k));
            }
        } else {
            StateVector psi = Simulator.run(c, x, w);
            for (int k = 0; k < row.length; k++) {
                row[k] = psi.expectation(observables.get(k));
            }
        }
        return row;
    }

    /** Refuses a layer too wide for density matrices, naming the limit. */
    private static void requireDensityMatrices(Circuit c) {
        if (c.qubits() > DensityMatrix.MAX_QUBITS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a %d-qubit layer under gate noise needs "
                    + "density matrices, which take up to %d qubits", c.qubits(), DensityMatrix.MAX_QUBITS));
        }
    }

    /**
     * Row indices to run, in parallel only while every core's density matrix (16 * 4^n bytes, and a
     * copy while measuring) fits in half the heap together; a cancelled caller (Inspect > Noise's
     * Cancel interrupts it) stops between rows.
     */
    private static java.util.stream.IntStream rows(Circuit c, int count) {
        long perRow = 2 * (16L << (2 * c.qubits()));
        int cores = Runtime.getRuntime().availableProcessors();
        boolean parallel = cores > 1 && perRow <= Runtime.getRuntime().maxMemory() / 2 / cores;
        Thread caller = Thread.currentThread();
        java.util.stream.IntStream rows = java.util.stream.IntStream.range(0, count).peek(b -> {
            if (caller.isInterrupted()) {
                throw new java.util.concurrent.CancellationException("cancelled between rows of a noisy layer");
            }
        });
        return parallel ? rows.parallel() : rows;
    }

    /** prod over the observable's qubits of (1 - 2 r_q): how readout error shrinks a parity. */
    double readoutFactor(PauliString p) {
        int support = p.xMask() | p.zMask();
        double f = 1;
        for (int q = 0; support != 0; q++, support >>>= 1) {
            if ((support & 1) != 0) {
                f *= 1 - 2 * noise.readout(q);
            }
        }
        return f;
    }

    /** The mean of N parities, each +1 with probability (1 + e) / 2; e itself without shots. */
    double estimate(double e, Random random) {
        if (shots == 0) {
            return e;
        }
        double plus = Math.min(1, Math.max(0, (1 + e) / 2));
        long k = binomial(shots, plus, random);
        return (2.0 * k - shots) / shots;
    }

    /**
     * An exact Binomial(n, p) draw by geometric gaps between successes of the rarer outcome:
     * about n min(p, 1 - p) + 1 uniform draws.
     */
    static long binomial(long n, double p, Random random) {
        boolean flipped = p > 0.5;
        double q = flipped ? 1 - p : p;
        long successes = 0;
        if (q > 0) {
            double logFail = Math.log1p(-q);
            long position = 0;
            while (true) {
                // Trials up to and including the next success: 1 + floor(log(U) / log(1 - q)).
                double u = 1 - random.nextDouble(); // in (0, 1]
                double gap = Math.floor(Math.log(u) / logFail) + 1;
                if (position + gap > n) { // compared as doubles: a tiny q gives gaps past any long
                    break;
                }
                position += (long) gap;
                successes++;
            }
        }
        return flipped ? n - successes : successes;
    }

    @Override
    public String toString() {
        return isIdeal() ? "ideal" : noise + (shots > 0 ? ", " + shots + " shots, seed " + seed : ", exact");
    }
}
