package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The repeat-until-success neuron's circuit against the closed forms of Cao, Guerreschi and
 * Aspuru-Guzik (2017): one round succeeds with cos^4 + sin^4 and leaves RY(2 q(theta))|0>,
 * q = arctan(tan^2); order k applies q k times and succeeds with the product worked out by hand in
 * docs/qrnn.md. Gradients of postselected expectations by the shift rule against finite differences.
 */
class QuantumNeuronTest {

    private static double q(double t) {
        return Math.atan(Math.tan(t) * Math.tan(t));
    }

    /** One round's success probability with the target in |0>, |A_1|^2 = cos^4 + sin^4. */
    private static double r2(double t) {
        return Math.pow(Math.cos(t), 4) + Math.pow(Math.sin(t), 4);
    }

    /**
     * Order k succeeds with N_k^2, N_1 = r(theta), N_k = N_(k-1)^2 r(q^(k-1)(theta)): the inner
     * circuit and its adjoint each contribute N_(k-1), the outer round r of its own input angle.
     */
    private static double success(double t, int k) {
        double n2 = r2(t);
        double angle = t;
        for (int j = 2; j <= k; j++) {
            angle = q(angle);
            n2 = n2 * n2 * r2(angle);
        }
        return n2;
    }

    @Test
    void outputAngleAndSuccessMatchTheClosedFormsOnAGrid() {
        for (int k = 1; k <= 3; k++) {
            for (double theta = -1.5; theta <= 1.5001; theta += 0.25) {
                QuantumNeuron.Outcome o = QuantumNeuron.simulate(theta, k);
                double expected = theta;
                for (int j = 0; j < k; j++) {
                    expected = q(expected);
                }
                assertEquals(expected, o.outputAngle(), 1e-12, "angle at theta " + theta + ", k " + k);
                assertEquals(success(theta, k), o.successProbability(), 1e-12, "success at theta " + theta + ", k " + k);
            }
        }
        // hand-worked points: theta = pi/4 succeeds half the time and gives q = pi/4; theta = 0 always, angle 0
        assertEquals(0.5, QuantumNeuron.simulate(Math.PI / 4, 1).successProbability(), 1e-14);
        assertEquals(Math.PI / 4, QuantumNeuron.simulate(Math.PI / 4, 3).outputAngle(), 1e-12);
        assertEquals(1, QuantumNeuron.simulate(0, 2).successProbability(), 1e-14);
    }

    @Test
    void amplificationMakesSuccessCertainAndKeepsTheAngle() {
        for (int k = 1; k <= 3; k++) {
            for (double theta = -1.4; theta <= 1.4; theta += 0.35) {
                QuantumNeuron.Outcome plain = QuantumNeuron.simulate(theta, k);
                QuantumNeuron.Outcome amplified = QuantumNeuron.simulateAmplified(theta, k);
                assertEquals(1, amplified.successProbability(), 1e-9, "theta " + theta + ", k " + k);
                assertEquals(plain.outputAngle(), amplified.outputAngle(), 1e-9, "theta " + theta + ", k " + k);
            }
        }
    }

    /** Neuron on target 2, ancillas 3 and 4, theta = b + w0 x0 + w1 x1 + w01 x0 x1 over input qubits 0 and 1. */
    private static QuantumNeuron polynomialNeuron(int order) {
        List<Integer> ancillas = new ArrayList<>();
        for (int j = 0; j < order; j++) {
            ancillas.add(3 + j);
        }
        return new QuantumNeuron(2, ancillas, List.of(new QuantumNeuron.Term(List.of(), 0),
                new QuantumNeuron.Term(List.of(0), 1), new QuantumNeuron.Term(List.of(1), 2),
                new QuantumNeuron.Term(List.of(0, 1), 3)));
    }

    @Test
    void inputsInSuperpositionEachGetTheirOwnActivation() {
        double[] p = {0.3, -0.5, 0.9, 0.4};
        QuantumNeuron n = polynomialNeuron(1);
        List<QuantumNeuron.Step> steps = new ArrayList<>();
        steps.add(new QuantumNeuron.GateStep(Operation.of(Gate.H, 0)));
        steps.add(new QuantumNeuron.GateStep(Operation.of(Gate.H, 1)));
        n.emit(steps, ParameterShift.Angles.of(p));
        StateVector psi = StateVector.zero(4);
        QuantumNeuron.run(steps, psi);
        // input x has amplitude 1/2; the branch gets cos^2 t I + sin^2 t RY(pi) on the target: (cos^2 t, sin^2 t) on |0>, |1>
        for (int x = 0; x < 4; x++) {
            int x0 = x & 1, x1 = x >> 1;
            double t = p[0] + p[1] * x0 + p[2] * x1 + p[3] * x0 * x1;
            double c2 = Math.pow(Math.cos(t), 2), s2 = Math.pow(Math.sin(t), 2);
            assertEquals(0.5 * c2, psi.re(x), 1e-12, "x = " + x + ", target 0");
            assertEquals(0.5 * s2, psi.re(x | 4), 1e-12, "x = " + x + ", target 1");
        }
    }

