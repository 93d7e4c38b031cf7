package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;

/**
 * The (possibly mixed, possibly unnormalised) state of n qubits as a 2^n x 2^n density matrix,
 * changed in place. Entry (r, c) sits at index {@code r + 2^n c}: the matrix is a vector of 2n
 * qubits whose low n bits are the row, so a gate U on qubit q is the state-vector kernel on bit q
 * (U rho) and conj(U) on bit q + n (rho U^dagger). The trace of an unnormalised matrix is the
 * probability of the branch it stands for ({@link ProgramRunner}).
 *
 * <p>It takes 16 * 4^n bytes: 268 MB at {@link #MAX_QUBITS} = 12.
 */
public final class DensityMatrix {

    /** The most qubits an exact (density matrix) run takes: 4^12 entries, 256 MiB. */
    public static final int MAX_QUBITS = 12;

    private final int n;
    final double[] re;
    final double[] im;

    private DensityMatrix(int n, double[] re, double[] im) {
        this.n = n;
        this.re = re;
        this.im = im;
    }

    /** Bytes of one density matrix of n qubits. */
    public static long bytes(int n) {
        return Memory.stateBytes(2 * n, 1);
    }

    /** |0...0><0...0| on n qubits; refuses more than {@link #MAX_QUBITS} or more memory than the heap allows. */
    public static DensityMatrix zero(int n) {
        requireSize(n, 1);
        DensityMatrix d = new DensityMatrix(n, new double[1 << 2 * n], new double[1 << 2 * n]);
        d.re[0] = 1;
        return d;
    }

    /** |psi><psi|. */
    public static DensityMatrix of(StateVector psi) {
        int n = psi.qubits();
        requireSize(n, 1);
        int dim = 1 << n;
        DensityMatrix d = new DensityMatrix(n, new double[dim * dim], new double[dim * dim]);
        for (int c = 0; c < dim; c++) {
            for (int r = 0; r < dim; r++) {
                // psi_r conj(psi_c)
                d.re[r + dim * c] = psi.re[r] * psi.re[c] + psi.im[r] * psi.im[c];
                d.im[r + dim * c] = psi.im[r] * psi.re[c] - psi.re[r] * psi.im[c];
            }
        }
        return d;
    }

