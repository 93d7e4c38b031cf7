package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the Circuit workspace shows of a circuit run under noise and/or with shots, computed once
 * off the UI thread: the final (possibly mixed) state's purity tr(rho^2), von Neumann entropy,
 * each qubit's Bloch vector (inside the sphere when mixed) and entropy, the diagonal, the ideal
 * (noise-free) state's probabilities beside it, the fidelity <psi|rho|psi> and trace distance
 * to the ideal state, and, when the qubits are read out (readout error or shots), the exact
 * distribution of the bits read and the shot counts. docs/noise.md#in-the-app-circuit.
 *
 * <p>Conventions as in {@link StateReport}: qubit k is bit k of a basis index; entropies in bits.
 * A quantity not computed is NaN ({@link #spectrumComputed()}; and without a density matrix,
 * {@link #method()} = trajectories, only the shot estimates).
 *
 * @param method          how the state was computed
 * @param qubits          n
 * @param purity          tr(rho^2): 1 pure, 1/2^n maximally mixed
 * @param entropy         S(rho) = -tr(rho log2 rho) of the whole state
 * @param bloch           n Bloch vectors {x, y, z} of the qubits' reduced states
 * @param qubitEntropy    n entropies S(rho_k) of each qubit's reduced state
 * @param probabilities   2^n diagonal entries of rho
 * @param ideal           2^n probabilities of the ideal (noise-free) state
 * @param fidelity        <psi|rho|psi> with psi the ideal state
 * @param traceDistance   (1/2) ||rho - |psi><psi| ||_1
 * @param readout         the exact distribution of the n bits read (bit k = qubit k's reading), empty when not read out
 * @param shots           shots taken, 0 for none
 * @param counts          how often each reading came up in the shots (bit k = qubit k), empty without shots
 * @param unitary         whether the circuit is unitary; if not (it measures, resets, postselects or conditions) the
 *                        ideal state is the same circuit's without noise, and fidelity and trace distance are NaN
 * @param clbits          0 when {@code readout} and {@code counts} are readings of every qubit at the end; else
 *                        they are the values of the circuit's own classical register c of this many bits (bit j = c[j]),
 *                        exact (always) and counted (with shots; the kept shots under postselection)
 * @param successProbability the probability that every postselection succeeds (1 without)
 */
public record MixedStateReport(ProgramRunner.Method method, int qubits, double purity, double entropy, double[][] bloch,
        double[] qubitEntropy, double[] probabilities, double[] ideal, double fidelity, double traceDistance,
        Map<Long, Double> readout, long shots, Map<Long, Long> counts, boolean unitary, int clbits,
        double successProbability) {

    /** Up to this many qubits the whole-state spectrum (entropy, trace distance) is computed: a 256 x 256 eigenproblem. */
    public static final int MAX_SPECTRUM_QUBITS = 8;

    public MixedStateReport {
        bloch = StateReport.deepCopy(bloch);
        qubitEntropy = qubitEntropy.clone();
        probabilities = probabilities.clone();
        ideal = ideal.clone();
        readout = Map.copyOf(readout);
        counts = Map.copyOf(counts);
    }

    /**
     * Runs {@code c} with inputs {@code x} and weights {@code w} under {@code noise}; with
     * {@code shots} > 0 also samples that many shots (seeded) of every qubit read at the end.
     * Up to {@link DensityMatrix#MAX_QUBITS} qubits the state is exact (a state vector when the
     * noise has no gate channels, else a density matrix); beyond, gate noise takes shots.
     *
     * @throws IllegalArgumentException when the circuit is too wide for a density matrix and no shots are asked for
     */
    public static MixedStateReport of(Circuit c, double[] x, double[] w, NoiseModel noise, long shots, long seed) {
        return of(c, x, w, noise, shots, seed, DensityMatrix.MAX_QUBITS);
    }

    /**
     * As {@link #of(Circuit, double[], double[], NoiseModel, long, long)}, taking density matrices only up to
     * {@code maxExactQubits} qubits (a live view keeps each edit to seconds).
     */
    public static MixedStateReport of(Circuit c, double[] x, double[] w, NoiseModel noise, long shots, long seed,
            int maxExactQubits) {
        int n = c.qubits();
        int exactLimit = Math.min(maxExactQubits, DensityMatrix.MAX_QUBITS);
        if (!c.isUnitary()) {
            return ofSteps(c, x, w, noise, shots, seed, exactLimit);
        }
        StateVector psi = Simulator.run(c, x, w);
        double[] ideal = psi.probabilities();
        Program program = Program.of(c, x, w);
        boolean read = noise.hasReadoutError() || shots > 0;
        Program measured = read ? measuredAtTheEnd(program) : program;
        Map<Long, Long> counts = shots > 0 ? Trajectories.counts(measured, noise, shots, seed).asMap() : Map.of();
        if (n > exactLimit && noise.hasGateNoise()) {
            if (shots == 0) {
                throw new IllegalArgumentException(n + " qubits with gate noise are too many for a density matrix here (up to "
                        + exactLimit + "): switch shots on to sample trajectories");
            }
            double[] nan = new double[1 << n];
            java.util.Arrays.fill(nan, Double.NaN);
            double[][] noBloch = new double[n][];
            double[] noEntropy = new double[n];
            for (int q = 0; q < n; q++) {
                noBloch[q] = new double[] {Double.NaN, Double.NaN, Double.NaN};
                noEntropy[q] = Double.NaN;
            }
            return new MixedStateReport(ProgramRunner.Method.TRAJECTORIES, n, Double.NaN, Double.NaN, noBloch, noEntropy,
                    nan, ideal, Double.NaN, Double.NaN, Map.of(), shots, counts, true, 0, 1);
        }
        ProgramRunner.Method method;
        DensityMatrix rho;
        if (noise.hasGateNoise()) {
            method = ProgramRunner.Method.DENSITY_MATRIX;
            rho = ProgramRunner.finalState(program, noise);
        } else {
            method = ProgramRunner.Method.STATE_VECTOR;
            rho = n <= MAX_SPECTRUM_QUBITS ? DensityMatrix.of(psi) : null; // pure: the rest follows from psi
        }
        Map<Long, Double> readout = read ? ProgramRunner.exact(measured, noise).classical() : Map.of();
        double[][] bloch = new double[n][];
        double[] qubitEntropy = new double[n];
        for (int q = 0; q < n; q++) {
            bloch[q] = rho != null ? blochVector(rho, q) : Entanglement.blochVector(psi.re, psi.im, n, q);
            qubitEntropy[q] = qubitEntropy(bloch[q]);
        }
        if (rho == null) { // a pure state too wide for its density matrix
            return new MixedStateReport(method, n, 1, 0, bloch, qubitEntropy, ideal, ideal, 1, 0, readout, shots, counts, true, 0, 1);
        }
        double entropy = Double.NaN;
        double distance = Double.NaN;
        if (n <= MAX_SPECTRUM_QUBITS) {
            entropy = entropyOf(HermitianEigen.eigenvalues(rowMajor(rho, null, true), rowMajor(rho, null, false), 1 << n));
            distance = 0;
            for (double e : HermitianEigen.eigenvalues(rowMajor(rho, psi, true), rowMajor(rho, psi, false), 1 << n)) {
                distance += Math.abs(e) / 2;
            }
        }
        return new MixedStateReport(method, n, rho.purity(), entropy, bloch, qubitEntropy, rho.probabilities(), ideal,
                fidelity(rho, psi), distance, readout, shots, counts, true, 0, 1);
    }

    /**
     * A circuit with measurements, resets, postselections or conditions: its program on density
     * matrices (exact), the classical register's distribution, the postselection's success, and
     * with shots the register's counts over the kept shots (each shot its own trajectory).
     */
    private static MixedStateReport ofSteps(Circuit c, double[] x, double[] w, NoiseModel noise, long shots, long seed,
            int exactLimit) {
        int n = c.qubits();
        if (n > exactLimit) {
            throw new IllegalArgumentException("a circuit that measures, resets or postselects is shown on density matrices,"
                    + " here up to " + exactLimit + " qubits; this one has " + n + " (qanvas simulate --shots samples it)");
        }
        Program program = Program.of(c, x, w);
        ProgramRunner.Branches run = ProgramRunner.run(program, noise);
        DensityMatrix rho = run.state();
        double[] ideal = noise.equals(NoiseModel.NONE) ? rho.probabilities()
                : ProgramRunner.run(program, NoiseModel.NONE).state().probabilities();
        Map<Long, Double> classical = new java.util.HashMap<>();
        run.byValue().forEach((v, branch) -> classical.merge(v, branch.trace(), Double::sum));
        Map<Long, Long> counts = shots > 0 && c.clbits() > 0 ? Trajectories.counts(program, noise, shots, seed).asMap() : Map.of();
        double[][] bloch = new double[n][];
        double[] qubitEntropy = new double[n];
        for (int q = 0; q < n; q++) {
            bloch[q] = blochVector(rho, q);
            qubitEntropy[q] = qubitEntropy(bloch[q]);
        }
        double entropy = n <= MAX_SPECTRUM_QUBITS
                ? entropyOf(HermitianEigen.eigenvalues(rowMajor(rho, null, true), rowMajor(rho, null, false), 1 << n)) : Double.NaN;
        return new MixedStateReport(ProgramRunner.Method.DENSITY_MATRIX, n, rho.purity(), entropy, bloch, qubitEntropy,
                rho.probabilities(), ideal, Double.NaN, Double.NaN, c.clbits() == 0 ? Map.of() : classical, shots, counts,
                false, c.clbits(), run.successProbability());
    }

    /** Shots behind {@link #counts}: all of them, or under postselection those kept. */
    public long keptShots() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code p} with every qubit q measured into classical bit q at its end (one creg c). */
    static Program measuredAtTheEnd(Program p) {
        List<Program.Instruction> list = new ArrayList<>(p.instructions());
        for (int q = 0; q < p.qubits(); q++) {
            list.add(new Program.Measure(q, q));
        }
        return new Program(p.qubits(), p.qregs(), List.of(new Program.Register("c", p.qubits(), 0)), list);
    }

    /** Whether the entropy and the trace distance were computed (up to {@link #MAX_SPECTRUM_QUBITS} qubits, with a density matrix). */
    public boolean spectrumComputed() {
        return !Double.isNaN(entropy);
    }

    /** Whether the state is mixed, beyond rounding. */
    public boolean isMixed() {
        return !(purity > 1 - 1e-9);
    }

    /** Length of qubit k's Bloch vector: 1 for a pure qubit, 0 for a maximally mixed one. */
    public double blochLength(int k) {
        double[] v = bloch[k];
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /**
     * The state as the shared state views take it ({@link StateReport#mixed}): the diagonal, the
     * Bloch vectors and the qubits' entropies; no amplitudes. Null for trajectories (no state).
     */
    public StateReport asStateReport() {
        return method == ProgramRunner.Method.TRAJECTORIES ? null : StateReport.mixed(qubits, probabilities, bloch, qubitEntropy);
    }

    /** Qubit k's reduced state's Bloch vector: rho_k = (I + x X + y Y + z Z) / 2, so rho_k[0][1] = (x - i y) / 2. */
    static double[] blochVector(DensityMatrix rho, int k) {
        int n = rho.qubits();
        int dim = 1 << n;
        int bit = 1 << k;
        double p0 = 0, p1 = 0, offRe = 0, offIm = 0;
        for (int i = 0; i < dim; i++) {
            if ((i & bit) != 0) {
                continue;
            }
            int j = i | bit;
            p0 += rho.re[i + (i << n)];
            p1 += rho.re[j + (j << n)];
            offRe += rho.re[i + (j << n)]; // row i (qubit k = 0), column j (qubit k = 1)
            offIm += rho.im[i + (j << n)];
        }
        double t = p0 + p1;
        return new double[] {2 * offRe / t, -2 * offIm / t, (p0 - p1) / t};
    }

    /** Entropy in bits of a qubit with Bloch vector v: its eigenvalues are (1 +- |v|) / 2. */
    static double qubitEntropy(double[] v) {
        double r = Math.min(1, Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]));
        return entropyOf(new double[] {(1 + r) / 2, (1 - r) / 2});
    }

    private static double entropyOf(double[] eigenvalues) {
        double s = 0;
        for (double e : eigenvalues) {
            if (e > 1e-15) {
                s -= e * Math.log(e) / Math.log(2);
            }
        }
        return Math.max(0, s);
    }

    /** <psi|rho|psi> = sum_rc conj(psi_r) rho_rc psi_c (real for Hermitian rho). */
    static double fidelity(DensityMatrix rho, StateVector psi) {
        int n = rho.qubits();
        int dim = 1 << n;
        double f = 0;
        for (int c = 0; c < dim; c++) {
            // (rho psi)_r summed against conj(psi_r), column by column
            double cr = psi.re[c], ci = psi.im[c];
            for (int r = 0; r < dim; r++) {
                double ar = rho.re[r + (c << n)], ai = rho.im[r + (c << n)];
                double vr = ar * cr - ai * ci, vi = ar * ci + ai * cr; // rho_rc psi_c
                f += psi.re[r] * vr + psi.im[r] * vi; // Re(conj(psi_r) v)
            }
        }
        return f;
    }

    /** rho (minus |psi><psi| when psi is given) as a row-major matrix's real or imaginary parts. */
    private static double[] rowMajor(DensityMatrix rho, StateVector psi, boolean real) {
        int n = rho.qubits();
        int dim = 1 << n;
        double[] out = new double[dim * dim];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                double v = real ? rho.re[r + (c << n)] : rho.im[r + (c << n)];
                if (psi != null) {
                    // (psi psi^dagger)_rc = psi_r conj(psi_c)
                    v -= real ? psi.re[r] * psi.re[c] + psi.im[r] * psi.im[c] : psi.im[r] * psi.re[c] - psi.re[r] * psi.im[c];
                }
                out[r * dim + c] = v;
            }
        }
        return out;
    }

    @Override
    public double[][] bloch() {
        return StateReport.deepCopy(bloch);
    }

    @Override
    public double[] qubitEntropy() {
        return qubitEntropy.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public double[] ideal() {
        return ideal.clone();
    }
}
