package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * The forward pass moves row references for X, CNOT, Toffoli, SWAP and Fredkin, and multiplies
     * runs of fixed one-qubit gates on a wire into one matrix: every gate, with 0-2 controls, in
     * long runs on few wires, must still give the single-state simulator's state, sample by sample,
     * on one tile and on several.
     */
    @Test
    void rowSwapsAndFusedRunsGiveTheSingleStateResult() {
        Random random = new Random(11);
        for (int trial = 0; trial < 6; trial++) {
            int n = 3 + trial % 3;
            List<Operation> ops = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                Gate g = Gate.values()[random.nextInt(Gate.values().length)];
                if (g.qubits() + 2 > n) {
                    continue;
                }
                List<Integer> qubits = new ArrayList<>();
                for (int q = 0; q < n; q++) {
                    qubits.add(q);
                }
                Collections.shuffle(qubits, random);
                if (random.nextDouble() < 0.5) { // runs on wire 0 with nothing controlling them
                    qubits.remove(Integer.valueOf(0));
                    qubits.add(0, 0);
                }
                List<Angle> angles = new ArrayList<>();
                for (int p = 0; p < g.params(); p++) {
                    double u = random.nextDouble();
                    angles.add(u < 0.6 ? new Angle.Constant(random.nextDouble() * 6 - 3)
                            : u < 0.8 ? new Angle.Weight("w" + random.nextInt(3), 0) : new Angle.Input(random.nextInt(2), 1));
                }
                double u = random.nextDouble();
                int controls = u < 0.6 ? 0 : u < 0.85 ? 1 : 2;
                ops.add(new Operation(g, qubits.subList(0, g.qubits()), qubits.subList(g.qubits(), g.qubits() + controls), angles));
            }
            Circuit c = new Circuit(n, ops);
            int batch = trial < 3 ? 7 : 600; // 600 samples run on several tiles
            double[][] x = new double[batch][];
            for (int b = 0; b < batch; b++) {
                x[b] = random.doubles(Math.max(2, c.inputCount()), -2, 2).toArray();
            }
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            BatchState states = BatchSimulator.run(c, x, w);
            for (int b = 0; b < batch; b += trial < 3 ? 1 : 37) {
                double[] ip = Simulator.run(c, x[b], w).inner(states.sample(b));
                assertEquals(1.0, ip[0], 1e-12, "trial " + trial + ", sample " + b);
                assertEquals(0.0, ip[1], 1e-12, "trial " + trial + ", sample " + b);
            }
        }
    }

    /**
     * The forward pass applies up to three real gates shared by all samples on different wires in
     * one sweep (with the Vector API), running the row exchanges of permutations between them
     * first when those touch none of the group's earlier wires. Layers of such gates (weight RY,
     * fixed RY, H, X) between CNOTs, SWAPs, Toffolis and CZs on random wires, some touching the
     * group's wires and some not, then (in half the trials, with Z and CZ) a complex gate: each
     * sample's state must be the single-state simulator's, on one tile and on several, and the
     * expectations and weight gradients too (the real trials' through the real adjoint pass).
     */
    @Test
    void groupedRealGatesAndTheirPermutationsGiveTheSingleStateResult() {
        Random random = new Random(41);
        for (int trial = 0; trial < 8; trial++) {
            int n = 3 + trial % 4;
            // Odd trials bring Z, CZ and complex gates. Even ones stay real, so their adjoint takes the
            // real pass, which undoes two weight rotations in one sweep past permutations that commute.
            boolean real = trial % 2 == 0;
            Gate[] shared = real ? new Gate[] {Gate.RY, Gate.H, Gate.X} : new Gate[] {Gate.RY, Gate.H, Gate.X, Gate.Z};
            List<Operation> ops = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, new Angle.Input(q % 2, 1.1), q));
            }
            int weights = 0;
            for (int k = 0; k < 40; k++) {
                int q = random.nextInt(n), r = (q + 1 + random.nextInt(n - 1)) % n, s = random.nextInt(n);
                double u = random.nextDouble();
                if (u < 0.45) {
                    ops.add(Operation.of(Gate.RY, new Angle.Weight("w" + weights++, 0), q));
                } else if (u < 0.6) {
                    Gate g = shared[random.nextInt(shared.length)];
                    ops.add(g == Gate.RY ? Operation.of(g, random.nextDouble() * 6 - 3, q) : Operation.of(g, q));
                } else if (u < 0.8) {
                    ops.add(Operation.cnot(q, r));
                } else if (u < 0.88) {
                    ops.add(new Operation(Gate.SWAP, List.of(q, r), List.of(), List.of()));
                } else if (u < 0.95 && s != q && s != r) {
                    ops.add(new Operation(Gate.X, List.of(s), List.of(q, r), List.of())); // Toffoli
                } else if (real) {
                    ops.add(Operation.cnot(r, q));
                } else {
                    ops.add(new Operation(Gate.Z, List.of(r), List.of(q), List.of())); // CZ: a diagonal ends a group
                }
            }
            if (!real) { // a complex gate after: the rest runs on complex rows
                ops.add(Operation.of(Gate.RX, new Angle.Weight("w" + weights++, 0), 0));
                ops.add(Operation.of(Gate.RY, new Angle.Weight("w" + weights++, 0), 1));
                ops.add(Operation.cnot(0, 2));
                ops.add(Operation.of(Gate.RY, new Angle.Weight("w" + weights++, 0), 2));
            }
            Circuit c = new Circuit(n, ops);
            int batch = trial < 4 ? 13 : (1 << 16 >> n) + 21; // the second half on two tiles
            double[][] x = new double[batch][];
            for (int b = 0; b < batch; b++) {
                x[b] = random.doubles(2, -2, 2).toArray();
            }
            double[] w = random.doubles(weights, -2, 2).toArray();
            BatchState states = BatchSimulator.run(c, x, w, 2);
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("Z1 Z" + (n - 1)));
            double[][] expectations = BatchSimulator.expectations(c, x, w, obs, 2);
            double[][] up = new double[batch][obs.size()];
            for (double[] row : up) {
                row[0] = random.nextGaussian();
                row[1] = random.nextGaussian();
            }
            BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up, 2);
            double[] gwSum = new double[w.length];
            for (int b = 0; b < batch; b++) {
                StateVector single = Simulator.run(c, x[b], w);
                double[] ip = single.inner(states.sample(b));
                String where = "trial " + trial + ", sample " + b;
                assertEquals(1.0, ip[0], 1e-12, where);
                assertEquals(0.0, ip[1], 1e-12, where);
                for (int o = 0; o < obs.size(); o++) {
                    assertEquals(single.expectation(obs.get(o)), expectations[b][o], 1e-12, "observable " + o + ", " + where);
                }
                Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
                for (int k = 0; k < w.length; k++) {
                    gwSum[k] += g.weightGradient()[k];
                }
            }
            for (int k = 0; k < w.length; k++) {
                assertEquals(gwSum[k], r.weightGradient()[k], 1e-8, "weight " + k + ", trial " + trial);
            }
        }
    }

    /**
     * Circuits of real gates only (RY of inputs and weights, H, X, CNOT, Toffoli, SWAP, controlled
     * RY) measured with real observables keep every amplitude real, and the simulator then updates
     * real parts only: states, expectations and gradients must still match the single-state path,
     * and the weight gradient must match central finite differences of the expectation.
     */
    @Test
    void realCircuitsGiveTheSameStatesAndGradients() {
        Random random = new Random(21);
        Gate[] real = {Gate.RY, Gate.H, Gate.X, Gate.SWAP};
        for (int trial = 0; trial < 4; trial++) {
            int n = 3 + trial;
            List<Operation> ops = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, new Angle.Input(q, 0.8), q));
            }
            for (int k = 0; k < 40; k++) {
                Gate g = real[random.nextInt(real.length)];
                List<Integer> qubits = new ArrayList<>();
                for (int q = 0; q < n; q++) {
                    qubits.add(q);
                }
                Collections.shuffle(qubits, random);
                List<Angle> angles = g == Gate.RY ? List.of(random.nextBoolean() ? new Angle.Weight("w" + random.nextInt(5), 0)
                        : new Angle.Input(random.nextInt(n), 1.3)) : List.of();
                int controls = Math.min(n - g.qubits(), random.nextInt(3));
                ops.add(new Operation(g, qubits.subList(0, g.qubits()), qubits.subList(g.qubits(), g.qubits() + controls), angles));
            }
            Circuit c = new Circuit(n, ops);
            int batch = trial % 2 == 0 ? 9 : 400;
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X0 Z" + (n - 1)), PauliString.parse("Y0 Y1"));
            double[][][] xUp = inputsAndUpstream(random, batch, n, obs.size());
            double[][] x = xUp[0], up = xUp[1];
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up);
            double[] gwSum = new double[w.length];
            for (int b = 0; b < batch; b += batch > 100 ? 23 : 1) {
                Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
                for (int o = 0; o < obs.size(); o++) {
                    assertEquals(g.expectations()[o], r.expectations()[b][o], 1e-12);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(g.inputGradient()[i], r.inputGradient()[b][i], 1e-11, "input " + i + " of sample " + b);
                }
            }
            // The weight gradient of sum_b sum_o up[b][o] <O_o>_b, against central differences.
            for (int k = 0; k < w.length; k++) {
                double h = 1e-5;
                double[] plus = w.clone(), minus = w.clone();
                plus[k] += h;
                minus[k] -= h;
                double fd = (weighted(c, x, plus, obs, up) - weighted(c, x, minus, obs, up)) / (2 * h);
                assertEquals(fd, r.weightGradient()[k], 1e-6 * Math.max(1, Math.abs(fd)), "weight " + k + ", trial " + trial);
            }
        }
    }

    /**
     * The chunked forward pass ({@code BatchSimulator.expectations}: cache-sized chunks whose rows
     * are reused, Z-type observables measured from shared probabilities) against the states of
     * {@code run} measured one observable at a time with {@code BatchState.expectation}, and
     * against the single-state simulator: batches below, at and across chunk boundaries, on one
     * thread and on two, real and complex circuits, diagonal and non-diagonal observables.
     */
    @Test
    void chunkedExpectationsEqualTheStraightforwardOnes() {
        Random random = new Random(33);
        for (int n = 1; n <= 7; n++) {
            int chunk = BatchSimulator.chunk(n, 600); // 600 when the circuit is too wide to chunk
            for (int batch : new int[] {1, 5, chunk, chunk + 1, 2 * chunk + 3, 700}) {
                Circuit c = n >= 3 && (n + batch) % 2 == 0 ? GradientsTest.randomCircuit(n, 25, random) : quanvolutionLike(n, random);
                double[][] x = new double[batch][];
                for (int b = 0; b < batch; b++) {
                    x[b] = random.doubles(Math.max(n, c.inputCount()), -2, 2).toArray();
                }
                double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
                List<PauliString> obs = new ArrayList<>();
                for (int q = 0; q < n; q++) {
                    obs.add(PauliString.z(q));
                }
                obs.add(PauliString.parse("X0"));
                if (n > 1) {
                    obs.add(PauliString.parse("Z0 Z" + (n - 1)));
                    obs.add(PauliString.parse("Y0 X" + (n - 1)));
                }
                BatchState states = BatchSimulator.run(c, x, w, 1);
                double[][][] straight = new double[obs.size()][][];
                for (int o = 0; o < obs.size(); o++) {
                    double[][] flat = states.flatAmplitudes();
                    double[][] re = new double[1 << n][batch], im = new double[1 << n][batch];
                    for (int idx = 0; idx < 1 << n; idx++) {
                        System.arraycopy(flat[0], idx * batch, re[idx], 0, batch);
                        System.arraycopy(flat[1], idx * batch, im[idx], 0, batch);
                    }
                    straight[o] = new double[][] {BatchState.expectation(re, im, n, batch, 0, batch, obs.get(o))};
                }
                for (int threads = 1; threads <= 2; threads++) {
                    double[][] e = BatchSimulator.expectations(c, x, w, obs, threads);
                    for (int b = 0; b < batch; b++) {
                        StateVector single = b % 37 == 0 ? Simulator.run(c, x[b], w) : null;
                        for (int o = 0; o < obs.size(); o++) {
                            String where = "n " + n + ", batch " + batch + ", threads " + threads + ", sample " + b + ", " + obs.get(o);
                            assertEquals(straight[o][0][b], e[b][o], 1e-13, where);
                            if (single != null) {
                                assertEquals(single.expectation(obs.get(o)), e[b][o], 1e-12, where);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * From |0...0>, the forward pass builds a leading run of real one-qubit gates on fresh wires
     * as a product state, skipping the zero rows: it must give the gate-by-gate state, for runs of
     * input RY, weight RY and fixed H (fused with a later fixed gate on its wire), ending at a
     * wire's second gate, a controlled gate or a complex one, with some wires never touched.
     */
    @Test
    void productStatePrefixGivesTheGateByGateStates() {
        Random random = new Random(8);
        List<List<Operation>> prefixes = List.of(
                List.of(Operation.of(Gate.H, 0), Operation.of(Gate.RY, new Angle.Input(0, 1.1), 1),
                        Operation.of(Gate.RY, new Angle.Weight("a", 0), 2), Operation.of(Gate.RY, new Angle.Input(1, 0.7), 1)),
                List.of(Operation.of(Gate.RY, new Angle.Input(2, 1.0), 3), Operation.of(Gate.H, 1),
                        new Operation(Gate.RY, List.of(0), List.of(1), List.of(new Angle.Input(0, 1.0)))),
                List.of(Operation.of(Gate.RY, new Angle.Input(0, 2.0), 0), Operation.of(Gate.RX, new Angle.Input(1, 1.0), 2),
                        Operation.of(Gate.RY, new Angle.Input(1, 1.0), 4)),
                List.of(Operation.of(Gate.H, 4), Operation.of(Gate.H, 2), Operation.of(Gate.RY, 0.4, 2)));
        for (List<Operation> prefix : prefixes) {
            List<Operation> ops = new ArrayList<>(prefix);
            ops.add(new Operation(Gate.X, List.of(3), List.of(0), List.of()));
            ops.add(Operation.of(Gate.RZ, 0.9, 1));
            ops.add(Operation.of(Gate.RY, new Angle.Input(2, 0.5), 0));
            Circuit c = new Circuit(5, ops);
            int batch = 41;
            double[][] x = new double[batch][];
            for (int b = 0; b < batch; b++) {
                x[b] = random.doubles(3, -2, 2).toArray();
            }
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            BatchState states = BatchSimulator.run(c, x, w, 1);
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X1 Z3"), PauliString.parse("Z2 Z4"));
            double[][] e = BatchSimulator.expectations(c, x, w, obs, 1);
            for (int b = 0; b < batch; b++) {
                StateVector single = Simulator.run(c, x[b], w);
                StateVector batched = states.sample(b);
                for (int idx = 0; idx < 1 << 5; idx++) {
                    assertEquals(single.re[idx], batched.re[idx], 1e-14, "amplitude " + idx + " of sample " + b + ", " + prefix);
                    assertEquals(single.im[idx], batched.im[idx], 1e-14, "amplitude " + idx + " of sample " + b + ", " + prefix);
                }
                for (int o = 0; o < obs.size(); o++) {
                    assertEquals(single.expectation(obs.get(o)), e[b][o], 1e-13);
                }
            }
        }
    }

    /**
     * Runs of fixed diagonal gates (every DIAGONAL gate of the table, on random wires, with 0-2
     * controls) are multiplied into one phase per basis state: between input rotations (so the
     * states are not product states), with only sign phases (Z, CZ: the real-amplitude path) and
     * with complex ones, every sample's state must be the single-state simulator's, on one thread
     * and two, and the chunked expectations must agree with it.
     */
    @Test
    void diagonalRunsGiveTheSingleStateResult() {
        Random random = new Random(17);
        List<Gate> diagonal = new ArrayList<>();
        for (Gate g : Gate.values()) {
            if (g.kind() == Gate.Kind.DIAGONAL) {
                diagonal.add(g);
            }
        }
        for (int trial = 0; trial < 8; trial++) {
            int n = 2 + trial % 4;
            boolean signsOnly = trial % 2 == 0;
            List<Operation> ops = new ArrayList<>();
            for (int block = 0; block < 4; block++) {
                for (int q = 0; q < n; q++) {
                    ops.add(block % 2 == 0 ? Operation.of(Gate.RY, new Angle.Input(q, 1.1), q) : Operation.of(Gate.H, q));
                }
                ops.add(Operation.cnot(0, n - 1));
                for (int k = 0; k < 2 + random.nextInt(6); k++) {
                    Gate g = signsOnly ? Gate.Z : diagonal.get(random.nextInt(diagonal.size()));
                    if (g.qubits() > n) {
                        continue;
                    }
                    List<Integer> qubits = new ArrayList<>();
                    for (int q = 0; q < n; q++) {
                        qubits.add(q);
                    }
                    Collections.shuffle(qubits, random);
                    List<Angle> angles = new ArrayList<>();
                    for (int p = 0; p < g.params(); p++) {
                        angles.add(random.nextBoolean() ? new Angle.Constant(random.nextDouble() * 6 - 3)
                                : new Angle.Weight("w" + random.nextInt(3), 0));
                    }
                    int controls = Math.min(n - g.qubits(), random.nextInt(3));
                    ops.add(new Operation(g, qubits.subList(0, g.qubits()), qubits.subList(g.qubits(), g.qubits() + controls), angles));
                }
            }
            Circuit c = new Circuit(n, ops);
            int batch = trial < 4 ? 5 : 300;
            double[][] x = new double[batch][];
            for (int b = 0; b < batch; b++) {
                x[b] = random.doubles(n, -2, 2).toArray();
            }
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X0 Y" + (n - 1)));
            for (int threads = 1; threads <= 2; threads++) {
                BatchState states = BatchSimulator.run(c, x, w, threads);
                double[][] e = BatchSimulator.expectations(c, x, w, obs, threads);
                for (int b = 0; b < batch; b += batch > 100 ? 13 : 1) {
                    StateVector single = Simulator.run(c, x[b], w);
                    StateVector batched = states.sample(b);
                    for (int idx = 0; idx < 1 << n; idx++) {
                        assertEquals(single.re[idx], batched.re[idx], 1e-13, "trial " + trial + ", amplitude " + idx + " of sample " + b);
                        assertEquals(single.im[idx], batched.im[idx], 1e-13, "trial " + trial + ", amplitude " + idx + " of sample " + b);
                    }
                    for (int o = 0; o < obs.size(); o++) {
                        assertEquals(single.expectation(obs.get(o)), e[b][o], 1e-13, "trial " + trial + ", observable " + o);
                    }
                }
            }
        }
    }

    /**
     * Every one-angle gate fed by an input or by a product of inputs (as the ZZ feature map's
     * phases are), on random wires with 0 or 1 control: the batched states, expectations and
     * input gradients (their matrices built per sample from the gate's trigonometric form) must
     * be the single-state simulator's and the single-state adjoint's.
     */
    @Test
    void inputFedGatesOfEveryKindGiveTheSingleStateResults() {
        Random random = new Random(29);
        List<Gate> oneAngle = new ArrayList<>();
        for (Gate g : Gate.values()) {
            if (g.params() == 1) {
                oneAngle.add(g);
            }
        }
        for (int trial = 0; trial < 6; trial++) {
            int n = 3 + trial % 2;
            List<Operation> ops = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.H, q));
            }
            for (int k = 0; k < 24; k++) {
                Gate g = oneAngle.get(random.nextInt(oneAngle.size()));
                List<Integer> qubits = new ArrayList<>();
                for (int q = 0; q < n; q++) {
                    qubits.add(q);
                }
                Collections.shuffle(qubits, random);
                Angle angle = random.nextBoolean() ? new Angle.Input(random.nextInt(n), 0.5 + random.nextDouble())
                        : new Angle.Product(List.of(random.nextInt(n), random.nextInt(n)), 0.3 + random.nextDouble());
                int controls = random.nextInt(2);
                ops.add(new Operation(g, qubits.subList(0, g.qubits()), qubits.subList(g.qubits(), g.qubits() + controls), List.of(angle)));
                if (k % 5 == 4) {
                    ops.add(Operation.of(Gate.RY, new Angle.Weight("w" + k, 0.3), qubits.get(0)));
                }
            }
            Circuit c = new Circuit(n, ops);
            int batch = trial % 2 == 0 ? 6 : 150;
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X0 Y" + (n - 1)), PauliString.parse("Z1 Z2"));
            double[][][] xUp = inputsAndUpstream(random, batch, n, obs.size());
            double[][] x = xUp[0], up = xUp[1];
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            BatchState states = BatchSimulator.run(c, x, w);
            BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up);
            for (int b = 0; b < batch; b += batch > 100 ? 11 : 1) {
                StateVector single = Simulator.run(c, x[b], w);
                double[] ip = single.inner(states.sample(b));
                assertEquals(1.0, ip[0], 1e-12, "trial " + trial + ", sample " + b);
                Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
                for (int o = 0; o < obs.size(); o++) {
                    assertEquals(g.expectations()[o], r.expectations()[b][o], 1e-12, "trial " + trial + ", observable " + o);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(g.inputGradient()[i], r.inputGradient()[b][i], 1e-10, "trial " + trial + ", input " + i + " of sample " + b);
                }
            }
        }
    }

    /** Per sample, n inputs in [-2, 2) then k upstream gradients in [-1, 1), drawn in that order: {x, up}. */
    private static double[][][] inputsAndUpstream(Random random, int batch, int n, int k) {
        double[][] x = new double[batch][], up = new double[batch][];
        for (int b = 0; b < batch; b++) {
            x[b] = random.doubles(n, -2, 2).toArray();
            up[b] = random.doubles(k, -1, 1).toArray();
        }
        return new double[][][] {x, up};
    }

    /** Input RY on every wire, then fixed RZ, RX and CNOTs: the quanvolution sample's kind of filter. */
    private static Circuit quanvolutionLike(int n, Random random) {
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.RY, new Angle.Input(q, Math.PI), q));
        }
        for (int k = 0; k < 8; k++) {
            int q = random.nextInt(n);
            if (n > 1 && k % 3 == 2) {
                ops.add(new Operation(Gate.X, List.of(q), List.of((q + 1) % n), List.of()));
            } else {
                ops.add(Operation.of(k % 2 == 0 ? Gate.RZ : Gate.RX, random.nextDouble() * 6, q));
            }
        }
        return new Circuit(n, ops);
    }

    /**
     * The real adjoint pass (one kernel per kind of step, the product-state prefix on its non-zero
     * rows only, the sweep stopped at the first differentiated step, no imaginary adjoint rows for
     * Z-type observables): random real circuits whose prefix mixes input-fed RY (inputs and
     * products), H, fixed and trainable RY on a random subset of wires, then RY (weights, inputs,
     * products, constants), H, X, SWAP with 0-2 controls, on 1 and 2 threads. Expectations and
     * input gradients against the single-state {@code Gradients.adjoint} sample by sample, the
     * summed weight gradient against it and against central differences of the single-state
     * simulator, and input gradients against central differences.
     */
    @Test
    void realAdjointPassGivesTheSingleStateAndFiniteDifferenceGradients() {
        Random random = new Random(31);
        for (int trial = 0; trial < 8; trial++) {
            int n = 2 + trial % 5;
            List<Integer> wires = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                wires.add(q);
            }
            Collections.shuffle(wires, random);
            List<Operation> ops = new ArrayList<>();
            int weights = 0;
            for (int q : wires.subList(0, 1 + random.nextInt(n))) { // the prefix: each wire once
                int kind = random.nextInt(5);
                ops.add(kind == 0 ? Operation.of(Gate.H, q)
                        : kind == 1 ? Operation.of(Gate.RY, random.nextDouble() * 3, q)
                        : kind == 2 ? Operation.of(Gate.RY, new Angle.Weight("w" + weights++, 0), q)
                        : kind == 3 ? Operation.of(Gate.RY, new Angle.Product(List.of(random.nextInt(n), random.nextInt(n)), 0.7), q)
                        : Operation.of(Gate.RY, new Angle.Input(random.nextInt(n), 1.1), q));
            }
            Gate[] real = {Gate.RY, Gate.RY, Gate.H, Gate.X, Gate.SWAP};
            for (int k = 0; k < 30; k++) {
                Gate g = real[random.nextInt(real.length)];
                if (g.qubits() > n) {
                    continue;
                }
                Collections.shuffle(wires, random);
                int kind = random.nextInt(4);
                List<Angle> angles = g != Gate.RY ? List.of()
                        : List.of(kind == 0 ? new Angle.Weight("w" + random.nextInt(weights + 1), 0)
                        : kind == 1 ? new Angle.Input(random.nextInt(n), -0.9)
                        : kind == 2 ? new Angle.Product(List.of(random.nextInt(n), random.nextInt(n)), 0.4)
                        : new Angle.Constant(random.nextDouble() * 6 - 3, "c"));
                int controls = Math.min(n - g.qubits(), random.nextInt(3));
                ops.add(new Operation(g, wires.subList(0, g.qubits()), wires.subList(g.qubits(), g.qubits() + controls), angles));
            }
            Circuit c = new Circuit(n, ops);
            int threads = 1 + trial % 2;
            int batch = threads == 2 ? (1 << 16 >> n) + 100 : 7; // two tiles need 2^16 amplitudes
            List<PauliString> obs = trial % 4 < 2 ? List.of(PauliString.z(0), PauliString.parse("Z0 Z" + (n - 1)))
                    : List.of(PauliString.parse("X" + (n - 1)), PauliString.z(0), PauliString.parse(n > 1 ? "Y0 Y1" : "X0"));
            double[][][] xUp = inputsAndUpstream(random, batch, n, obs.size());
            double[][] x = xUp[0], up = xUp[1];
            double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
            BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up, threads);
            double[] gwSum = new double[w.length];
            for (int b = 0; b < batch; b++) {
                Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
                for (int o = 0; o < obs.size(); o++) {
                    assertEquals(g.expectations()[o], r.expectations()[b][o], 1e-12);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(g.inputGradient()[i], r.inputGradient()[b][i], 1e-11, "input " + i + " of sample " + b + ", trial " + trial);
                }
                for (int k = 0; k < w.length; k++) {
                    gwSum[k] += g.weightGradient()[k];
                }
            }
            for (int k = 0; k < w.length; k++) {
                assertEquals(gwSum[k], r.weightGradient()[k], 1e-9, "weight " + k + ", trial " + trial);
            }
            double h = 1e-5;
            for (int b = 0; b < batch; b += 97) {
                for (int i = 0; i < n; i++) {
                    double[] plus = x[b].clone(), minus = x[b].clone();
                    plus[i] += h;
                    minus[i] -= h;
                    double fd = (singleWeighted(c, plus, w, obs, up[b]) - singleWeighted(c, minus, w, obs, up[b])) / (2 * h);
                    assertEquals(fd, r.inputGradient()[b][i], 1e-7, "input " + i + " of sample " + b + " by differences, trial " + trial);
                }
            }
            double[][] few = java.util.Arrays.copyOf(x, 3), fewUp = java.util.Arrays.copyOf(up, 3);
            BatchSimulator.Result small = BatchSimulator.adjoint(c, few, w, obs, fewUp, threads);
            for (int k = 0; k < w.length; k++) {
                double[] plus = w.clone(), minus = w.clone();
                plus[k] += h;
                minus[k] -= h;
                double fd = 0;
                for (int b = 0; b < 3; b++) {
                    fd += (singleWeighted(c, few[b], plus, obs, fewUp[b]) - singleWeighted(c, few[b], minus, obs, fewUp[b])) / (2 * h);
                }
                assertEquals(fd, small.weightGradient()[k], 1e-7, "weight " + k + " by differences, trial " + trial);
            }
        }
    }

    /**
     * Layers of trainable RY on random wires (repeats allowed, some on a constant angle) between
     * CNOTs, after input RY, as hardware-efficient ansatzes are built: the real adjoint pass undoes
     * neighbouring weight rotations two at a time with the Vector API ({@link VectorBatchKernels}).
     * Gradients from the plain adjoint call and from a kept forward, on 1 and 2 threads, against
     * the single-state {@code Gradients.adjoint} sample by sample and central differences of the
     * single-state simulator.
     */
    @Test
    void layersOfWeightRotationsGiveTheSingleStateAndFiniteDifferenceGradients() {
        Random random = new Random(37);
        for (int trial = 0; trial < 6; trial++) {
            int n = 2 + trial % 4;
            List<Operation> ops = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, new Angle.Input(q, 1.3), q));
            }
            int weights = 0;
            for (int layer = 0; layer < 4; layer++) {
                for (int k = 0; k < 2 + random.nextInt(n + 1); k++) {
                    int q = random.nextInt(n);
                    ops.add(random.nextInt(6) == 0 ? Operation.of(Gate.RY, random.nextDouble() * 3, q)
                            : Operation.of(Gate.RY, new Angle.Weight("w" + weights++, 0), q));
                }
                for (int q = 0; q + 1 < n; q++) {
                    ops.add(Operation.cnot(q, q + 1));
                }
            }
            Circuit c = new Circuit(n, ops);
            int threads = 1 + trial % 2;
            int batch = threads == 2 ? (1 << 16 >> n) + 37 : 13;
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("Z0 Z" + (n - 1)));
            double[][][] xUp = inputsAndUpstream(random, batch, n, obs.size());
            double[][] x = xUp[0], up = xUp[1];
            double[] w = random.doubles(weights, -2, 2).toArray();
            BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up, threads);
            BatchSimulator.Result kept = BatchSimulator.adjoint(BatchSimulator.forward(c, x, w, obs, threads), up);
            double[] gwSum = new double[w.length];
            for (int b = 0; b < batch; b++) {
                Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
                for (int i = 0; i < n; i++) {
                    assertEquals(g.inputGradient()[i], r.inputGradient()[b][i], 1e-11, "input " + i + " of sample " + b + ", trial " + trial);
                    assertEquals(g.inputGradient()[i], kept.inputGradient()[b][i], 1e-11, "kept, input " + i + " of sample " + b);
                }
                for (int k = 0; k < w.length; k++) {
                    gwSum[k] += g.weightGradient()[k];
                }
            }
            for (int k = 0; k < w.length; k++) {
                assertEquals(gwSum[k], r.weightGradient()[k], 1e-9, "weight " + k + ", trial " + trial);
                assertEquals(gwSum[k], kept.weightGradient()[k], 1e-9, "kept, weight " + k + ", trial " + trial);
            }
            double h = 1e-5;
            double[][] few = java.util.Arrays.copyOf(x, 9), fewUp = java.util.Arrays.copyOf(up, 9);
            BatchSimulator.Result small = BatchSimulator.adjoint(c, few, w, obs, fewUp, threads);
            for (int k = 0; k < w.length; k++) {
                double[] plus = w.clone(), minus = w.clone();
                plus[k] += h;
                minus[k] -= h;
                double fd = 0;
                for (int b = 0; b < few.length; b++) {
                    fd += (singleWeighted(c, few[b], plus, obs, fewUp[b]) - singleWeighted(c, few[b], minus, obs, fewUp[b])) / (2 * h);
                }
                assertEquals(fd, small.weightGradient()[k], 1e-7, "weight " + k + " by differences, trial " + trial);
            }
        }
    }

    /**
     * The scaled adjoint sweeps over a deep circuit whose weights sit near pi, where each undone
     * rotation divides the rows by a cosine of about 0.005: 160 rotations take the scale past
     * 1e-300, so the pass must multiply the rows back ({@code BatchSimulator.RESCALE_BELOW}) several
     * times. Some weights are exactly pi (cosine 0: undone one gate at a time) and some layers put
     * a CNOT between the rotations. Gradients against the single-state adjoint, sample by sample.
     */
    @Test
    void deepRotationsNearPiKeepTheirScaleAndGiveTheSingleStateGradients() {
        Random random = new Random(41);
        int n = 4;
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.RY, new Angle.Input(q, 1.1), q));
        }
        int weights = 0;
        for (int layer = 0; layer < 40; layer++) {
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, new Angle.Weight("w" + weights++, 0), q));
                if (layer % 3 == 0 && q == 1) {
                    ops.add(Operation.cnot(2, 3));
                }
            }
            ops.add(Operation.cnot(layer % n, (layer + 1) % n));
        }
        Circuit c = new Circuit(n, ops);
        double[] w = new double[weights];
        for (int k = 0; k < weights; k++) {
            w[k] = k % 17 == 5 ? Math.PI : Math.PI + (random.nextBoolean() ? 1 : -1) * (0.005 + random.nextDouble() * 0.01);
        }
        List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("Z1 Z3"));
        double[][][] xUp = inputsAndUpstream(random, 21, n, obs.size());
        double[][] x = xUp[0], up = xUp[1];
        BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up, 1);
        double[] gwSum = new double[weights];
        for (int b = 0; b < x.length; b++) {
            Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
            for (int i = 0; i < n; i++) {
                assertEquals(g.inputGradient()[i], r.inputGradient()[b][i], 1e-11, "input " + i + " of sample " + b);
            }
            for (int k = 0; k < weights; k++) {
                gwSum[k] += g.weightGradient()[k];
            }
        }
        for (int k = 0; k < weights; k++) {
            assertEquals(gwSum[k], r.weightGradient()[k], 1e-9, "weight " + k);
        }
    }

    /**
     * Rotations whose cosines are near the smallest the scaled sweeps take (1.1e-8) and an upstream
     * of 1e170: the products the pass reads stay finite (the rows are multiplied back after each
     * sweep), and the gradients match the single-state adjoint's to 1e-9 relative. Rescaled only
     * before each sweep, the rows reached 1e84 times the true ones and the products overflowed
     * (found in review).
     */
    @Test
    void hugeAdjointsThroughNearlyVanishingCosinesStayFinite() {
        int n = 3;
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.H, q));
        }
        ops.add(Operation.cnot(0, 1));
        ops.add(Operation.of(Gate.RY, new Angle.Input(0, 1), 0));
        int weights = 0;
        for (int layer = 0; layer < 3; layer++) {
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, new Angle.Weight("w" + weights++, 0), q));
            }
        }
        Circuit c = new Circuit(n, ops);
        double[] w = new double[weights];
        java.util.Arrays.fill(w, Math.PI - 2.2e-8);
        List<PauliString> obs = List.of(PauliString.z(0));
        double[][] x = new double[8][], up = new double[8][];
        for (int b = 0; b < 8; b++) {
            x[b] = new double[] {0.1 + 0.2 * b};
            up[b] = new double[] {1e170};
        }
        BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up, 1);
        double[] gwSum = new double[weights];
        for (int b = 0; b < 8; b++) {
            Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
            assertEquals(g.inputGradient()[0], r.inputGradient()[b][0], 1e-9 * Math.abs(g.inputGradient()[0]) + 1e158, "input of sample " + b);
            for (int k = 0; k < weights; k++) {
                gwSum[k] += g.weightGradient()[k];
            }
        }
        for (int k = 0; k < weights; k++) {
            assertTrue(Double.isFinite(r.weightGradient()[k]), "weight " + k + " is finite");
            assertEquals(gwSum[k], r.weightGradient()[k], 1e-9 * Math.abs(gwSum[k]) + 1e158, "weight " + k);
        }
    }

    /** sum_o up[o] <O_o> for one sample, from the single-state simulator. */
    private static double singleWeighted(Circuit c, double[] x, double[] w, List<PauliString> obs, double[] up) {
        StateVector s = Simulator.run(c, x, w);
        double sum = 0;
        for (int o = 0; o < obs.size(); o++) {
            sum += up[o] * s.expectation(obs.get(o));
        }
        return sum;
    }

    private static double weighted(Circuit c, double[][] x, double[] w, List<PauliString> obs, double[][] up) {
        double[][] e = BatchSimulator.run(c, x, w).expectations(obs);
        double sum = 0;
        for (int b = 0; b < x.length; b++) {
            for (int o = 0; o < obs.size(); o++) {
                sum += up[b][o] * e[b][o];
            }
        }
        return sum;
    }

    /**
     * A real plan's tiles share one row of zeros for their imaginary parts: states from
     * {@code run} (1 and 2 tiles) and the chunked expectations equal the single-state ones, with
     * every imaginary part exactly 0, for real circuits with input and weight RY, H, X, CNOT, SWAP,
     * Toffoli and runs of Z and CZ (fused into signs); then a complex circuit's run after them
     * still has its imaginary parts (the rows are not shared between calls or plans).
     */
    @Test
    void realPlansGiveTheSingleStateResultWithImaginaryRowsOfZeros() {
        Random random = new Random(57);
        for (int trial = 0; trial < 3; trial++) {
            int n = 6 + trial;
            List<Operation> ops = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                ops.add(Operation.of(Gate.RY, new Angle.Input(q, 0.9), q));
            }
            for (int k = 0; k < 50; k++) {
                int a = random.nextInt(n), b = (a + 1 + random.nextInt(n - 1)) % n, c = (b + 1) % n == a ? (a + 1) % n : (b + 1) % n;
                ops.add(switch (random.nextInt(7)) {
                    case 0 -> Operation.of(Gate.RY, new Angle.Weight("w" + random.nextInt(6), 0), a);
                    case 1 -> Operation.of(Gate.H, a);
                    case 2 -> Operation.of(Gate.X, a);
                    case 3 -> Operation.cnot(a, b);
                    case 4 -> Operation.of(Gate.SWAP, a, b);
                    case 5 -> Operation.toffoli(a, b, c);
                    default -> random.nextBoolean() ? Operation.of(Gate.Z, a) : Operation.of(Gate.Z, a).controlledBy(b);
                });
            }
            Circuit circuit = new Circuit(n, ops);
            int batch = (1 << 16 >> n) + 3; // two tiles on two threads (2^16 amplitudes)
            double[][] x = new double[batch][];
            for (int s = 0; s < batch; s++) {
                x[s] = random.doubles(n, -3, 3).toArray();
            }
            double[] w = random.doubles(circuit.weightNames().size(), -2, 2).toArray();
            List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("Z0 Z" + (n - 1)), PauliString.x(n - 1));
            for (int threads : new int[] {1, 2}) {
                BatchState states = BatchSimulator.run(circuit, x, w, threads);
                double[][] chunked = BatchSimulator.expectations(circuit, x, w, obs, threads);
                double[] flatIm = states.flatAmplitudes()[1];
                for (double v : flatIm) {
                    assertEquals(0.0, v, 0.0);
                }
                for (int s = 0; s < batch; s += 7) {
                    StateVector single = Simulator.run(circuit, x[s], w);
                    StateVector batched = states.sample(s);
                    for (int idx = 0; idx < 1 << n; idx++) {
                        assertEquals(single.re(idx), batched.re(idx), 1e-13, "trial " + trial + ", sample " + s + ", amplitude " + idx);
                        assertEquals(0.0, batched.im(idx), 0.0);
                    }
                    for (int o = 0; o < obs.size(); o++) {
                        assertEquals(single.expectation(obs.get(o)), chunked[s][o], 1e-12);
                    }
                }
            }
            Circuit complex = circuit.append(Operation.of(Gate.RX, new Angle.Input(0, 1.0), n - 1));
            BatchState after = BatchSimulator.run(complex, x, w, 2);
            for (int s = 0; s < batch; s += 11) {
                StateVector single = Simulator.run(complex, x[s], w);
                assertEquals(1.0, single.inner(after.sample(s))[0], 1e-12);
            }
        }
    }

    /**
     * Batches of 1 to 7 samples run padded to 8 (BatchSimulator.MIN_SAMPLES): every result has
     * the caller's sample count, equals the single-state results, and the kept forward's adjoint
     * is the same bits as the plain adjoint; a wrong upstream count names the caller's count.
     */
    @Test
    void smallBatchesGiveResultsForTheirOwnSamplesOnly() {
        Random random = new Random(61);
        int n = 4;
        List<Operation> ops = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            ops.add(Operation.of(Gate.RY, new Angle.Input(q, 0.8), q));
        }
        for (int k = 0; k < 12; k++) {
            ops.add(Operation.of(k % 3 == 0 ? Gate.RX : Gate.RY, new Angle.Weight("w" + k % 5, 0), k % n));
            ops.add(Operation.cnot(k % n, (k + 1) % n));
        }
        Circuit c = new Circuit(n, ops);
        double[] w = random.doubles(c.weightNames().size(), -2, 2).toArray();
        List<PauliString> obs = List.of(PauliString.z(0), PauliString.parse("X1 Z3"));
        for (int batch = 1; batch < BatchSimulator.MIN_SAMPLES; batch++) {
            double[][][] xUp = inputsAndUpstream(random, batch, n, obs.size());
            double[][] x = xUp[0], up = xUp[1];
            BatchState states = BatchSimulator.run(c, x, w);
            assertEquals(batch, states.batch());
            assertEquals(batch << n, states.flatAmplitudes()[0].length);
            int last = batch;
            org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> states.sample(last));
            double[][] e = BatchSimulator.expectations(c, x, w, obs);
            BatchSimulator.Result r = BatchSimulator.adjoint(c, x, w, obs, up);
            BatchSimulator.Forward f = BatchSimulator.forward(c, x, w, obs);
            assertEquals(batch, f.expectations().length);
            org.junit.jupiter.api.Assertions.assertTrue(f.matches(c, x, w, obs));
            BatchSimulator.Result kept = BatchSimulator.adjoint(f, up);
            assertEquals(batch, e.length);
            assertEquals(batch, r.expectations().length);
            assertEquals(batch, r.inputGradient().length);
            assertEquals(batch, kept.inputGradient().length);
            org.junit.jupiter.api.Assertions.assertArrayEquals(r.weightGradient(), kept.weightGradient(), 0.0);
            double[] gw = new double[w.length];
            for (int b = 0; b < batch; b++) {
                Gradients.Result g = Gradients.adjoint(c, x[b], w, obs, up[b]);
                assertEquals(1.0, Simulator.run(c, x[b], w).inner(states.sample(b))[0], 1e-12);
                org.junit.jupiter.api.Assertions.assertArrayEquals(r.expectations()[b], kept.expectations()[b], 0.0);
                org.junit.jupiter.api.Assertions.assertArrayEquals(r.inputGradient()[b], kept.inputGradient()[b], 0.0);
                for (int o = 0; o < obs.size(); o++) {
                    assertEquals(g.expectations()[o], e[b][o], 1e-12);
                    assertEquals(g.expectations()[o], r.expectations()[b][o], 1e-12);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(g.inputGradient()[i], r.inputGradient()[b][i], 1e-12);
                }
                for (int k = 0; k < w.length; k++) {
                    gw[k] += g.weightGradient()[k];
                }
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(gw, r.weightGradient(), 1e-12);
            double[][] shortUp = java.util.Arrays.copyOf(up, batch + 1);
            shortUp[batch] = new double[obs.size()];
            IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> BatchSimulator.adjoint(c, x, w, obs, shortUp));
            assertEquals(batch + " samples but " + (batch + 1) + " upstream rows", wrong.getMessage());
        }
    }
}
