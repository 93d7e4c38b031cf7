package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API sweeps against the plain kernels they stand for: the real adjoint pass's against
 * two one-gate sweeps of {@link BatchKernels#adjointRealOnly1}, the forward's against
 * {@link BatchKernels#realOnly1} gate by gate. Runs when the test JVM has
 * {@code --add-modules jdk.incubator.vector} (the pom gives it to surefire).
 */
class VectorBatchKernelsTest {

    /**
     * Every ordered pair of different wires on 2-6 qubits, random rotation angles and rows, and
     * lengths that leave a tail after the last whole vector: psi and lambda the same to the bit,
     * the two gradients within rounding (the sweep adds a group's two pairs first).
     */
    @Test
    void twoRotationsInOneSweepGiveTheTwoOneGateSweepsResults() {
        assumeTrue(Vectors.ENABLED, "the JVM runs without --add-modules jdk.incubator.vector");
        Random random = new Random(23);
        for (int n = 2; n <= 6; n++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b) {
                        continue;
                    }
                    int len = 1 + random.nextInt(40);
                    double[][] psi = rows(n, len, random), lambda = rows(n, len, random);
                    double[][] plainPsi = copy(psi), plainLambda = copy(lambda);
                    double[] u = Kernels.dagger(Gate.RY.matrix(new double[] {random.nextDouble() * 6 - 3}));
                    double[] v = Kernels.dagger(Gate.RY.matrix(new double[] {random.nextDouble() * 6 - 3}));
                    double[] g = {0, 0, -0.5, 0, 0.5, 0, 0, 0}; // U^-1 D of RY
                    double[] outA = new double[len], outB = new double[len], plainA = new double[len], plainB = new double[len];
                    VectorBatchKernels.undoTwoRotations(psi, lambda, n, len, a, u, outA, b, v, outB);
                    BatchKernels.adjointRealOnly1(plainPsi, plainLambda, BatchKernels.pairs(n, a, 0), 1 << a, len, u, g, plainA);
                    BatchKernels.adjointRealOnly1(plainPsi, plainLambda, BatchKernels.pairs(n, b, 0), 1 << b, len, v, g, plainB);
                    String where = "n = " + n + ", wires " + a + " then " + b + ", " + len + " samples";
                    for (int i = 0; i < 1 << n; i++) {
                        assertArrayEquals(plainPsi[i], psi[i], 0, "psi row " + i + ", " + where);
                        assertArrayEquals(plainLambda[i], lambda[i], 0, "lambda row " + i + ", " + where);
                    }
                    for (int s = 0; s < len; s++) {
                        assertEquals(plainA[s], outA[s], 1e-14, "gradient of the later gate, sample " + s + ", " + where);
                        assertEquals(plainB[s], outB[s], 1e-14, "gradient of the earlier gate, sample " + s + ", " + where);
                    }
                }
            }
        }
    }

    /**
     * The forward sweeps of two and three real gates on different wires against the gates one by
     * one ({@link BatchKernels#realOnly1}): every ordered pair and triple of wires on 2-6 qubits,
     * random real matrices (not only rotations), lengths with tails: the same bits.
     */
    @Test
    void twoAndThreeGatesInOneSweepGiveTheGatesOneByOne() {
        assumeTrue(Vectors.ENABLED, "the JVM runs without --add-modules jdk.incubator.vector");
        Random random = new Random(29);
        for (int n = 2; n <= 6; n++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    for (int c = -1; c < n; c++) { // c = -1: two gates
                        if (a == b || c == a || c == b) {
                            continue;
                        }
                        int len = 1 + random.nextInt(40);
                        double[][] rows = rows(n, len, random), plain = copy(rows);
                        double[] u = realMatrix(random), v = realMatrix(random), m = realMatrix(random);
                        BatchKernels.realOnly1(plain, n, 0, len, a, 0, u[0], u[2], u[4], u[6]);
                        BatchKernels.realOnly1(plain, n, 0, len, b, 0, v[0], v[2], v[4], v[6]);
                        if (c < 0) {
                            VectorBatchKernels.rotateTwo(rows, n, len, a, u, b, v);
                        } else {
                            BatchKernels.realOnly1(plain, n, 0, len, c, 0, m[0], m[2], m[4], m[6]);
                            VectorBatchKernels.rotateThree(rows, n, len, a, u, b, v, c, m);
                        }
                        for (int i = 0; i < 1 << n; i++) {
                            assertArrayEquals(plain[i], rows[i], 0, "row " + i + ", n = " + n + ", wires " + a + ", " + b
                                    + (c < 0 ? "" : ", " + c) + ", " + len + " samples");
                        }
                    }
                }
            }
        }
    }

    /** A real 2x2 matrix, interleaved as the kernels read it ({@code m[0], m[2], m[4], m[6]}; imaginary parts 0). */
    private static double[] realMatrix(Random random) {
        double[] m = new double[8];
        for (int e = 0; e < 8; e += 2) {
            m[e] = random.nextGaussian();
        }
        return m;
    }

    private static double[][] rows(int n, int len, Random random) {
        double[][] rows = new double[1 << n][len];
        for (double[] row : rows) {
            for (int s = 0; s < len; s++) {
                row[s] = random.nextGaussian();
            }
        }
        return rows;
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }
}
