package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.layers.QuanvolutionLayer;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Quanvolution (Henderson et al. 2019): {@code patchCircuit} reads a {@code kernel x kernel}
 * patch (x[0..k*k-1], row by row) of each input channel, moved by {@code stride} with VALID
 * padding, and gives one output channel per qubit (Z measured on each). Output
 * (inChannels * qubits) x outH x outW. Parameters: the circuit's weights if {@code trainable},
 * else 0 (a fixed random filter).
 */
public record Quanvolution(Circuit patchCircuit, int kernel, int stride, boolean trainable) implements LayerSpec.QuantumLayer {
    public Quanvolution {
        Objects.requireNonNull(patchCircuit, "patchCircuit");
        Text.positive("kernel", kernel);
        Text.positive("stride", stride);
    }

    @Override
    public Circuit circuit() {
        return patchCircuit;
    }

    @Override
    public Quanvolution withCircuit(Circuit newCircuit) {
        return new Quanvolution(newCircuit, kernel, stride, trainable);
    }

    @Override
    public int circuitParameters() {
        return trainable ? patchCircuit.weightNames().size() : 0;
    }

    @Override
    public int qubitsUsed() {
        return patchCircuit.qubits();
    }

    @Override
    public List<PauliString> measurements() {
        return Circuits.zOnEach(patchCircuit.qubits());
    }

    @Override
    public String describe() {
        return "Quanvolution " + kernel + "x" + kernel + "/" + stride + ", " + patchCircuit.qubits() + " qubits"
                + (trainable ? "" : ", fixed");
    }

    /**
     * A circuit on every kernel x kernel patch of each input channel (VALID), one output channel per
     * qubit: (inChannels * qubits) x outH x outW. Parameters: the circuit's weights if trainable, else
     * 0. Its twin is a tanh Conv2D with the same kernel, stride and output channels.
     */
    public static final class Kind implements LayerKind<Quanvolution> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Quanvolution>integer("kernel", "Kernel", "side of the patch; the circuit encodes kernel² pixels",
                        Quanvolution::kernel, (s, v) -> new Quanvolution(s.patchCircuit(), v, s.stride(), s.trainable())),
                LayerFields.<Quanvolution>integer("stride", "Stride", "step between patches",
                        Quanvolution::stride, (s, v) -> new Quanvolution(s.patchCircuit(), s.kernel(), v, s.trainable())),
                LayerFields.<Quanvolution>flag("trainable", "Trainable", "train the circuit's weights (else a fixed random filter)",
                        Quanvolution::trainable, (s, v) -> new Quanvolution(s.patchCircuit(), s.kernel(), s.stride(), v)));

        public String name() { return "Quanvolution"; }
        public Class<Quanvolution> type() { return Quanvolution.class; }
        public Group group() { return Group.QUANTUM; }
        public int paletteOrder() { return 20; }
        public String description() { return "A circuit on every 2x2 patch"; }
        public String idPrefix() { return "quanv"; }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public Quanvolution example() {
            return new Quanvolution(new Circuit(4, Templates.quanvolutionFilter(8, false, "w", Circuits.SEED)), 2, 2, false);
        }

        @Override
        public List<String> settingsLines(Quanvolution q) {
            return List.of(q.kernel() + "x" + q.kernel() + ", stride " + q.stride(), Text.count(q.patchCircuit().qubits(), "qubit"),
                    q.trainable() ? Text.count(q.circuitParameters(), "circuit param") : "fixed circuit");
        }

        @Override
        public List<String> settingsProblems(Quanvolution qv, String label) {
            List<String> p = new ArrayList<>();
            QuantumChecks.qubits(qv, label, p);
            QuantumChecks.measurements(qv, label, p);
            int pixels = qv.kernel() * qv.kernel(), reads = qv.patchCircuit().inputCount();
            if (reads != pixels) {
                p.add(label + " slides a " + qv.kernel() + "x" + qv.kernel() + " patch (" + pixels + " pixel"
                        + (pixels == 1 ? "" : "s") + ") but its circuit encodes "
                        + (reads == 0 ? "none" : reads + " (x[0].." + "x[" + (reads - 1) + "])")
                        + ": encode x[0].." + "x[" + (pixels - 1) + "], one angle per pixel");
            }
            return p;
        }

        @Override
        public Inferred infer(Quanvolution qv, LayerInputs in) throws LayerMismatch {
            in.requireImage();
            int k = qv.kernel(), s = qv.stride();
            in.requireKernelFits(k, "");
            Shape x = in.x();
            Shape out = Shape.image(Math.multiplyExact(x.channels(), qv.patchCircuit().qubits()),
                    (x.height() - k) / s + 1, (x.width() - k) / s + 1);
            return new Inferred(out, fixedParameters(qv).orElseThrow());
        }

        @Override
        public OptionalLong fixedParameters(Quanvolution qv) {
            return OptionalLong.of(qv.circuitParameters());
        }

        /** Once per patch of each input channel: channels x output height x output width; empty if the input does not fit. */
        @Override
        public OptionalLong circuitRunsPerExample(Quanvolution qv, Optional<Shape> input) {
            if (input.isEmpty() || input.get().isVector() || qv.kernel() > input.get().height() || qv.kernel() > input.get().width()) {
                return OptionalLong.empty();
            }
            Shape x = input.get();
            long oh = (x.height() - qv.kernel()) / qv.stride() + 1, ow = (x.width() - qv.kernel()) / qv.stride() + 1;
            return OptionalLong.of(x.channels() * oh * ow);
        }

        @Override
        public void toDl4j(Quanvolution q, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new QuanvolutionLayer.Builder().circuit(q.patchCircuit()).kernel(q.kernel()).stride(q.stride())
                    .trainable(q.trainable()).build(), t.inputs());
        }

        @Override
        public Optional<LayerSpec> classicalTwin(Quanvolution q, Shape input) {
            return Optional.of(new Conv2D(input.channels() * q.patchCircuit().qubits(), q.kernel(), q.stride(),
                    LayerSpec.Padding.VALID, LayerSpec.Activation.TANH));
        }
    }
}
