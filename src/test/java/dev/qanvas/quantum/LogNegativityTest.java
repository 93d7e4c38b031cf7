package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Logarithmic negativity against hand-worked states and, for pure states, the Renyi-1/2 entropy of the cut. */
class LogNegativityTest {

    private static DensityMatrix bell() {
        double h = Math.sqrt(0.5);
        return DensityMatrix.of(StateVector.of(new double[] {h, 0, 0, h}, new double[4])); // (|00> + |11>) / sqrt 2
    }

    @Test
    void aBellPairHasOneBitAndAProductStateNone() {
        assertEquals(1, Entanglement.logNegativity(bell(), new int[] {0}), 1e-12);
        assertEquals(1, Entanglement.logNegativity(bell(), new int[] {1}), 1e-12, "either side of the cut");
        double c = Math.cos(0.4), s = Math.sin(0.4);
        DensityMatrix product = DensityMatrix.of(StateVector.of(new double[] {c * c, s * c, c * s, s * s}, new double[4]));
        assertEquals(0, Entanglement.logNegativity(product, new int[] {0}), 1e-12);
    }

    @Test
    void depolarizingOneHalfOfABellPairGivesAWernerStateWithItsClosedForm() {
        // Depolarizing P on qubit 0 of a Bell pair: p |Phi+><Phi+| + (1 - p) I/4 with p = 1 - 4P/3 (its other half is I/2).
        // The partial transpose has eigenvalues (1 + p)/4 (three times) and (1 - 3p)/4, so E_N = log2((1 + 3p)/2) for p > 1/3.
        for (double pDep : new double[] {0, 0.1, 0.3, 0.45, 0.5, 0.6, 0.75}) {
            DensityMatrix rho = bell().apply(Channel.depolarizing(pDep), 0);
            double p = 1 - 4 * pDep / 3;
            double expected = p > 1.0 / 3 ? Math.log((1 + 3 * p) / 2) / Math.log(2) : 0;
            assertEquals(expected, Entanglement.logNegativity(rho, new int[] {0}), 1e-12, "P = " + pDep);
        }
    }

    @Test
    void forPureStatesItIsTheRenyiHalfEntropyOfTheCut() {
        Random random = new Random(4);
        for (int trial = 0; trial < 5; trial++) {
            int n = 4;
            double[] re = new double[16], im = new double[16];
            double norm = 0;
            for (int i = 0; i < 16; i++) {
                re[i] = random.nextGaussian();
                im[i] = random.nextGaussian();
                norm += re[i] * re[i] + im[i] * im[i];
            }
            for (int i = 0; i < 16; i++) {
                re[i] /= Math.sqrt(norm);
                im[i] /= Math.sqrt(norm);
            }
            int[] cut = {0, 2};
            double[][] reduced = Entanglement.reducedDensityMatrix(re, im, n, cut);
            double sqrtSum = 0;
            for (double lambda : HermitianEigen.eigenvalues(reduced[0], reduced[1], 4)) {
                sqrtSum += Math.sqrt(Math.max(0, lambda));
            }
            double renyiHalf = 2 * Math.log(sqrtSum) / Math.log(2);
            DensityMatrix rho = DensityMatrix.of(StateVector.of(re, im));
            assertEquals(renyiHalf, Entanglement.logNegativity(rho, cut), 1e-10);
            // An unnormalised matrix (a branch of probability 0.3) gives the same value.
            DensityMatrix scaled = rho.copy();
            for (int i = 0; i < scaled.re.length; i++) {
                scaled.re[i] *= 0.3;
                scaled.im[i] *= 0.3;
            }
            assertEquals(renyiHalf, Entanglement.logNegativity(scaled, cut), 1e-10);
        }
    }
}
