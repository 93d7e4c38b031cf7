package dev.qanvas.quantum;

import java.util.List;

/**
 * The states of a batch of B samples of n qubits, batch-innermost and in tiles of consecutive
 * samples: amplitude {@code idx} of sample {@code b} in tile {@code t} is
 * {@code re[t][idx][b - from[t]]} (see {@link BatchKernels} for why rows; each tile is one
 * thread's work and owns its rows, so gates that permute basis states swap row references).
 */
public final class BatchState {

    final int n;
    final int batch;
    private final int[] from;
    private final double[][][] re;
    private final double[][][] im;

    BatchState(int n, int batch, int[] from, double[][][] re, double[][][] im) {
        this.n = n;
        this.batch = batch;
        this.from = from;
        this.re = re;
        this.im = im;
    }

    /** The first {@code count} samples (a copy; they lie in the first tile). */
    BatchState first(int count) {
        if (count == batch) {
            return this;
        }
        if (count > re[0][0].length) {
            throw new IllegalArgumentException(count + " samples from a first tile of " + re[0][0].length);
        }
        double[][] r = new double[1 << n][], i = new double[1 << n][];
        for (int idx = 0; idx < 1 << n; idx++) {
            r[idx] = java.util.Arrays.copyOf(re[0][idx], count);
            i[idx] = java.util.Arrays.copyOf(im[0][idx], count);
        }
        return new BatchState(n, count, new int[] {0}, new double[][][] {r}, new double[][][] {i});
    }

    public int qubits() { return n; }
    public int batch() { return batch; }

    /** Sample b as a single state (a copy). */
    public StateVector sample(int b) {
        int t = tileOf(b), k = b - from[t];
        int size = 1 << n;
        double[] r = new double[size], i = new double[size];
        for (int idx = 0; idx < size; idx++) {
            r[idx] = re[t][idx][k];
            i[idx] = im[t][idx][k];
        }
        return StateVector.of(r, i);
    }

    private int tileOf(int b) {
        if (b < 0 || b >= batch) {
            throw new IndexOutOfBoundsException("sample " + b + " of " + batch);
        }
        int t = from.length - 1;
        while (from[t] > b) {
            t--;
        }
        return t;
    }

    /**
     * The amplitudes as two flat arrays in the layout {@link Entanglement}'s batched measures
     * read: amplitude {@code idx} of sample {@code b} at {@code idx * batch + b}.
     */
    public double[][] flatAmplitudes() {
        int size = 1 << n;
        double[] r = new double[size * batch], i = new double[size * batch];
        for (int t = 0; t < from.length; t++) {
            int len = re[t][0].length;
            for (int idx = 0; idx < size; idx++) {
                System.arraycopy(re[t][idx], 0, r, idx * batch + from[t], len);
                System.arraycopy(im[t][idx], 0, i, idx * batch + from[t], len);
            }
        }
        return new double[][] {r, i};
    }

    /** Expectation of every observable for every sample: [sample][observable]. */
    public double[][] expectations(List<PauliString> observables) {
        double[][] out = new double[batch][observables.size()];
        for (int t = 0; t < from.length; t++) {
            measure(re[t], im[t], n, re[t][0].length, observables, out, from[t]);
        }
        return out;
    }

    /**
     * Every observable for samples [0, len) of one tile's rows, into {@code out[b0 + b][o]}. The
     * diagonal ones (Z and I only) share one pass that forms each row's probabilities
     * |amplitude|^2 once and adds them with their signs: the same terms, in the same order, as
     * {@link #expectation} (whose sum for them is sign * (re^2 + im^2) row by row); the others
     * go through {@link #expectation}.
     */
    static void measure(double[][] re, double[][] im, int n, int len, List<PauliString> observables, double[][] out, int b0) {
        int count = observables.size();
        int[] diagonal = new int[count];
        int d = 0;
        for (int o = 0; o < count; o++) {
            PauliString p = observables.get(o);
            if (p.xMask() == 0) {
                diagonal[d++] = o;
            } else {
                double[] v = expectation(re, im, n, len, 0, len, p);
                for (int b = 0; b < len; b++) {
                    out[b0 + b][o] = v[b];
                }
            }
        }
        if (d == 0) {
            return;
        }
        double[][] sums = new double[d][len];
        double[] prob = new double[len];
        for (int j = 0; j < 1 << n; j++) {
            double[] rj = re[j], ij = im[j];
            for (int b = 0; b < len; b++) {
                prob[b] = rj[b] * rj[b] + ij[b] * ij[b];
            }
            for (int k = 0; k < d; k++) {
                double[] sum = sums[k];
                if ((Integer.bitCount(j & observables.get(diagonal[k]).zMask()) & 1) == 0) {
                    for (int b = 0; b < len; b++) {
                        sum[b] += prob[b];
                    }
                } else {
                    for (int b = 0; b < len; b++) {
                        sum[b] -= prob[b];
                    }
                }
            }
        }
        for (int k = 0; k < d; k++) {
            double[] sum = sums[k];
            int o = diagonal[k];
            for (int b = 0; b < len; b++) {
                out[b0 + b][o] = sum[b];
            }
        }
    }

