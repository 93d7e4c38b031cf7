package dev.qanvas.quantum;

import java.util.Arrays;

/**
 * Eigenvalues of complex Hermitian matrices, stored as separate real and imaginary row-major
 * arrays.
 *
 * <p>The matrix is reduced to a real symmetric tridiagonal one by complex Householder
 * reflections (the unblocked LAPACK {@code zhetd2} scheme), whose eigenvalues implicit QL with
 * Wilkinson shifts then finds. Both steps are backward stable, so eigenvalues come out to a few
 * ulps of the matrix norm, and working on the complex matrix directly costs about half of what
 * the equivalent 2d×2d real symmetric embedding would.
 */
public final class HermitianEigen {

    /** QL sweeps allowed per eigenvalue; two or three are typical, so hitting this means NaN or Inf input. */
    private static final int MAX_SWEEPS = 60;

    private HermitianEigen() {}

    /**
     * Eigenvalues of the d×d Hermitian matrix {@code aRe + i aIm} (row-major), sorted descending.
     * Only the lower triangle and the real part of the diagonal are read: Hermitian symmetry
     * supplies the rest.
     */
    public static double[] eigenvalues(double[] aRe, double[] aIm, int d) {
        if (d < 0 || aRe == null || aIm == null || (long) d * d != aRe.length || aIm.length != aRe.length) {
            throw new IllegalArgumentException("a " + d + "x" + d + " matrix needs " + ((long) d * d)
                    + " entries in each of re and im, got "
                    + (aRe == null ? "null" : aRe.length) + " and " + (aIm == null ? "null" : aIm.length));
        }
        double[] diag = new double[d];
        double[] off = new double[d];
        // One array per row, so that the loops below index every array by the column alone, which
        // C2 needs to vectorise them.
        double[][] re = new double[d][];
        double[][] im = new double[d][];
        for (int r = 0; r < d; r++) {
            re[r] = Arrays.copyOfRange(aRe, r * d, (r + 1) * d);
            im[r] = Arrays.copyOfRange(aIm, r * d, (r + 1) * d);
        }
        tridiagonalize(re, im, d, diag, off);
        implicitQl(diag, off);
        Arrays.sort(diag);
        for (int i = 0, j = d - 1; i < j; i++, j--) {
            double t = diag[i];
            diag[i] = diag[j];
            diag[j] = t;
        }
        return diag;
    }

    /**
     * Overwrites the rows {@code re, im} while reducing the matrix to a real tridiagonal one with
     * the same eigenvalues: {@code diag[i]} on the diagonal, {@code off[i]} coupling i and i+1.
     * The vectors v and w are indexed by absolute row (from s on), like the rows' columns.
     */
    private static void tridiagonalize(double[][] re, double[][] im, int d, double[] diag, double[] off) {
        double[] vRe = new double[d];
        double[] vIm = new double[d];
        double[] wRe = new double[d];
        double[] wIm = new double[d];
        for (int i = 0; i < d - 1; i++) {
            diag[i] = re[i][i];
            int s = i + 1; // the trailing block A22 spans rows and columns s..d-1
            double alphaRe = re[s][i];
            double alphaIm = im[s][i];
            double tailSq = 0;
            for (int r = s + 1; r < d; r++) {
                tailSq += re[r][i] * re[r][i] + im[r][i] * im[r][i];
            }
            if (tailSq == 0 && alphaIm == 0) {
                off[i] = alphaRe; // already tridiagonal and real in this column
                continue;
            }
            // Reflector H = I - tau v v^H with H^H (alpha, tail) = (beta, 0) and beta real, as zlarfg.
            // beta takes the sign opposite to Re(alpha) so that alpha - beta never cancels.
            double beta = -Math.copySign(Math.sqrt(alphaRe * alphaRe + alphaIm * alphaIm + tailSq), alphaRe);
            double tauRe = (beta - alphaRe) / beta;
            double tauIm = -alphaIm / beta;
            double denRe = alphaRe - beta;
            double denSq = denRe * denRe + alphaIm * alphaIm;
            double scaleRe = denRe / denSq; // 1 / (alpha - beta)
            double scaleIm = -alphaIm / denSq;
            vRe[s] = 1;
            vIm[s] = 0;
            for (int r = s + 1; r < d; r++) {
                double xr = re[r][i];
                double xi = im[r][i];
                vRe[r] = xr * scaleRe - xi * scaleIm;
                vIm[r] = xr * scaleIm + xi * scaleRe;
            }
            off[i] = beta;

            // A22 := H^H A22 H = A22 - v w^H - w v^H with w = tau A22 v - (tau/2)(w0^H v) v (LAPACK zhetd2).
            hermitianTimesVector(re, im, d, s, vRe, vIm, wRe, wIm);
            double dotRe = 0; // (tau A22 v)^H v
            double dotIm = 0;
            for (int r = s; r < d; r++) {
                double tr = tauRe * wRe[r] - tauIm * wIm[r];
                double ti = tauRe * wIm[r] + tauIm * wRe[r];
                wRe[r] = tr;
                wIm[r] = ti;
                dotRe += tr * vRe[r] + ti * vIm[r];
                dotIm += tr * vIm[r] - ti * vRe[r];
            }
            double kRe = -0.5 * (tauRe * dotRe - tauIm * dotIm);
            double kIm = -0.5 * (tauRe * dotIm + tauIm * dotRe);
            for (int r = s; r < d; r++) {
                wRe[r] += kRe * vRe[r] - kIm * vIm[r];
                wIm[r] += kRe * vIm[r] + kIm * vRe[r];
            }
            lowerRank2Update(re, im, d, s, vRe, vIm, wRe, wIm);
        }
        if (d > 0) {
            diag[d - 1] = re[d - 1][d - 1];
            off[d - 1] = 0;
        }
    }

