package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelLimits;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;

/**
 * The input split into {@code groups} equal contiguous groups of {@code circuit.inputCount()}
 * features, each through its own copy of the circuit (own weights); outputs concatenated
 * group by group: groups * measurements values. Parameters groups * circuit weights.
 */
public record ParallelQuantum(Circuit circuit, int groups, List<PauliString> measurements) implements LayerSpec.QuantumLayer {
    public ParallelQuantum {
        Objects.requireNonNull(circuit, "circuit");
        Text.positive("groups", groups);
        measurements = List.copyOf(measurements);
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("a quantum layer measures at least one observable");
        }
    }

    @Override
    public ParallelQuantum withCircuit(Circuit newCircuit) {
        return new ParallelQuantum(newCircuit, groups, measurements);
    }

    /** Copies of the circuit measured with Z on every qubit. */
    public static ParallelQuantum of(Circuit circuit, int groups) {
        return new ParallelQuantum(circuit, groups, Circuits.zOnEach(circuit.qubits()));
    }

    /** Saturates at Integer.MAX_VALUE for absurd group counts (which the analysis reports). */
    @Override
    public int circuitParameters() {
        return (int) Math.min(Integer.MAX_VALUE, (long) groups * circuit.weightNames().size());
    }

    /** Saturates at Integer.MAX_VALUE for absurd group counts (which the analysis reports). */
    @Override
    public int qubitsUsed() {
        return (int) Math.min(Integer.MAX_VALUE, (long) groups * circuit.qubits());
    }

    @Override
    public String describe() {
        return "ParallelQuantum " + groups + " x " + circuit.qubits() + " qubits, measures " + measurements;
    }

    /**
     * Copies of one circuit, each on its own contiguous group of the input; outputs concatenated. In
     * DL4J one subset vertex and one quantum layer per group ({@code id_in0}, {@code id_q0}, ...), merged
     * into a vertex named {@code id}. Parameters groups * circuit weights.
     */
    public static final class Kind implements LayerKind<ParallelQuantum> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<ParallelQuantum>integer("groups", "Groups", "copies of the circuit, each on its own slice of the input",
                        ParallelQuantum::groups, (s, v) -> new ParallelQuantum(s.circuit(), v, s.measurements())),
                LayerFields.<ParallelQuantum>measurements(ParallelQuantum::measurements,
                        (s, v) -> new ParallelQuantum(s.circuit(), s.groups(), v)));

        public String name() { return "ParallelQuantum"; }
        public Class<ParallelQuantum> type() { return ParallelQuantum.class; }
        public Group group() { return Group.QUANTUM; }
        public int paletteOrder() { return 30; }
        public String description() { return "One circuit per feature group"; }
        public String idPrefix() { return "pq"; }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public ParallelQuantum example() {
            return ParallelQuantum.of(Circuits.variational(4), 2);
        }

        @Override
        public List<String> settingsLines(ParallelQuantum q) {
            return List.of(q.groups() + " × " + Text.count(q.circuit().qubits(), "qubit"), Text.count(q.circuitParameters(), "circuit param"));
        }

        @Override
        public List<String> settingsProblems(ParallelQuantum pq, String label) {
            List<String> p = new ArrayList<>();
            QuantumChecks.qubits(pq, label, p);
            if (pq.groups() > ModelLimits.MAX_GROUPS) {
                p.add(String.format(Locale.ROOT, "%s has %,d groups; a ParallelQuantum can have at most %d, because each group "
                        + "is a layer of its own: use fewer groups, or a Quantum layer with more qubits", label, pq.groups(),
                        ModelLimits.MAX_GROUPS));
            }
            QuantumChecks.measurements(pq, label, p);
            return p;
        }

        @Override
        public Inferred infer(ParallelQuantum pq, LayerInputs in) throws LayerMismatch {
            int k = pq.circuit().inputCount(), n = in.x().size();
            long need = (long) pq.groups() * k;
            if (k == 0) {
                throw in.noEncoding();
            }
            if (n != need) {
                throw in.mismatch(in.label() + " splits its input into " + pq.groups() + " group" + (pq.groups() == 1 ? "" : "s")
                        + " of " + LayerInputs.features(k) + " (" + need + " in all) but receives " + n + ": put a Dense(" + need
                        + ") before it");
            }
            return new Inferred(fixedShape(pq).orElseThrow(), fixedParameters(pq).orElseThrow());
        }

        @Override
        public OptionalLong fixedParameters(ParallelQuantum pq) {
            return OptionalLong.of((long) pq.groups() * pq.circuit().weightNames().size()); // exact, unlike the int
        }

        @Override
        public Optional<Shape> fixedShape(ParallelQuantum pq) {
            return Optional.of(Shape.vector(Math.multiplyExact(pq.groups(), pq.measurements().size())));
        }

        /** Each group runs its copy once. */
        @Override
        public OptionalLong circuitRunsPerExample(ParallelQuantum p, Optional<Shape> input) {
            return OptionalLong.of(p.groups());
        }

        @Override
        public void toDl4j(ParallelQuantum p, Dl4jTarget t) {
            int k = p.circuit().inputCount();
            String id = t.id();
            String[] parts = new String[p.groups()];
            for (int g = 0; g < p.groups(); g++) {
                String slice = id + "_in" + g;
                t.builder().addVertex(slice, new SubsetVertex(g * k, (g + 1) * k - 1), t.inputs());
                parts[g] = id + "_q" + g;
                t.builder().addLayer(parts[g], new dev.qanvas.nn.layers.QuantumLayer.Builder().circuit(p.circuit()).measurements(p.measurements()).build(), slice);
            }
            t.builder().addVertex(id, new MergeVertex(), parts);
        }

        @Override
        public Optional<LayerSpec> classicalTwin(ParallelQuantum p, Shape input) {
            return Optional.of(new Dense(p.groups() * p.measurements().size(), LayerSpec.Activation.TANH));
        }
    }
}
