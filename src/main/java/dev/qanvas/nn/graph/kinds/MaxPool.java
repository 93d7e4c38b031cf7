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
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/** Maximum over square windows (VALID padding), per channel. No parameters. */
public record MaxPool(int kernel, int stride) implements LayerSpec {
    public MaxPool {
        Text.positive("kernel", kernel);
        Text.positive("stride", stride);
    }

    @Override
    public String describe() {
        return "MaxPool " + kernel + "x" + kernel + "/" + stride;
    }

    /** The {@link LayerKind} of {@link MaxPool}: palette entry, fields, shape rule, DL4J mapping. */
    public static final class Kind implements LayerKind<MaxPool> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<MaxPool>integer("kernel", "Kernel", "side of the square window",
                        MaxPool::kernel, (s, v) -> new MaxPool(v, s.stride())),
                LayerFields.<MaxPool>integer("stride", "Stride", "step between windows",
                        MaxPool::stride, (s, v) -> new MaxPool(s.kernel(), v)));

        public String name() { return "MaxPool"; }
        public Class<MaxPool> type() { return MaxPool.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 70; }
        public String description() { return "Largest value per 2x2 window"; }
        public String idPrefix() { return "pool"; }
        public MaxPool example() { return new MaxPool(2, 2); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(MaxPool p) {
            return List.of(p.kernel() + "x" + p.kernel() + ", stride " + p.stride());
        }

        @Override
        public Inferred infer(MaxPool p, LayerInputs in) throws LayerMismatch {
            return in.pool(p.kernel(), p.stride());
        }

        @Override
        public OptionalLong fixedParameters(MaxPool spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(MaxPool p, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(p.kernel(), p.kernel())
                    .stride(p.stride(), p.stride()).build(), t.inputs());
        }
    }
}
