package dev.qanvas.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.FockProbabilities.Photons;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exact gradients of probabilities and mean occupations against central finite differences. */
class PhotonicGradientsTest {

    private static final double H = 1e-5;

    /** A random circuit on m modes mixing constants, shared weights and inputs, with beam splitters in both mode orders. */
    static PhotonicCircuit randomCircuit(int m, int components, Random random) {
        List<Component> list = new ArrayList<>();
        for (int c = 0; c < components; c++) {
            OpticalAngle angle = switch (random.nextInt(4)) {
                case 0 -> new OpticalAngle.Constant(random.nextDouble() * 6);
                case 1 -> new OpticalAngle.Input(random.nextInt(3), 0.5 + random.nextDouble());
                default -> new OpticalAngle.Weight("w" + random.nextInt(5), random.nextDouble() * 6);
            };
            if (random.nextInt(3) == 0) {
                list.add(new Component.PhaseShifter(random.nextInt(m), angle));
            } else {
                int i = random.nextInt(m), j = (i + 1 + random.nextInt(m - 1)) % m;
                list.add(new Component.BeamSplitter(i, j, angle));
            }
        }
        return new PhotonicCircuit(m, list);
    }

    @Test
    void probabilityJacobianMatchesFiniteDifferences() {
        Random random = new Random(11);
        for (Photons kind : Photons.values()) {
            for (int[] input : List.of(new int[] {1, 1, 0}, new int[] {2, 0, 1, 1}, new int[] {1, 0, 1, 0, 1})) {
                int m = input.length;
                PhotonicCircuit circuit = randomCircuit(m, 14, random);
                double[] angles = new double[circuit.components().size()];
                for (int c = 0; c < angles.length; c++) {
                    angles[c] = random.nextDouble() * 6;
                }
                List<int[]> outputs = FockStates.all(m, java.util.Arrays.stream(input).sum());
                double[][] jacobian = PhotonicGradients.probabilityJacobian(circuit, angles, input, outputs, kind);
                for (int c = 0; c < angles.length; c++) {
                    double[] plus = angles.clone(), minus = angles.clone();
                    plus[c] += H;
                    minus[c] -= H;
                    double[] pp = FockProbabilities.probabilities(circuit.unitary(plus), input, outputs, kind);
                    double[] pm = FockProbabilities.probabilities(circuit.unitary(minus), input, outputs, kind);
                    for (int t = 0; t < outputs.size(); t++) {
                        assertEquals((pp[t] - pm[t]) / (2 * H), jacobian[t][c], 1e-8, kind + " output " + t + " component " + c);
                    }
                }
            }
        }
    }

    @Test
    void occupationJacobianMatchesFiniteDifferences() {
        Random random = new Random(12);
        int[] input = {1, 2, 0, 1};
        PhotonicCircuit circuit = randomCircuit(4, 12, random);
        double[] angles = circuit.angles(new double[] {0.3, -0.2, 0.9}, circuit.initialWeights());
        for (Photons kind : Photons.values()) {
            double[][] jacobian = PhotonicGradients.occupationJacobian(circuit, angles, input, kind);
            for (int c = 0; c < angles.length; c++) {
                double[] plus = angles.clone(), minus = angles.clone();
                plus[c] += H;
                minus[c] -= H;
                double[] np = FockProbabilities.occupations(circuit.unitary(plus), input, kind);
                double[] nm = FockProbabilities.occupations(circuit.unitary(minus), input, kind);
                for (int j = 0; j < 4; j++) {
                    assertEquals((np[j] - nm[j]) / (2 * H), jacobian[j][c], 1e-8);
                }
            }
        }
    }

    @Test
    void batchGradientsChainToWeightsAndFeatures() {
        Random random = new Random(13);
        PhotonicCircuit circuit = randomCircuit(4, 16, random);
        int[] input = {1, 0, 1, 1};
        double[][] x = {{0.1, 0.7, -0.4}, {1.2, 0.0, 0.5}, {-0.6, 0.3, 0.8}};
        double[] w = circuit.initialWeights();
        for (Detector detector : Detector.values()) {
            PhotonicBatch.Outcomes outcomes = PhotonicBatch.Outcomes.of(4, 3, detector);
            double[][] upstream = new double[x.length][outcomes.reported().size()];
            for (double[] row : upstream) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = random.nextGaussian();
                }
            }
            for (Photons kind : Photons.values()) {
                PhotonicBatch.Gradient g = PhotonicBatch.probabilitiesBackward(circuit, x, w, input, outcomes, kind, upstream);
                java.util.function.BiFunction<double[][], double[], Double> loss = (xs, ws) -> {
                    double[][] p = PhotonicBatch.probabilities(circuit, xs, ws, input, outcomes, kind);
                    double l = 0;
                    for (int b = 0; b < p.length; b++) {
                        for (int k = 0; k < p[b].length; k++) {
                            l += upstream[b][k] * p[b][k];
                        }
                    }
                    return l;
                };
                checkAgainstDifferences(g, loss, x, w);
            }
        }
        double[][] upstream = {{1, -2, 0.5, 0}, {0, 1, 1, -1}, {0.3, 0.3, -0.7, 2}};
        PhotonicBatch.Gradient g = PhotonicBatch.occupationsBackward(circuit, x, w, input, Photons.INDISTINGUISHABLE, upstream);
        checkAgainstDifferences(g, (xs, ws) -> {
            double[][] n = PhotonicBatch.occupations(circuit, xs, ws, input, Photons.INDISTINGUISHABLE);
            double l = 0;
            for (int b = 0; b < n.length; b++) {
                for (int j = 0; j < 4; j++) {
                    l += upstream[b][j] * n[b][j];
                }
            }
            return l;
        }, x, w);
    }

    private static void checkAgainstDifferences(PhotonicBatch.Gradient g, java.util.function.BiFunction<double[][], double[], Double> loss,
                                                double[][] x, double[] w) {
        for (int k = 0; k < w.length; k++) {
            double[] plus = w.clone(), minus = w.clone();
            plus[k] += H;
            minus[k] -= H;
            assertEquals((loss.apply(x, plus) - loss.apply(x, minus)) / (2 * H), g.weights()[k], 1e-7, "weight " + k);
        }
        for (int b = 0; b < x.length; b++) {
            for (int f = 0; f < x[b].length; f++) {
                double[][] plus = deepCopy(x), minus = deepCopy(x);
                plus[b][f] += H;
                minus[b][f] -= H;
                assertEquals((loss.apply(plus, w) - loss.apply(minus, w)) / (2 * H), g.features()[b][f], 1e-7, "x[" + b + "][" + f + "]");
            }
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
