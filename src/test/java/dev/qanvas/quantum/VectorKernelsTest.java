package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the plain loops of {@link Kernels}: the same amplitudes to the
 * bit, for every target, including those whose pairs share one vector. Runs when the test JVM
 * has {@code --add-modules jdk.incubator.vector} (the pom gives it to surefire).
 */
class VectorKernelsTest {

    private static double[] randomArray(int size, Random random) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }

    @Test
    void vectorKernelsGiveThePlainLoopsAmplitudesToTheBit() {
        assumeTrue(Vectors.ENABLED, "the JVM runs without --add-modules jdk.incubator.vector");
        Random random = new Random(19);
        for (int n = 1; n <= 12; n++) {
            if (!VectorKernels.fits(n)) {
                continue;
            }
            for (int t = 0; t < n; t++) {
                double[] re = randomArray(1 << n, random);
                double[] im = randomArray(1 << n, random);
                double[] m = randomArray(8, random); // any complex 2x2: the kernels do not assume unitarity
                double[] plainRe = re.clone(), plainIm = im.clone();
                Kernels.general1(plainRe, plainIm, n, t, 0, m);
                VectorKernels.general1(re, im, n, t, 0, m);
                assertArrayEquals(plainRe, re, 0, "general, n = " + n + ", t = " + t);
                assertArrayEquals(plainIm, im, 0, "general, n = " + n + ", t = " + t);
                Kernels.real1(plainRe, plainIm, n, t, 0, m);
                VectorKernels.real1(re, im, n, t, 0, m);
                assertArrayEquals(plainRe, re, 0, "real, n = " + n + ", t = " + t);
                assertArrayEquals(plainIm, im, 0, "real, n = " + n + ", t = " + t);
                Kernels.diagonal1(plainRe, plainIm, n, t, 0, m);
                VectorKernels.diagonal1(re, im, n, t, 0, m);
                assertArrayEquals(plainRe, re, 0, "diagonal, n = " + n + ", t = " + t);
                assertArrayEquals(plainIm, im, 0, "diagonal, n = " + n + ", t = " + t);
            }
        }
    }

    @Test
    void aCircuitRunsToTheSameStateOnBothPaths() {
        assumeTrue(Vectors.ENABLED, "the JVM runs without --add-modules jdk.incubator.vector");
        int n = 10;
        Circuit c = new Circuit(n, Templates.angleEmbedding(n, Gate.RY, Math.PI))
                .append(new Circuit(n, Templates.stronglyEntanglingLayers(n, 3, "w", 1)));
        double[] x = randomArray(n, new Random(3));
        StateVector vector = Simulator.run(c, x, c.initialWeights());
        // the same operations through the plain loops
        StateVector plain = StateVector.zero(n);
        for (Operation op : c.operations()) {
            Kernels.apply(plain.re, plain.im, n, op, op.gate().matrix(op.angleValues(x, c.initialWeights(), c)), false, false);
        }
        assertArrayEquals(plain.amplitudes()[0], vector.amplitudes()[0], 0);
        assertArrayEquals(plain.amplitudes()[1], vector.amplitudes()[1], 0);
    }

    /**
     * X and SWAP with 0 to 2 controls, every target (and pair of targets) on 3 to 9 qubits, through
     * {@link Kernels#apply} with and without the Vector API, against the permutation written out
     * index by index: the vector shuffle for targets inside a vector, the plain kernels elsewhere.
     */
    @Test
    void permutationsMoveEachAmplitudeWhereTheDefinitionSays() {
        assumeTrue(Vectors.ENABLED, "the JVM runs without --add-modules jdk.incubator.vector");
        Random random = new Random(23);
        for (int n = 3; n <= 9; n++) {
            if (!VectorKernels.fits(n)) {
                continue;
            }
            for (int a = 0; a < n; a++) {
                for (int b = -1; b < n; b++) {
                    if (b == a) {
                        continue;
                    }
                    java.util.List<Integer> free = new java.util.ArrayList<>();
                    for (int q = 0; q < n; q++) {
                        if (q != a && q != b) {
                            free.add(q);
                        }
                    }
                    java.util.Collections.shuffle(free, random);
                    java.util.List<Integer> controls = free.subList(0, Math.min(free.size(), random.nextInt(3)));
                    java.util.List<Integer> targets = b < 0 ? java.util.List.of(a) : java.util.List.of(a, b);
                    Operation op = new Operation(b < 0 ? Gate.X : Gate.SWAP, targets, controls, java.util.List.of());
                    int cmask = op.controlMask();
                    double[] re = randomArray(1 << n, random), im = randomArray(1 << n, random);
                    double[] expectRe = new double[1 << n], expectIm = new double[1 << n];
                    for (int i = 0; i < 1 << n; i++) { // amplitude i moves to j
                        int j = i;
                        if ((i & cmask) == cmask) {
                            j = b < 0 ? i ^ 1 << a : ((i >> a & 1) != (i >> b & 1) ? i ^ (1 << a | 1 << b) : i);
                        }
                        expectRe[j] = re[i];
                        expectIm[j] = im[i];
                    }
                    double[] plainRe = re.clone(), plainIm = im.clone();
                    double[] m = op.gate().matrix(new double[0]);
                    Kernels.apply(re, im, n, op, m, false, true);
                    Kernels.apply(plainRe, plainIm, n, op, m, false, false);
                    String what = op.gate() + " on " + targets + ", controls " + controls + ", n = " + n;
                    assertArrayEquals(expectRe, re, 0, what);
                    assertArrayEquals(expectIm, im, 0, what);
                    assertArrayEquals(expectRe, plainRe, 0, "plain, " + what);
                    assertArrayEquals(expectIm, plainIm, 0, "plain, " + what);
                }
            }
        }
    }
}
