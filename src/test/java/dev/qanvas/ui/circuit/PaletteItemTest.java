package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateVector;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** What each palette item places, says and is called; and the templates it expands into. */
class PaletteItemTest {

    private static final Angle.Constant QUARTER_TURN = new Angle.Constant(Math.PI / 2, "pi/2");

    private static PaletteItem item(String id) {
        return PaletteItem.byId(id).orElseThrow();
    }

    @Test
    void itemsComeInPaletteOrderWithUniqueIds() {
        List<String> ids = PaletteItem.all().stream().map(PaletteItem::id).toList();
        assertEquals(List.of("H", "X", "Y", "Z", "S", "SDG", "T", "TDG", "SX",
                "RX", "RY", "RZ", "P", "U3",
                "CNOT", "CZ", "CRY", "SWAP", "ISWAP", "RXX", "RYY", "RZZ", "CCX",
                "measure", "reset", "postselect-0", "postselect-1",
                "angle-embedding", "basic-entangler", "strongly-entangling", "data-reuploading", "qcnn",
                "z-feature-map", "zz-feature-map", "pauli-feature-map"), ids);
        assertEquals(Optional.empty(), PaletteItem.byId("nope"));
        assertEquals("S†", item("SDG").symbol());
        assertEquals(PaletteItem.Group.MULTI, item("CCX").group());
        assertEquals("Two- and three-qubit", PaletteItem.Group.MULTI.title());
    }

    @Test
    void singleQubitGateGoesOnTheWire() {
        assertEquals(Optional.of(Operation.of(Gate.H, 1)), item("H").place(1, 3));
        assertEquals(1, item("H").span());
        assertEquals(Optional.empty(), item("H").place(3, 3), "no wire 3 in a 3-qubit circuit");
        assertEquals(Optional.empty(), item("H").place(-1, 3));
    }

    @Test
    void controlGoesOnTheWireAndTargetBelowOrAbove() {
        assertEquals(Optional.of(Operation.cnot(0, 1)), item("CNOT").place(0, 3));
        assertEquals(Optional.of(Operation.cnot(2, 1)), item("CNOT").place(2, 3), "no room below the last wire");
        assertEquals(Optional.of(Operation.cz(1, 2)), item("CZ").place(1, 3));
        assertEquals(Optional.of(Operation.of(Gate.SWAP, 2, 1)), item("SWAP").place(2, 3));
        assertEquals(2, item("CNOT").span());
    }

    @Test
    void toffoliNeedsThreeWires() {
        assertEquals(Optional.empty(), item("CCX").place(0, 2));
        assertEquals(3, item("CCX").span());
        assertEquals(Optional.of(Operation.toffoli(0, 1, 2)), item("CCX").place(0, 3));
        assertEquals(Optional.of(Operation.toffoli(2, 1, 0)), item("CCX").place(2, 3));
        // Neither three wires down nor up from the middle: the control stays, the rest fills in.
        assertEquals(Optional.of(Operation.toffoli(1, 0, 2)), item("CCX").place(1, 3));
    }

    @Test
    void rotationsStartAtAQuarterTurn() {
        for (String id : List.of("RX", "RY", "RZ", "P", "RXX", "RYY", "RZZ")) {
            Operation op = item(id).place(0, 2).orElseThrow();
            assertEquals(List.of(QUARTER_TURN), op.angles(), id);
        }
        assertEquals(Optional.of(Operation.of(Gate.RY, QUARTER_TURN, 1).controlledBy(0)), item("CRY").place(0, 2));
        Operation u = item("U3").place(0, 1).orElseThrow();
        assertEquals(List.of(QUARTER_TURN, new Angle.Constant(0, "0"), new Angle.Constant(0, "0")), u.angles());
    }

    @Test
    void everyGatePlacesAValidOperationOnEveryWire() {
        for (PaletteItem it : PaletteItem.all()) {
            if (it.isTemplate()) {
                assertEquals(Optional.empty(), it.place(0, 3), it.id());
                assertEquals(0, it.span(), it.id());
                continue;
            }
            for (int wire = 0; wire < 3; wire++) {
                Operation op = it.place(wire, 3).orElseThrow(() -> new AssertionError(it.id()));
                assertEquals(it.span(), op.qubits().size(), it.id());
                assertEquals(wire, op.qubits().get(0), it.id() + ": the first qubit (control if any) is the clicked wire");
                Circuit c = Circuit.empty(3).append(Operation.of(Gate.H, wire)).append(op); // |+>: both outcomes possible
                if (op.isGate()) {
                    StateVector s = Simulator.run(c, new double[0], c.initialWeights());
                    assertEquals(1.0, s.norm(), 1e-12, it.id());
                } else {
                    // measure c[wire], reset, postselect: one-qubit steps on the clicked wire, run as a program
                    assertEquals(it.group(), PaletteItem.Group.MEASURE, it.id());
                    assertEquals(op.kind() == Operation.Kind.MEASURE ? wire : op.bit(), op.bit(), it.id());
                    assertEquals(1.0, dev.qanvas.quantum.ProgramRunner.run(dev.qanvas.quantum.Program.of(c),
                            dev.qanvas.quantum.NoiseModel.NONE).state().trace(), 1e-12, it.id());
                }
            }
        }
    }

