package dev.qanvas.quantum;

/** Runs circuits on the single-state simulator. For many inputs at once see {@link BatchSimulator}. */
public final class Simulator {

    private Simulator() {
    }

    /** The final state from |0...0> with zero inputs and the initial weights. */
    public static StateVector run(Circuit c) {
        return run(c, new double[c.inputCount()], c.initialWeights());
    }

    /** The final state from |0...0> for inputs {@code x} and weights {@code w}. */
    public static StateVector run(Circuit c, double[] x, double[] w) {
        return run(c, StateVector.zero(c.qubits()), x, w);
    }

    /** Applies the circuit to {@code state} in place and returns it. */
    public static StateVector run(Circuit c, StateVector state, double[] x, double[] w) {
        if (state.qubits() != c.qubits()) {
            throw new IllegalArgumentException("a " + c.qubits() + "-qubit circuit cannot run on a " + state.qubits() + "-qubit state");
        }
        c.requireUnitary("the state-vector simulator");
        requireSizes(c, x, w);
        for (Operation op : c.operations()) {
            state.apply(op, op.angleValues(x, w, c));
        }
        return state;
    }

    static void requireSizes(Circuit c, double[] x, double[] w) {
        if (x.length < c.inputCount()) {
            throw new IllegalArgumentException("the circuit reads " + c.inputCount() + " input features, got " + x.length);
        }
        if (w.length != c.weightNames().size()) {
            throw new IllegalArgumentException("the circuit has " + c.weightNames().size() + " weights, got " + w.length);
        }
    }
}
