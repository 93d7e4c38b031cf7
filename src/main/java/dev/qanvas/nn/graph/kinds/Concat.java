package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import java.util.List;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.graph.MergeVertex;

/**
 * Joins two or more inputs, in the order of their edges: vectors end to end, images along
 * channels (their height and width must match).
 */
public record Concat() implements LayerSpec.Merge {
    @Override
    public String describe() {
        return "Concat";
    }

    /** Joins vectors end to end and images along channels (their height and width must match). */
    public static final class Kind implements LayerKind<Concat> {

        public String name() { return "Concat"; }
        public Class<Concat> type() { return Concat.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 140; }
        public String description() { return "Joins branches end to end"; }
        public String idPrefix() { return "concat"; }
        public Concat example() { return new Concat(); }
        public List<LayerFields.Field> fields() { return List.of(); }

        @Override
        public Inferred infer(Concat spec, LayerInputs in) throws LayerMismatch {
            String label = in.label();
            List<Shape> shapes = in.shapes();
            List<String> from = in.from();
            int vector = -1, image = -1;
            for (int i = 0; i < shapes.size(); i++) {
                if (shapes.get(i).isVector() && vector < 0) {
                    vector = i;
                } else if (shapes.get(i).isImage() && image < 0) {
                    image = i;
                }
            }
            if (vector >= 0 && image >= 0) {
                throw in.mismatch(label + " cannot join an image and a vector: " + LayerInputs.gives(from.get(image), shapes.get(image))
                        + " and " + LayerInputs.gives(from.get(vector), shapes.get(vector)) + ": put a Flatten after " + from.get(image));
            }
            Shape first = shapes.get(0);
            int total = 0;
            for (int i = 0; i < shapes.size(); i++) {
                Shape s = shapes.get(i);
                if (first.isImage() && (s.height() != first.height() || s.width() != first.width())) {
                    throw in.mismatch(label + " joins images along their channels, so their height and width must match: "
                            + LayerInputs.gives(from.get(0), first) + " but " + LayerInputs.gives(from.get(i), s));
                }
                total = Math.addExact(total, first.isImage() ? s.channels() : s.size());
            }
            return new Inferred(first.isImage() ? Shape.image(total, first.height(), first.width()) : Shape.vector(total), 0);
        }

        @Override
        public OptionalLong fixedParameters(Concat spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(Concat spec, Dl4jTarget t) {
            t.builder().addVertex(t.id(), new MergeVertex(), t.inputs());
        }
    }
}
