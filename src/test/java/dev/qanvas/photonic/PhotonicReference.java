package dev.qanvas.photonic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Independent references for the photonic tests, written without the engine: dense complex
 * matrices as double[n][n][2], Haar-random unitaries by QR of a complex Gaussian, permanents as
 * sums over permutations, and output amplitudes by expanding prod_k (sum_j U_{j,in_k} a_j^dagger)
 * as a polynomial in the creation operators.
 */
final class PhotonicReference {

    private PhotonicReference() {
    }

    /** Haar-random m x m unitary: Gram-Schmidt (QR) of a complex Gaussian matrix, columns orthonormalised in order. */
    static double[][][] haar(int m, Random random) {
        double[][][] a = new double[m][m][2];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a[r][c][0] = random.nextGaussian();
                a[r][c][1] = random.nextGaussian();
            }
        }
        // modified Gram-Schmidt on columns; R's diagonal comes out real and positive, which is the phase fix of Mezzadri (2007)
        for (int c = 0; c < m; c++) {
            for (int p = 0; p < c; p++) {
                double dr = 0, di = 0; // <q_p, a_c>
                for (int r = 0; r < m; r++) {
                    dr += a[r][p][0] * a[r][c][0] + a[r][p][1] * a[r][c][1];
                    di += a[r][p][0] * a[r][c][1] - a[r][p][1] * a[r][c][0];
                }
                for (int r = 0; r < m; r++) {
                    a[r][c][0] -= dr * a[r][p][0] - di * a[r][p][1];
                    a[r][c][1] -= dr * a[r][p][1] + di * a[r][p][0];
                }
            }
            double norm = 0;
            for (int r = 0; r < m; r++) {
                norm += a[r][c][0] * a[r][c][0] + a[r][c][1] * a[r][c][1];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < m; r++) {
                a[r][c][0] /= norm;
                a[r][c][1] /= norm;
            }
        }
        return a;
    }

    static ComplexMatrix toMatrix(double[][][] a) {
        int m = a.length;
        ComplexMatrix u = new ComplexMatrix(m);
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                u.set(r, c, a[r][c][0], a[r][c][1]);
            }
        }
        return u;
    }

    static double[][][] fromMatrix(ComplexMatrix u) {
        int m = u.size();
        double[][][] a = new double[m][m][2];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a[r][c][0] = u.re(r, c);
                a[r][c][1] = u.im(r, c);
            }
        }
        return a;
    }

    static double[][][] multiply(double[][][] a, double[][][] b) {
        int n = a.length;
        double[][][] out = new double[n][n][2];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                for (int k = 0; k < n; k++) {
                    out[r][c][0] += a[r][k][0] * b[k][c][0] - a[r][k][1] * b[k][c][1];
                    out[r][c][1] += a[r][k][0] * b[k][c][1] + a[r][k][1] * b[k][c][0];
                }
            }
        }
        return out;
    }

    static double[][][] identity(int n) {
        double[][][] a = new double[n][n][2];
        for (int i = 0; i < n; i++) {
            a[i][i][0] = 1;
        }
        return a;
    }

    /** The m x m matrix of a 2 x 2 block {{a, b}, {c, d}} (complex {re, im}) on modes (i, j). */
    static double[][][] embed(int m, int i, int j, double[] a, double[] b, double[] c, double[] d) {
        double[][][] e = identity(m);
        e[i][i] = a.clone();
        e[i][j] = b.clone();
        e[j][i] = c.clone();
        e[j][j] = d.clone();
        return e;
    }

    /** BS(theta) on (i, j) as the issue writes it. */
    static double[][][] beamSplitter(int m, int i, int j, double theta) {
        double c = Math.cos(theta / 2), s = Math.sin(theta / 2);
        return embed(m, i, j, new double[] {c, 0}, new double[] {0, s}, new double[] {0, s}, new double[] {c, 0});
    }

    static double[][][] phaseShifter(int m, int i, double phi) {
        double[][][] e = identity(m);
        e[i][i] = new double[] {Math.cos(phi), Math.sin(phi)};
        return e;
    }

    /** The permanent as the sum over all permutations of prod_k a[k][sigma(k)]. */
    static double[] naivePermanent(double[][][] a) {
        int n = a.length;
        double[] total = new double[2];
        permute(a, new int[n], new boolean[n], 0, new double[] {1, 0}, total);
        return total;
    }

    private static void permute(double[][][] a, int[] sigma, boolean[] used, int k, double[] product, double[] total) {
        int n = a.length;
        if (k == n) {
            total[0] += product[0];
            total[1] += product[1];
            return;
        }
        for (int c = 0; c < n; c++) {
            if (!used[c]) {
                used[c] = true;
                double[] p = {product[0] * a[k][c][0] - product[1] * a[k][c][1], product[0] * a[k][c][1] + product[1] * a[k][c][0]};
                permute(a, sigma, used, k + 1, p, total);
                used[c] = false;
            }
        }
    }

    /**
     * Output probabilities of Fock input s by second quantisation: a_i^dagger -> sum_j U[j][i] a_j^dagger
     * for each photon, the product expanded term by term; the amplitude of |t> is the coefficient of
     * prod a_j^dagger^{t_j} times sqrt(prod t_j!) / sqrt(prod s_i!). Keys "t0,t1,...".
     */
    static Map<String, Double> fockProbabilities(double[][][] u, int[] s) {
        int m = u.length;
        Map<List<Integer>, double[]> poly = new HashMap<>();
        List<Integer> empty = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            empty.add(0);
        }
        poly.put(empty, new double[] {1, 0});
        double inputFactorials = 1;
        for (int i = 0; i < m; i++) {
            for (int photon = 0; photon < s[i]; photon++) {
                inputFactorials *= photon + 1;
                Map<List<Integer>, double[]> next = new HashMap<>();
                for (Map.Entry<List<Integer>, double[]> term : poly.entrySet()) {
                    for (int j = 0; j < m; j++) {
                        List<Integer> key = new ArrayList<>(term.getKey());
                        key.set(j, key.get(j) + 1);
                        double[] c = term.getValue();
                        double[] add = {c[0] * u[j][i][0] - c[1] * u[j][i][1], c[0] * u[j][i][1] + c[1] * u[j][i][0]};
                        next.merge(key, add, (x, y) -> new double[] {x[0] + y[0], x[1] + y[1]});
                    }
                }
                poly = next;
            }
        }
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<List<Integer>, double[]> term : poly.entrySet()) {
            double outputFactorials = 1;
            StringBuilder key = new StringBuilder();
            for (int j = 0; j < m; j++) {
                for (int k = 2; k <= term.getKey().get(j); k++) {
                    outputFactorials *= k;
                }
                key.append(j > 0 ? "," : "").append(term.getKey().get(j));
            }
            double[] c = term.getValue();
            out.put(key.toString(), (c[0] * c[0] + c[1] * c[1]) * outputFactorials / inputFactorials);
        }
        return out;
    }

    /**
     * Distinguishable photons: each photon goes its own way, photon from mode i to mode j with
     * probability |U[j][i]|^2; the distribution of occupations by enumerating every path.
     */
    static Map<String, Double> classicalProbabilities(double[][][] u, int[] s) {
        int m = u.length;
        Map<String, Double> dist = new HashMap<>();
        dist.put(String.join(",", java.util.Collections.nCopies(m, "0")), 1.0);
        for (int i = 0; i < m; i++) {
            for (int photon = 0; photon < s[i]; photon++) {
                Map<String, Double> next = new HashMap<>();
                for (Map.Entry<String, Double> e : dist.entrySet()) {
                    String[] parts = e.getKey().split(",");
                    for (int j = 0; j < m; j++) {
                        int[] occ = new int[m];
                        for (int q = 0; q < m; q++) {
                            occ[q] = Integer.parseInt(parts[q]);
                        }
                        occ[j]++;
                        double p = u[j][i][0] * u[j][i][0] + u[j][i][1] * u[j][i][1];
                        next.merge(FockStates.key(occ), e.getValue() * p, Double::sum);
                    }
                }
                dist = next;
            }
        }
        return dist;
    }
}