    @Test
    void midCircuitMeasurementAndDeferredPostselectionGiveTheSameState() {
        double[] p = {0.2, 0.7, -0.4, 1.1};
        for (int k = 1; k <= 3; k++) {
            QuantumNeuron n = polynomialNeuron(k);
            List<QuantumNeuron.Step> mid = new ArrayList<>(List.of(new QuantumNeuron.GateStep(Operation.of(Gate.H, 0)),
                    new QuantumNeuron.GateStep(Operation.of(Gate.RY, 0.8, 1))));
            List<QuantumNeuron.Step> deferred = new ArrayList<>(mid);
            n.emit(mid, ParameterShift.Angles.of(p));
            int[] next = {3 + k};
            n.emitDeferred(deferred, ParameterShift.Angles.of(p), () -> next[0]++);
            assertEquals((1 << k) - 1, deferred.stream().filter(s -> s instanceof QuantumNeuron.Postselect).count());
            // the mid-circuit program through the density-matrix runner, success = classical value 0
            DensityMatrix rho = ProgramRunner.branches(QuantumNeuron.program(mid, 3 + k), NoiseModel.NONE).get(0L);
            StateVector psi = StateVector.zero(next[0]);
            QuantumNeuron.run(deferred, psi);
            double norm2 = psi.norm() * psi.norm();
            assertEquals(rho.trace(), norm2, 1e-12, "success probability, k " + k);
            // compare the inputs and target (qubits 0..2), ancillas all 0 in both
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    double re = psi.re(r) * psi.re(c) + psi.im(r) * psi.im(c);
                    assertEquals(re, rho.entry(r, c)[0], 1e-12, "k " + k + " entry " + r + "," + c);
                }
            }
        }
    }

    @Test
    void postselectedExpectationGradientsByShiftAndQuotientRuleMatchFiniteDifferences() {
        double[] p = {0.3, -0.6, 0.45, 0.8};
        for (int k = 1; k <= 3; k++) {
            QuantumNeuron n = polynomialNeuron(k);
            int order = k;
            // values: N = tr(Z_target rho_success), D = tr(rho_success); E = N / D
            ParameterShift.Model model = angles -> {
                List<QuantumNeuron.Step> steps = new ArrayList<>(List.of(new QuantumNeuron.GateStep(Operation.of(Gate.H, 0)),
                        new QuantumNeuron.GateStep(Operation.of(Gate.RY, 1.1, 1))));
                n.emit(steps, angles);
                DensityMatrix rho = ProgramRunner.branches(QuantumNeuron.program(steps, 3 + order), NoiseModel.NONE).get(0L);
                return new double[] {rho.expectation(PauliString.z(2)), rho.trace()};
            };
            ParameterShift.Result r = ParameterShift.vectorJacobian(model, p,
                    v -> new double[] {1 / v[1], -v[0] / (v[1] * v[1])});
            for (int j = 0; j < p.length; j++) {
                double h = 1e-5;
                double[] plus = p.clone(), minus = p.clone();
                plus[j] += h;
                minus[j] -= h;
                double[] vp = model.values(ParameterShift.Angles.of(plus)), vm = model.values(ParameterShift.Angles.of(minus));
                double fd = (vp[0] / vp[1] - vm[0] / vm[1]) / (2 * h);
                assertEquals(fd, r.gradient()[j], 1e-7, "k " + k + ", parameter " + j);
            }
        }
    }

    @Test
    void refusesOrdersOutsideTheRangeAndControlsOnItsOwnQubits() {
        assertThrows(IllegalArgumentException.class, () -> new QuantumNeuron(0, List.of(), List.of(new QuantumNeuron.Term(List.of(), 0))));
        assertThrows(IllegalArgumentException.class, () -> new QuantumNeuron(0, List.of(1, 2, 3, 4, 5),
                List.of(new QuantumNeuron.Term(List.of(), 0))));
        assertThrows(IllegalArgumentException.class, () -> new QuantumNeuron(0, List.of(1), List.of(new QuantumNeuron.Term(List.of(1), 0))));
    }
}
