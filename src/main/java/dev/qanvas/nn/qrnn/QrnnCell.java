package dev.qanvas.nn.qrnn;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.ParameterShift;
import dev.qanvas.quantum.PostselectedAdjoint;
import dev.qanvas.quantum.PostselectedAdjoint.Readout;
import dev.qanvas.quantum.QuantumNeuron;
import dev.qanvas.quantum.QuantumNeuron.Step;
import dev.qanvas.quantum.RealSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A quantum recurrent cell after Bausch (2020, arXiv:2006.14619), as a real circuit of quantum
 * neurons ({@link QuantumNeuron}) on a workspace of lanes (docs/qrnn.md):
 * <ul>
 * <li>qubits 0..inputLanes-1 are the input lanes: each step writes its token's bits there with X
 *     gates (bit b of the token on lane b) and un-writes them after the cell; the neurons only read
 *     them, so they return to |0>;</li>
 * <li>the next cellLanes qubits are the cell state, kept from step to step; the first outputLanes
 *     of them are read each step as the class distribution (class y = the bits of those lanes, lane
 *     0 the least significant), over 2^outputLanes classes;</li>
 * <li>the last {@code order} qubits are the neurons' ancillas, postselected on 0.</li>
 * </ul>
 * Each step applies {@code layers} rounds of one neuron per cell lane (in order); the neuron on lane
 * c has theta = bias + sum_l w_l x_l (+ sum w_lm x_l x_m when degree 2) over every other input and
 * cell lane, each term one controlled RY on the ancilla. The same parameters serve every step.
 * The state is never renormalised: each step's class probabilities are the output lanes'
 * weights divided by the squared norm (the chance that every neuron so far succeeded), which is
 * what postselecting every neuron gives; amplitude amplification would raise that chance on a
 * device without changing the distribution (docs/qrnn.md).
 */
public record QrnnCell(int inputLanes, int cellLanes, int outputLanes, int order, int degree, int layers) {

    /** The largest workspace this class simulates: 2^qubits amplitudes per state, a copy per postselection. */
    public static final int MAX_QUBITS = 16;

    public QrnnCell {
        if (inputLanes < 1 || cellLanes < 1 || outputLanes < 1 || outputLanes > cellLanes) {
            throw new IllegalArgumentException("a QRNN cell needs at least one input lane and one cell lane, and 1.."
                    + cellLanes + " output lanes among its cell lanes (got " + inputLanes + ", " + cellLanes + ", " + outputLanes + ")");
        }
        if (order < 1 || order > QuantumNeuron.MAX_ORDER) {
            throw new IllegalArgumentException("the neurons' order is 1.." + QuantumNeuron.MAX_ORDER + ", not " + order);
        }
        if (degree < 1 || degree > 2) {
            throw new IllegalArgumentException("the neurons' degree is 1 or 2, not " + degree);
        }
        if (layers < 1 || layers > 8) {
            throw new IllegalArgumentException("a QRNN cell has 1..8 layers of neurons, not " + layers);
        }
        if (inputLanes + cellLanes + order > MAX_QUBITS) {
            throw new IllegalArgumentException("a QRNN cell of " + (inputLanes + cellLanes + order) + " qubits (lanes and ancillas)"
                    + " is over the " + MAX_QUBITS + " this simulator takes");
        }
    }

    public int qubits() {
        return inputLanes + cellLanes + order;
    }

    public int classes() {
        return 1 << outputLanes;
    }

    /** The largest token the input lanes hold. */
    public int maxToken() {
        return (1 << inputLanes) - 1;
    }

    /** The neurons of one step, in order; their parameters are numbered 0..parameterCount()-1. */
    public List<QuantumNeuron> neurons() {
        List<Integer> ancillas = new ArrayList<>();
        for (int j = 0; j < order; j++) {
            ancillas.add(inputLanes + cellLanes + j);
        }
        List<QuantumNeuron> out = new ArrayList<>();
        int p = 0;
        int lanes = inputLanes + cellLanes;
        for (int layer = 0; layer < layers; layer++) {
            for (int c = inputLanes; c < lanes; c++) {
                List<Integer> others = new ArrayList<>();
                for (int l = 0; l < lanes; l++) {
                    if (l != c) {
                        others.add(l);
                    }
                }
                List<QuantumNeuron.Term> terms = new ArrayList<>();
                terms.add(new QuantumNeuron.Term(List.of(), p++));
                for (int l : others) {
                    terms.add(new QuantumNeuron.Term(List.of(l), p++));
                }
                if (degree == 2) {
                    for (int i = 0; i < others.size(); i++) {
                        for (int j = i + 1; j < others.size(); j++) {
                            terms.add(new QuantumNeuron.Term(List.of(others.get(i), others.get(j)), p++));
                        }
                    }
                }
                out.add(new QuantumNeuron(c, ancillas, terms));
            }
        }
        return out;
    }

