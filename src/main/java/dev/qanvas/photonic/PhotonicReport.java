package dev.qanvas.photonic;

import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.FockProbabilities.Photons;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * What a photonic circuit does to one input, as the editor and Inspect show it: the unitary, the
 * detectors' outcome distribution for indistinguishable photons and, beside it, for
 * distinguishable ones (what interference changes), and the mean photon number per mode.
 *
 * @param outcomes          reported outcomes ("1,1,0,0": photon numbers, or click patterns), FockStates order
 * @param indistinguishable their probabilities for photons that interfere
 * @param distinguishable   their probabilities for photons that do not
 * @param occupations       mean photon number per mode (the same for both kinds of photons)
 */
public record PhotonicReport(int modes, int photons, Detector detector, ComplexMatrix unitary, List<String> outcomes,
                             double[] indistinguishable, double[] distinguishable, double[] occupations) {

    /** Most outcomes a report enumerates (the live views redraw it on every edit). */
    public static final int MAX_OUTCOMES = 20_000;

    /** The report for input Fock state {@code input}, features {@code x} and weights {@code w}. */
    public static PhotonicReport of(PhotonicCircuit circuit, double[] x, double[] w, int[] input, Detector detector) {
        int n = FockProbabilities.photons(input, circuit.modes());
        BigInteger count = FockStates.countExact(circuit.modes(), n);
        if (count.compareTo(BigInteger.valueOf(MAX_OUTCOMES)) > 0) {
            throw new IllegalArgumentException(n + " photons in " + circuit.modes() + " modes have " + count
                    + " outcomes; the live view shows at most " + String.format("%,d", MAX_OUTCOMES) + " (use fewer photons or modes)");
        }
        ComplexMatrix u = circuit.unitary(circuit.angles(x, w));
        PhotonicBatch.Outcomes outcomes = PhotonicBatch.Outcomes.of(circuit.modes(), n, detector);
        double[] indist = fold(FockProbabilities.probabilities(u, input, outcomes.pnr(), Photons.INDISTINGUISHABLE), outcomes);
        double[] dist = fold(FockProbabilities.probabilities(u, input, outcomes.pnr(), Photons.DISTINGUISHABLE), outcomes);
        List<String> keys = new ArrayList<>(outcomes.reported().size());
        outcomes.reported().forEach(t -> keys.add(FockStates.key(t)));
        return new PhotonicReport(circuit.modes(), n, detector, u, List.copyOf(keys), indist, dist,
                FockProbabilities.occupations(u, input, Photons.INDISTINGUISHABLE));
    }

    /** The report of a circuit without inputs at its initial weights. */
    public static PhotonicReport of(PhotonicSetup setup, Detector detector) {
        return of(setup.circuit(), new double[setup.circuit().featureCount()], setup.circuit().initialWeights(), setup.input(), detector);
    }

    private static double[] fold(double[] pnr, PhotonicBatch.Outcomes outcomes) {
        double[] out = new double[outcomes.reported().size()];
        for (int t = 0; t < pnr.length; t++) {
            out[outcomes.reportedIndex()[t]] += pnr[t];
        }
        return out;
    }

    /** Probability of outcome {@code key} for indistinguishable photons (0 when it is no outcome). */
    public double probability(String key) {
        int k = outcomes.indexOf(key);
        return k < 0 ? 0 : indistinguishable[k];
    }

    /** Probability of outcome {@code key} for distinguishable photons. */
    public double distinguishableProbability(String key) {
        int k = outcomes.indexOf(key);
        return k < 0 ? 0 : distinguishable[k];
    }

    /**
     * Indices of the outcomes to draw, most probable first (by the larger of the two kinds of
     * photons), at most {@code limit}, then put back in outcome order.
     */
    public int[] shown(int limit) {
        Integer[] order = new Integer[outcomes.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.max(indistinguishable[b], distinguishable[b]),
                Math.max(indistinguishable[a], distinguishable[a])));
        return java.util.Arrays.stream(order).limit(limit).mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Total variation distance between the two kinds of photons, half the sum of |P - P_dist|:
     * 0 when interference changes nothing, 0.5 for Hong-Ou-Mandel.
     */
    public double interference() {
        double d = 0;
        for (int k = 0; k < indistinguishable.length; k++) {
            d += Math.abs(indistinguishable[k] - distinguishable[k]);
        }
        return d / 2;
    }
}
