package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import java.util.List;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;

/** Element-wise sum of two or more inputs of the same shape (a residual connection). */
public record Add() implements LayerSpec.Merge {
    @Override
    public String describe() {
        return "Add";
    }

    /** Element-wise sum of inputs of the same shape. */
    public static final class Kind implements LayerKind<Add> {

        public String name() { return "Add"; }
        public Class<Add> type() { return Add.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 150; }
        public String description() { return "Sums branches (residual link)"; }
        public String idPrefix() { return "add"; }
        public Add example() { return new Add(); }
        public List<LayerFields.Field> fields() { return List.of(); }

        @Override
        public Inferred infer(Add spec, LayerInputs in) throws LayerMismatch {
            for (int i = 1; i < in.count(); i++) {
                if (!in.shapes().get(i).equals(in.x())) {
                    throw in.mismatch(in.label() + " adds its inputs value by value, so they must have the same shape: "
                            + LayerInputs.gives(in.src(), in.x()) + " but " + LayerInputs.gives(in.from().get(i), in.shapes().get(i)));
                }
            }
            return new Inferred(in.x(), 0);
        }

        @Override
        public OptionalLong fixedParameters(Add spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(Add spec, Dl4jTarget t) {
            t.builder().addVertex(t.id(), new ElementWiseVertex(ElementWiseVertex.Op.Add), t.inputs());
        }
    }
}
