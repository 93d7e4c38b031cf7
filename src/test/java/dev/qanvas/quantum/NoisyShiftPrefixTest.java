package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The noisy parameter-shift rule that starts each shifted run from the unshifted density matrix
 * before its gate, against the general rule that runs every shifted circuit from |0><0| as a
 * program: the same bits exactly (exact and with shots, the draws in the same order), and against
 * central finite differences of the exact noisy expectation.
 */
class NoisyShiftPrefixTest {

    private static final NoiseModel NOISE = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.06))
            .afterEveryGate(Channel.amplitudeDamping(0.12)).with(new NoiseModel.GateNoise("cx", null, Channel.phaseDamping(0.25)))
            .with(new NoiseModel.GateNoise("ry", 1, Channel.bitFlip(0.04)));

    private static final List<PauliString> OBS = List.of(PauliString.z(0), PauliString.parse("X1 Z2"), PauliString.parse("Y0 Y2"));

    /**
     * A random 3-qubit circuit: weight w0 drives two gates, the others one or more at random; an
     * input angle, a product of inputs, a three-angle U3 with one constant angle, controlled
     * rotations (four-term rule), constant gates in between.
     */
    private static Circuit randomCircuit(Random random) {
        int n = 3;
        Gate[] rotations = {Gate.RX, Gate.RY, Gate.RZ, Gate.P, Gate.RZZ};
        List<Operation> ops = new ArrayList<>();
        ops.add(Operation.of(Gate.RY, new Angle.Weight("w0", 0.8), 0));
        ops.add(Operation.of(Gate.RX, new Angle.Input(1, 0.7), 2));
        for (int k = 0; k < 7; k++) {
            Gate g = rotations[random.nextInt(rotations.length)];
            Angle angle = random.nextInt(3) == 0 ? new Angle.Input(random.nextInt(2), 1.3)
                    : new Angle.Weight("w" + (1 + random.nextInt(3)), random.nextDouble() * 3);
            int t = random.nextInt(n);
            Operation op = g == Gate.RZZ ? Operation.of(g, List.of(angle), t, (t + 1) % n) : Operation.of(g, angle, t);
            if (g != Gate.RZZ && random.nextInt(3) == 0) {
                op = op.controlledBy((t + 2) % n);
            }
            ops.add(op);
            ops.add(Operation.of(Gate.H, random.nextInt(n)));
            ops.add(Operation.cnot(k % n, (k + 1) % n));
        }
        ops.add(Operation.of(Gate.U3, List.of(new Angle.Weight("w2", 0.3), new Angle.Constant(0.9),
                new Angle.Product(List.of(0, 1), 0.5)), 1));
        ops.add(Operation.of(Gate.RZ, new Angle.Weight("w0", 0.8), 2)); // w0's second gate
        ops.add(Operation.cnot(2, 0));
        return new Circuit(n, ops);
    }

    /** The general rule: every shifted circuit run from |0><0| as its own program, read through {@code read}. */
    private static Gradients.Result fullRerun(Circuit c, double[] x, double[] w, NoiseModel noise, double[] up,
            java.util.function.UnaryOperator<double[]> read) {
        return Gradients.parameterShift(c, x, w, OBS, up, (c2, x2, w2) -> {
            DensityMatrix rho = ProgramRunner.finalState(Program.of(c2, x2, w2), noise);
            return read.apply(OBS.stream().mapToDouble(rho::expectation).toArray());
        });
    }

    private static double loss(Circuit c, double[] x, double[] w, double[] up) {
        return NoisyGradientsTest.loss(c, x, w, NOISE, OBS, up);
    }

    @Test
    void exactGradientsAreTheFullRerunsBitForBitAndMatchFiniteDifferences() {
        Random random = new Random(5);
        for (int trial = 0; trial < 4; trial++) {
            Circuit c = randomCircuit(random);
            double[] x = {random.nextDouble() * 2, random.nextDouble() * 2};
            double[] w = c.initialWeights();
            double[] up = {0.7, -1.3, 0.4};
            Gradients.Result prefix = Gradients.parameterShift(c, x, w, NOISE, OBS, up);
            Gradients.Result full = fullRerun(c, x, w, NOISE, up, e -> e);
            assertArrayEquals(full.expectations(), prefix.expectations());
            assertArrayEquals(full.weightGradient(), prefix.weightGradient());
            assertArrayEquals(full.inputGradient(), prefix.inputGradient());
            double h = 1e-5;
            for (int i = 0; i < w.length; i++) {
                double[] wp = w.clone(), wm = w.clone();
                wp[i] += h;
                wm[i] -= h;
                double fd = (loss(c, x, wp, up) - loss(c, x, wm, up)) / (2 * h);
                assertEquals(fd, prefix.weightGradient()[i], 1e-8, "weight " + c.weightNames().get(i));
            }
            for (int i = 0; i < x.length; i++) {
                double[] xp = x.clone(), xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                double fd = (loss(c, xp, w, up) - loss(c, xm, w, up)) / (2 * h);
                assertEquals(fd, prefix.inputGradient()[i], 1e-8, "input " + i);
            }
        }
    }

    @Test
    void shotEstimatesDrawTheSameNumbersInTheSameOrder() {
        Random random = new Random(8);
        NoiseModel noise = NOISE.withReadout(0.03).withReadout(2, 0.07);
        for (long shots : new long[] {0, 1000}) {
            Circuit c = randomCircuit(random);
            double[][] x = {{0.3, 1.1}, {1.7, -0.4}, {0.9, 0.2}};
            double[] w = c.initialWeights();
            double[][] up = {{0.7, -1.3, 0.4}, {-0.2, 0.5, 1.0}, {1.1, 0.0, -0.6}};
            QuantumExecution device = new QuantumExecution(noise, shots, 17);
            BatchSimulator.Result got = device.gradients(c, x, w, OBS, up);
            // The general rule per row, each row drawing from the seed taken in row order from the execution's seed.
            Random stream = new Random(17);
            double[] weightGradient = new double[w.length];
            for (int b = 0; b < x.length; b++) {
                Random rowRandom = new Random(stream.nextLong());
                Gradients.Result full = fullRerun(c, x[b], w, noise, up[b], e -> {
                    for (int k = 0; k < e.length; k++) {
                        e[k] = device.estimate(e[k] * device.readoutFactor(OBS.get(k)), rowRandom);
                    }
                    return e;
                });
                assertArrayEquals(full.expectations(), got.expectations()[b], "row " + b + ", " + shots + " shots");
                assertArrayEquals(full.inputGradient(), got.inputGradient()[b], "row " + b + ", " + shots + " shots");
                for (int i = 0; i < w.length; i++) {
                    weightGradient[i] += full.weightGradient()[i];
                }
            }
            assertArrayEquals(weightGradient, got.weightGradient(), shots + " shots");
        }
    }

    @Test
    void aCircuitThatIsNotUnitaryIsRefusedAsBefore() {
        Circuit c = new Circuit(2, List.of(Operation.of(Gate.RY, new Angle.Weight("a", 0.4), 0), Operation.measure(0, 0),
                Operation.of(Gate.RX, new Angle.Weight("b", 0.2), 1).when(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gradients.parameterShift(c, new double[0], c.initialWeights(), NOISE, OBS.subList(0, 1), new double[] {1}));
        assertEquals(true, e.getMessage().startsWith("a gradient needs a unitary circuit"), e.getMessage());
    }
}
