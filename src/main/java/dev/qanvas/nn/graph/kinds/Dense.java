package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.layers.DenseLayer;

/** Fully connected: {@code units} outputs; an image input is flattened first. Parameters in * units + units. */
public record Dense(int units, Activation activation) implements LayerSpec {
    public Dense {
        Text.positive("units", units);
        Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String describe() {
        return "Dense " + units + " " + Text.lowerName(activation);
    }

    /** Fully connected; an image input is flattened first. Parameters in * units + units. */
    public static final class Kind implements LayerKind<Dense> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Dense>integer("units", "Units", "outputs of the layer",
                        Dense::units, (s, v) -> new Dense(v, s.activation())),
                LayerFields.<Dense, Activation>choice("activation", "Activation", Activation.class,
                        Dense::activation, (s, v) -> new Dense(s.units(), v)));

        public String name() { return "Dense"; }
        public Class<Dense> type() { return Dense.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 50; }
        public String description() { return "Every input to every output"; }
        public String idPrefix() { return "dense"; }
        public Dense example() { return new Dense(16, Activation.RELU); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(Dense d) {
            return List.of(d.units() + " units, " + Text.lower(d.activation()));
        }

        @Override
        public Inferred infer(Dense spec, LayerInputs in) {
            return in.dense(spec.units());
        }

        @Override
        public OptionalLong fixedParameters(Dense spec) {
            return OptionalLong.empty();
        }

        @Override
        public String parameterFormula(Dense spec, Shape x) {
            return String.format(Locale.ROOT, "%,d inputs x %,d units + %,d biases", x.size(), spec.units(), spec.units());
        }

        @Override
        public String smaller(Dense spec) {
            return "use fewer units";
        }

        @Override
        public void toDl4j(Dense d, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new DenseLayer.Builder().nOut(d.units()).activation(Dl4jTarget.activation(d.activation()))
                    .build(), t.inputs());
        }
    }
}