    /**
     * w = A22 v for the Hermitian trailing block starting at row and column s, reading only its
     * lower triangle row by row so every access runs along a contiguous row. Row p's sum and its
     * additions to the w of the columns before p are two loops: the second is elementwise, and
     * each w still receives its terms in the same order.
     */
    private static void hermitianTimesVector(double[][] re, double[][] im, int d, int s,
            double[] vRe, double[] vIm, double[] wRe, double[] wIm) {
        java.util.Arrays.fill(wRe, s, d, 0);
        java.util.Arrays.fill(wIm, s, d, 0);
        for (int p = s; p < d; p++) {
            double[] rowRe = re[p];
            double[] rowIm = im[p];
            double sumRe = 0;
            double sumIm = 0;
            for (int q = s; q < p; q++) {
                double ar = rowRe[q];
                double ai = rowIm[q];
                sumRe += ar * vRe[q] - ai * vIm[q]; // A[p][q] v[q]
                sumIm += ar * vIm[q] + ai * vRe[q];
            }
            addRow(rowRe, rowIm, s, p, vRe, vIm, wRe, wIm, sumRe, sumIm);
        }
    }

    /**
     * Row p's part of w = A22 v once its sum over the columns before p is known: A[q][p] v[p]
     * into w[q] for those columns, then the sum and the diagonal term into w[p].
     */
    private static void addRow(double[] rowRe, double[] rowIm, int s, int p, double[] vRe, double[] vIm,
            double[] wRe, double[] wIm, double sumRe, double sumIm) {
        double vpRe = vRe[p];
        double vpIm = vIm[p];
        for (int q = s; q < p; q++) {
            double ar = rowRe[q];
            double ai = rowIm[q];
            wRe[q] += ar * vpRe + ai * vpIm; // A[q][p] v[p] = conj(A[p][q]) v[p]
            wIm[q] += ar * vpIm - ai * vpRe;
        }
        double dp = rowRe[p];
        wRe[p] += sumRe + dp * vpRe;
        wIm[p] += sumIm + dp * vpIm;
    }

    /** A22 -= v w^H + w v^H on the lower triangle of the trailing block starting at s. */
    private static void lowerRank2Update(double[][] re, double[][] im, int d, int s,
            double[] vRe, double[] vIm, double[] wRe, double[] wIm) {
        for (int p = s; p < d; p++) {
            double[] rowRe = re[p];
            double[] rowIm = im[p];
            double vpRe = vRe[p];
            double vpIm = vIm[p];
            double wpRe = wRe[p];
            double wpIm = wIm[p];
            for (int q = s; q <= p; q++) {
                rowRe[q] -= vpRe * wRe[q] + vpIm * wIm[q] + wpRe * vRe[q] + wpIm * vIm[q];
                rowIm[q] -= vpIm * wRe[q] - vpRe * wIm[q] + wpIm * vRe[q] - wpRe * vIm[q];
            }
        }
    }

    /**
     * Replaces {@code diag} by the eigenvalues of the symmetric tridiagonal matrix (diag, off),
     * by implicit QL with Wilkinson shifts (Numerical Recipes' tqli without eigenvectors).
     */
    private static void implicitQl(double[] diag, double[] off) {
        int n = diag.length;
        // Also split where an off-diagonal is negligible against the whole matrix: a purely relative
        // test never converges on a block of (near-)zero eigenvalues, as in low-rank density matrices.
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm = Math.max(norm, Math.abs(diag[i]) + (i < n - 1 ? Math.abs(off[i]) : 0) + (i > 0 ? Math.abs(off[i - 1]) : 0));
        }
        double absoluteTolerance = 0x1p-53 * norm;
        for (int l = 0; l < n; l++) {
            int sweeps = 0;
            int m;
            do {
                // Find the first negligible off-diagonal at or after l: the block l..m splits off.
                for (m = l; m < n - 1; m++) {
                    double dd = Math.abs(diag[m]) + Math.abs(diag[m + 1]);
                    if (Math.abs(off[m]) <= 0x1p-53 * dd || Math.abs(off[m]) <= absoluteTolerance) {
                        break;
                    }
                }
                if (m != l) {
                    if (++sweeps > MAX_SWEEPS) {
                        throw new ArithmeticException("QL iteration did not converge (NaN or infinite entries?)");
                    }
                    double g = (diag[l + 1] - diag[l]) / (2 * off[l]);
                    double r = Math.hypot(g, 1);
                    g = diag[m] - diag[l] + off[l] / (g + Math.copySign(r, g));
                    double s = 1;
                    double c = 1;
                    double p = 0;
                    int i;
                    for (i = m - 1; i >= l; i--) {
                        double f = s * off[i];
                        double b = c * off[i];
                        r = Math.hypot(f, g);
                        off[i + 1] = r;
                        if (r == 0) {
                            // Underflow: the matrix already splits here, so restart the search.
                            diag[i + 1] -= p;
                            off[m] = 0;
                            break;
                        }
                        s = f / r;
                        c = g / r;
                        g = diag[i + 1] - p;
                        r = (diag[i] - g) * s + 2 * c * b;
                        p = s * r;
                        diag[i + 1] = g + p;
                        g = c * r - b;
                    }
                    if (r == 0 && i >= l) {
                        continue;
                    }
                    diag[l] -= p;
                    off[l] = g;
                    off[m] = 0;
                }
            } while (m != l);
        }
    }
}
