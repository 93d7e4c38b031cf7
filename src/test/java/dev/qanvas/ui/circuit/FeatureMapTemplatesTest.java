package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.FeatureMaps;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Z, ZZ and Pauli feature maps as Circuit templates, against gate lists written by hand from
 * Qiskit's definitions (docs/kernels.md): H on every wire each rep, P(2 x[i]) for a Z term,
 * CX(i, j) P(2 (pi - x[i])(pi - x[j])) on j CX(i, j) for a ZZ term, H ... H around an X term.
 */
class FeatureMapTemplatesTest {

    private static PaletteItem item(String id) {
        return PaletteItem.byId(id).orElseThrow();
    }

    private static TemplateDialog.TemplateOptions options(int reps, FeatureMaps.Pattern entanglement, List<String> paulis) {
        return new TemplateDialog.TemplateOptions(reps, Gate.RX, 1, 7, entanglement, paulis);
    }

    private static Operation p(Angle angle, int wire) {
        return Operation.of(Gate.P, angle, wire);
    }

    @Test
    void theZzTemplateOnTwoWiresIsQiskitsZzFeatureMap() {
        List<Operation> ops = TemplateDialog.build(item("zz-feature-map"), options(1, FeatureMaps.Pattern.FULL, null), Circuit.empty(2));
        assertEquals(List.of(Operation.of(Gate.H, 0), Operation.of(Gate.H, 1),
                p(new Angle.Input(0, 2.0), 0), p(new Angle.Input(1, 2.0), 1),
                Operation.cnot(0, 1), p(new Angle.Product(List.of(0, 1), 2.0), 1), Operation.cnot(0, 1)), ops);
    }

    @Test
    void theZTemplateRepeatsHAndPhasesPerRep() {
        List<Operation> ops = TemplateDialog.build(item("z-feature-map"), options(2, FeatureMaps.Pattern.FULL, null), Circuit.empty(2));
        List<Operation> rep = List.of(Operation.of(Gate.H, 0), Operation.of(Gate.H, 1), p(new Angle.Input(0, 2.0), 0),
                p(new Angle.Input(1, 2.0), 1));
        assertEquals(List.of(rep.get(0), rep.get(1), rep.get(2), rep.get(3), rep.get(0), rep.get(1), rep.get(2), rep.get(3)), ops);
    }

    @Test
    void entanglementAndPauliStringsReachTheTemplate() {
        // circular on 3 wires: the pairs (2, 0), (0, 1), (1, 2), the first starting at n - m + 1 = 2
        List<Operation> circular = TemplateDialog.build(item("zz-feature-map"), options(1, FeatureMaps.Pattern.CIRCULAR, null),
                Circuit.empty(3));
        assertEquals(List.of(Operation.cnot(2, 0), p(new Angle.Product(List.of(2, 0), 2.0), 0), Operation.cnot(2, 0)),
                circular.subList(6, 9));
        List<Operation> linear = TemplateDialog.build(item("zz-feature-map"), options(1, FeatureMaps.Pattern.LINEAR, null),
                Circuit.empty(3));
        assertEquals(6 + 2 * 3, linear.size(), "H and P on 3 wires, then two pairs of three gates");
        // a Pauli X term on one wire: H, then the phase, then H again
        List<Operation> x = TemplateDialog.build(item("pauli-feature-map"), options(1, FeatureMaps.Pattern.FULL, List.of("X")),
                Circuit.empty(1));
        assertEquals(List.of(Operation.of(Gate.H, 0), Operation.of(Gate.H, 0), p(new Angle.Input(0, 2.0), 0), Operation.of(Gate.H, 0)), x);
        assertEquals(List.of("Z", "XY"), TemplateDialog.paulis(" Z, XY "));
        assertEquals(List.of("Z", "ZZ"), TemplateDialog.paulis(""), "blank: Qiskit's default");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> TemplateDialog.build(item("pauli-feature-map"), options(1, FeatureMaps.Pattern.FULL, List.of("ZQ")), Circuit.empty(2)));
        assertTrue(bad.getMessage().contains("I, X, Y and Z"), bad.getMessage());
        assertEquals(new Circuit(3, circular), FeatureMaps.zz(3, 1, FeatureMaps.Pattern.CIRCULAR), "the template is the map itself");
    }
}
