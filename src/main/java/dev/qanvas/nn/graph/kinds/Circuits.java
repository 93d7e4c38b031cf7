package dev.qanvas.nn.graph.kinds;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.Templates;
import java.util.ArrayList;
import java.util.List;

/** The first circuits of new quantum layers: seeded, so a new layer is the same every time. */
final class Circuits {

    /** Weights of the default circuits come from this seed. */
    static final long SEED = 7;

    private Circuits() {
    }

    /** RY(x[i]) on each qubit, then two layers of trainable RY and a ring of CNOTs (as the samples use). */
    static Circuit variational(int qubits) {
        List<Operation> ops = new ArrayList<>(Templates.angleEmbedding(qubits, Gate.RY, 1.0));
        ops.addAll(Templates.basicEntanglerLayers(qubits, 2, Gate.RY, "w", SEED));
        return new Circuit(qubits, ops);
    }

    /** Z0, Z1, ..., Z(n-1). */
    static List<PauliString> zOnEach(int qubits) {
        List<PauliString> z = new ArrayList<>();
        for (int q = 0; q < qubits; q++) {
            z.add(PauliString.z(q));
        }
        return List.copyOf(z);
    }
}
