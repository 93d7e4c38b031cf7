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
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * Batch normalisation, per channel of an image or per feature of a vector. Parameters 4 per
 * channel (or feature): gamma and beta, which are trained, and the running mean and variance,
 * which DL4J stores among the parameters too.
 */
public record BatchNorm() implements LayerSpec {
    @Override
    public String describe() {
        return "BatchNorm";
    }

    /** Batch normalisation: 4 parameters per channel (or feature), gamma, beta and DL4J's running mean and variance. */
    public static final class Kind implements LayerKind<BatchNorm> {

        public String name() { return "BatchNorm"; }
        public Class<BatchNorm> type() { return BatchNorm.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 110; }
        public String description() { return "Normalises over the batch"; }
        public String idPrefix() { return "bn"; }
        public BatchNorm example() { return new BatchNorm(); }
        public List<LayerFields.Field> fields() { return List.of(); }

        @Override
        public Inferred infer(BatchNorm spec, LayerInputs in) {
            Shape x = in.x();
            return new Inferred(x, Math.multiplyExact(4L, x.isVector() ? x.size() : x.channels()));
        }

        @Override
        public OptionalLong fixedParameters(BatchNorm spec) {
            return OptionalLong.empty();
        }

        @Override
        public void toDl4j(BatchNorm spec, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new BatchNormalization.Builder().build(), t.inputs());
        }
    }
}
