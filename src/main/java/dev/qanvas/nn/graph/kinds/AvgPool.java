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

/** Average over square windows (VALID padding), per channel. No parameters. */
public record AvgPool(int kernel, int stride) implements LayerSpec {
    public AvgPool {
        Text.positive("kernel", kernel);
        Text.positive("stride", stride);
    }

    @Override
    public String describe() {
        return "AvgPool " + kernel + "x" + kernel + "/" + stride;
    }

    /** The {@link LayerKind} of {@link AvgPool}: palette entry, fields, shape rule, DL4J mapping. */
    public static final class Kind implements LayerKind<AvgPool> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<AvgPool>integer("kernel", "Kernel", "side of the square window",
                        AvgPool::kernel, (s, v) -> new AvgPool(v, s.stride())),
                LayerFields.<AvgPool>integer("stride", "Stride", "step between windows",
                        AvgPool::stride, (s, v) -> new AvgPool(s.kernel(), v)));

        public String name() { return "AvgPool"; }
        public Class<AvgPool> type() { return AvgPool.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 130; }
        public String description() { return "Average of each 2x2 window"; }
        public String idPrefix() { return "avgpool"; }
        public AvgPool example() { return new AvgPool(2, 2); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(AvgPool p) {
            return List.of(p.kernel() + "x" + p.kernel() + ", stride " + p.stride());
        }

        @Override
        public Inferred infer(AvgPool p, LayerInputs in) throws LayerMismatch {
            return in.pool(p.kernel(), p.stride());
        }

        @Override
        public OptionalLong fixedParameters(AvgPool spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(AvgPool p, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(p.kernel(), p.kernel())
                    .stride(p.stride(), p.stride()).build(), t.inputs());
        }
    }
}
