package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A variational circuit as a layer: input feature i (times {@code inputScale}) feeds the
 * circuit's x[i], for i < {@code circuit.inputCount()}, which must equal the input size; one
 * output per measurement (its expectation, in [-1, 1]). With {@code outputScaling} each output
 * gets a trainable scale and bias. Parameters: the circuit's weights, plus 2 per output when
 * scaling.
 */
public record Quantum(Circuit circuit, List<PauliString> measurements, double inputScale, boolean outputScaling)
        implements LayerSpec.QuantumLayer {
    public Quantum {
        Objects.requireNonNull(circuit, "circuit");
        measurements = List.copyOf(measurements);
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("a quantum layer measures at least one observable");
        }
        if (!Double.isFinite(inputScale)) {
            throw new IllegalArgumentException("inputScale must be finite, not " + inputScale);
        }
    }

    @Override
    public Quantum withCircuit(Circuit newCircuit) {
        return new Quantum(newCircuit, measurements, inputScale, outputScaling);
    }

    /** The circuit measured with Z on every qubit, inputs unscaled, no output scaling. */
    public static Quantum of(Circuit circuit) {
        return new Quantum(circuit, Circuits.zOnEach(circuit.qubits()), 1.0, false);
    }

    @Override
    public int circuitParameters() {
        return circuit.weightNames().size();
    }

    @Override
    public int qubitsUsed() {
        return circuit.qubits();
    }

    @Override
    public String describe() {
        return "Quantum " + circuit.qubits() + " qubits, measures " + measurements;
    }

    /**
     * A variational circuit as a layer: input feature i feeds x[i], so the input size must equal the
     * circuit's inputs; one output per measurement. Parameters: the circuit's weights, plus 2 per
     * output with output scaling. Its twin is a tanh Dense of as many units.
     */
    public static final class Kind implements LayerKind<Quantum> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Quantum>decimal("inputScale", "Input scale", "each input feature times this is its rotation angle",
                        Quantum::inputScale, (s, v) -> new Quantum(s.circuit(), s.measurements(), v, s.outputScaling())),
                LayerFields.<Quantum>flag("outputScaling", "Output scaling", "a trainable scale and bias on each output",
                        Quantum::outputScaling, (s, v) -> new Quantum(s.circuit(), s.measurements(), s.inputScale(), v)),
                LayerFields.<Quantum>measurements(Quantum::measurements,
                        (s, v) -> new Quantum(s.circuit(), v, s.inputScale(), s.outputScaling())));

        public String name() { return "Quantum"; }
        public Class<Quantum> type() { return Quantum.class; }
        public Group group() { return Group.QUANTUM; }
        public int paletteOrder() { return 10; }
        public String description() { return "4 qubits: 4 features in, 4 out"; }
        public String idPrefix() { return "quantum"; }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public Quantum example() {
            return new Quantum(Circuits.variational(4), Circuits.zOnEach(4), Math.PI / 2, false);
        }

        @Override
        public List<String> settingsLines(Quantum q) {
            return List.of(Text.count(q.circuit().qubits(), "qubit"), Text.count(q.circuitParameters(), "circuit param"));
        }

        @Override
        public List<String> settingsProblems(Quantum q, String label) {
            List<String> p = new ArrayList<>();
            QuantumChecks.qubits(q, label, p);
            QuantumChecks.measurements(q, label, p);
            return p;
        }

        @Override
        public Inferred infer(Quantum q, LayerInputs in) throws LayerMismatch {
            int k = q.circuit().inputCount(), n = in.x().size();
            if (k == 0) {
                throw in.noEncoding();
            }
            if (n != k) {
                throw in.mismatch(in.label() + " encodes " + LayerInputs.features(k) + " but receives " + n + ": put a Dense(" + k
                        + ") before it" + (n < k ? ", or encode only " + n : ""));
            }
            return new Inferred(Shape.vector(q.measurements().size()), fixedParameters(q).orElseThrow());
        }

        @Override
        public OptionalLong fixedParameters(Quantum q) {
            return OptionalLong.of(q.circuitParameters() + (q.outputScaling() ? 2L * q.measurements().size() : 0));
        }

        @Override
        public Optional<Shape> fixedShape(Quantum q) {
            return Optional.of(Shape.vector(q.measurements().size()));
        }

        @Override
        public OptionalLong circuitRunsPerExample(Quantum q, Optional<Shape> input) {
            return OptionalLong.of(1);
        }

        @Override
        public void toDl4j(Quantum q, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new dev.qanvas.nn.layers.QuantumLayer.Builder().circuit(q.circuit()).measurements(q.measurements())
                    .inputScale(q.inputScale()).outputScaling(q.outputScaling()).build(), t.inputs());
        }

        @Override
        public Optional<LayerSpec> classicalTwin(Quantum q, Shape input) {
            return Optional.of(new Dense(q.measurements().size(), LayerSpec.Activation.TANH));
        }
    }
}