    public int parameterCount() {
        int others = inputLanes + cellLanes - 1;
        int perNeuron = 1 + others + (degree == 2 ? others * (others - 1) / 2 : 0);
        return layers * cellLanes * perNeuron;
    }

    /** A sequence run through the cell: its steps and, per time step, one readout per class and then the squared norm. */
    public record Unrolled(List<Step> steps, List<Readout> readouts) {
    }

    /** The circuit for a sequence of tokens (each 0..maxToken()) with these parameters. */
    public Unrolled unroll(int[] tokens, double[] parameters) {
        return unroll(tokens, ParameterShift.Angles.of(parameters));
    }

    /** The circuit for a sequence with angles from {@code angles} (which may shift one occurrence: {@link ParameterShift}). */
    public Unrolled unroll(int[] tokens, ParameterShift.Angles angles) {
        if (angles.parameterCount() != parameterCount()) {
            throw new IllegalArgumentException("the cell has " + parameterCount() + " parameters, not " + angles.parameterCount());
        }
        List<QuantumNeuron> neurons = neurons();
        List<Step> steps = new ArrayList<>();
        List<Readout> readouts = new ArrayList<>();
        int outMask = ((1 << outputLanes) - 1) << inputLanes;
        for (int token : tokens) {
            if (token < 0 || token > maxToken()) {
                throw new IllegalArgumentException("token " + token + " does not fit " + inputLanes + " input lanes (0.." + maxToken() + ")");
            }
            writeToken(steps, token);
            emitNeurons(neurons, steps, angles);
            for (int y = 0; y < classes(); y++) {
                readouts.add(new Readout(steps.size(), outMask, y << inputLanes));
            }
            readouts.add(new Readout(steps.size(), 0, 0));
            writeToken(steps, token); // X again: un-writes it
        }
        return new Unrolled(steps, readouts);
    }

    /**
     * The cell with these parameters, compiled once ({@link RealSteps}): {@link Compiled#unroll}
     * then appends the same neurons for every token of every sequence instead of emitting them
     * again as objects, and {@link PostselectedAdjoint} runs them on real amplitudes. The same
     * circuit as {@link #unroll(int[], double[])}, to the bit (QrnnCompiledTest); the
     * parameter-shift path, which counts every occurrence of an angle, keeps {@link #unroll}.
     */
    public Compiled compile(double[] parameters) {
        if (parameters.length != parameterCount()) {
            throw new IllegalArgumentException("the cell has " + parameterCount() + " parameters, not " + parameters.length);
        }
        List<Step> steps = new ArrayList<>();
        emitNeurons(neurons(), steps, ParameterShift.Angles.of(parameters));
        RealSteps[] writes = new RealSteps[inputLanes];
        for (int b = 0; b < inputLanes; b++) {
            writes[b] = RealSteps.of(List.of(new QuantumNeuron.GateStep(Operation.of(Gate.X, b))));
        }
        return new Compiled(this, Objects.requireNonNull(RealSteps.of(steps), "the neurons are RY rotations"), writes);
    }

    /** A sequence run through a compiled cell: its steps and readouts, as {@link Unrolled}. */
    public record CompiledRun(RealSteps steps, List<Readout> readouts) {
    }

    /** The cell's neurons for one weight vector, compiled: see {@link #compile}. Immutable, shared by threads. */
    public static final class Compiled {
        private final QrnnCell cell;
        private final RealSteps neurons;
        private final RealSteps[] writes;

        private Compiled(QrnnCell cell, RealSteps neurons, RealSteps[] writes) {
            this.cell = cell;
            this.neurons = neurons;
            this.writes = writes;
        }

        /** {@link QrnnCell#unroll(int[], double[])} with the compiled neurons. */
        public CompiledRun unroll(int[] tokens) {
            int k = cell.classes(), lanes = cell.inputLanes();
            RealSteps.Builder steps = new RealSteps.Builder(tokens.length * (1 + 2 * lanes));
            List<Readout> readouts = new ArrayList<>(tokens.length * (k + 1));
            int outMask = ((1 << cell.outputLanes()) - 1) << lanes;
            for (int token : tokens) {
                if (token < 0 || token > cell.maxToken()) {
                    throw new IllegalArgumentException("token " + token + " does not fit " + lanes + " input lanes (0.."
                            + cell.maxToken() + ")");
                }
                write(steps, token);
                steps.append(neurons);
                for (int y = 0; y < k; y++) {
                    readouts.add(new Readout(steps.size(), outMask, y << lanes));
                }
                readouts.add(new Readout(steps.size(), 0, 0));
                write(steps, token); // X again: un-writes it
            }
            return new CompiledRun(steps.build(), readouts);
        }

