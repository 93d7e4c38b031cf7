package dev.qanvas.quantum;

import java.util.List;

/**
 * The states of a batch of B samples of n qubits, batch-innermost: amplitude {@code idx} of
 * sample {@code b} is {@code re[idx][b]} (see {@link BatchKernels} for why).
 */
public final class BatchState {

    final int n;
    final int batch;
    final double[][] re;
    final double[][] im;

    BatchState(int n, int batch) {
        StateVector.requireMemory(n, batch);
        this.n = n;
        this.batch = batch;
        try {
            this.re = new double[1 << n][batch];
            this.im = new double[1 << n][batch];
        } catch (OutOfMemoryError e) {
            // Passed the check against the heap's ceiling, but too much else is live.
            throw new IllegalArgumentException(Memory.tooLarge(Memory.stateBytes(n, batch), StateVector.what(n, batch)), e);
        }
        java.util.Arrays.fill(re[0], 1); // every sample starts in |0...0>
    }

    public int qubits() { return n; }
    public int batch() { return batch; }

    /** Sample b as a single state (a copy). */
    public StateVector sample(int b) {
        int size = 1 << n;
        double[] r = new double[size], i = new double[size];
        for (int idx = 0; idx < size; idx++) {
            r[idx] = re[idx][b];
            i[idx] = im[idx][b];
        }
        return StateVector.of(r, i);
    }

    /**
     * The amplitudes as two flat arrays in the layout {@link Entanglement}'s batched measures
     * read: amplitude {@code idx} of sample {@code b} at {@code idx * batch + b}.
     */
    public double[][] flatAmplitudes() {
        int size = 1 << n;
        double[] r = new double[size * batch], i = new double[size * batch];
        for (int idx = 0; idx < size; idx++) {
            System.arraycopy(re[idx], 0, r, idx * batch, batch);
            System.arraycopy(im[idx], 0, i, idx * batch, batch);
        }
        return new double[][] {r, i};
    }

    /** Expectation of every observable for every sample: [sample][observable]. */
    public double[][] expectations(List<PauliString> observables) {
        double[][] out = new double[batch][observables.size()];
        for (int o = 0; o < observables.size(); o++) {
            double[] v = expectation(re, im, n, batch, 0, batch, observables.get(o));
            for (int b = 0; b < batch; b++) {
                out[b][o] = v[b];
            }
        }
        return out;
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
