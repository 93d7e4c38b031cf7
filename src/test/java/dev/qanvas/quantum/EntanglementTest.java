package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Entanglement measures checked against closed forms for textbook states (product, Bell, GHZ, W,
 * partially entangled pairs, single-qubit phases), against identities that hold for any pure state
 * (equal entropy on both sides of a cut, Rényi-2 <= von Neumann, trace one), and the eigensolver
 * against hand-worked and constructed spectra.
 */
class EntanglementTest {

    private static final double TOL = 1e-12;
    private static final double S = Math.sqrt(0.5);

    // ---- textbook states -------------------------------------------------------------------

    @Test
    void productStateHasNoEntanglementAndPointsUp() {
        int n = 4;
        double[][] psi = basisState(n, 0);
        for (int[] cut : List.of(new int[] {0}, new int[] {2}, new int[] {0, 1}, new int[] {1, 3}, new int[] {0, 2, 3})) {
            assertEquals(0, Entanglement.vonNeumannEntropy(psi[0], psi[1], n, cut), TOL, Arrays.toString(cut));
            assertEquals(0, Entanglement.renyi2Entropy(psi[0], psi[1], n, cut), TOL, Arrays.toString(cut));
            assertEquals(1, Entanglement.purity(psi[0], psi[1], n, cut), TOL, Arrays.toString(cut));
        }
        assertEquals(0, Entanglement.meyerWallachQ(psi[0], psi[1], n), TOL);
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                assertEquals(0, Entanglement.concurrence(psi[0], psi[1], n, a, b), TOL);
            }
        }
        for (double[] bloch : Entanglement.blochVectors(psi[0], psi[1], n)) {
            assertArrayEquals(new double[] {0, 0, 1}, bloch, TOL);
        }
    }

    @Test
    void emptySubsystemAndWholeSystemHaveZeroEntropy() {
        double[][] psi = ghz(3);
        for (int[] cut : List.of(new int[0], new int[] {2, 0, 1})) {
            assertEquals(0, Entanglement.vonNeumannEntropy(psi[0], psi[1], 3, cut));
            assertEquals(0, Entanglement.renyi2Entropy(psi[0], psi[1], 3, cut));
            assertEquals(1, Entanglement.purity(psi[0], psi[1], 3, cut));
        }
    }

    @Test
    void bellPairIsMaximallyEntangled() {
        double[][] psi = state(2, new int[] {0, 3}, new double[] {S, S}, new double[2]);
        for (int q = 0; q < 2; q++) {
            int[] cut = {q};
            assertEquals(1, Entanglement.vonNeumannEntropy(psi[0], psi[1], 2, cut), TOL);
            assertEquals(1, Entanglement.renyi2Entropy(psi[0], psi[1], 2, cut), TOL);
            assertEquals(0.5, Entanglement.purity(psi[0], psi[1], 2, cut), TOL);
            assertArrayEquals(new double[] {0, 0, 0}, Entanglement.blochVector(psi[0], psi[1], 2, q), TOL);
        }
        assertEquals(1, Entanglement.concurrence(psi[0], psi[1], 2, 0, 1), TOL);
        assertEquals(1, Entanglement.concurrence(psi[0], psi[1], 2, 1, 0), TOL);
        assertEquals(1, Entanglement.meyerWallachQ(psi[0], psi[1], 2), TOL);
    }

    @Test
    void complexPhasedBellPairIsStillMaximallyEntangled() {
        // (|01> - i|10>)/sqrt2: a Bell pair up to local unitaries
        double[][] psi = state(2, new int[] {1, 2}, new double[] {S, 0}, new double[] {0, -S});
        assertEquals(1, Entanglement.vonNeumannEntropy(psi[0], psi[1], 2, new int[] {1}), TOL);
        assertEquals(1, Entanglement.concurrence(psi[0], psi[1], 2, 0, 1), TOL);
    }

    @Test
    void ghzOnFourQubitsHasOneBitOnEveryCutButNoPairwiseEntanglement() {
        int n = 4;
        double[][] psi = ghz(n);
        for (int q = 0; q < n; q++) {
            assertEquals(1, Entanglement.vonNeumannEntropy(psi[0], psi[1], n, new int[] {q}), TOL);
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                int[] cut = {a, b};
                assertEquals(1, Entanglement.vonNeumannEntropy(psi[0], psi[1], n, cut), TOL, Arrays.toString(cut));
                assertEquals(1, Entanglement.renyi2Entropy(psi[0], psi[1], n, cut), TOL, Arrays.toString(cut));
                assertEquals(0, Entanglement.concurrence(psi[0], psi[1], n, a, b), TOL);
            }
        }
        assertEquals(1, Entanglement.meyerWallachQ(psi[0], psi[1], n), TOL);
    }

    @Test
    void wStateOnThreeQubits() {
        double third = 1.0 / 3;
        double[][] psi = state(3, new int[] {1, 2, 4}, new double[] {Math.sqrt(third), Math.sqrt(third), Math.sqrt(third)},
                new double[3]);
        double h = binaryEntropy(third);
        for (int q = 0; q < 3; q++) {
            assertEquals(h, Entanglement.vonNeumannEntropy(psi[0], psi[1], 3, new int[] {q}), TOL);
            // the complementary pair carries the same entropy
            int[] pair = {(q + 1) % 3, (q + 2) % 3};
            assertEquals(h, Entanglement.vonNeumannEntropy(psi[0], psi[1], 3, pair), TOL);
            assertEquals(2.0 / 3, Entanglement.concurrence(psi[0], psi[1], 3, pair[0], pair[1]), TOL);
            assertArrayEquals(new double[] {0, 0, third}, Entanglement.blochVector(psi[0], psi[1], 3, q), TOL);
        }
        assertEquals(8.0 / 9, Entanglement.meyerWallachQ(psi[0], psi[1], 3), TOL);
    }

    @Test
    void partiallyEntangledPairFollowsClosedForms() {
        for (double t : new double[] {0, 0.1, 0.3, Math.PI / 8, 0.7, Math.PI / 4, 1.2, 2.0, -0.4}) {
            double c = Math.cos(t);
            double s = Math.sin(t);
            double[][] psi = state(2, new int[] {0, 3}, new double[] {c, s}, new double[2]);
            assertEquals(binaryEntropy(c * c), Entanglement.vonNeumannEntropy(psi[0], psi[1], 2, new int[] {0}), TOL, "t=" + t);
            assertEquals(-log2(Math.pow(c, 4) + Math.pow(s, 4)),
                    Entanglement.renyi2Entropy(psi[0], psi[1], 2, new int[] {1}), TOL, "t=" + t);
            assertEquals(Math.abs(Math.sin(2 * t)), Entanglement.concurrence(psi[0], psi[1], 2, 0, 1), TOL, "t=" + t);
        }
    }

    @Test
    void qubitOrderFollowsTheBitsOfTheBasisIndex() {
        // Bell pair on qubits 0 and 2, qubit 1 in |1>: amplitudes at 0b010 and 0b111
        double[][] psi = state(3, new int[] {0b010, 0b111}, new double[] {S, S}, new double[2]);
        assertEquals(1, Entanglement.vonNeumannEntropy(psi[0], psi[1], 3, new int[] {0}), TOL);
        assertEquals(0, Entanglement.vonNeumannEntropy(psi[0], psi[1], 3, new int[] {1}), TOL);
        assertEquals(0, Entanglement.vonNeumannEntropy(psi[0], psi[1], 3, new int[] {0, 2}), TOL);
        assertEquals(1, Entanglement.concurrence(psi[0], psi[1], 3, 0, 2), TOL);
        assertEquals(0, Entanglement.concurrence(psi[0], psi[1], 3, 0, 1), TOL);
        assertArrayEquals(new double[] {0, 0, -1}, Entanglement.blochVector(psi[0], psi[1], 3, 1), TOL);

        // basis state with qubit 0 = 1, qubit 1 = 0: listing the subsystem as {1, 0} puts qubit 0 on bit 1
        double[][] basis = basisState(2, 0b01);
        double[][] rho = Entanglement.reducedDensityMatrix(basis[0], basis[1], 2, new int[] {1, 0});
        double[] expected = new double[16];
        expected[2 * 4 + 2] = 1;
        assertArrayEquals(expected, rho[0], TOL);
        assertArrayEquals(new double[16], rho[1], TOL);
    }

    @Test
    void reducedDensityMatrixOfAProductIsTheOuterProductOfTheFactor() {
        // qubit 0 in (|0> + i|1>)/sqrt2, qubit 1 in |1>: rho_0 = [[1/2, -i/2], [i/2, 1/2]]
        double[][] psi = state(2, new int[] {0b10, 0b11}, new double[] {S, 0}, new double[] {0, S});
        double[][] rho = Entanglement.reducedDensityMatrix(psi[0], psi[1], 2, new int[] {0});
        assertArrayEquals(new double[] {0.5, 0, 0, 0.5}, rho[0], TOL);
        assertArrayEquals(new double[] {0, -0.5, 0.5, 0}, rho[1], TOL);
    }

    // ---- Bloch vectors ----------------------------------------------------------------------

    @Test
    void plusStatesPointAlongXAndY() {
        double[][] plus = state(1, new int[] {0, 1}, new double[] {S, S}, new double[2]);
        double[][] plusI = state(1, new int[] {0, 1}, new double[] {S, 0}, new double[] {0, S});
        assertArrayEquals(new double[] {1, 0, 0}, Entanglement.blochVector(plus[0], plus[1], 1, 0), TOL);
        assertArrayEquals(new double[] {0, 1, 0}, Entanglement.blochVector(plusI[0], plusI[1], 1, 0), TOL);
    }

    @Test
    void relativePhaseRotatesTheBlochVectorAboutZ() {
        for (double a : new double[] {0.2, 0.9, 1.4}) {
            for (double phi : new double[] {0, 0.5, 2.0, -2.8}) {
                double[] expected = {Math.sin(2 * a) * Math.cos(phi), Math.sin(2 * a) * Math.sin(phi), Math.cos(2 * a)};
                double[][] single = state(1, new int[] {0, 1},
                        new double[] {Math.cos(a), Math.sin(a) * Math.cos(phi)}, new double[] {0, Math.sin(a) * Math.sin(phi)});
                assertArrayEquals(expected, Entanglement.blochVector(single[0], single[1], 1, 0), TOL);
                // the same qubit as qubit 1 of |+> ⊗ q ⊗ |0> still reads the same
                double[][] embedded = product(product(state(1, new int[] {0, 1}, new double[] {S, S}, new double[2]), single),
                        basisState(1, 0));
                assertArrayEquals(expected, Entanglement.blochVector(embedded[0], embedded[1], 3, 1), TOL);
                assertArrayEquals(new double[] {1, 0, 0}, Entanglement.blochVector(embedded[0], embedded[1], 3, 0), TOL);
            }
        }
    }

    // ---- random states ----------------------------------------------------------------------

    @Test
    void randomStatesHaveEqualEntropyOnBothSidesAndOrderedEntropies() {
        Random rng = new Random(20240611);
        for (int n = 5; n <= 8; n++) {
            for (int trial = 0; trial < 4; trial++) {
                double[][] psi = randomState(n, rng);
                int[][] cut = randomCut(n, rng);
                double s = Entanglement.vonNeumannEntropy(psi[0], psi[1], n, cut[0]);
                assertEquals(s, Entanglement.vonNeumannEntropy(psi[0], psi[1], n, cut[1]), 1e-10);
                double r2 = Entanglement.renyi2Entropy(psi[0], psi[1], n, cut[0]);
                assertEquals(r2, Entanglement.renyi2Entropy(psi[0], psi[1], n, cut[1]), 1e-10);
                int k = Math.min(cut[0].length, cut[1].length);
                assertTrue(0 <= r2 && r2 <= s && s <= k, "0 <= " + r2 + " <= " + s + " <= " + k);
                // the entropy is the Shannon entropy of the reduced density matrix's spectrum
                double[] p = spectrum(psi, n, cut[0]);
                double shannon = 0;
                for (double x : p) {
                    shannon -= x > 1e-15 ? x * log2(x) : 0;
                }
                assertEquals(shannon, s, 1e-10);
            }
        }
    }

    @Test
    void reducedDensityMatrixIsATraceOneHermitianPositiveMatrix() {
        Random rng = new Random(7);
        for (int n = 5; n <= 8; n++) {
            double[][] psi = randomState(n, rng);
            int[] sub = randomCut(n, rng)[0];
            int d = 1 << sub.length;
            double[][] rho = Entanglement.reducedDensityMatrix(psi[0], psi[1], n, sub);
            double trace = 0;
            for (int i = 0; i < d; i++) {
                trace += rho[0][i * d + i];
                for (int j = 0; j < d; j++) {
                    assertEquals(rho[0][i * d + j], rho[0][j * d + i], 0);
                    assertEquals(rho[1][i * d + j], -rho[1][j * d + i], 0);
                }
            }
            assertEquals(1, trace, TOL);
            double[] p = HermitianEigen.eigenvalues(rho[0], rho[1], d);
            assertEquals(1, Arrays.stream(p).sum(), TOL);
            for (double x : p) {
                assertTrue(x >= -1e-12, "eigenvalue " + x);
            }
        }
    }

    @Test
    void singleQubitReducedStateIsRebuiltFromItsBlochVector() {
        Random rng = new Random(99);
        for (int n = 5; n <= 8; n++) {
            double[][] psi = randomState(n, rng);
            double[][] bloch = Entanglement.blochVectors(psi[0], psi[1], n);
            double puritySum = 0;
            for (int k = 0; k < n; k++) {
                double x = bloch[k][0];
                double y = bloch[k][1];
                double z = bloch[k][2];
                double[][] rho = Entanglement.reducedDensityMatrix(psi[0], psi[1], n, new int[] {k});
                // (I + xX + yY + zZ)/2 = [[1+z, x-iy], [x+iy, 1-z]]/2
                assertArrayEquals(new double[] {(1 + z) / 2, x / 2, x / 2, (1 - z) / 2}, rho[0], TOL);
                assertArrayEquals(new double[] {0, -y / 2, y / 2, 0}, rho[1], TOL);
                double purity = Entanglement.purity(psi[0], psi[1], n, new int[] {k});
                assertEquals((1 + x * x + y * y + z * z) / 2, purity, TOL);
                puritySum += purity;
            }
            assertEquals(2 * (1 - puritySum / n), Entanglement.meyerWallachQ(psi[0], psi[1], n), TOL);
        }
    }

    @Test
    void concurrenceOfRandomPairsLiesInRangeAndMatchesPureTwoQubitFormula() {
        Random rng = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            // for a pure two-qubit state C = 2|a00 a11 - a01 a10|
            double[][] psi = randomState(2, rng);
            double detRe = psi[0][0] * psi[0][3] - psi[1][0] * psi[1][3] - (psi[0][1] * psi[0][2] - psi[1][1] * psi[1][2]);
            double detIm = psi[0][0] * psi[1][3] + psi[1][0] * psi[0][3] - (psi[0][1] * psi[1][2] + psi[1][1] * psi[0][2]);
            assertEquals(2 * Math.hypot(detRe, detIm), Entanglement.concurrence(psi[0], psi[1], 2, 0, 1), TOL);
        }
        for (int n = 3; n <= 7; n++) {
            double[][] psi = randomState(n, rng);
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    double c = Entanglement.concurrence(psi[0], psi[1], n, a, b);
                    assertTrue(c >= 0 && c <= 1, "C = " + c);
                    assertEquals(c, Entanglement.concurrence(psi[0], psi[1], n, b, a), TOL);
                }
            }
        }
    }

    @Test
    void mixedPairConcurrenceMatchesWoottersForKnownMixtures() {
        for (double t : new double[] {0.3, Math.PI / 4, 0.8, 1.2}) {
            double c = Math.cos(t);
            double s = Math.sin(t);
            // qubit 2 marks c|Phi+> + s|Phi->: rho_01 = c^2 |Phi+><Phi+| + s^2 |Phi-><Phi-|, so C = |c^2 - s^2|
            double[][] bellMix = state(3, new int[] {0b000, 0b011, 0b100, 0b111},
                    new double[] {c * S, c * S, s * S, -s * S}, new double[4]);
            assertEquals(Math.abs(Math.cos(2 * t)), Entanglement.concurrence(bellMix[0], bellMix[1], 3, 0, 1), TOL, "t=" + t);
            // c|Phi+>|0> + s|q0=1,q1=0>|1>: Y⊗Y sends the |01> part to |10>, orthogonal to all of rho,
            // so lambda = (c^2, 0, 0, 0) and C = c^2
            double[][] withFlip = state(3, new int[] {0b000, 0b011, 0b101}, new double[] {c * S, c * S, s}, new double[3]);
            assertEquals(c * c, Entanglement.concurrence(withFlip[0], withFlip[1], 3, 0, 1), TOL, "t=" + t);
        }
    }

    // ---- batches ----------------------------------------------------------------------------

    @Test
    void batchedMeasuresEqualThePerSampleValues() {
        Random rng = new Random(3);
        int n = 5;
        int batch = 7;
        int dim = 1 << n;
        double[] re = new double[dim * batch];
        double[] im = new double[dim * batch];
        double[] entropies = new double[batch];
        double[] qs = new double[batch];
        int[] sub = {4, 1};
        for (int b = 0; b < batch; b++) {
            double[][] psi = randomState(n, rng);
            for (int idx = 0; idx < dim; idx++) {
                re[idx * batch + b] = psi[0][idx];
                im[idx * batch + b] = psi[1][idx];
            }
            entropies[b] = Entanglement.vonNeumannEntropy(psi[0], psi[1], n, sub);
            qs[b] = Entanglement.meyerWallachQ(psi[0], psi[1], n);
        }
        assertStats(entropies, Entanglement.vonNeumannEntropyBatch(re, im, n, batch, sub));
        assertStats(qs, Entanglement.meyerWallachQBatch(re, im, n, batch));
    }

    @Test
    void batchOfIdenticalStatesHasZeroSpread() {
        double[][] ghz = ghz(3);
        int batch = 4;
        double[] re = new double[8 * batch];
        double[] im = new double[8 * batch];
        for (int idx = 0; idx < 8; idx++) {
            Arrays.fill(re, idx * batch, (idx + 1) * batch, ghz[0][idx]);
        }
        Entanglement.Stats q = Entanglement.meyerWallachQBatch(re, im, 3, batch);
        assertEquals(1, q.mean(), TOL);
        assertEquals(0, q.std(), TOL);
        assertEquals(1, q.min(), TOL);
        assertEquals(1, q.max(), TOL);
    }

    // ---- bad input --------------------------------------------------------------------------

    @Test
    void badQubitsAndShapesAreRejected() {
        double[][] psi = ghz(3);
        double[] re = psi[0];
        double[] im = psi[1];
        assertThrows(IllegalArgumentException.class, () -> Entanglement.reducedDensityMatrix(re, im, 3, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.reducedDensityMatrix(re, im, 3, new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.reducedDensityMatrix(re, im, 3, new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.vonNeumannEntropy(re, im, 3, new int[] {0, 2, 0}));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.renyi2Entropy(re, im, 3, new int[] {5}));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.purity(re, im, 3, new int[] {2, 2}));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.concurrence(re, im, 3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.concurrence(re, im, 3, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.blochVector(re, im, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.meyerWallachQ(re, im, 4));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.vonNeumannEntropy(re, new double[4], 3, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.meyerWallachQBatch(re, im, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> Entanglement.vonNeumannEntropyBatch(re, im, 3, 0, new int[] {0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Entanglement.vonNeumannEntropy(re, im, 3, new int[] {1, 1}));
        assertTrue(e.getMessage().contains("qubit 1"), e.getMessage());
    }

    // ---- HermitianEigen ---------------------------------------------------------------------

    @Test
    void eigenvaluesOfAHandCheckedTwoByTwo() {
        // [[2, 1-i], [1+i, 3]]: (5 ± sqrt(1 + 4|1+i|^2))/2 = (5 ± 3)/2
        double[] ev = HermitianEigen.eigenvalues(new double[] {2, 1, 1, 3}, new double[] {0, -1, 1, 0}, 2);
        assertArrayEquals(new double[] {4, 1}, ev, TOL);
    }

    @Test
    void eigenvaluesOfTrivialMatrices() {
        assertArrayEquals(new double[0], HermitianEigen.eigenvalues(new double[0], new double[0], 0));
        assertArrayEquals(new double[] {-2.5}, HermitianEigen.eigenvalues(new double[] {-2.5}, new double[1], 1));
        assertArrayEquals(new double[] {3, 0, -1}, HermitianEigen.eigenvalues(
                new double[] {0, 0, 0, 0, -1, 0, 0, 0, 3}, new double[9], 3), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, HermitianEigen.eigenvalues(new double[16], new double[16], 4), 0);
    }

    @Test
    void eigenvaluesOfAPhasedPathLaplacianAreCosines() {
        // tridiag(-e^{i theta_j}, 2, -e^{-i theta_j}) is the path Laplacian up to a diagonal unitary,
        // so its eigenvalues are 2 - 2cos(k pi / (N+1)); the reduction must also cope with a banded start
        int size = 40;
        Random rng = new Random(11);
        double[] re = new double[size * size];
        double[] im = new double[size * size];
        for (int i = 0; i < size; i++) {
            re[i * size + i] = 2;
            if (i + 1 < size) {
                double theta = 2 * Math.PI * rng.nextDouble();
                re[(i + 1) * size + i] = -Math.cos(theta);
                im[(i + 1) * size + i] = -Math.sin(theta);
                re[i * size + i + 1] = -Math.cos(theta);
                im[i * size + i + 1] = Math.sin(theta);
            }
        }
        double[] expected = new double[size];
        for (int k = 1; k <= size; k++) {
            expected[k - 1] = 2 - 2 * Math.cos(k * Math.PI / (size + 1));
        }
        Arrays.sort(expected);
        assertArrayEquals(reversed(expected), HermitianEigen.eigenvalues(re, im, size), TOL);
    }

    @Test
    void eigenvaluesOfARotatedDiagonalMatrixAreTheDiagonal() {
        // A = U diag(lambda) U^H with a random unitary U, including a repeated eigenvalue and a zero
        Random rng = new Random(42);
        int d = 60;
        double[] lambda = new double[d];
        for (int i = 0; i < d; i++) {
            lambda[i] = i < 5 ? 0.75 : i == 5 ? 0 : 4 * rng.nextDouble() - 2;
        }
        double[][] u = randomUnitary(d, rng);
        double[] aRe = new double[d * d];
        double[] aIm = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sr = 0;
                double si = 0;
                for (int k = 0; k < d; k++) {
                    // U[i][k] lambda_k conj(U[j][k])
                    double xr = u[0][i * d + k];
                    double xi = u[1][i * d + k];
                    double yr = u[0][j * d + k];
                    double yi = u[1][j * d + k];
                    sr += lambda[k] * (xr * yr + xi * yi);
                    si += lambda[k] * (xi * yr - xr * yi);
                }
                aRe[i * d + j] = sr;
                aIm[i * d + j] = si;
            }
        }
        double[] expected = lambda.clone();
        Arrays.sort(expected);
        assertArrayEquals(reversed(expected), HermitianEigen.eigenvalues(aRe, aIm, d), TOL);
    }

    @Test
    void eigenvaluesOfRandomHermitianMatricesKeepTraceAndTraceOfSquare() {
        Random rng = new Random(1);
        int d = 50;
        for (int trial = 0; trial < 3; trial++) {
            double[] re = new double[d * d];
            double[] im = new double[d * d];
            double trace = 0;
            double traceSq = 0;
            for (int i = 0; i < d; i++) {
                re[i * d + i] = rng.nextGaussian();
                trace += re[i * d + i];
                traceSq += re[i * d + i] * re[i * d + i];
                for (int j = 0; j < i; j++) {
                    double r = rng.nextGaussian();
                    double m = rng.nextGaussian();
                    re[i * d + j] = r;
                    im[i * d + j] = m;
                    re[j * d + i] = r;
                    im[j * d + i] = -m;
                    traceSq += 2 * (r * r + m * m);
                }
            }
            double[] ev = HermitianEigen.eigenvalues(re, im, d);
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < d; i++) {
                sum += ev[i];
                sumSq += ev[i] * ev[i];
                if (i > 0) {
                    assertTrue(ev[i - 1] >= ev[i], "sorted descending");
                }
            }
            assertEquals(trace, sum, 1e-10);
            assertEquals(traceSq, sumSq, 1e-10 * traceSq);
        }
    }

    @Test
    void eigenvaluesRejectMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> HermitianEigen.eigenvalues(new double[4], new double[4], 3));
        assertThrows(IllegalArgumentException.class, () -> HermitianEigen.eigenvalues(new double[4], new double[3], 2));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void assertStats(double[] values, Entanglement.Stats stats) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double var = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        assertEquals(mean, stats.mean(), TOL);
        assertEquals(Math.sqrt(var), stats.std(), TOL);
        assertEquals(Arrays.stream(values).min().orElseThrow(), stats.min(), 0);
        assertEquals(Arrays.stream(values).max().orElseThrow(), stats.max(), 0);
        assertTrue(stats.std() > 0, "random samples differ");
    }

    private static double[] spectrum(double[][] psi, int n, int[] sub) {
        double[][] rho = Entanglement.reducedDensityMatrix(psi[0], psi[1], n, sub);
        return HermitianEigen.eigenvalues(rho[0], rho[1], 1 << sub.length);
    }

    private static double[][] basisState(int n, int index) {
        double[][] psi = new double[2][1 << n];
        psi[0][index] = 1;
        return psi;
    }

    private static double[][] state(int n, int[] indices, double[] re, double[] im) {
        double[][] psi = new double[2][1 << n];
        for (int i = 0; i < indices.length; i++) {
            psi[0][indices[i]] = re[i];
            psi[1][indices[i]] = im[i];
        }
        return psi;
    }

    private static double[][] ghz(int n) {
        return state(n, new int[] {0, (1 << n) - 1}, new double[] {S, S}, new double[2]);
    }

    /** Tensor product with {@code low} on the low qubits and {@code high} on the qubits above them. */
    private static double[][] product(double[][] low, double[][] high) {
        int dl = low[0].length;
        double[][] psi = new double[2][dl * high[0].length];
        for (int h = 0; h < high[0].length; h++) {
            for (int l = 0; l < dl; l++) {
                psi[0][h * dl + l] = high[0][h] * low[0][l] - high[1][h] * low[1][l];
                psi[1][h * dl + l] = high[0][h] * low[1][l] + high[1][h] * low[0][l];
            }
        }
        return psi;
    }

    private static double[][] randomState(int n, Random rng) {
        double[][] psi = new double[2][1 << n];
        double norm = 0;
        for (int i = 0; i < psi[0].length; i++) {
            psi[0][i] = rng.nextGaussian();
            psi[1][i] = rng.nextGaussian();
            norm += psi[0][i] * psi[0][i] + psi[1][i] * psi[1][i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < psi[0].length; i++) {
            psi[0][i] /= norm;
            psi[1][i] /= norm;
        }
        return psi;
    }

    /** A random non-trivial split of n qubits into a shuffled subsystem and its complement. */
    private static int[][] randomCut(int n, Random rng) {
        List<Integer> qubits = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            qubits.add(q);
        }
        Collections.shuffle(qubits, rng);
        int k = 1 + rng.nextInt(n - 1);
        int[] sub = qubits.subList(0, k).stream().mapToInt(Integer::intValue).toArray();
        int[] rest = qubits.subList(k, n).stream().mapToInt(Integer::intValue).toArray();
        return new int[][] {sub, rest};
    }

    /** Rows of a random unitary: Gram-Schmidt (twice, for orthogonality to round-off) of Gaussian vectors. */
    private static double[][] randomUnitary(int d, Random rng) {
        double[] re = new double[d * d];
        double[] im = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            re[i] = rng.nextGaussian();
            im[i] = rng.nextGaussian();
        }
        for (int i = 0; i < d; i++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < i; j++) {
                    double dr = 0; // <row j | row i>
                    double di = 0;
                    for (int k = 0; k < d; k++) {
                        dr += re[j * d + k] * re[i * d + k] + im[j * d + k] * im[i * d + k];
                        di += re[j * d + k] * im[i * d + k] - im[j * d + k] * re[i * d + k];
                    }
                    for (int k = 0; k < d; k++) {
                        re[i * d + k] -= dr * re[j * d + k] - di * im[j * d + k];
                        im[i * d + k] -= dr * im[j * d + k] + di * re[j * d + k];
                    }
                }
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += re[i * d + k] * re[i * d + k] + im[i * d + k] * im[i * d + k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < d; k++) {
                re[i * d + k] /= norm;
                im[i * d + k] /= norm;
            }
        }
        return new double[][] {re, im};
    }

    private static double[] reversed(double[] ascending) {
        double[] out = new double[ascending.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ascending[ascending.length - 1 - i];
        }
        return out;
    }

    private static double binaryEntropy(double p) {
        return (p <= 0 || p >= 1) ? 0 : -p * log2(p) - (1 - p) * log2(1 - p);
    }

    /** Regression: low-rank reduced states (product states at n = 12, 14) once stalled the QL iteration. */
    @Test
    void productStatesOfTwelveAndFourteenQubitsHaveZeroHalfCutEntropy() {
        for (int n : new int[] {12, 14}) {
            List<Operation> ops = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, 0.3 + 0.4 * q, q));
                ops.add(Operation.of(Gate.RZ, 0.5 * q, q));
            }
            StateVector s = Simulator.run(new Circuit(n, ops));
            int[] half = new int[n / 2];
            Arrays.setAll(half, i -> i);
            double[][] a = s.amplitudes();
            assertEquals(0, Entanglement.vonNeumannEntropy(a[0], a[1], n, half), 1e-9, "n = " + n);
        }
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Round-off puts an eigenvalue a few ulps above 1 for product states (h on every qubit gave
     * -6.4e-16 bits before): entropies are clamped to [0, k] for a k-qubit side.
     */
    @Test
    void entropiesStayWithinZeroAndTheSmallerSide() {
        Random random = new Random(11);
        for (int n = 2; n <= 8; n++) {
            Operation[] hs = new Operation[n];
            for (int q = 0; q < n; q++) {
                hs[q] = Operation.of(Gate.H, q);
            }
            StateVector uniform = Simulator.run(new Circuit(n, hs));
            for (int k = 1; k < n; k++) {
                int[] side = java.util.stream.IntStream.range(0, k).toArray();
                double s = uniform.entropy(side);
                assertTrue(s >= 0 && s < 1e-12, "uniform product state, " + k + " of " + n + " qubits: " + s);
            }
            for (int trial = 0; trial < 20; trial++) {
                List<Operation> ops = new ArrayList<>();
                for (int q = 0; q < n; q++) {
                    ops.add(Operation.of(Gate.U3, List.of(new Angle.Constant(random.nextDouble() * 7),
                            new Angle.Constant(random.nextDouble() * 7), new Angle.Constant(random.nextDouble() * 7)), q));
                }
                for (int q = 0; q + 1 < n && trial % 2 == 0; q++) {
                    ops.add(Operation.cnot(q, q + 1));
                }
                StateVector state = Simulator.run(new Circuit(n, ops));
                int k = 1 + random.nextInt(n - 1);
                double s = state.entropy(java.util.stream.IntStream.range(0, k).toArray());
                assertTrue(s >= 0 && s <= Math.min(k, n - k), n + " qubits, side " + k + ": " + s);
            }
        }
    }
}
