package dev.qanvas.quantum;

import dev.qanvas.quantum.QuantumNeuron.GateStep;
import dev.qanvas.quantum.QuantumNeuron.Postselect;
import dev.qanvas.quantum.QuantumNeuron.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Adjoint differentiation through postselection: values read at several points of a circuit of
 * gates and postselections ({@link QuantumNeuron.Step}) on an unnormalised state vector, and the
 * gradient of sum_r u_r value_r over the gates' parameters in one backward pass. Each value is
 * <phi| O |phi> for the state phi after the first {@code after} steps (never renormalised, so it
 * includes the probability that every postselection so far succeeded) and O the projector onto
 * the basis states whose bits under {@code mask} equal {@code value} (mask 0: the squared norm).
 *
 * <p>Going backwards, lambda = sum of u_r O_r phi_r over the readouts already passed, carried back
 * through each step's adjoint (a projector is its own); each parameterised gate adds
 * 2 Re <lambda| dU |phi_before>. A projection cannot be undone, so the forward pass keeps the
 * state before each one (one copy per postselection). Checked against {@link ParameterShift} and
 * finite differences (PostselectedAdjointTest).
 */
public final class PostselectedAdjoint {

    private PostselectedAdjoint() {
    }

    /** The smallest norm the unnormalised state may reach (its square, 1e-250, is far above double's underflow). */
    private static final double MIN_NORM = 1e-125;

    /** Read <phi|O|phi> after the first {@code after} steps; O projects onto basis states with (index & mask) == value. */
    public record Readout(int after, int mask, int value) {
    }

    /** The readouts' values and the gradient of sum_r u_r value_r. */
    public record Result(double[] values, double[] gradient) {
    }

    /**
     * Runs the steps from |0...0> on {@code qubits} qubits, reads the readouts, and returns their
     * values with the gradient of sum_r u_r value_r over {@code parameters} parameters, u being
     * {@code upstream} of the values.
     */
    public static Result vectorJacobian(int qubits, List<Step> steps, List<Readout> readouts, int parameters,
            Function<double[], double[]> upstream) {
        Map<Integer, List<Integer>> readAt = new HashMap<>();
        for (int r = 0; r < readouts.size(); r++) {
            Readout ro = readouts.get(r);
            if (ro.after() < 0 || ro.after() > steps.size()) {
                throw new IllegalArgumentException("readout after " + ro.after() + " of " + steps.size() + " steps");
            }
            readAt.computeIfAbsent(ro.after(), k -> new ArrayList<>()).add(r);
        }
        StateVector psi = StateVector.zero(qubits);
        double[] values = new double[readouts.size()];
        Map<Integer, StateVector> beforeProjection = new HashMap<>();
        int postselections = 0;
        for (int i = 0; i <= steps.size(); i++) {
            for (int r : readAt.getOrDefault(i, List.of())) {
                values[r] = read(psi, readouts.get(r));
            }
            if (i == steps.size()) {
                break;
            }
            Step s = steps.get(i);
            if (s instanceof GateStep g) {
                psi.apply(g.operation(), Program.angles(g.operation()));
            } else {
                postselections++;
                if (upstream != null) {
                    beforeProjection.put(i, psi.copy());
                }
                QuantumNeuron.project(psi, ((Postselect) s).qubit());
                if (!(psi.norm() > MIN_NORM)) {
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the chance that all %d postselections"
                            + " up to step %d succeed is below %.0e (or zero): too small for an unnormalised simulation;"
                            + " use a shorter sequence or fewer neurons", postselections, i + 1, MIN_NORM * MIN_NORM));
                }
            }
        }
        if (upstream == null) {
            return new Result(values, new double[parameters]); // values only
        }
        double[] u = upstream.apply(values.clone());
        if (u.length != values.length) {
            throw new IllegalArgumentException(values.length + " values but " + u.length + " upstream weights");
        }
        double[] gradient = new double[parameters];
        int size = 1 << qubits;
        double[] lr = new double[size], li = new double[size];
        for (int i = steps.size(); i >= 0; i--) {
            for (int r : readAt.getOrDefault(i, List.of())) {
                Readout ro = readouts.get(r);
                for (int k = 0; k < size; k++) {
                    if ((k & ro.mask()) == ro.value()) {
                        lr[k] += u[r] * psi.re[k];
                        li[k] += u[r] * psi.im[k];
                    }
                }
            }
            if (i == 0) {
                break;
            }
            Step s = steps.get(i - 1);
            if (s instanceof GateStep g) {
                Operation op = g.operation();
                double[] angles = Program.angles(op);
                double[] m = op.gate().matrix(angles);
                Kernels.apply(psi.re, psi.im, qubits, op, m, true);
                if (g.parameter() >= 0) {
                    double[] z = Kernels.sandwich(lr, li, psi.re, psi.im, qubits, op, op.gate().derivative(0, angles));
                    gradient[g.parameter()] += g.coefficient() * 2 * z[0];
                }
                Kernels.apply(lr, li, qubits, op, m, true);
            } else {
                psi = beforeProjection.get(i - 1);
                int bit = 1 << ((Postselect) s).qubit();
                for (int k = 0; k < size; k++) {
                    if ((k & bit) != 0) {
                        lr[k] = 0;
                        li[k] = 0;
                    }
                }
            }
        }
        return new Result(values, gradient);
    }

    /** The readouts' values alone (no backward pass). */
    public static double[] values(int qubits, List<Step> steps, List<Readout> readouts) {
        return vectorJacobian(qubits, steps, readouts, 0, null).values();
    }

    private static double read(StateVector psi, Readout ro) {
        double v = 0;
        for (int k = 0; k < psi.re.length; k++) {
            if ((k & ro.mask()) == ro.value()) {
                v += psi.re[k] * psi.re[k] + psi.im[k] * psi.im[k];
            }
        }
        return v;
    }
}
