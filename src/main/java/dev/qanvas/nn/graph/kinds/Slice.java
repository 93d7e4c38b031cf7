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
import org.deeplearning4j.nn.conf.graph.SubsetVertex;

/** Features [from, to) of a vector: 0 <= from < to. */
public record Slice(int from, int to) implements LayerSpec {
    public Slice {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a slice takes features [from, to) with 0 <= from < to, not [" + from + ", " + to + ")");
        }
    }

    public int size() {
        return to - from;
    }

    @Override
    public String describe() {
        return "Slice [" + from + ", " + to + ")";
    }

    /** Features [from, to) of a vector. */
    public static final class Kind implements LayerKind<Slice> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Slice>integer("from", "From", "first feature kept (counting from 0)",
                        Slice::from, (s, v) -> new Slice(v, s.to())),
                LayerFields.<Slice>integer("to", "To", "first feature not kept",
                        Slice::to, (s, v) -> new Slice(s.from(), v)));

        public String name() { return "Slice"; }
        public Class<Slice> type() { return Slice.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 160; }
        public String description() { return "Keeps a range of features"; }
        public String idPrefix() { return "slice"; }
        public Slice example() { return new Slice(0, 4); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(Slice s) {
            return List.of("features [" + s.from() + ", " + s.to() + ")");
        }

        @Override
        public Inferred infer(Slice s, LayerInputs in) throws LayerMismatch {
            in.requireVector();
            Shape x = in.x();
            if (s.to() > x.size()) {
                throw in.mismatch(in.label() + " takes features [" + s.from() + ", " + s.to() + ") but " + in.src() + " gives only "
                        + LayerInputs.features(x.size()) + ": slice within [0, " + x.size() + ")");
            }
            return new Inferred(Shape.vector(s.size()), 0);
        }

        @Override
        public OptionalLong fixedParameters(Slice spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(Slice s, Dl4jTarget t) {
            t.builder().addVertex(t.id(), new SubsetVertex(s.from(), s.to() - 1), t.inputs());
        }
    }
}
