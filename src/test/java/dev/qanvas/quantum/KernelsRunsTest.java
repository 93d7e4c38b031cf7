package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The diagonal and swap kernels, which go over runs of consecutive indices when the target and
 * control bits allow long runs, against the pair-by-pair definition, to the bit: every target
 * and a spread of control masks on up to 9 qubits (runs of 16 start at bit 4).
 */
class KernelsRunsTest {

    private static double[] randomArray(int size, Random random) {
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            a[i] = random.nextGaussian();
        }
        return a;
    }

    @Test
    void diagonalAndSwapKernelsMatchThePairByPairDefinition() {
        Random random = new Random(5);
        for (int n = 1; n <= 12; n++) { // 12: runs of 2,048, longer than the swap's buffer
            int size = 1 << n;
            for (int t = 0; t < n; t++) {
                for (int c = -1; c < n; c++) {
                    if (c == t) {
                        continue;
                    }
                    int cmask = c < 0 ? 0 : 1 << c;
                    if (c >= 0 && n > 2 && random.nextBoolean()) { // sometimes a second control
                        int c2 = random.nextInt(n);
                        cmask |= c2 != t ? 1 << c2 : 0;
                    }
                    double[] re = randomArray(size, random);
                    double[] im = randomArray(size, random);
                    double[] m = randomArray(8, random);
                    if (random.nextBoolean()) { // a phase gate leaves |0> alone
                        m[0] = 1;
                        m[1] = 0;
                    }
                    double[] expectRe = re.clone(), expectIm = im.clone();
                    for (int i = 0; i < size; i++) {
                        if ((i & cmask) != cmask) {
                            continue;
                        }
                        double dr = (i >> t & 1) == 0 ? m[0] : m[6];
                        double di = (i >> t & 1) == 0 ? m[1] : m[7];
                        if ((i >> t & 1) == 0 && m[0] == 1 && m[1] == 0) {
                            continue;
                        }
                        double ar = expectRe[i], ai = expectIm[i];
                        expectRe[i] = dr * ar - di * ai;
                        expectIm[i] = dr * ai + di * ar;
                    }
                    Kernels.diagonal1(re, im, n, t, cmask, m);
                    String what = "n = " + n + ", t = " + t + ", controls " + Integer.toBinaryString(cmask);
                    assertArrayEquals(expectRe, re, 0, "diagonal, " + what);
                    assertArrayEquals(expectIm, im, 0, "diagonal, " + what);
                    for (int i = 0; i < size; i++) {
                        if ((i & cmask) == cmask && (i >> t & 1) == 0) {
                            int j = i | 1 << t;
                            double r = expectRe[i], s = expectIm[i];
                            expectRe[i] = expectRe[j];
                            expectIm[i] = expectIm[j];
                            expectRe[j] = r;
                            expectIm[j] = s;
                        }
                    }
                    Kernels.swapPairs(re, im, n, t, cmask);
                    assertArrayEquals(expectRe, re, 0, "swap, " + what);
                    assertArrayEquals(expectIm, im, 0, "swap, " + what);
                }
            }
        }
    }

    /** SWAP of two qubits (0-1 controls), in runs when every bit it reads is high, against the definition. */
    @Test
    void qubitSwapMatchesItsDefinition() {
        Random random = new Random(9);
        for (int n = 2; n <= 13; n++) { // 13: runs of 2,048 past the buffer when both targets and the control are high
            int size = 1 << n;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b) {
                        continue;
                    }
                    int c = random.nextInt(n + 1) - 1;
                    int cmask = c < 0 || c == a || c == b ? 0 : 1 << c;
                    double[] re = randomArray(size, random);
                    double[] im = randomArray(size, random);
                    double[] expectRe = re.clone(), expectIm = im.clone();
                    for (int i = 0; i < size; i++) {
                        int j = i & ~(1 << a | 1 << b) | (i >> a & 1) << b | (i >> b & 1) << a; // the two bits exchanged
                        if ((i & cmask) == cmask) {
                            expectRe[j] = re[i];
                            expectIm[j] = im[i];
                        }
                    }
                    Kernels.swapQubits(re, im, n, a, b, cmask);
                    String what = "n = " + n + ", qubits " + a + ", " + b + ", controls " + Integer.toBinaryString(cmask);
                    assertArrayEquals(expectRe, re, 0, what);
                    assertArrayEquals(expectIm, im, 0, what);
                }
            }
        }
    }
}
