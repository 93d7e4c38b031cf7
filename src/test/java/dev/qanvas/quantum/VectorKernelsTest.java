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
}
