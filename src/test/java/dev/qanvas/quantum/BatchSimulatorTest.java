package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The batched path gives exactly what the single-state path gives, sample by sample. */
class BatchSimulatorTest {

    @Test
    void batchedStatesAndGradientsEqualSingleStateOnes() {
        Random random = new Random(5);
        for (int trial = 0; trial < 4; trial++) {
            int n = 3 + trial;
            int batch = trial == 3 ? 300 : 5 + trial; // the last one is large enough to run on several threads
            Circuit c = GradientsTest.randomCircuit(n, 30, random);
            double[][] x = new double[batch][];
            for (int b = 0; b < batch; b++) {
                x[b] = random.doubles(Math.max(1, c.inputCount()), -1, 1).toArray();
            }
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X0 Y" + (n - 1)), PauliString.z(n - 1));
            double[][] up = new double[batch][];
            for (int b = 0; b < batch; b++) {
                up[b] = random.doubles(obs.size(), -1, 1).toArray();
            }

            BatchState states = BatchSimulator.run(c, x, w);
            BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up);
            double[] gwSum = new double[w.length];
            for (int b = 0; b < batch; b++) {
                StateVector single = Simulator.run(c, x[b], w);
                double[] ip = single.inner(states.sample(b));
                assertEquals(1.0, ip[0], 1e-12, "sample " + b);
                Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
                for (int o = 0; o < obs.size(); o++) {
                    assertEquals(g.expectations()[o], r.expectations()[b][o], 1e-12);
                }
                for (int i = 0; i < x[b].length; i++) {
                    assertEquals(g.inputGradient()[i], r.inputGradient()[b][i], 1e-12, "input " + i + " of sample " + b);
                }
                for (int k = 0; k < w.length; k++) {
                    gwSum[k] += g.weightGradient()[k];
                }
            }
            for (int k = 0; k < w.length; k++) {
                assertEquals(gwSum[k], r.weightGradient()[k], 1e-10, "weight " + k);
            }
            double[][] e = states.expectations(obs);
            for (int b = 0; b < batch; b++) {
                assertEquals(r.expectations()[b][1], e[b][1], 1e-12);
            }
        }
    }
}
