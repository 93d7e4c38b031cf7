package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.LayerSpec.Padding;
import dev.qanvas.nn.graph.ModelLimits;
import dev.qanvas.nn.graph.Shape;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * 2-D convolution of square {@code kernel x kernel} windows moved by {@code stride}, giving
 * {@code filters} channels. Parameters kernel * kernel * inChannels * filters + filters.
 */
public record Conv2D(int filters, int kernel, int stride, Padding padding, Activation activation) implements LayerSpec {
    public Conv2D {
        Text.positive("filters", filters);
        Text.positive("kernel", kernel);
        Text.positive("stride", stride);
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(activation, "activation");
    }

    @Override
    public String describe() {
        return "Conv2D " + filters + " " + kernel + "x" + kernel + "/" + stride + " " + Text.lowerName(padding) + " " + Text.lowerName(activation);
    }

    /**
     * 2-D convolution: VALID gives (in - kernel) / stride + 1 (rounded down), SAME gives
     * ceil(in / stride). Parameters kernel * kernel * inChannels * filters + filters.
     */
    public static final class Kind implements LayerKind<Conv2D> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Conv2D>integer("filters", "Filters", "output channels",
                        Conv2D::filters, (s, v) -> new Conv2D(v, s.kernel(), s.stride(), s.padding(), s.activation())),
                LayerFields.<Conv2D>integer("kernel", "Kernel", "side of the square window",
                        Conv2D::kernel, (s, v) -> new Conv2D(s.filters(), v, s.stride(), s.padding(), s.activation())),
                LayerFields.<Conv2D>integer("stride", "Stride", "step between windows",
                        Conv2D::stride, (s, v) -> new Conv2D(s.filters(), s.kernel(), v, s.padding(), s.activation())),
                LayerFields.<Conv2D, Padding>choice("padding", "Padding", Padding.class,
                        Conv2D::padding, (s, v) -> new Conv2D(s.filters(), s.kernel(), s.stride(), v, s.activation())),
                LayerFields.<Conv2D, Activation>choice("activation", "Activation", Activation.class,
                        Conv2D::activation, (s, v) -> new Conv2D(s.filters(), s.kernel(), s.stride(), s.padding(), v)));

        public String name() { return "Conv2D"; }
        public Class<Conv2D> type() { return Conv2D.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 60; }
        public String description() { return "Learned filters slide over it"; }
        public String idPrefix() { return "conv"; }
        public Conv2D example() { return new Conv2D(8, 3, 1, Padding.SAME, Activation.RELU); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(Conv2D c) {
            return List.of(Text.count(c.filters(), "filter") + " " + c.kernel() + "x" + c.kernel() + "/" + c.stride(),
                    Text.lower(c.padding()) + ", " + Text.lower(c.activation()));
        }

        @Override
        public Inferred infer(Conv2D c, LayerInputs in) throws LayerMismatch {
            in.requireImage();
            Shape x = in.x();
            int k = c.kernel(), s = c.stride();
            Shape out;
            if (c.padding() == Padding.VALID) {
                in.requireKernelFits(k, " or SAME padding");
                out = Shape.image(c.filters(), (x.height() - k) / s + 1, (x.width() - k) / s + 1);
            } else {
                out = Shape.image(c.filters(), LayerInputs.ceilDiv(x.height(), s), LayerInputs.ceilDiv(x.width(), s));
            }
            return new Inferred(out, Math.addExact(Math.multiplyExact(Math.multiplyExact((long) k * k, x.channels()),
                    c.filters()), c.filters()));
        }

        @Override
        public OptionalLong fixedParameters(Conv2D spec) {
            return OptionalLong.empty();
        }

        @Override
        public String parameterFormula(Conv2D c, Shape x) {
            return String.format(Locale.ROOT, "%dx%d kernel x %,d channels x %,d filters + %,d biases",
                    c.kernel(), c.kernel(), x.channels(), c.filters(), c.filters());
        }

        @Override
        public String smaller(Conv2D spec) {
            return "use fewer filters, a smaller kernel or a larger stride";
        }

        /** DL4J unfolds every window of every example (im2col): kernel^2 x channels x output pixels. */
        @Override
        public Optional<String> ownLimit(Conv2D c, String label, Shape x, Shape out) {
            long unfolded = Math.multiplyExact(Math.multiplyExact((long) c.kernel() * c.kernel(), x.channels()),
                    (long) out.height() * out.width());
            if (unfolded > ModelLimits.MAX_VALUES_PER_EXAMPLE) {
                return Optional.of(String.format(Locale.ROOT, "%s unfolds %,d values per example (%dx%d kernel x %d channels "
                        + "x %dx%d output pixels); a layer may use at most %,d: use a smaller kernel or a larger stride",
                        label, unfolded, c.kernel(), c.kernel(), x.channels(), out.height(), out.width(),
                        ModelLimits.MAX_VALUES_PER_EXAMPLE));
            }
            return Optional.empty();
        }

        @Override
        public void toDl4j(Conv2D c, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new ConvolutionLayer.Builder(c.kernel(), c.kernel()).stride(c.stride(), c.stride())
                    .nOut(c.filters())
                    .convolutionMode(c.padding() == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                    .activation(Dl4jTarget.activation(c.activation())).build(), t.inputs());
        }
    }
}
