package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Parameter-shift gradients on the density matrix under noise, against central finite differences. */
class NoisyGradientsTest {

    /** sum_o upstream[o] tr(rho O_o) at weights w (inputs x). */
    static double loss(Circuit c, double[] x, double[] w, NoiseModel noise, List<PauliString> obs, double[] up) {
        DensityMatrix rho = ProgramRunner.finalState(Program.of(c, x, w), noise);
        double s = 0;
        for (int o = 0; o < obs.size(); o++) {
            s += up[o] * rho.expectation(obs.get(o));
        }
        return s;
    }

    @Test
    void parameterShiftUnderNoiseMatchesFiniteDifferences() {
        Random random = new Random(21);
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.08))
                .afterEveryGate(Channel.amplitudeDamping(0.15)).with(new NoiseModel.GateNoise("cx", null, Channel.phaseDamping(0.3)));
        Gate[] rotations = {Gate.RX, Gate.RY, Gate.RZ, Gate.P};
        for (int trial = 0; trial < 4; trial++) {
            int n = 3;
            List<Operation> ops = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                Gate g = rotations[random.nextInt(rotations.length)];
                int t = random.nextInt(n);
                Angle angle = random.nextInt(3) == 0 ? new Angle.Input(random.nextInt(2), 0.7)
                        : new Angle.Weight("w" + random.nextInt(4), random.nextDouble() * 3);
                Operation op = Operation.of(g, angle, t);
                if (random.nextInt(3) == 0) {
                    op = op.controlledBy((t + 1) % n); // controlled rotations take the four-term rule
                }
                ops.add(op);
                ops.add(Operation.of(Gate.H, random.nextInt(n)));
                ops.add(Operation.cnot(k % n, (k + 1) % n));
            }
            Circuit c = new Circuit(n, ops);
            double[] x = {random.nextDouble(), random.nextDouble()};
            double[] w = c.initialWeights();
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X1 Z2"));
            double[] up = {0.7, -1.3};
            Gradients.Result r = Gradients.parameterShift(c, x, w, noise, obs, up);
            double h = 1e-5;
            for (int i = 0; i < w.length; i++) {
                double[] wp = w.clone(), wm = w.clone();
                wp[i] += h;
                wm[i] -= h;
                double fd = (loss(c, x, wp, noise, obs, up) - loss(c, x, wm, noise, obs, up)) / (2 * h);
                assertEquals(fd, r.weightGradient()[i], 1e-8, "weight " + c.weightNames().get(i));
            }
            for (int i = 0; i < x.length; i++) {
                double[] xp = x.clone(), xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                double fd = (loss(c, xp, w, noise, obs, up) - loss(c, xm, w, noise, obs, up)) / (2 * h);
                assertEquals(fd, r.inputGradient()[i], 1e-8, "input " + i);
            }
            assertEquals(loss(c, x, w, noise, List.of(obs.get(0)), new double[] {1}), r.expectations()[0], 1e-12);
            // Without noise the density-matrix shift rule gives adjoint differentiation's gradient.
            Gradients.Result pure = Gradients.adjoint(c, x, w, obs, up);
            Gradients.Result shiftedPure = Gradients.parameterShift(c, x, w, NoiseModel.NONE, obs, up);
            for (int i = 0; i < w.length; i++) {
                assertEquals(pure.weightGradient()[i], shiftedPure.weightGradient()[i], 1e-10);
            }
        }
    }
}