        private void write(RealSteps.Builder steps, int token) {
            for (int b = 0; b < writes.length; b++) {
                if (((token >> b) & 1) == 1) {
                    steps.append(writes[b]);
                }
            }
        }

        /** {@link QrnnCell#distributions(int[], double[])} with the compiled neurons. */
        public double[][] distributions(int[] tokens) {
            CompiledRun u = unroll(tokens);
            return cell.distributions(PostselectedAdjoint.values(cell.qubits(), u.steps(), u.readouts()), tokens.length);
        }
    }

    /** One step's neurons, in order: the cell itself, the same for training ({@link #unroll}) and drawing ({@link #stepCircuit}). */
    private static void emitNeurons(List<QuantumNeuron> neurons, List<Step> steps, ParameterShift.Angles angles) {
        for (QuantumNeuron n : neurons) {
            n.emit(steps, angles);
        }
    }

    /**
     * One step of the cell as a circuit, for the Circuit workspace: input lane b holds bit x[b] of
     * the token, written by RY(pi x[b]) and un-written by RY(-pi x[b]) (for a bit 0 or 1 that is the
     * X gate {@link #unroll} writes it with, up to a sign that the un-writing undoes), around this
     * step's neurons with these parameters, as {@link #unroll} emits them, each neuron's ancilla
     * measurements postselected on 0. The cell lanes start in |0>: the first step of a sequence.
     */
    public Circuit stepCircuit(double[] parameters) {
        if (parameters.length != parameterCount()) {
            throw new IllegalArgumentException("the cell has " + parameterCount() + " parameters, not " + parameters.length);
        }
        List<Step> steps = new ArrayList<>();
        emitNeurons(neurons(), steps, ParameterShift.Angles.of(parameters));
        List<Operation> ops = new ArrayList<>();
        for (int b = 0; b < inputLanes; b++) {
            ops.add(new Operation(Gate.RY, List.of(b), List.of(), List.of(new Angle.Input(b, Math.PI))));
        }
        ops.addAll(QuantumNeuron.operations(steps));
        for (int b = 0; b < inputLanes; b++) {
            ops.add(new Operation(Gate.RY, List.of(b), List.of(), List.of(new Angle.Input(b, -Math.PI))));
        }
        return new Circuit(qubits(), ops);
    }

    private void writeToken(List<Step> steps, int token) {
        for (int b = 0; b < inputLanes; b++) {
            if (((token >> b) & 1) == 1) {
                steps.add(new QuantumNeuron.GateStep(Operation.of(Gate.X, b)));
            }
        }
    }

    /**
     * An image (or any feature vector) as tokens for the input lanes: each value is one bit, 1 when
     * at least {@code threshold}; token t is values t*inputLanes .. t*inputLanes+inputLanes-1, the
     * first the least significant bit. With one input lane that is one value a step (pixel by
     * pixel); with a row's width of lanes, one row a step.
     */
    public int[] tokens(double[] values, double threshold) {
        if (values.length % inputLanes != 0) {
            throw new IllegalArgumentException(values.length + " values do not split into tokens of " + inputLanes + " bits");
        }
        int[] tokens = new int[values.length / inputLanes];
        for (int t = 0; t < tokens.length; t++) {
            for (int b = 0; b < inputLanes; b++) {
                tokens[t] |= (values[t * inputLanes + b] >= threshold ? 1 : 0) << b;
            }
        }
        return tokens;
    }

    /** The class distribution at every step (rows: steps), each normalised by the success probability so far. */
    public double[][] distributions(int[] tokens, double[] parameters) {
        return compile(parameters).distributions(tokens);
    }

    /** Splits readout values into per-step distributions. */
    public double[][] distributions(double[] values, int steps) {
        int k = classes();
        double[][] out = new double[steps][k];
        for (int t = 0; t < steps; t++) {
            double norm = values[t * (k + 1) + k];
            for (int y = 0; y < k; y++) {
                out[t][y] = values[t * (k + 1) + y] / norm;
            }
        }
        return out;
    }
}
