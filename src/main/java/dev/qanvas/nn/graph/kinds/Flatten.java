package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import java.util.List;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/** Image to vector of channels * height * width features (a vector passes unchanged). */
public record Flatten() implements LayerSpec {
    @Override
    public String describe() {
        return "Flatten";
    }

    /** Image to vector; a vector passes unchanged. */
    public static final class Kind implements LayerKind<Flatten> {

        public String name() { return "Flatten"; }
        public Class<Flatten> type() { return Flatten.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 80; }
        public String description() { return "An image to one long vector"; }
        public String idPrefix() { return "flatten"; }
        public Flatten example() { return new Flatten(); }
        public List<LayerFields.Field> fields() { return List.of(); }

        @Override
        public Inferred infer(Flatten spec, LayerInputs in) {
            return new Inferred(in.x().flattened(), 0);
        }

        @Override
        public OptionalLong fixedParameters(Flatten spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(Flatten spec, Dl4jTarget t) {
            Shape s = t.inputShape(0);
            if (s.isVector()) {
                t.builder().addVertex(t.id(), new SubsetVertex(0, s.size() - 1), t.inputs()); // already flat: pass through
            } else {
                t.builder().addVertex(t.id(), new PreprocessorVertex(new CnnToFeedForwardPreProcessor(s.height(), s.width(),
                        s.channels())), t.inputs());
            }
        }
    }
}
