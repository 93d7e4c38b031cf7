package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every gate of {@link Gate}, with 0 to 2 controls on random wires, through the single-state
 * kernels (plain loops, and the Vector API when the JVM has it), against a reference written
 * from the definition here: amplitude i of the result is row r of the gate's matrix times the
 * amplitudes that differ from i only in the target bits, where every control bit of i is 1.
 * Random circuits up to 9 qubits, so that runs of 16 and more (and whole vectors) occur.
 */
class EveryGateKernelTest {

    /** The definition: out_i = sum_c M[r(i)][c] in_{i with targets set to c}, for control-satisfied i. */
    private static void reference(double[] re, double[] im, Operation op, double[] m) {
        List<Integer> targets = op.targets();
        int d = 1 << targets.size();
        int cmask = op.controlMask();
        double[] outRe = re.clone(), outIm = im.clone();
        for (int i = 0; i < re.length; i++) {
            if ((i & cmask) != cmask) {
                continue;
            }
            int r = 0, cleared = i;
            for (int k = 0; k < targets.size(); k++) {
                r |= (i >> targets.get(k) & 1) << k;
                cleared &= ~(1 << targets.get(k));
            }
            double sr = 0, si = 0;
            for (int c = 0; c < d; c++) {
                int j = cleared;
                for (int k = 0; k < targets.size(); k++) {
                    j |= (c >> k & 1) << targets.get(k);
                }
                double mr = m[2 * (r * d + c)], mi = m[2 * (r * d + c) + 1];
                sr += mr * re[j] - mi * im[j];
                si += mr * im[j] + mi * re[j];
            }
            outRe[i] = sr;
            outIm[i] = si;
        }
        System.arraycopy(outRe, 0, re, 0, re.length);
        System.arraycopy(outIm, 0, im, 0, im.length);
    }