    /** Per-sample <psi_b|P|psi_b> for samples [b0, b1) (entries outside stay 0). */
    static double[] expectation(double[][] re, double[][] im, int n, int B, int b0, int b1, PauliString p) {
        double[] sum = new double[B], sumImag = new double[B];
        int flip = p.xMask();
        int signMask = p.zMask();
        for (int j = 0; j < 1 << n; j++) {
            double[] rj = re[j], ij = im[j], rk = re[j ^ flip], ik = im[j ^ flip];
            double sign = (Integer.bitCount(j & signMask) & 1) == 0 ? 1 : -1;
            for (int b = b0; b < b1; b++) {
                sum[b] += sign * (rk[b] * rj[b] + ik[b] * ij[b]);
                sumImag[b] += sign * (rk[b] * ij[b] - ik[b] * rj[b]);
            }
        }
        double[] out = new double[B];
        for (int b = b0; b < b1; b++) {
            out[b] = switch (p.yCount() & 3) {
                case 0 -> sum[b];
                case 1 -> -sumImag[b];
                case 2 -> -sum[b];
                default -> sumImag[b];
            };
        }
        return out;
    }

    /**
     * The adjoint pass's start, {@code lambda_b += sum_o upstream[from + b][o] O_o psi_b} for the
     * samples [0, len) of one tile's rows: the Z-type observables (no X or Y) together, in one pass
     * that sums each row's signed coefficients once and scales the row by them; the others one by
     * one through {@link #addPauliTimes}. With {@code real} (imaginary rows zero) the imaginary
     * rows of lambda are left as they are, zero.
     */
    static void seedAdjoint(double[][] re, double[][] im, int n, int len, List<PauliString> observables, double[][] upstream,
                            int from, boolean real, double[][] outRe, double[][] outIm) {
        int count = observables.size();
        int[] zMasks = new int[count];
        double[][] coefficients = new double[count][len];
        int d = 0;
        double[] coefficient = new double[len];
        for (int o = 0; o < count; o++) {
            PauliString p = observables.get(o);
            double[] target = p.xMask() == 0 ? coefficients[d] : coefficient;
            for (int b = 0; b < len; b++) {
                target[b] = upstream[from + b][o];
            }
            if (p.xMask() == 0) {
                zMasks[d++] = p.zMask();
            } else {
                addPauliTimes(re, im, n, len, 0, len, p, coefficient, outRe, outIm);
            }
        }
        if (d == 0) {
            return;
        }
        // One-qubit Z_q: the row's factor is s0 - sum over the set bits q of j of twice their
        // coefficients (dq[q]); level[l] holds it for the bits of j from l up, so a row costs the
        // levels its counting changed (about two loops), not one loop per observable.
        double[] s0 = new double[len];
        double[][] dq = new double[n][];
        int multi = 0;
        for (int k = 0; k < d; k++) {
            double[] c = coefficients[k];
            if (Integer.bitCount(zMasks[k]) != 1) {
                coefficients[multi] = c;
                zMasks[multi++] = zMasks[k];
                continue;
            }
            int q = Integer.numberOfTrailingZeros(zMasks[k]);
            if (dq[q] == null) {
                dq[q] = new double[len];
            }
            for (int b = 0; b < len; b++) {
                s0[b] += c[b];
                dq[q][b] += 2 * c[b];
            }
        }
        double[][] level = new double[n + 1][], own = new double[n][len];
        level[n] = s0;
        double[] sum = multi == 0 ? null : new double[len];
        for (int j = 0; j < 1 << n; j++) {
            for (int l = j == 0 ? n - 1 : Integer.numberOfTrailingZeros(j); l >= 0; l--) {
                if ((j >> l & 1) == 1 && dq[l] != null) {
                    double[] above = level[l + 1], to = own[l], minus = dq[l];
                    for (int b = 0; b < len; b++) {
                        to[b] = above[b] - minus[b];
                    }
                    level[l] = to;
                } else {
                    level[l] = level[l + 1];
                }
            }
            if (multi == 0) {
                sum = level[0];
            } else {
                System.arraycopy(level[0], 0, sum, 0, len);
            }
            for (int k = 0; k < multi; k++) {
                double[] c = coefficients[k];
                if ((Integer.bitCount(j & zMasks[k]) & 1) == 0) {
                    for (int b = 0; b < len; b++) {
                        sum[b] += c[b];
                    }
                } else {
                    for (int b = 0; b < len; b++) {
                        sum[b] -= c[b];
                    }
                }
            }
            double[] rj = re[j], or = outRe[j];
            for (int b = 0; b < len; b++) {
                or[b] += sum[b] * rj[b];
            }
            if (!real) {
                double[] ij = im[j], oi = outIm[j];
                for (int b = 0; b < len; b++) {
                    oi[b] += sum[b] * ij[b];
                }
            }
        }
    }

    /** out_b += coefficient[b] * P psi_b for samples [b0, b1). */
    static void addPauliTimes(double[][] re, double[][] im, int n, int B, int b0, int b1, PauliString p,
                              double[] coefficient, double[][] outRe, double[][] outIm) {
        int flip = p.xMask();
        int signMask = p.zMask();
        int y = p.yCount() & 3;
        // i^y as a complex factor (fr + i fi)
        double fr = y == 0 ? 1 : y == 2 ? -1 : 0;
        double fi = y == 1 ? 1 : y == 3 ? -1 : 0;
        for (int j = 0; j < 1 << n; j++) {
            double[] rj = re[j], ij = im[j], ork = outRe[j ^ flip], oik = outIm[j ^ flip];
            double sign = (Integer.bitCount(j & signMask) & 1) == 0 ? 1 : -1;
            for (int b = b0; b < b1; b++) {
                double c = sign * coefficient[b];
                double vr = c * rj[b], vi = c * ij[b];
                ork[b] += fr * vr - fi * vi;
                oik[b] += fr * vi + fi * vr;
            }
        }
    }
}
