package dev.qanvas.quantum;

import java.util.List;

/**
 * A tiny dense reference for density matrices, written for the tests: whole 2^n x 2^n complex
 * matrices built element by element (qubit k = bit k of an index), products written out, nothing
 * shared with the simulator's kernels. Only for a few qubits.
 */
final class DenseReference {

    final int n;
    final int dim;
    /** rho[r][c] = {re, im}. */
    double[][][] rho;

    DenseReference(int n) {
        this.n = n;
        this.dim = 1 << n;
        rho = new double[dim][dim][2];
        rho[0][0][0] = 1;
    }

    /** The whole-register matrix of 2x2 {@code m} (interleaved) on {@code target}, applied when every control is 1. */
    double[][][] full(double[] m, int target, List<Integer> controls) {
        double[][][] u = new double[dim][dim][2];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                boolean active = true;
                for (int c : controls) {
                    active &= ((j >> c) & 1) == 1;
                }
                if (!active) {
                    u[i][j][0] = i == j ? 1 : 0;
                    continue;
                }
                if ((i & ~(1 << target)) != (j & ~(1 << target))) {
                    continue;
                }
                int a = (i >> target) & 1, b = (j >> target) & 1;
                u[i][j][0] = m[2 * (2 * a + b)];
                u[i][j][1] = m[2 * (2 * a + b) + 1];
            }
        }
        return u;
    }

    /** rho -> sum_k A_k rho A_k^dagger. */
    void sandwich(List<double[][][]> ops) {
        double[][][] out = new double[dim][dim][2];
        for (double[][][] a : ops) {
            double[][][] ar = multiply(a, rho);
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < dim; c++) {
                    for (int k = 0; k < dim; k++) {
                        // (A rho)_{rk} conj(A_{ck})
                        double xr = ar[r][k][0], xi = ar[r][k][1], yr = a[c][k][0], yi = -a[c][k][1];
                        out[r][c][0] += xr * yr - xi * yi;
                        out[r][c][1] += xr * yi + xi * yr;
                    }
                }
            }
        }
        rho = out;
    }

    void gate(Operation op, double... angles) {
        if (op.gate().qubits() != 1) {
            throw new IllegalArgumentException("the reference knows one-target gates only");
        }
        sandwich(java.util.Collections.singletonList(full(op.gate().matrix(angles), op.targets().get(0), op.controls())));
    }

    void channel(Channel ch, int q) {
        sandwich(ch.kraus().stream().map(k -> full(k, q, List.of())).toList());
    }

    private double[][][] multiply(double[][][] a, double[][][] b) {
        double[][][] out = new double[dim][dim][2];
        for (int r = 0; r < dim; r++) {
            for (int c = 0; c < dim; c++) {
                for (int k = 0; k < dim; k++) {
                    out[r][c][0] += a[r][k][0] * b[k][c][0] - a[r][k][1] * b[k][c][1];
                    out[r][c][1] += a[r][k][0] * b[k][c][1] + a[r][k][1] * b[k][c][0];
                }
            }
        }
        return out;
    }
}