    /** Throws, saying what it would take, unless {@code count} matrices of n qubits fit the limit and the heap. */
    static void requireSize(int n, long count) {
        if (n < 1 || n > MAX_QUBITS) {
            throw new IllegalArgumentException("an exact (density matrix) simulation takes 1.." + MAX_QUBITS
                    + " qubits, not " + n + " (it needs 16 * 4^n bytes); sample it with shots instead");
        }
        try {
            Memory.requireHeap(Memory.saturatedProduct(bytes(n), count, 1),
                    (count == 1 ? "the density matrix" : count + " density matrices (one per classical outcome)")
                    + " of " + n + " qubits");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "; or sample it with shots (pure-state trajectories)", e);
        }
    }

    public int qubits() {
        return n;
    }

    public DensityMatrix copy() {
        return new DensityMatrix(n, re.clone(), im.clone());
    }

    /** Entry (r, c): {re, im}. */
    public double[] entry(int r, int c) {
        int i = r + (c << n);
        return new double[] {re[i], im[i]};
    }

    /** rho -> U rho U^dagger for one operation at the given angles. */
    public DensityMatrix apply(Operation op, double... angles) {
        double[] m = op.gate().matrix(angles);
        Kernels.apply(re, im, 2 * n, op, m, false);
        double[] conj = m.clone();
        for (int i = 1; i < conj.length; i += 2) {
            conj[i] = -conj[i];
        }
        Kernels.apply(re, im, 2 * n, shifted(op), conj, false);
        return this;
    }

    private Operation shifted(Operation op) {
        List<Integer> t = new ArrayList<>(), c = new ArrayList<>();
        op.targets().forEach(q -> t.add(q + n));
        op.controls().forEach(q -> c.add(q + n));
        return new Operation(op.gate(), t, c, op.angles());
    }

    /** rho -> sum_k K_k rho K_k^dagger on qubit {@code q}. */
    public DensityMatrix apply(Channel channel, int q) {
        return applySuperoperator(channel.superoperator(), q);
    }

    /** Puts qubit {@code q} into |0> (trace preserving). */
    public DensityMatrix reset(int q) {
        return apply(Channel.RESET, q);
    }

    /** Applies a channel given as its superoperator ({@link Channel#superoperator}, maybe composed). */
    DensityMatrix applySuperoperator(double[] s, int q) {
        requireQubit(q);
        if (isReal(s)) {
            return applyRealSuperoperator(s, q);
        }
        // Most channels' superoperators are sparse (depolarizing: 8 of 16 entries): skip the zeros.
        int[] nonzero = new int[16];
        int count = 0;
        for (int e = 0; e < 16; e++) {
            if (s[2 * e] != 0 || s[2 * e + 1] != 0) {
                nonzero[count++] = e;
            }
        }
        int rowBit = 1 << q, colBit = 1 << (q + n);
        int quarter = re.length >> 2;
        double[] xr = new double[4], xi = new double[4];
        int[] at = new int[4];
        for (int j = 0; j < quarter; j++) {
            // the j-th index with both bits clear, in increasing order: a zero put in at q, then at q + n
            int i = insertZero(insertZero(j, q), q + n);
            at[0] = i;
            at[1] = i | rowBit;
            at[2] = i | colBit;
            at[3] = i | rowBit | colBit;
            for (int k = 0; k < 4; k++) {
                xr[k] = re[at[k]];
                xi[k] = im[at[k]];
            }
            for (int a = 0; a < 4; a++) {
                re[at[a]] = 0;
                im[at[a]] = 0;
            }
            for (int k = 0; k < count; k++) {
                int e = nonzero[k], a = e >> 2, b = e & 3;
                double mr = s[2 * e], mi = s[2 * e + 1];
                re[at[a]] += mr * xr[b] - mi * xi[b];
                im[at[a]] += mr * xi[b] + mi * xr[b];
            }
        }
        return this;
    }

    private static boolean isReal(double[] s) {
        for (int e = 0; e < 16; e++) {
            if (s[2 * e + 1] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #applySuperoperator} for a real superoperator (every channel Qanvas names: their Kraus
     * operators are real), as a 4x4 real matrix on the block's four entries held in locals: a
     * third of training on a noisy device went to the general loop. Adding the zero entries the
     * general loop skips changes no bit of the result.
     */
    private DensityMatrix applyRealSuperoperator(double[] s, int q) {
        double s00 = s[0], s01 = s[2], s02 = s[4], s03 = s[6];
        double s10 = s[8], s11 = s[10], s12 = s[12], s13 = s[14];
        double s20 = s[16], s21 = s[18], s22 = s[20], s23 = s[22];
        double s30 = s[24], s31 = s[26], s32 = s[28], s33 = s[30];
        int rowBit = 1 << q, colBit = 1 << (q + n);
        int quarter = re.length >> 2;
        for (int j = 0; j < quarter; j++) {
            int i0 = insertZero(insertZero(j, q), q + n), i1 = i0 | rowBit, i2 = i0 | colBit, i3 = i1 | colBit;
            double r0 = re[i0], r1 = re[i1], r2 = re[i2], r3 = re[i3];
            double m0 = im[i0], m1 = im[i1], m2 = im[i2], m3 = im[i3];
            re[i0] = s00 * r0 + s01 * r1 + s02 * r2 + s03 * r3;
            re[i1] = s10 * r0 + s11 * r1 + s12 * r2 + s13 * r3;
            re[i2] = s20 * r0 + s21 * r1 + s22 * r2 + s23 * r3;
            re[i3] = s30 * r0 + s31 * r1 + s32 * r2 + s33 * r3;
            im[i0] = s00 * m0 + s01 * m1 + s02 * m2 + s03 * m3;
            im[i1] = s10 * m0 + s11 * m1 + s12 * m2 + s13 * m3;
            im[i2] = s20 * m0 + s21 * m1 + s22 * m2 + s23 * m3;
            im[i3] = s30 * m0 + s31 * m1 + s32 * m2 + s33 * m3;
        }
        return this;
    }

    /** {@code k} with a 0 bit put in at {@code bit}, the higher bits moved up one. */
    private static int insertZero(int k, int bit) {
        int low = (1 << bit) - 1;
        return (k & low) | ((k & ~low) << 1);
    }

    /**
     * rho -> P rho P with P the projector onto {@code outcome} of qubit {@code q} (not renormalised);
     * returns the new trace, the probability of the outcome times this matrix's trace.
     */
    public double project(int q, int outcome) {
        requireQubit(q);
        int rowBit = 1 << q, colBit = 1 << (q + n);
        for (int i = 0; i < re.length; i++) {
            boolean row = (i & rowBit) != 0, col = (i & colBit) != 0;
            if (row != (outcome == 1) || col != (outcome == 1)) {
                re[i] = 0;
                im[i] = 0;
            }
        }
        return trace();
    }

    /**
     * Postselection: keeps only the part of the state where qubit {@code q} reads {@code outcome},
     * renormalised, and returns the probability that it did (the success probability). Fails if
     * that probability is zero.
     */
    public double postselect(int q, int outcome) {
        double before = trace();
        double after = project(q, outcome);
        if (!(after > 0)) {
            throw new IllegalArgumentException("postselection on qubit " + q + " = " + outcome + " never succeeds");
        }
        scale(1 / after);
        return after / before;
    }

    public double trace() {
        double t = 0;
        int dim = 1 << n;
        for (int r = 0; r < dim; r++) {
            t += re[r + (r << n)];
        }
        return t;
    }

    /** tr(rho^2): 1 for a pure normalised state, 1/2^n for the maximally mixed one. */
    public double purity() {
        double s = 0;
        for (int i = 0; i < re.length; i++) {
            s += re[i] * re[i] + im[i] * im[i]; // rho is Hermitian: tr(rho^2) = sum |rho_rc|^2
        }
        return s;
    }

    /** The diagonal: the probability of each basis state (times the trace). */
    public double[] probabilities() {
        int dim = 1 << n;
        double[] p = new double[dim];
        for (int r = 0; r < dim; r++) {
            p[r] = re[r + (r << n)];
        }
        return p;
    }

    /** tr(rho P) for a Pauli product P. */
    public double expectation(PauliString p) {
        if (p.maxQubit() >= n) {
            throw new IllegalArgumentException(p + " acts on qubit " + p.maxQubit() + " of a " + n + "-qubit state");
        }
        // tr(rho P) = sum_c (P rho)_{cc}: apply P to each column's row index, read the diagonal.
        int dim = 1 << n;
        double[] colRe = new double[dim], colIm = new double[dim], outRe = new double[dim], outIm = new double[dim];
        double t = 0;
        for (int c = 0; c < dim; c++) {
            System.arraycopy(re, c << n, colRe, 0, dim);
            System.arraycopy(im, c << n, colIm, 0, dim);
            java.util.Arrays.fill(outRe, 0);
            java.util.Arrays.fill(outIm, 0);
            Kernels.addPauliTimes(colRe, colIm, p, 1, outRe, outIm);
            t += outRe[c];
        }
        return t;
    }

    DensityMatrix scale(double f) {
        for (int i = 0; i < re.length; i++) {
            re[i] *= f;
            im[i] *= f;
        }
        return this;
    }

    /** this += other. */
    DensityMatrix add(DensityMatrix other) {
        for (int i = 0; i < re.length; i++) {
            re[i] += other.re[i];
            im[i] += other.im[i];
        }
        return this;
    }

    private void requireQubit(int q) {
        if (q < 0 || q >= n) {
            throw new IllegalArgumentException("qubit " + q + " of a " + n + "-qubit state");
        }
    }
}
