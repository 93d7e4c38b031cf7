package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerSpec;
import java.util.List;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;

/** Drops each value with probability {@code rate} while training; 0 <= rate < 1. */
public record Dropout(double rate) implements LayerSpec {
    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("a dropout rate is at least 0 and below 1, not " + rate);
        }
    }

    @Override
    public String describe() {
        return "Dropout " + rate;
    }

    /** Drops each value with probability rate while training. No parameters. */
    public static final class Kind implements LayerKind<Dropout> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Dropout>decimal("rate", "Rate", "share of values dropped while training, in [0, 1)",
                        Dropout::rate, (s, v) -> new Dropout(v)));

        public String name() { return "Dropout"; }
        public Class<Dropout> type() { return Dropout.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 100; }
        public String description() { return "Drops values while training"; }
        public String idPrefix() { return "dropout"; }
        public Dropout example() { return new Dropout(0.2); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(Dropout d) {
            return List.of("rate " + d.rate());
        }

        @Override
        public Inferred infer(Dropout spec, LayerInputs in) {
            return new Inferred(in.x(), 0);
        }

        @Override
        public OptionalLong fixedParameters(Dropout spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(Dropout d, Dl4jTarget t) {
            // DL4J's dropout argument is the probability of KEEPING a unit.
            t.builder().addLayer(t.id(), new DropoutLayer.Builder(1 - d.rate()).build(), t.inputs());
        }
    }
}
