package dev.qanvas.photonic;

import java.util.List;

/**
 * Exact gradients of output probabilities with respect to every component's angle.
 *
 * <p>For L = sum_t g_t P(t|s): P depends on U through the permanents of U[t, s], so
 * dL = 2 Re sum_ab G_ab dU_ab with G_ab = sum_t g_t conj(A_t) dA_t/dU_ab (A_t the normalised
 * permanent; for distinguishable photons G_ab = sum_t g_t dP_t/d|U_ab|^2 conj(U_ab)). The
 * permanent's gradient is the permanents of its minors ({@link Permanents#complexWithGradient}).
 * Then dU/d angle_c = S_c D_c P_{c-1} (the components after c, c's derivative, those before), and
 * tr(G^T S_c D_c P_{c-1}) = sum over c's modes of N_c[q][p] D_c[p][q] with N_c = P_{c-1} G^T S_c;
 * one sweep updates N_{c+1} = U_c N_c U_{c+1}^dagger, O(m) a component.
 */
public final class PhotonicGradients {

    private PhotonicGradients() {
    }

    /**
     * d L / d angle_c for L = sum_t weights[t] P(outputs[t] | input), one entry per component, at
     * {@code angles}.
     */
    public static double[] angleGradient(PhotonicCircuit circuit, double[] angles, int[] input, List<int[]> outputs,
                                         double[] weights, FockProbabilities.Photons kind) {
        ComplexMatrix u = circuit.unitary(angles);
        ComplexMatrix g = sensitivity(u, input, outputs, weights, kind);
        return sweep(circuit, angles, u, g);
    }

    /** d P(outputs[t] | input) / d angle_c, as [t][c]. */
    public static double[][] probabilityJacobian(PhotonicCircuit circuit, double[] angles, int[] input, List<int[]> outputs,
                                                 FockProbabilities.Photons kind) {
        ComplexMatrix u = circuit.unitary(angles);
        double[][] jacobian = new double[outputs.size()][];
        for (int t = 0; t < outputs.size(); t++) {
            ComplexMatrix g = sensitivity(u, input, List.of(outputs.get(t)), new double[] {1}, kind);
            jacobian[t] = sweep(circuit, angles, u, g);
        }
        return jacobian;
    }

    /** d <n_j> / d angle_c, as [j][c], where <n_j> = sum_t P(t) t_j over every output. */
    public static double[][] occupationJacobian(PhotonicCircuit circuit, double[] angles, int[] input, FockProbabilities.Photons kind) {
        int m = circuit.modes();
        int n = FockProbabilities.photons(input, m);
        List<int[]> outputs = FockStates.all(m, n);
        double[][] jacobian = new double[m][];
        ComplexMatrix u = circuit.unitary(angles);
        for (int j = 0; j < m; j++) {
            double[] g = new double[outputs.size()];
            for (int t = 0; t < g.length; t++) {
                g[t] = outputs.get(t)[j];
            }
            jacobian[j] = sweep(circuit, angles, u, sensitivity(u, input, outputs, g, kind));
        }
        return jacobian;
    }

    /** G with dL = 2 Re sum_ab G_ab dU_ab. */
    static ComplexMatrix sensitivity(ComplexMatrix u, int[] input, List<int[]> outputs, double[] weights, FockProbabilities.Photons kind) {
        int m = u.size();
        int n = FockProbabilities.photons(input, m);
        FockProbabilities.Amplitudes a = new FockProbabilities.Amplitudes(u, input, n);
        ComplexMatrix g = new ComplexMatrix(m);
        double[] gRe = new double[n * n], gIm = new double[n * n];
        for (int t = 0; t < outputs.size(); t++) {
            double w = weights[t];
            if (w == 0) {
                continue;
            }
            int[] output = outputs.get(t);
            double norm = a.fill(output, kind);
            int[] rows = FockStates.photonModes(output, n);
            if (kind == FockProbabilities.Photons.DISTINGUISHABLE) {
                Permanents.realWithGradient(a.abs2, n, gRe);
                for (int k = 0; k < n; k++) {
                    for (int l = 0; l < n; l++) {
                        double f = w * gRe[k * n + l] / norm;
                        int at = rows[k] * m + a.columns[l];
                        g.re[at] += f * a.re[k * n + l];
                        g.im[at] -= f * a.im[k * n + l];
                    }
                }
            } else {
                double[] perm = Permanents.complexWithGradient(a.re, a.im, n, gRe, gIm);
                // conj(A) dA/dU with A = Perm / sqrt(norm): conj(Perm) dPerm / norm
                double cr = w * perm[0] / norm, ci = -w * perm[1] / norm;
                for (int k = 0; k < n; k++) {
                    for (int l = 0; l < n; l++) {
                        double dr = gRe[k * n + l], di = gIm[k * n + l];
                        int at = rows[k] * m + a.columns[l];
                        g.re[at] += cr * dr - ci * di;
                        g.im[at] += cr * di + ci * dr;
                    }
                }
            }
        }
        return g;
    }

    /** d L / d angle_c = 2 Re tr(G^T dU/d angle_c) for every component, in one sweep. */
    static double[] sweep(PhotonicCircuit circuit, double[] angles, ComplexMatrix u, ComplexMatrix g) {
        List<Component> components = circuit.components();
        int k = components.size();
        double[] grad = new double[k];
        if (k == 0) {
            return grad;
        }
        int m = u.size();
        double[] bRe = new double[4], bIm = new double[4], dRe = new double[4], dIm = new double[4];
        // N_1 = G^T S_1 with S_1 = U U_1^dagger
        ComplexMatrix transposed = new ComplexMatrix(m);
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                transposed.re[r * m + c] = g.re[c * m + r];
                transposed.im[r * m + c] = g.im[c * m + r];
            }
        }
        ComplexMatrix nc = transposed.times(u);
        rightAdjoint(nc, components.get(0), angles[0], bRe, bIm);
        for (int c = 0; c < k; c++) {
            Component component = components.get(c);
            int[] modes = component.modes();
            int size = modes.length;
            component.derivative(angles[c], dRe, dIm);
            double sum = 0;
            for (int p = 0; p < size; p++) {
                for (int q = 0; q < size; q++) {
                    double nr = nc.re(modes[q], modes[p]), ni = nc.im(modes[q], modes[p]);
                    sum += nr * dRe[p * size + q] - ni * dIm[p * size + q];
                }
            }
            grad[c] = 2 * sum;
            if (c + 1 < k) {
                component.matrix(angles[c], bRe, bIm);
                nc.applyLeft(modes, bRe, bIm);
                rightAdjoint(nc, components.get(c + 1), angles[c + 1], bRe, bIm);
            }
        }
        return grad;
    }

    private static void rightAdjoint(ComplexMatrix target, Component component, double angle, double[] bRe, double[] bIm) {
        component.matrix(angle, bRe, bIm);
        ComplexMatrix.adjointBlock(bRe, bIm, component.modes().length);
        target.applyRight(component.modes(), bRe, bIm);
    }
}
