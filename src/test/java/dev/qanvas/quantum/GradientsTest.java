package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Adjoint gradients against parameter-shift, finite differences and analytic derivatives. */
class GradientsTest {

    @Test
    void singleRotationHasTheAnalyticDerivative() {
        // <Z> after RX(t)|0> is cos t, so d/dt = -sin t
        Circuit c = new Circuit(1, Operation.of(Gate.RX, new Angle.Weight("t", 0), 0));
        for (double t : new double[] {-2.1, 0.3, 1.7}) {
            Gradients.Result r = Gradients.adjoint(c, new double[0], new double[] {t}, List.of(PauliString.z(0)), new double[] {1});
            assertEquals(Math.cos(t), r.expectations()[0], 1e-14);
            assertEquals(-Math.sin(t), r.weightGradient()[0], 1e-14);
        }
    }

    @Test
    void adjointEqualsParameterShiftAndFiniteDifferencesOnRandomCircuits() {
        Random random = new Random(7);
        for (int trial = 0; trial < 8; trial++) {
            int n = 3 + trial % 3;
            Circuit c = randomCircuit(n, 40, random);
            double[] x = random.doubles(c.inputCount(), -1, 1).toArray();
            double[] w = random.doubles(c.weightNames().size(), -3, 3).toArray();
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X1 Y2"), PauliString.parse("Z0 Z" + (n - 1)), PauliString.y(n - 1));
            double[] up = random.doubles(obs.size(), -1, 1).toArray();

            Gradients.Result adj = Gradients.adjoint(c, x, w, obs, up);
            Gradients.Result shift = Gradients.parameterShift(c, x, w, obs, up);
            for (int k = 0; k < w.length; k++) {
                assertEquals(shift.weightGradient()[k], adj.weightGradient()[k], 1e-10, "weight " + k + ", trial " + trial);
                assertEquals(finiteDifference(c, x, w, obs, up, -1, k), adj.weightGradient()[k], 1e-6, "weight " + k);
            }
            for (int i = 0; i < x.length; i++) {
                assertEquals(shift.inputGradient()[i], adj.inputGradient()[i], 1e-10, "input " + i + ", trial " + trial);
                assertEquals(finiteDifference(c, x, w, obs, up, i, -1), adj.inputGradient()[i], 1e-6, "input " + i);
            }
            for (int o = 0; o < obs.size(); o++) {
                assertEquals(Simulator.run(c, x, w).expectation(obs.get(o)), adj.expectations()[o], 1e-12);
            }
        }
    }

    /** Central difference of sum_o up[o] <O_o> in input i (when i >= 0) or weight k. */
    static double finiteDifference(Circuit c, double[] x, double[] w, List<PauliString> obs, double[] up, int i, int k) {
        double h = 1e-5;
        double[] xp = x.clone(), xm = x.clone(), wp = w.clone(), wm = w.clone();
        if (i >= 0) {
            xp[i] += h;
            xm[i] -= h;
        } else {
            wp[k] += h;
            wm[k] -= h;
        }
        return (loss(c, xp, wp, obs, up) - loss(c, xm, wm, obs, up)) / (2 * h);
    }

    static double loss(Circuit c, double[] x, double[] w, List<PauliString> obs, double[] up) {
        StateVector s = Simulator.run(c, x, w);
        double sum = 0;
        for (int o = 0; o < obs.size(); o++) {
            sum += up[o] * s.expectation(obs.get(o));
        }
        return sum;
    }

    /** Every parameterised gate, with and without controls, fed by weights (some shared), inputs and constants. */
    static Circuit randomCircuit(int n, int length, Random random) {
        Gate[] parameterised = {Gate.RX, Gate.RY, Gate.RZ, Gate.P, Gate.U3, Gate.RXX, Gate.RYY, Gate.RZZ};
        Gate[] fixed = {Gate.H, Gate.X, Gate.Y, Gate.S, Gate.T, Gate.SX, Gate.SWAP, Gate.ISWAP};
        List<Operation> ops = new ArrayList<>();
        for (int k = 0; k < length; k++) {
            boolean param = random.nextDouble() < 0.6;
            Gate g = param ? parameterised[random.nextInt(parameterised.length)] : fixed[random.nextInt(fixed.length)];
            List<Integer> qubits = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                qubits.add(q);
            }
            java.util.Collections.shuffle(qubits, random);
            List<Angle> angles = new ArrayList<>();
            for (int p = 0; p < g.params(); p++) {
                double u = random.nextDouble();
                angles.add(u < 0.45 ? new Angle.Weight("w" + random.nextInt(6), 0)
                        : u < 0.8 ? new Angle.Input(random.nextInt(4), 0.5 + random.nextDouble())
                        : new Angle.Constant(random.nextDouble() * 6 - 3));
            }
            List<Integer> targets = qubits.subList(0, g.qubits());
            List<Integer> controls = random.nextDouble() < 0.3 ? List.of(qubits.get(g.qubits())) : List.of();
            ops.add(new Operation(g, targets, controls, angles));
        }
        return new Circuit(n, ops);
    }
}
