package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The parameter-shift rule for anything computed from gates whose angles are coefficient x
 * parameter: a model builds its gates asking {@link Angles#angle} for each angle, which records
 * every occurrence (a parameter may drive many gates); {@link #vectorJacobian} then rebuilds the
 * model with one occurrence shifted at a time, as each gate's {@link Gate#shiftRule} says, and
 * sums the chain rule over occurrences. Exact whenever each value is linear in the state after
 * each gate (an expectation, the trace of a postselected branch, a probability), also through
 * mid-circuit measurement and postselection, which are linear maps. A ratio of such values (a
 * postselected expectation) is differentiated by the quotient rule by the caller's upstream
 * weights ({@code docs/qrnn.md}).
 */
public final class ParameterShift {

    private ParameterShift() {
    }

    /** A model: values computed from gates built with {@code angles}. */
    public interface Model {
        double[] values(Angles angles);
    }

    /** The model's values at the parameters and the upstream-weighted gradient sum_i u_i d value_i / d parameter. */
    public record Result(double[] values, double[] gradient) {
    }

    /** One angle asked for while a model was built. */
    private record Occurrence(int parameter, double coefficient, Gate.ShiftRule rule) {
    }

    /** Hands out gate angles for parameters, recording each one; can shift one occurrence. */
    public static final class Angles {
        private final double[] parameters;
        private final int shifted;
        private final double shiftedValue;
        private final List<Occurrence> seen = new ArrayList<>();

        private Angles(double[] parameters, int shifted, double shiftedValue) {
            this.parameters = parameters;
            this.shifted = shifted;
            this.shiftedValue = shiftedValue;
        }

        /** Angles for these parameters, none shifted. */
        public static Angles of(double[] parameters) {
            return new Angles(parameters.clone(), -1, 0);
        }

        /**
         * The angle {@code coefficient * parameters[parameter]} of a {@code gate} (controlled or not),
         * or the shifted value if this is the occurrence being shifted.
         */
        public double angle(int parameter, double coefficient, Gate gate, boolean controlled) {
            int index = seen.size();
            seen.add(new Occurrence(parameter, coefficient, gate.shiftRule(0, controlled)));
            return index == shifted ? shiftedValue : coefficient * parameters[parameter];
        }

        public int parameterCount() {
            return parameters.length;
        }
    }

    /**
     * The values at {@code parameters} and the gradient of sum_i u_i value_i, where
     * {@code upstream} gives the weights u from the unshifted values (for a quotient or a log).
     */
    public static Result vectorJacobian(Model model, double[] parameters, Function<double[], double[]> upstream) {
        Angles base = Angles.of(parameters);
        double[] values = model.values(base);
        double[] u = upstream.apply(values);
        if (u.length != values.length) {
            throw new IllegalArgumentException(values.length + " values but " + u.length + " upstream weights");
        }
        double[] gradient = new double[parameters.length];
        List<Occurrence> occurrences = List.copyOf(base.seen);
        for (int k = 0; k < occurrences.size(); k++) {
            Occurrence o = occurrences.get(k);
            int at = k;
            double[] d = derivative(o.rule(), o.coefficient() * parameters[o.parameter()],
                    t -> model.values(new Angles(parameters, at, t)));
            double dot = 0;
            for (int i = 0; i < d.length; i++) {
                dot += u[i] * d[i];
            }
            gradient[o.parameter()] += o.coefficient() * dot;
        }
        return new Result(values, gradient);
    }

    /**
     * d f / d theta at {@code theta} by a shift rule, f(t) being the values with this one angle at
     * t: (f(t + pi/2) - f(t - pi/2)) / 2, or the four-term rule of a controlled rotation.
     */
    public static double[] derivative(Gate.ShiftRule rule, double theta, DoubleFunction<double[]> f) {
        double[] plus = f.apply(theta + Math.PI / 2), minus = f.apply(theta - Math.PI / 2);
        double[] d = new double[plus.length];
        if (rule == Gate.ShiftRule.FOUR_TERM) {
            double d1 = (Math.sqrt(2) + 1) / (4 * Math.sqrt(2));
            double d2 = (Math.sqrt(2) - 1) / (4 * Math.sqrt(2));
            double[] plus3 = f.apply(theta + 3 * Math.PI / 2), minus3 = f.apply(theta - 3 * Math.PI / 2);
            for (int i = 0; i < d.length; i++) {
                d[i] = d1 * (plus[i] - minus[i]) - d2 * (plus3[i] - minus3[i]);
            }
        } else {
            for (int i = 0; i < d.length; i++) {
                d[i] = (plus[i] - minus[i]) / 2;
            }
        }
        return d;
    }
}
