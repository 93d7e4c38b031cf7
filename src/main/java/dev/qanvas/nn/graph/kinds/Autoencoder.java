package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;

/**
 * The encoder half of a dense autoencoder, pretrained for {@code pretrainEpochs} epochs to
 * reconstruct its input, then {@code frozen} or trained on with the rest: input vector to
 * {@code code} features. Parameters in * code + code (the decoder is not part of the model).
 */
public record Autoencoder(int code, int pretrainEpochs, boolean frozen) implements LayerSpec {
    public Autoencoder {
        Text.positive("code", code);
        if (pretrainEpochs < 0) {
            throw new IllegalArgumentException("pretrainEpochs must be >= 0, not " + pretrainEpochs);
        }
    }

    @Override
    public String describe() {
        return "Autoencoder " + code + (frozen ? " frozen" : "");
    }

    /** The encoder half of a dense autoencoder (pretrained by {@code Pretraining}). Parameters in * code + code. */
    public static final class Kind implements LayerKind<Autoencoder> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Autoencoder>integer("code", "Code size", "features the encoder compresses to",
                        Autoencoder::code, (s, v) -> new Autoencoder(v, s.pretrainEpochs(), s.frozen())),
                LayerFields.<Autoencoder>integer("pretrainEpochs", "Pretrain epochs", "epochs of reconstruction training first (0 for none)",
                        Autoencoder::pretrainEpochs, (s, v) -> new Autoencoder(s.code(), v, s.frozen())),
                LayerFields.<Autoencoder>flag("frozen", "Frozen", "keep the pretrained encoder fixed afterwards",
                        Autoencoder::frozen, (s, v) -> new Autoencoder(s.code(), s.pretrainEpochs(), v)));

        public String name() { return "Autoencoder"; }
        public Class<Autoencoder> type() { return Autoencoder.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 170; }
        public String description() { return "Pretrained encoder to a code"; }
        public String idPrefix() { return "ae"; }
        public Autoencoder example() { return new Autoencoder(8, 5, false); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(Autoencoder a) {
            return a.frozen() ? List.of("code " + a.code() + ", " + a.pretrainEpochs() + " ep.", "frozen")
                    : List.of("code " + a.code() + ", " + a.pretrainEpochs() + " ep.");
        }

        @Override
        public Inferred infer(Autoencoder spec, LayerInputs in) {
            return in.dense(spec.code());
        }

        @Override
        public OptionalLong fixedParameters(Autoencoder spec) {
            return OptionalLong.empty();
        }

        @Override
        public String parameterFormula(Autoencoder spec, Shape x) {
            return String.format(Locale.ROOT, "%,d inputs x %,d units + %,d biases", x.size(), spec.code(), spec.code());
        }

        @Override
        public String smaller(Autoencoder spec) {
            return "use a smaller code";
        }

        @Override
        public void toDl4j(Autoencoder a, Dl4jTarget t) {
            // The encoder half; Pretraining.autoencoders fills its weights before training.
            DenseLayer encoder = new DenseLayer.Builder().nOut(a.code()).activation(Dl4jTarget.activation(Activation.SIGMOID)).build();
            t.builder().addLayer(t.id(), a.frozen() ? new FrozenLayerWithBackprop(encoder) : encoder, t.inputs());
        }
    }
}
