package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.LayerSpec.Activation;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/** An activation function on its own. */
public record ActivationLayer(Activation activation) implements LayerSpec {
    public ActivationLayer {
        Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String typeName() {
        return "Activation";
    }

    @Override
    public String describe() {
        return "Activation " + Text.lowerName(activation);
    }

    /** An activation function on its own. No parameters. */
    public static final class Kind implements LayerKind<ActivationLayer> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<ActivationLayer, Activation>choice("activation", "Function", Activation.class,
                        ActivationLayer::activation, (s, v) -> new ActivationLayer(v)));

        public String name() { return "Activation"; }
        public Class<ActivationLayer> type() { return ActivationLayer.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 120; }
        public String description() { return "A function on every value"; }
        public String idPrefix() { return "act"; }
        public ActivationLayer example() { return new ActivationLayer(Activation.RELU); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(ActivationLayer a) {
            return List.of(Text.lower(a.activation()));
        }

        @Override
        public Inferred infer(ActivationLayer spec, LayerInputs in) {
            return new Inferred(in.x(), 0);
        }

        @Override
        public OptionalLong fixedParameters(ActivationLayer spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(ActivationLayer a, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                    .activation(Dl4jTarget.activation(a.activation())).build(), t.inputs());
        }
    }
}
