package dev.qanvas.quantum;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Gradients of measured expectation values with respect to every trainable weight and every
 * input feature of a circuit.
 *
 * <p>{@link #adjoint} is adjoint differentiation (Jones and Gacon, arXiv:2009.02823): one forward
 * pass, then one backward pass that un-applies each gate to two states and, at each
 * parameterised gate, takes {@code 2 Re <lambda| dU/dθ |psi>}. Its cost does not grow with the
 * number of parameters beyond that one product per parameter. {@link #parameterShift} evaluates
 * the circuit at shifted angles, as hardware would; it is slower and serves as a cross-check.
 */
public final class Gradients {

    private Gradients() {
    }

    /**
     * Expectations of the observables and the vector-Jacobian product
     * {@code sum_o upstream[o] * d<O_o>/d(weight or input)}.
     */
    public record Result(double[] expectations, double[] weightGradient, double[] inputGradient) {
    }

    public static Result adjoint(Circuit c, double[] x, double[] w, List<PauliString> observables, double[] upstream) {
        c.requireUnitary("a gradient");
        Simulator.requireSizes(c, x, w);
        if (upstream.length != observables.size()) {
            throw new IllegalArgumentException(observables.size() + " observables but " + upstream.length + " upstream gradients");
        }
        int n = c.qubits();
        StateVector psi = Simulator.run(c, x, w);
        double[] expectations = new double[observables.size()];
        int size = 1 << n;
        double[] lr = new double[size], li = new double[size];
        for (int o = 0; o < observables.size(); o++) {
            expectations[o] = psi.expectation(observables.get(o));
            if (upstream[o] != 0) {
                Kernels.addPauliTimes(psi.re, psi.im, observables.get(o), upstream[o], lr, li);
            }
        }
        double[] gw = new double[w.length];
        double[] gx = new double[x.length];
        List<Operation> ops = c.operations();
        for (int k = ops.size() - 1; k >= 0; k--) {
            Operation op = ops.get(k);
            double[] angles = op.angleValues(x, w, c);
            double[] m = op.gate().matrix(angles);
            Kernels.apply(psi.re, psi.im, n, op, m, true);
            for (int p = 0; p < angles.length; p++) {
                Angle a = op.angles().get(p);
                if (a instanceof Angle.Constant) {
                    continue;
                }
                double[] z = Kernels.sandwich(lr, li, psi.re, psi.im, n, op, op.gate().derivative(p, angles));
                accumulate(a, 2 * z[0], c, x, gw, gx);
            }
            Kernels.apply(lr, li, n, op, m, true);
        }
        return new Result(expectations, gw, gx);
    }

    /**
     * The same vector-Jacobian product by the parameter-shift rule: two evaluations per angle
     * (four for controlled rotations, whose generator has three eigenvalues), as each gate's
     * {@link Gate#shiftRule} says.
     */
    public static Result parameterShift(Circuit c, double[] x, double[] w, List<PauliString> observables, double[] upstream) {
        return parameterShift(c, x, w, observables, upstream, (circuit, x2, w2) -> {
            StateVector psi = Simulator.run(circuit, x2, w2);
            return observables.stream().mapToDouble(psi::expectation).toArray();
        });
    }

    /**
     * The vector-Jacobian product of expectations on the density matrix of the circuit under
     * {@code noise} (channels after its gates), by the parameter-shift rule. Adjoint
     * differentiation holds only for pure states; the shift rule stays exact under noise because
     * the channels after a gate do not depend on its angle, so the expectation is the same
     * trigonometric function of it (docs/noise.md). Up to {@link DensityMatrix#MAX_QUBITS} qubits.
     */
    public static Result parameterShift(Circuit c, double[] x, double[] w, NoiseModel noise, List<PauliString> observables,
            double[] upstream) {
        return parameterShift(c, x, w, noise, observables, upstream, e -> e);
    }

    /**
     * {@link #parameterShift(Circuit, double[], double[], NoiseModel, List, double[])} with each
     * evaluation's exact expectations passed through {@code read} (a device's estimate from shots,
     * {@link QuantumExecution}) in the order the general rule evaluates them: every shifted term in
     * operation order, then the unshifted circuit. The same density matrices as running each shifted
     * circuit from |0><0| ({@link ProgramRunner#finalState}), but a shifted run starts from the
     * unshifted state before its gate, kept while walking forward once: the gates before it are the
     * same, so about half the work per evaluation, and no {@link Program} per evaluation.
     */
    static Result parameterShift(Circuit c, double[] x, double[] w, NoiseModel noise, List<PauliString> observables,
            double[] upstream, UnaryOperator<double[]> read) {
        c.requireUnitary("a gradient"); // also what lets every step be one gate applied to one density matrix
        Simulator.requireSizes(c, x, w);
        if (upstream.length != observables.size()) {
            throw new IllegalArgumentException(observables.size() + " observables but " + upstream.length + " upstream gradients");
        }
        List<Operation> ops = c.operations();
        // The steps Program.of makes: each gate with its angles' values as constants, named as it names them.
        double[][] values = new double[ops.size()][];
        Program.Apply[] steps = new Program.Apply[ops.size()];
        for (int k = 0; k < ops.size(); k++) {
            values[k] = ops.get(k).angleValues(x, w, c);
            steps[k] = step(ops.get(k), values[k]);
        }
        double[] gw = new double[w.length];
        double[] gx = new double[x.length];
        DensityMatrix before = DensityMatrix.zero(c.qubits()); // the unshifted state before operation k
        for (int k = 0; k < ops.size(); k++) {
            Operation op = ops.get(k);
            for (int p = 0; p < op.angles().size(); p++) {
                Angle a = op.angles().get(p);
                if (a instanceof Angle.Constant) {
                    continue;
                }
                int at = k, angle = p;
                double g = ParameterShift.derivative(op.gate().shiftRule(p, !op.controls().isEmpty()), values[k][p], t -> {
                    double[] shifted = values[at].clone();
                    shifted[angle] = t;
                    DensityMatrix rho = before.copy();
                    ProgramRunner.apply(rho, step(op, shifted), noise);
                    for (int j = at + 1; j < steps.length; j++) {
                        ProgramRunner.apply(rho, steps[j], noise);
                    }
                    double[] e = read.apply(expectations(rho, observables));
                    double sum = 0;
                    for (int o = 0; o < e.length; o++) {
                        sum += upstream[o] * e[o];
                    }
                    return new double[] {sum};
                })[0];
                accumulate(a, g, c, x, gw, gx);
            }
            ProgramRunner.apply(before, steps[k], noise);
        }
        return new Result(read.apply(expectations(before, observables)), gw, gx);
    }

    /** Operation {@code op} at angle values {@code values} as {@link Program#of} makes it a step. */
    private static Program.Apply step(Operation op, double[] values) {
        List<Angle> angles = new ArrayList<>(values.length);
        for (double v : values) {
            angles.add(new Angle.Constant(v));
        }
        return Program.Apply.of(op.withAngles(angles).when(Operation.UNCONDITIONED));
    }

    private static double[] expectations(DensityMatrix rho, List<PauliString> observables) {
        double[] e = new double[observables.size()];
        for (int o = 0; o < e.length; o++) {
            e[o] = rho.expectation(observables.get(o));
        }
        return e;
    }

    /** Expectations of the observables for a circuit, inputs and weights (exact, or estimated: {@link QuantumExecution}). */
    interface Expectations {
        double[] of(Circuit c, double[] x, double[] w);
    }

    /**
     * The shift rule over any expectations: with estimates (shots), each shifted term is its own
     * estimate, so the gradient is an unbiased estimate of the exact one.
     */
    static Result parameterShift(Circuit c, double[] x, double[] w, List<PauliString> observables, double[] upstream,
            Expectations expectations) {
        c.requireUnitary("a gradient");
        Simulator.requireSizes(c, x, w);
        if (upstream.length != observables.size()) {
            throw new IllegalArgumentException(observables.size() + " observables but " + upstream.length + " upstream gradients");
        }
        double[] gw = new double[w.length];
        double[] gx = new double[x.length];
        List<Operation> ops = c.operations();
        for (int k = 0; k < ops.size(); k++) {
            Operation op = ops.get(k);
            for (int p = 0; p < op.angles().size(); p++) {
                Angle a = op.angles().get(p);
                if (a instanceof Angle.Constant) {
                    continue;
                }
                double theta = a.value(x, w, c);
                int at = k, angle = p;
                double g = ParameterShift.derivative(op.gate().shiftRule(p, !op.controls().isEmpty()), theta,
                        t -> new double[] {loss(c, at, angle, t, x, w, expectations, upstream)})[0];
                accumulate(a, g, c, x, gw, gx);
            }
        }
        return new Result(expectations.of(c, x, w), gw, gx);
    }

    /** sum_o upstream[o] <O_o> with angle p of operation k replaced by {@code theta}. */
    private static double loss(Circuit c, int k, int p, double theta, double[] x, double[] w,
                               Expectations expectations, double[] upstream) {
        Operation op = c.operations().get(k);
        List<Angle> angles = new ArrayList<>(op.angles());
        angles.set(p, new Angle.Constant(theta));
        Circuit shifted = c.replace(k, op.withAngles(angles));
        // Replacing a weight by a constant may drop it from the shifted circuit's weight list.
        double[] w2 = new double[shifted.weightNames().size()];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = w[c.weightIndex(shifted.weightNames().get(i))];
        }
        double[] e = expectations.of(shifted, x, w2);
        double sum = 0;
        for (int o = 0; o < e.length; o++) {
            sum += upstream[o] * e[o];
        }
        return sum;
    }

    private static void accumulate(Angle a, double dTheta, Circuit c, double[] x, double[] gw, double[] gx) {
        if (a instanceof Angle.Weight wt) {
            gw[c.weightIndex(wt.name())] += dTheta;
        } else if (a instanceof Angle.Input in) {
            gx[in.index()] += in.scale() * dTheta;
        } else if (a instanceof Angle.Product pr) {
            for (int k = 0; k < pr.indices().size(); k++) {
                gx[pr.indices().get(k)] += pr.derivative(k, x) * dTheta;
            }
        }
    }
}
