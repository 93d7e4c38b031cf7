package dev.qanvas.nn.qrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.qanvas.quantum.DensityMatrix;
import dev.qanvas.quantum.NoiseModel;
import dev.qanvas.quantum.ParameterShift;
import dev.qanvas.quantum.PostselectedAdjoint;
import dev.qanvas.quantum.ProgramRunner;
import dev.qanvas.quantum.QuantumNeuron;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The QRNN cell's class distributions against the same circuit run as a device would (mid-circuit
 * measurements on the density-matrix simulator, success branch), and its adjoint gradient through
 * the postselections against the parameter-shift rule and finite differences.
 */
class QrnnCellTest {

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextGaussian();
        }
        return p;
    }

    @Test
    void distributionsEqualTheMeasuredProgramsSuccessBranch() {
        QrnnCell cell = new QrnnCell(1, 2, 1, 2, 2, 1);
        double[] p = random(cell.parameterCount(), 3);
        int[] tokens = {1, 0}; // each measurement has its own classical bit: 2^12 branches at most
        double[][] dist = cell.distributions(tokens, p);
        QrnnCell.Unrolled u = cell.unroll(tokens, p);
        for (int t = 0; t < tokens.length; t++) {
            int after = u.readouts().get(t * (cell.classes() + 1)).after();
            DensityMatrix rho = ProgramRunner.branches(QuantumNeuron.program(u.steps().subList(0, after), cell.qubits()),
                    NoiseModel.NONE).get(0L);
            double[] diag = rho.probabilities();
            double p1 = 0;
            for (int i = 0; i < diag.length; i++) {
                p1 += ((i >> cell.inputLanes()) & 1) == 1 ? diag[i] : 0; // output lane = first cell lane
            }
            assertEquals(p1 / rho.trace(), dist[t][1], 1e-12, "step " + t);
            assertEquals(1, dist[t][0] + dist[t][1], 1e-12);
        }
    }

    @Test
    void adjointGradientThroughPostselectionMatchesShiftRuleAndFiniteDifferences() {
        QrnnCell cell = new QrnnCell(1, 2, 1, 2, 2, 1);
        double[] p = random(cell.parameterCount(), 5);
        int[] tokens = {1, 1, 0};
        QrnnCell.Unrolled u0 = cell.unroll(tokens, p);
        double[] weights = random(u0.readouts().size(), 7);
        PostselectedAdjoint.Result adjoint = PostselectedAdjoint.vectorJacobian(cell.qubits(), u0.steps(), u0.readouts(),
                p.length, v -> weights);
        ParameterShift.Result shift = ParameterShift.vectorJacobian(angles -> {
            QrnnCell.Unrolled u = cell.unroll(tokens, angles);
            return PostselectedAdjoint.values(cell.qubits(), u.steps(), u.readouts());
        }, p, v -> weights);
        for (int j = 0; j < p.length; j++) {
            assertEquals(shift.gradient()[j], adjoint.gradient()[j], 1e-10, "parameter " + j);
        }
        // and the training loss (a log of a ratio) against central differences
        List<QrnnTask.Sequence> seqs = List.of(new QrnnTask.Sequence(tokens, new int[] {1, -1, 0}, new boolean[] {true, false, true}));
        QrnnTraining.LossAndGradient lg = QrnnTraining.lossAndGradient(cell, p, seqs);
        for (int j = 0; j < p.length; j++) {
            double h = 1e-6;
            double[] plus = p.clone(), minus = p.clone();
            plus[j] += h;
            minus[j] -= h;
            double fd = (QrnnTraining.lossAndGradient(cell, plus, seqs).loss() - QrnnTraining.lossAndGradient(cell, minus, seqs).loss()) / (2 * h);
            assertEquals(fd, lg.gradient()[j], 1e-7, "loss, parameter " + j);
        }
    }

    @Test
    void countsParametersAndRefusesBadShapes() {
        // 3 lanes, degree 1: per cell-lane neuron a bias and 2 weights; degree 2 adds 1 pair
        assertEquals(2 * 3, new QrnnCell(1, 2, 1, 1, 1, 1).parameterCount());
        assertEquals(2 * 4, new QrnnCell(1, 2, 1, 1, 2, 1).parameterCount());
        assertEquals(new QrnnCell(2, 3, 2, 1, 2, 2).parameterCount(),
                new QrnnCell(2, 3, 2, 1, 2, 2).neurons().stream().mapToInt(n -> n.terms().size()).sum());
        assertThrows(IllegalArgumentException.class, () -> new QrnnCell(1, 1, 2, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new QrnnCell(8, 8, 1, 2, 1, 1));
        QrnnCell cell = new QrnnCell(1, 2, 1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> cell.unroll(new int[] {2}, new double[cell.parameterCount()]));
    }

    /**
     * The Circuit workspace's drawing of one step ({@link QrnnCell#stepCircuit}), run by the
     * workspace's live-state path (a program with postselections), against the closed form of one
     * neuron on one cell lane: the lane ends in RY(2 q(theta))|0> with q = arctan(tan^2 theta),
     * theta = bias + w x, with success probability cos^4 theta + sin^4 theta; and, for a larger
     * cell, against the training path's distribution after the first step.
     */
    @Test
    void theDrawnStepIsTheCellsFirstStep() {
        QrnnCell one = new QrnnCell(1, 1, 1, 1, 1, 1);
        double[] p = {0.4, 0.9}; // bias, weight of the input lane
        for (int x = 0; x <= 1; x++) {
            double theta = p[0] + p[1] * x;
            double q = Math.atan(Math.pow(Math.tan(theta), 2));
            dev.qanvas.quantum.Circuit c = one.stepCircuit(p);
            dev.qanvas.quantum.MixedStateReport r = dev.qanvas.quantum.MixedStateReport.of(c, new double[] {x}, c.initialWeights(),
                    NoiseModel.NONE, 0, 0);
            assertEquals(Math.pow(Math.cos(theta), 4) + Math.pow(Math.sin(theta), 4), r.successProbability(), 1e-12);
            double lane1 = 0;
            double input1 = 0;
            for (int i = 0; i < r.probabilities().length; i++) {
                lane1 += (i & 2) != 0 ? r.probabilities()[i] : 0;
                input1 += (i & 1) != 0 ? r.probabilities()[i] : 0;
            }
            assertEquals(Math.pow(Math.sin(q), 2), lane1, 1e-12, "x = " + x);
            assertEquals(0, input1, 1e-12, "the input lane is un-written");
        }
        QrnnCell cell = new QrnnCell(2, 3, 2, 2, 2, 1);
        double[] w = random(cell.parameterCount(), 5);
        dev.qanvas.quantum.Circuit c = cell.stepCircuit(w);
        assertEquals(cell.qubits(), c.qubits());
        assertEquals(2, c.inputCount());
        for (int token = 0; token <= cell.maxToken(); token++) {
            dev.qanvas.quantum.MixedStateReport r = dev.qanvas.quantum.MixedStateReport.of(c,
                    new double[] {token & 1, (token >> 1) & 1}, c.initialWeights(), NoiseModel.NONE, 0, 0);
            double[] expected = cell.distributions(new int[] {token}, w)[0];
            double[] drawn = new double[cell.classes()];
            for (int i = 0; i < r.probabilities().length; i++) {
                drawn[(i >> cell.inputLanes()) & (cell.classes() - 1)] += r.probabilities()[i];
            }
            for (int y = 0; y < drawn.length; y++) {
                assertEquals(expected[y], drawn[y], 1e-10, "token " + token + ", class " + y);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> cell.stepCircuit(new double[3]));
    }
}
