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

/**
 * The dataset's examples: an image of {@code channels x height x width}, or, when channels and
 * height are 1, a vector of {@code width} features.
 */
public record Input(int channels, int height, int width) implements LayerSpec {
    public Input {
        Text.positive("channels", channels);
        Text.positive("height", height);
        Text.positive("width", width);
    }

    /** A vector input of {@code features} values. */
    public static Input vector(int features) {
        return new Input(1, 1, features);
    }

    public Shape shape() {
        return new Shape(channels, height, width);
    }

    @Override
    public int maxInputs() {
        return 0;
    }

    @Override
    public String describe() {
        return "Input " + shape();
    }

    /** The dataset's examples; the analyser takes its shape from the spec, and the compiler declares it as the network input. */
    public static final class Kind implements LayerKind<Input> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Input>integer("channels", "Channels", "1 for grey images, 3 for colour",
                        Input::channels, (s, v) -> new Input(v, s.height(), s.width())),
                LayerFields.<Input>integer("height", "Height", "pixels; 1 for a vector of features",
                        Input::height, (s, v) -> new Input(s.channels(), v, s.width())),
                LayerFields.<Input>integer("width", "Width", "pixels, or the number of features of a vector",
                        Input::width, (s, v) -> new Input(s.channels(), s.height(), v)));

        public String name() { return "Input"; }
        public Class<Input> type() { return Input.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 40; }
        public String description() { return "Where the images come in"; }
        public String idPrefix() { return "input"; }
        public Input example() { return new Input(1, 28, 28); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        /** Not called: an Input has no inputs, and its shape is its own. */
        @Override
        public Inferred infer(Input spec, LayerInputs in) {
            return new Inferred(spec.shape(), 0);
        }

        @Override
        public OptionalLong fixedParameters(Input spec) {
            return OptionalLong.of(0);
        }

        @Override
        public void toDl4j(Input spec, Dl4jTarget t) {
            t.addNetworkInput(t.outputShape());
        }
    }
}
