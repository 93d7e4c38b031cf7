package dev.qanvas.project;

import dev.qanvas.nn.graph.kinds.Quantum;
import dev.qanvas.nn.graph.kinds.Input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitTargetTest {

    @Test
    void editsReachTheProjectCircuitOrTheQuantumNodeAndNothingElse() {
        Circuit layerCircuit = new Circuit(2, Operation.of(Gate.RY, new dev.qanvas.quantum.Angle.Input(0), 0));
        ModelGraph model = ModelGraph.empty()
                .withNode("in", new Input(1, 1, 1), 0, 0)
                .withNode("q", new Quantum(layerCircuit, List.of(dev.qanvas.quantum.PauliString.z(0)), 2.0, true), 100, 0);
        Project p = Project.untitled().withModel(model);
        List<CircuitTarget> targets = CircuitTarget.all(p);
        assertEquals(List.of(new CircuitTarget.Own(), new CircuitTarget.Node("q")), targets);

        Circuit bell = new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1));
        Project own = targets.get(0).with(p, bell);
        assertEquals(bell, own.circuit());
        assertEquals(model, own.model());

        Project node = targets.get(1).with(p, bell);
        Quantum q = (Quantum) node.model().node("q").orElseThrow().spec();
        assertEquals(bell, q.circuit());
        assertEquals(2.0, q.inputScale(), "the layer's other settings stay");
        assertTrue(q.outputScaling());
        assertEquals(Circuit.empty(2), node.circuit());
        assertEquals(bell, targets.get(1).circuit(node).orElseThrow());
        assertTrue(new CircuitTarget.Node("gone").circuit(p).isEmpty());
    }
}