    private static Operation randomOperation(Gate g, double[] angles, int n, Random random) {
        List<Integer> wires = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            wires.add(q);
        }
        Collections.shuffle(wires, random);
        int[] targets = g.qubits() == 1 ? new int[] {wires.get(0)} : new int[] {wires.get(0), wires.get(1)};
        List<Angle> constants = new ArrayList<>();
        for (double a : angles) {
            constants.add(new Angle.Constant(a));
        }
        Operation op = Operation.of(g, constants, targets);
        int controls = Math.min(random.nextInt(3), n - g.qubits());
        for (int k = 0; k < controls; k++) {
            op = op.controlledBy(wires.get(g.qubits() + k));
        }
        return op;
    }

    @Test
    void everyGateWithAndWithoutControlsMatchesTheDefinition() {
        Random random = new Random(23);
        for (int n = 2; n <= 9; n++) {
            double[] re = new double[1 << n], im = new double[1 << n];
            re[0] = 1;
            double[] refRe = re.clone(), refIm = im.clone();
            double[] plainRe = re.clone(), plainIm = im.clone();
            for (int step = 0; step < 6; step++) {
                for (Gate g : Gate.values()) {
                    double[] angles = random.doubles(g.params(), -4, 4).toArray();
                    Operation op = randomOperation(g, angles, n, random);
                    double[] m = g.matrix(angles);
                    boolean dagger = random.nextInt(4) == 0;
                    reference(refRe, refIm, op, dagger ? Kernels.dagger(m) : m);
                    Kernels.apply(re, im, n, op, m, dagger); // the Vector API where this JVM has it
                    Kernels.apply(plainRe, plainIm, n, op, m, dagger, false);
                    String what = "n = " + n + ", " + op + (dagger ? " inverted" : "");
                    assertArrayEquals(refRe, re, 1e-12, what);
                    assertArrayEquals(refIm, im, 1e-12, what);
                    // both paths compute each amplitude with the same expression
                    assertArrayEquals(plainRe, re, 0, what);
                    assertArrayEquals(plainIm, im, 0, what);
                }
            }
            double norm = 0;
            for (int i = 0; i < re.length; i++) {
                norm += re[i] * re[i] + im[i] * im[i];
            }
            assertEquals(1, norm, 1e-12, "the gates are unitary, n = " + n);
        }
    }

    @Test
    void controlledOneQubitKernelsInRunsMatchPairByPair() {
        Random random = new Random(29);
        for (int n = 2; n <= 9; n++) {
            for (int t = 0; t < n; t++) {
                for (int c = 0; c < n; c++) {
                    if (c == t) {
                        continue;
                    }
                    int cmask = 1 << c;
                    int c2 = random.nextInt(n);
                    cmask |= c2 != t && random.nextBoolean() ? 1 << c2 : 0;
                    double[] re = random.doubles(1 << n).toArray(), im = random.doubles(1 << n).toArray();
                    double[] m = random.doubles(8, -1, 1).toArray(); // any 2x2: the kernels assume nothing
                    double[] pairsRe = re.clone(), pairsIm = im.clone();
                    int tb = 1 << t;
                    for (int i = 0; i < re.length; i++) {
                        if ((i & cmask) == cmask && (i & tb) == 0) {
                            int j = i | tb;
                            double ar = pairsRe[i], ai = pairsIm[i], br = pairsRe[j], bi = pairsIm[j];
                            pairsRe[i] = m[0] * ar - m[1] * ai + m[2] * br - m[3] * bi;
                            pairsIm[i] = m[0] * ai + m[1] * ar + m[2] * bi + m[3] * br;
                            pairsRe[j] = m[4] * ar - m[5] * ai + m[6] * br - m[7] * bi;
                            pairsIm[j] = m[4] * ai + m[5] * ar + m[6] * bi + m[7] * br;
                        }
                    }
                    Kernels.general1(re, im, n, t, cmask, m);
                    String what = "n = " + n + ", t = " + t + ", controls " + Integer.toBinaryString(cmask);
                    assertArrayEquals(pairsRe, re, 0, what);
                    assertArrayEquals(pairsIm, im, 0, what);
                    if (Vectors.ENABLED && VectorKernels.fits(n) && VectorKernels.handles(t, cmask)) {
                        double[] vRe = re.clone(), vIm = im.clone();
                        Kernels.general1(re, im, n, t, cmask, m);
                        VectorKernels.general1(vRe, vIm, n, t, cmask, m);
                        assertArrayEquals(re, vRe, 0, "vector, " + what);
                        assertArrayEquals(im, vIm, 0, "vector, " + what);
                        Kernels.real1(re, im, n, t, cmask, m);
                        VectorKernels.real1(vRe, vIm, n, t, cmask, m);
                        assertArrayEquals(re, vRe, 0, "vector real, " + what);
                        assertArrayEquals(im, vIm, 0, "vector real, " + what);
                        Kernels.diagonal1(re, im, n, t, cmask, m);
                        VectorKernels.diagonal1(vRe, vIm, n, t, cmask, m);
                        assertArrayEquals(re, vRe, 0, "vector diagonal, " + what);
                        assertArrayEquals(im, vIm, 0, "vector diagonal, " + what);
                    }
                }
            }
        }
    }
    /**
     * The two-qubit kernels that do less than a general 4x4: a 4x4 that only mixes states whose
     * target bits are both flipped (RXX, RYY, iSWAP at any angle, and random matrices of that
     * pattern) as two 2x2s, and a diagonal lane by lane, on every pair of targets with 0 to 2
     * controls, against the general 4x4 loop (to the bit), plain and Vector API.
     */
    @Test
    void flipAndDiagonalTwoQubitKernelsMatchTheGeneralFourByFour() {
        Random random = new Random(31);
        for (int n = 2; n <= 8; n++) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a == b) {
                        continue;
                    }
                    int cmask = 0;
                    for (int k = 0; k < random.nextInt(3); k++) {
                        int c = random.nextInt(n);
                        cmask |= c != a && c != b ? 1 << c : 0;
                    }
                    double[] flip = new double[32], diagonal = new double[32];
                    for (int r = 0; r < 4; r++) {
                        for (int part = 0; part < 2; part++) {
                            flip[2 * (r * 4 + r) + part] = random.nextDouble() * 2 - 1;
                            flip[2 * (r * 4 + (r ^ 3)) + part] = random.nextDouble() * 2 - 1;
                            diagonal[2 * (r * 4 + r) + part] = random.nextDouble() * 2 - 1;
                        }
                    }
                    assertEquals(true, Kernels.flipsBoth(flip));
                    assertEquals(true, Kernels.flipsBoth(Gate.RXX.matrix(new double[] {random.nextDouble()})));
                    assertEquals(true, Kernels.flipsBoth(Gate.ISWAP.matrix(new double[0])));
                    double[] general = flip.clone();
                    general[2] = 0.25; // entry (0, 1)
                    assertEquals(false, Kernels.flipsBoth(general));
                    String what = "n = " + n + ", targets " + a + ", " + b + ", controls " + Integer.toBinaryString(cmask);
                    for (double[] m : new double[][] {flip, diagonal}) {
                        double[] re = random.doubles(1 << n, -1, 1).toArray(), im = random.doubles(1 << n, -1, 1).toArray();
                        double[] wantRe = re.clone(), wantIm = im.clone();
                        Kernels.general2(wantRe, wantIm, n, a, b, cmask, m);
                        double[] plainRe = re.clone(), plainIm = im.clone();
                        if (m == flip) {
                            Kernels.flipBoth(plainRe, plainIm, n, a, b, cmask, m);
                        } else {
                            Kernels.diagonal2(plainRe, plainIm, n, a, b, cmask, m, false);
                        }
                        assertArrayEquals(wantRe, plainRe, 0, what);
                        assertArrayEquals(wantIm, plainIm, 0, what);
                        if (Vectors.ENABLED && VectorKernels.fits(n)) {
                            double[] vRe = re.clone(), vIm = im.clone();
                            if (m == diagonal) {
                                VectorKernels.diagonal2(vRe, vIm, n, a, b, cmask, m);
                            } else if (VectorKernels.handlesFlip(a, b, cmask)) {
                                VectorKernels.flipBoth(vRe, vIm, n, a, b, cmask, m);
                            } else {
                                continue;
                            }
                            assertArrayEquals(wantRe, vRe, 0, "vector, " + what);
                            assertArrayEquals(wantIm, vIm, 0, "vector, " + what);
                        }
                    }
                }
            }
        }
    }
}
