package dev.qanvas.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.FockProbabilities.Photons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The photonic engine against hand-worked cases and the independent references of {@link PhotonicReference}. */
class PhotonicEngineTest {

    private static final double HALF_PI = Math.PI / 2;

    private static OpticalAngle.Constant k(double v) {
        return new OpticalAngle.Constant(v);
    }

    private static PhotonicCircuit splitter5050() {
        return new PhotonicCircuit(2, List.of(new Component.BeamSplitter(0, 1, k(HALF_PI))));
    }

    @Test
    void hongOuMandel() {
        ComplexMatrix u = splitter5050().unitary();
        Map<String, Double> p = FockProbabilities.distribution(u, new int[] {1, 1}, Photons.INDISTINGUISHABLE, Detector.PNR, 0);
        assertEquals(0, p.get("1,1"), 1e-15, "the two photons never leave in different modes");
        assertEquals(0.5, p.get("2,0"), 1e-15);
        assertEquals(0.5, p.get("0,2"), 1e-15);
        Map<String, Double> d = FockProbabilities.distribution(u, new int[] {1, 1}, Photons.DISTINGUISHABLE, Detector.PNR, 0);
        assertEquals(0.5, d.get("1,1"), 1e-15);
        assertEquals(0.25, d.get("2,0"), 1e-15);
        assertEquals(0.25, d.get("0,2"), 1e-15);
        // threshold detectors cannot tell 2,0 from 1,0
        Map<String, Double> t = FockProbabilities.distribution(u, new int[] {1, 1}, Photons.INDISTINGUISHABLE, Detector.THRESHOLD, 1e-12);
        assertEquals(Map.of("1,0", 0.5, "0,1", 0.5), round(t));
    }

    private static Map<String, Double> round(Map<String, Double> p) {
        Map<String, Double> r = new HashMap<>();
        p.forEach((key, v) -> r.put(key, Math.round(v * 1e12) / 1e12));
        return r;
    }

    @Test
    void unitaryIsTheProductOfHandMultipliedEmbeddingsInOrder() {
        double a = 0.7, b = -1.3, c = 2.1, d = 0.4;
        PhotonicCircuit circuit = new PhotonicCircuit(3, List.of(
                new Component.BeamSplitter(0, 1, k(a)),
                new Component.PhaseShifter(2, k(b)),
                new Component.BeamSplitter(2, 0, k(c)), // row/column 0 of the block is mode 2
                new Component.PhaseShifter(0, k(d))));
        double[][][] expected = PhotonicReference.identity(3);
        for (double[][][] step : List.of(PhotonicReference.beamSplitter(3, 0, 1, a), PhotonicReference.phaseShifter(3, 2, b),
                PhotonicReference.beamSplitter(3, 2, 0, c), PhotonicReference.phaseShifter(3, 0, d))) {
            expected = PhotonicReference.multiply(step, expected); // first component applied first
        }
        assertEquals(0, circuit.unitary().distance(PhotonicReference.toMatrix(expected)), 1e-14);
        // theta = pi/2 is 50:50, theta = pi swaps the modes with a phase i
        ComplexMatrix swap = new PhotonicCircuit(2, List.of(new Component.BeamSplitter(0, 1, k(Math.PI)))).unitary();
        assertEquals(0, swap.abs2(0, 0), 1e-30);
        assertEquals(1, swap.im(1, 0), 1e-15);
        assertEquals(0.5, splitter5050().unitary().abs2(1, 0), 1e-15);
    }

