package dev.qanvas.photonic;

import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.FockProbabilities.Photons;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One circuit, one Fock input, many feature vectors (a training batch): output probabilities as
 * the detectors report them or mean occupations per mode, and their exact vector-Jacobian
 * products with respect to the weights and the features ({@link PhotonicGradients}).
 */
public final class PhotonicBatch {

    /** The gradient of sum_b sum_k upstream[b][k] output[b][k]: per weight, and per sample and feature. */
    public record Gradient(double[] weights, double[][] features) {
    }

    /**
     * What the detectors can report for n photons in m modes: {@code reported} outcomes (photon
     * numbers, or click patterns for threshold detectors), the photon-number outcomes {@code pnr}
     * they come from, and for each of those the index of the outcome it is reported as.
     */
    public record Outcomes(Detector detector, List<int[]> reported, List<int[]> pnr, int[] reportedIndex) {
        public static Outcomes of(int modes, int photons, Detector detector) {
            PhotonicLimits.checkDistribution(modes, photons);
            List<int[]> pnr = FockStates.all(modes, photons);
            int[] index = new int[pnr.size()];
            if (detector == Detector.PNR) {
                for (int t = 0; t < index.length; t++) {
                    index[t] = t;
                }
                return new Outcomes(detector, pnr, pnr, index);
            }
            Map<String, Integer> seen = new LinkedHashMap<>();
            List<int[]> clicks = new ArrayList<>();
            for (int t = 0; t < index.length; t++) {
                int[] c = FockStates.clicks(pnr.get(t));
                Integer k = seen.get(FockStates.key(c));
                if (k == null) {
                    k = clicks.size();
                    seen.put(FockStates.key(c), k);
                    clicks.add(c);
                }
                index[t] = k;
            }
            return new Outcomes(detector, clicks, pnr, index);
        }
    }

    private PhotonicBatch() {
    }

    /** probabilities[b][k] of reported outcome k for features x[b]. */
    public static double[][] probabilities(PhotonicCircuit circuit, double[][] x, double[] w, int[] input, Outcomes outcomes, Photons kind) {
        FockProbabilities.photons(input, circuit.modes());
        double[][] out = new double[x.length][outcomes.reported().size()];
        for (int b = 0; b < x.length; b++) {
            ComplexMatrix u = circuit.unitary(circuit.angles(x[b], w));
            double[] p = FockProbabilities.probabilities(u, input, outcomes.pnr(), kind);
            for (int t = 0; t < p.length; t++) {
                out[b][outcomes.reportedIndex()[t]] += p[t];
            }
        }
        return out;
    }

    /** occupations[b][j]: mean photon number of mode j for features x[b]. */
    public static double[][] occupations(PhotonicCircuit circuit, double[][] x, double[] w, int[] input, Photons kind) {
        FockProbabilities.photons(input, circuit.modes());
        double[][] out = new double[x.length][];
        for (int b = 0; b < x.length; b++) {
            out[b] = FockProbabilities.occupations(circuit.unitary(circuit.angles(x[b], w)), input, kind);
        }
        return out;
    }

    /** The gradient of sum_b sum_k upstream[b][k] probabilities[b][k]. */
    public static Gradient probabilitiesBackward(PhotonicCircuit circuit, double[][] x, double[] w, int[] input, Outcomes outcomes,
                                                 Photons kind, double[][] upstream) {
        return backward(circuit, x, w, input, outcomes.pnr(), kind, b -> {
            double[] g = new double[outcomes.pnr().size()];
            for (int t = 0; t < g.length; t++) {
                g[t] = upstream[b][outcomes.reportedIndex()[t]];
            }
            return g;
        });
    }

    /** The gradient of sum_b sum_j upstream[b][j] occupations[b][j]. */
    public static Gradient occupationsBackward(PhotonicCircuit circuit, double[][] x, double[] w, int[] input, Photons kind,
                                               double[][] upstream) {
        int n = FockProbabilities.photons(input, circuit.modes());
        List<int[]> outputs = FockStates.all(circuit.modes(), n);
        return backward(circuit, x, w, input, outputs, kind, b -> {
            double[] g = new double[outputs.size()];
            for (int t = 0; t < g.length; t++) {
                int[] occ = outputs.get(t);
                for (int j = 0; j < occ.length; j++) {
                    g[t] += upstream[b][j] * occ[j];
                }
            }
            return g;
        });
    }

    private static Gradient backward(PhotonicCircuit circuit, double[][] x, double[] w, int[] input, List<int[]> outputs, Photons kind,
                                     java.util.function.IntFunction<double[]> outputWeights) {
        double[] dw = new double[w.length];
        double[][] dx = new double[x.length][];
        for (int b = 0; b < x.length; b++) {
            double[] angles = circuit.angles(x[b], w);
            double[] dAngles = PhotonicGradients.angleGradient(circuit, angles, input, outputs, outputWeights.apply(b), kind);
            dx[b] = new double[x[b].length];
            circuit.chain(dAngles, dw, dx[b]);
        }
        return new Gradient(dw, dx);
    }
}
