package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API sweeps against the plain kernels they stand for: the real adjoint pass's against
 * one-gate sweeps of {@link BatchKernels#adjointRealOnly1}, the forward's against
 * {@link BatchKernels#realOnly1} gate by gate. Runs when the test JVM has
 * {@code --add-modules jdk.incubator.vector} (the pom gives it to surefire).
 */
class VectorBatchKernelsTest {

    /**
     * The adjoint's scaled sweeps of two and three rotations against the one-gate sweeps of
     * {@link BatchKernels#adjointRealOnly1}, gate by gate: every ordered pair and triple of
     * different wires on 2-6 qubits, random angles (a third of them within 0.01 of pi, where the
     * cosine is small and the tangent large), lengths with tails. psi and lambda, times the
     * product of the cosines, and the gradients agree within rounding.
     */
    @Test
    void scaledSweepsOfTwoAndThreeRotationsGiveTheOneGateSweepsResults() {
        assumeTrue(Vectors.ENABLED, "the JVM runs without --add-modules jdk.incubator.vector");
        Random random = new Random(23);
        double[] g = {0, 0, -0.5, 0, 0.5, 0, 0, 0}; // U^-1 D of RY
        for (int n = 2; n <= 6; n++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    for (int c = n >= 3 ? -1 : 0; c < n; c++) { // c = -1: two gates
                        if (a == b || c == a || c == b || n < 3 && c >= 0) {
                            continue;
                        }
                        int[] wires = c < 0 ? new int[] {a, b} : new int[] {a, b, c};
                        int len = 1 + random.nextInt(40);
                        double[][] psi = rows(n, len, random), lambda = rows(n, len, random);
                        double[][] plainPsi = copy(psi), plainLambda = copy(lambda);
                        double[][] inverse = new double[wires.length][], out = new double[wires.length][len];
                        double[][] plainOut = new double[wires.length][len];
                        double[] tangent = new double[wires.length];
                        double cosines = 1;
                        for (int w = 0; w < wires.length; w++) {
                            double angle = random.nextInt(3) == 0 ? Math.PI + (random.nextDouble() - 0.5) * 0.02 : random.nextDouble() * 12 - 6;
                            inverse[w] = Kernels.dagger(Gate.RY.matrix(new double[] {angle}));
                            tangent[w] = inverse[w][2] / inverse[w][0];
                            cosines *= inverse[w][0];
                            BatchKernels.adjointRealOnly1(plainPsi, plainLambda, BatchKernels.pairs(n, wires[w], 0), 1 << wires[w], len,
                                    inverse[w], g, plainOut[w]);
                        }
                        if (c < 0) {
                            VectorBatchKernels.undoRotations(psi, lambda, n, len, a, tangent[0], out[0], b, tangent[1], out[1]);
                        } else {
                            VectorBatchKernels.undoRotations(psi, lambda, n, len, a, tangent[0], out[0], b, tangent[1], out[1],
                                    c, tangent[2], out[2]);
                        }
                        String where = "n = " + n + ", wires " + java.util.Arrays.toString(wires) + ", " + len + " samples";
                        for (int i = 0; i < 1 << n; i++) {
                            for (int s = 0; s < len; s++) {
                                assertEquals(plainPsi[i][s], psi[i][s] * cosines, 1e-13, "psi row " + i + ", sample " + s + ", " + where);
                                assertEquals(plainLambda[i][s], lambda[i][s] * cosines, 1e-13, "lambda row " + i + ", sample " + s + ", " + where);
                            }
                        }
                        for (int w = 0; w < wires.length; w++) {
                            for (int s = 0; s < len; s++) {
                                assertEquals(plainOut[w][s], out[w][s], 1e-13, "gradient of gate " + w + ", sample " + s + ", " + where);
                            }
                        }
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