    @Test
    void permanentsMatchTheSumOverPermutations() {
        Random random = new Random(1);
        for (int n = 0; n <= 7; n++) {
            double[][][] a = new double[n][n][2];
            double[] re = new double[n * n], im = new double[n * n], abs = new double[n * n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    re[r * n + c] = a[r][c][0] = random.nextGaussian();
                    im[r * n + c] = a[r][c][1] = random.nextGaussian();
                }
            }
            double[] expected = PhotonicReference.naivePermanent(a);
            double[] perm = Permanents.complex(re, im, n);
            assertEquals(expected[0], perm[0], 1e-10 * Math.max(1, Math.abs(expected[0])), "n = " + n);
            assertEquals(expected[1], perm[1], 1e-10 * Math.max(1, Math.abs(expected[1])), "n = " + n);
            double[][][] realA = new double[n][n][2];
            for (int q = 0; q < n * n; q++) {
                abs[q] = Math.abs(re[q]);
                realA[q / n][q % n][0] = abs[q];
            }
            double realExpected = PhotonicReference.naivePermanent(realA)[0];
            assertEquals(realExpected, Permanents.real(abs, n), 1e-10 * Math.max(1, realExpected));
            // the gradient: each entry's minor, by the sum over permutations
            double[] gRe = new double[n * n], gIm = new double[n * n];
            double[] again = Permanents.complexWithGradient(re, im, n, gRe, gIm);
            assertEquals(perm[0], again[0], 1e-10 * Math.max(1, Math.abs(perm[0])));
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double[] minor = PhotonicReference.naivePermanent(minor(a, r, c));
                    assertEquals(minor[0], gRe[r * n + c], 1e-10 * Math.max(1, Math.abs(minor[0])));
                    assertEquals(minor[1], gIm[r * n + c], 1e-10 * Math.max(1, Math.abs(minor[1])));
                }
            }
        }
    }

    private static double[][][] minor(double[][][] a, int row, int col) {
        int n = a.length;
        double[][][] m = new double[n - 1][n - 1][];
        for (int r = 0, rr = 0; r < n; r++) {
            if (r == row) {
                continue;
            }
            for (int c = 0, cc = 0; c < n; c++) {
                if (c != col) {
                    m[rr][cc++] = a[r][c];
                }
            }
            rr++;
        }
        return m;
    }

    @Test
    void aSinglePhotonReproducesTheSquaredModuli() {
        ComplexMatrix u = PhotonicReference.toMatrix(PhotonicReference.haar(5, new Random(2)));
        for (int i = 0; i < 5; i++) {
            int[] input = new int[5];
            input[i] = 1;
            for (int j = 0; j < 5; j++) {
                int[] output = new int[5];
                output[j] = 1;
                for (Photons kind : Photons.values()) {
                    assertEquals(u.abs2(j, i), FockProbabilities.probability(u, input, output, kind), 1e-14);
                }
            }
        }
    }

    @Test
    void probabilitiesMatchSecondQuantisationAndSumToOne() {
        Random random = new Random(3);
        List<int[]> inputs = List.of(new int[] {1, 1, 0, 0}, new int[] {2, 0, 1}, new int[] {1, 1, 1, 1}, new int[] {0, 3, 0, 1, 1},
                new int[] {2, 2}, new int[] {0, 0, 4});
        for (int[] input : inputs) {
            double[][][] haar = PhotonicReference.haar(input.length, random);
            ComplexMatrix u = PhotonicReference.toMatrix(haar);
            Map<String, Double> expected = PhotonicReference.fockProbabilities(haar, input);
            Map<String, Double> classical = PhotonicReference.classicalProbabilities(haar, input);
            for (Photons kind : Photons.values()) {
                Map<String, Double> p = FockProbabilities.distribution(u, input, kind, Detector.PNR, 0);
                Map<String, Double> reference = kind == Photons.INDISTINGUISHABLE ? expected : classical;
                double sum = 0;
                for (Map.Entry<String, Double> e : p.entrySet()) {
                    sum += e.getValue();
                    assertEquals(reference.getOrDefault(e.getKey(), 0.0), e.getValue(), 1e-12, kind + " " + e.getKey());
                }
                assertEquals(reference.size(), p.size(), "every output occupation is listed");
                assertEquals(1, sum, 1e-12, kind + " sums to 1");
            }
        }
    }

    @Test
    void thresholdDetectorsSumTheOutcomesThatLookAlike() {
        double[][][] haar = PhotonicReference.haar(4, new Random(4));
        ComplexMatrix u = PhotonicReference.toMatrix(haar);
        int[] input = {2, 1, 0, 1};
        Map<String, Double> pnr = PhotonicReference.fockProbabilities(haar, input);
        Map<String, Double> expected = new HashMap<>();
        pnr.forEach((key, p) -> {
            StringBuilder clicks = new StringBuilder();
            for (String count : key.split(",")) {
                clicks.append(clicks.length() > 0 ? "," : "").append(count.equals("0") ? "0" : "1");
            }
            expected.merge(clicks.toString(), p, Double::sum);
        });
        Map<String, Double> t = FockProbabilities.distribution(u, input, Photons.INDISTINGUISHABLE, Detector.THRESHOLD, 0);
        assertEquals(expected.keySet(), t.keySet());
        expected.forEach((key, p) -> assertEquals(p, t.get(key), 1e-12, key));
        assertEquals(1, t.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    }

    @Test
    void meanOccupationsAreSingleParticleSums() {
        double[][][] haar = PhotonicReference.haar(4, new Random(5));
        ComplexMatrix u = PhotonicReference.toMatrix(haar);
        int[] input = {1, 0, 2, 1};
        for (Photons kind : Photons.values()) {
            double[] mean = FockProbabilities.occupations(u, input, kind);
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int i = 0; i < 4; i++) {
                    expected += input[i] * (haar[j][i][0] * haar[j][i][0] + haar[j][i][1] * haar[j][i][1]);
                }
                assertEquals(expected, mean[j], 1e-12);
            }
        }
    }

    @Test
    void fockStatesAreCountedAndEnumeratedInOrder() {
        List<String> keys = new ArrayList<>();
        FockStates.forEach(3, 2, t -> keys.add(FockStates.key(t)));
        assertEquals(List.of("2,0,0", "1,1,0", "1,0,1", "0,2,0", "0,1,1", "0,0,2"), keys);
        assertEquals(6, FockStates.countExact(3, 2).intValue());
        assertEquals(FockStates.countExact(7, 4).intValue(), FockStates.all(7, 4).size());
        assertEquals(List.of("0,0"), FockStates.all(2, 0).stream().map(FockStates::key).toList());
        assertEquals(List.of("3"), FockStates.all(1, 3).stream().map(FockStates::key).toList());
    }

    @Test
    void limitsAreCheckedBeforeWork() {
        ComplexMatrix u = ComplexMatrix.identity(64);
        int[] input = new int[64];
        input[0] = 10;
        String m = assertThrows(IllegalArgumentException.class,
                () -> FockProbabilities.distribution(u, input, Photons.INDISTINGUISHABLE, Detector.PNR, 0)).getMessage();
        assertTrue(m.contains("output occupations; at most 1,000,000"), m);
        int[] many = new int[2];
        many[0] = 21;
        m = assertThrows(IllegalArgumentException.class, () -> FockProbabilities.photons(many, 2)).getMessage();
        assertTrue(m.contains("21 photons; at most 20"), m);
        m = assertThrows(IllegalArgumentException.class, () -> FockProbabilities.photons(new int[] {1, -1}, 2)).getMessage();
        assertTrue(m.contains("mode 1 is -1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> FockProbabilities.photons(new int[] {1}, 2)).getMessage();
        assertTrue(m.contains("1 mode but the circuit has 2"), m);
        assertThrows(IllegalArgumentException.class, () -> new Component.BeamSplitter(1, 1, k(0)));
        assertThrows(IllegalArgumentException.class, () -> new PhotonicCircuit(2, List.of(new Component.PhaseShifter(2, k(0)))));
        assertThrows(IllegalArgumentException.class, () -> new OpticalAngle.Constant(Double.NaN));
        assertFalse(PhotonicLimits.MAX_MODES < 64);
    }
}