    @Test
    void tooltipsShowTheMatrixCompactly() {
        String h = item("H").tooltip();
        assertTrue(h.startsWith("Hadamard (H)\n"), h);
        assertTrue(h.contains("[  0.707  0.707 ]\n[  0.707 -0.707 ]"), h);
        String rx = item("RX").tooltip();
        assertTrue(rx.contains("t = pi/2"), rx);
        assertTrue(rx.contains("[   0.707 -0.707i ]\n[ -0.707i   0.707 ]"), rx);
        String cnot = item("CNOT").tooltip();
        assertTrue(cnot.contains("[ 1 0 0 0 ]\n[ 0 1 0 0 ]\n[ 0 0 0 1 ]\n[ 0 0 1 0 ]"), cnot);
        String cz = item("CZ").tooltip();
        assertTrue(cz.contains("[  0  0  0 -1 ]"), cz);
        String u = item("U3").tooltip();
        assertTrue(u.contains("theta = pi/2, phi = 0, lambda = 0"), u);
        assertTrue(item("CCX").tooltip().contains("X on the target when both controls are 1"));
        assertTrue(item("qcnn").tooltip().contains("Spans every wire"));
        assertEquals("0.5+0.5i", PaletteItem.complex(0.5, 0.5));
        assertEquals("-i", PaletteItem.complex(1e-9, -1));
        assertEquals("0", PaletteItem.complex(-1e-9, 0));
        assertEquals("-0.707i", PaletteItem.complex(0, -Math.sqrt(0.5)));
    }

    @Test
    void shortcuts() {
        assertEquals(KeyCode.H, item("H").shortcut());
        assertEquals(KeyCode.R, item("RY").shortcut());
        assertEquals(KeyCode.C, item("CNOT").shortcut());
        assertNull(item("SDG").shortcut());
        assertNull(item("qcnn").shortcut());
        Set<KeyCode> keys = new HashSet<>();
        for (PaletteItem it : PaletteItem.all()) {
            if (it.shortcut() != null) {
                assertTrue(keys.add(it.shortcut()), "shortcut " + it.shortcut() + " used twice");
            }
        }
    }

    // ----- templates -----

    private static TemplateDialog.TemplateOptions options(int layers, Gate rotation, int features) {
        return new TemplateDialog.TemplateOptions(layers, rotation, features, 7);
    }

    @Test
    void templateWeightsDoNotClashAndTheCircuitSimulates() {
        Circuit circuit = new Circuit(3,
                Operation.of(Gate.RY, new Angle.Weight("t1_0", 0.3), 0),
                Operation.of(Gate.RX, new Angle.Weight("w0", 0.2), 1),
                Operation.of(Gate.RZ, new Angle.Input(0), 2));
        List<Operation> ops = TemplateDialog.build(item("basic-entangler"), options(2, Gate.RY, 0), circuit);
        assertEquals(2 * (3 + 3), ops.size(), "per layer 3 rotations and a ring of 3 CNOTs");
        Set<String> added = new Circuit(3, ops).weightNames().stream().collect(Collectors.toSet());
        assertEquals(6, added.size());
        assertTrue(added.stream().allMatch(n -> n.startsWith("t2_")), added.toString());

        Circuit after = circuit;
        for (Operation op : ops) {
            after = after.append(op);
        }
        assertEquals(2 + 6, after.weightNames().size(), "no template weight merged with an existing one");
        StateVector s = Simulator.run(after, new double[] {0.4}, after.initialWeights());
        assertEquals(1.0, s.norm(), 1e-12);
        assertEquals(ops, TemplateDialog.build(item("basic-entangler"), options(2, Gate.RY, 0), circuit), "seeded: reproducible");
    }

    @Test
    void everyTemplateExpandsOverAllWiresAndSimulates() {
        Circuit circuit = new Circuit(4, Operation.of(Gate.RY, new Angle.Weight("t1_a", 1.0), 0));
        for (PaletteItem t : PaletteItem.all()) {
            if (!t.isTemplate()) {
                continue;
            }
            List<Operation> ops = TemplateDialog.build(t, options(2, Gate.RX, 4), circuit);
            Circuit after = new Circuit(4, ops);
            Set<Integer> wires = ops.stream().flatMap(o -> o.qubits().stream()).collect(Collectors.toSet());
            assertEquals(Set.of(0, 1, 2, 3), wires, t.id());
            assertTrue(after.weightNames().stream().noneMatch(circuit.weightNames()::contains), t.id());
            assertTrue(after.weightNames().stream().allMatch(n -> n.startsWith("t2_")), t.id() + " " + after.weightNames());
            double[] x = {0.1, 0.2, 0.3, 0.4};
            StateVector s = Simulator.run(after, x, after.initialWeights());
            assertEquals(1.0, s.norm(), 1e-12, t.id());
        }
    }

    @Test
    void angleEmbeddingReadsOneFeaturePerWire() {
        List<Operation> ops = TemplateDialog.build(item("angle-embedding"), options(1, Gate.RY, 2), Circuit.empty(3));
        assertEquals(List.of(Operation.of(Gate.RY, new Angle.Input(0), 0), Operation.of(Gate.RY, new Angle.Input(1), 1)), ops);
        assertEquals(2, new Circuit(3, ops).inputCount());
        assertThrows(IllegalArgumentException.class,
                () -> TemplateDialog.build(item("angle-embedding"), options(1, Gate.RY, 4), Circuit.empty(3)));
    }

    @Test
    void templatesRefuseWhatCannotFit() {
        IllegalArgumentException qcnn = assertThrows(IllegalArgumentException.class,
                () -> TemplateDialog.build(item("qcnn"), options(1, Gate.RY, 1), Circuit.empty(1)));
        assertTrue(qcnn.getMessage().contains("at least 2 wires"), qcnn.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TemplateDialog.build(item("strongly-entangling"), options(0, Gate.RY, 1), Circuit.empty(2)));
        assertThrows(IllegalArgumentException.class,
                () -> TemplateDialog.build(item("H"), options(1, Gate.RY, 1), Circuit.empty(2)));
        assertFalse(TemplateDialog.build(item("data-reuploading"), options(3, Gate.RY, 6), Circuit.empty(2)).isEmpty(),
                "re-uploading may read more features than wires");
    }
}
