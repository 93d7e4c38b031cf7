package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.LayerSpec.QuantumLayer;
import dev.qanvas.nn.graph.ModelLimits;
import dev.qanvas.quantum.PauliString;
import java.util.List;

/** The settings checks every quantum kind shares: the circuit's size and steps, and what it measures. */
final class QuantumChecks {

    private QuantumChecks() {
    }

    static void qubits(QuantumLayer q, String label, List<String> problems) {
        if (!q.circuit().isUnitary()) {
            // the layer is simulated as a batch of state vectors and differentiated: only gates can do that
            problems.add(label + "'s circuit measures, resets, postselects or conditions a gate: measurement/reset/postselection"
                    + " are only for the Circuit workspace's own circuit; quantum layers need unitary circuits, so remove those steps");
        }
        int qubits = q.circuit().qubits();
        if (qubits > ModelLimits.MAX_LAYER_QUBITS) {
            problems.add(label + " has " + qubits + " qubits; a quantum layer can have at most "
                    + ModelLimits.MAX_LAYER_QUBITS + " qubits, because every example of a batch is simulated: use fewer");
        }
    }

    static void measurements(QuantumLayer q, String label, List<String> problems) {
        int qubits = q.circuit().qubits();
        for (PauliString m : q.measurements()) {
            if (m.maxQubit() >= qubits) {
                problems.add(label + " measures " + m + ", but its circuit has only " + qubits
                        + " qubit" + (qubits == 1 ? " (0)" : "s (0.." + (qubits - 1) + ")") + ": measure qubits it has");
            } else if (m.maxQubit() < 0) {
                problems.add(label + " measures I, which is always 1 and learns nothing: measure Z on a qubit instead");
            }
        }
    }
}
