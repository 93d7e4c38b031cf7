package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.LayerSpec.OutputKind;
import dev.qanvas.nn.graph.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The classifier at the end: a dense layer of {@code classes} units with the loss of
 * {@code kind}. A SIGMOID output is for two classes (1 or 2 units); the analysis reports other
 * counts. Parameters as a Dense.
 */
public record Output(int classes, OutputKind kind) implements LayerSpec {
    public Output {
        Text.positive("classes", classes);
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String describe() {
        return "Output " + classes + " " + Text.lowerName(kind);
    }

    /** The classifier at the end: a dense layer of classes units with softmax or sigmoid loss. Parameters as a Dense. */
    public static final class Kind implements LayerKind<Output> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Output>integer("classes", "Classes", "one output per class",
                        Output::classes, (s, v) -> new Output(v, s.kind())),
                LayerFields.<Output, LayerSpec.OutputKind>choice("kind", "Loss", LayerSpec.OutputKind.class,
                        Output::kind, (s, v) -> new Output(s.classes(), v)));

        public String name() { return "Output"; }
        public Class<Output> type() { return Output.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 90; }
        public String description() { return "The classifier: class scores"; }
        public String idPrefix() { return "output"; }
        public Output example() { return new Output(10, LayerSpec.OutputKind.SOFTMAX); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(Output o) {
            return List.of(Text.count(o.classes(), "class"), Text.lower(o.kind()));
        }

        @Override
        public List<String> settingsProblems(Output o, String label) {
            List<String> p = new ArrayList<>();
            if (o.kind() == LayerSpec.OutputKind.SIGMOID && o.classes() > 2) {
                p.add(label + " is a SIGMOID output with " + o.classes()
                        + " classes, but SIGMOID is for two classes (1 or 2 units): use SOFTMAX for " + o.classes());
            } else if (o.kind() == LayerSpec.OutputKind.SOFTMAX && o.classes() == 1) {
                p.add(label + " is a SOFTMAX over 1 class, which always gives 1: use 2 classes, or SIGMOID for a single unit");
            }
            return p;
        }

        @Override
        public Inferred infer(Output spec, LayerInputs in) {
            return in.dense(spec.classes());
        }

        @Override
        public OptionalLong fixedParameters(Output spec) {
            return OptionalLong.empty();
        }

        @Override
        public String parameterFormula(Output spec, Shape x) {
            return String.format(Locale.ROOT, "%,d inputs x %,d units + %,d biases", x.size(), spec.classes(), spec.classes());
        }

        @Override
        public String smaller(Output spec) {
            return "use fewer classes";
        }

        @Override
        public void toDl4j(Output o, Dl4jTarget t) {
            boolean softmax = o.kind() == LayerSpec.OutputKind.SOFTMAX;
            t.builder().addLayer(t.id(), new OutputLayer.Builder(softmax ? LossFunctions.LossFunction.MCXENT : LossFunctions.LossFunction.XENT)
                    .nOut(o.classes()).activation(Dl4jTarget.activation(softmax ? Activation.SOFTMAX : Activation.SIGMOID)).build(), t.inputs());
            t.markNetworkOutput();
        }
    }
}
