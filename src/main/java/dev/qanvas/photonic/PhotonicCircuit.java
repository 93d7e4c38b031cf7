package dev.qanvas.photonic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A linear-optical circuit on {@code modes} modes: components applied in list order, so its
 * unitary is U = U_k ... U_2 U_1 (the first component is applied first). A value: the list is
 * copied and checked when it is built.
 */
public final class PhotonicCircuit {

    private final int modes;
    private final List<Component> components;
    private final List<String> weightNames;
    private final double[] initialWeights;
    /** Per component, the index of its weight in {@link #weightNames()}, or -1. */
    private final int[] weightIndex;
    private final int features;

    public PhotonicCircuit(int modes, List<Component> components) {
        if (modes < 1 || modes > PhotonicLimits.MAX_MODES) {
            throw new IllegalArgumentException("a circuit has 1 to " + PhotonicLimits.MAX_MODES + " modes, not " + modes);
        }
        if (components.size() > PhotonicLimits.MAX_COMPONENTS) {
            throw new IllegalArgumentException(components.size() + " components; a circuit has at most " + PhotonicLimits.MAX_COMPONENTS);
        }
        this.modes = modes;
        this.components = List.copyOf(components);
        Map<String, Integer> weights = new LinkedHashMap<>();
        List<Double> initial = new ArrayList<>();
        weightIndex = new int[this.components.size()];
        int maxFeature = -1;
        for (int c = 0; c < this.components.size(); c++) {
            Component component = this.components.get(c);
            for (int mode : component.modes()) {
                if (mode >= modes) {
                    throw new IllegalArgumentException("component " + c + ": mode " + mode + " is out of range; the circuit has "
                            + modes + " modes (0.." + (modes - 1) + ")");
                }
            }
            weightIndex[c] = -1;
            if (component.angle() instanceof OpticalAngle.Weight w) {
                Integer index = weights.get(w.name());
                if (index == null) {
                    index = weights.size();
                    weights.put(w.name(), index);
                    initial.add(w.initial());
                }
                weightIndex[c] = index;
            } else if (component.angle() instanceof OpticalAngle.Input in) {
                maxFeature = Math.max(maxFeature, in.index());
            }
        }
        weightNames = List.copyOf(weights.keySet());
        initialWeights = initial.stream().mapToDouble(Double::doubleValue).toArray();
        features = maxFeature + 1;
    }

    public int modes() {
        return modes;
    }

    public List<Component> components() {
        return components;
    }

    /** The trainable weights' names, in order of first use. */
    public List<String> weightNames() {
        return weightNames;
    }

    /** Each weight's initial value (the first component naming it gives it). */
    public double[] initialWeights() {
        return initialWeights.clone();
    }

    /** How many input features it reads: one more than the largest x index, 0 for none. */
    public int featureCount() {
        return features;
    }

    /** Every component's angle for features {@code x} and weights {@code w}. */
    public double[] angles(double[] x, double[] w) {
        if (w.length != weightNames.size()) {
            throw new IllegalArgumentException("the circuit has " + weightNames.size() + " weights, not " + w.length);
        }
        double[] a = new double[components.size()];
        for (int c = 0; c < a.length; c++) {
            a[c] = components.get(c).angle().value(x, w, weightIndex[c]);
        }
        return a;
    }

    /** The angles of a circuit without inputs, at its initial weights. */
    public double[] angles() {
        return angles(new double[features], initialWeights);
    }

    /** U = U_k ... U_1 at the given angles (one per component). */
    public ComplexMatrix unitary(double[] angles) {
        ComplexMatrix u = ComplexMatrix.identity(modes);
        double[] re = new double[4], im = new double[4];
        for (int c = 0; c < components.size(); c++) {
            Component component = components.get(c);
            component.matrix(angles[c], re, im);
            u.applyLeft(component.modes(), re, im);
        }
        return u;
    }

    /** The unitary of a circuit without inputs, at its initial weights. */
    public ComplexMatrix unitary() {
        return unitary(angles());
    }

    /** Index of component c's weight in {@link #weightNames()}, or -1 when its angle is no weight. */
    public int weightIndexOf(int component) {
        return weightIndex[component];
    }

    /**
     * Chains d L / d angle (one per component) to the weights and to the features:
     * {@code dw[k] += sum over components naming weight k}, {@code dx[i] += scale * ...} for inputs.
     */
    public void chain(double[] dAngles, double[] dw, double[] dx) {
        for (int c = 0; c < components.size(); c++) {
            OpticalAngle angle = components.get(c).angle();
            if (angle instanceof OpticalAngle.Weight) {
                dw[weightIndex[c]] += dAngles[c];
            } else if (angle instanceof OpticalAngle.Input in && dx != null) {
                dx[in.index()] += in.scale() * dAngles[c];
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhotonicCircuit other && other.modes == modes && other.components.equals(components);
    }

    @Override
    public int hashCode() {
        return 31 * modes + components.hashCode();
    }

    @Override
    public String toString() {
        return "PhotonicCircuit[" + modes + " modes, " + components.size() + " components]";
    }
}
