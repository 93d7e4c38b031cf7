package dev.qanvas.ui.model;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.LayerSpec.OutputKind;
import dev.qanvas.nn.graph.LayerSpec.Padding;
import dev.qanvas.quantum.PauliString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The editable settings of each layer type, as data: a label, a kind of control, how to read the
 * value from a spec and how to make the spec with a new value. Validation is the spec's own: a
 * value the record refuses throws {@link IllegalArgumentException} with the message the property
 * panel shows next to the field. Pure, so every rule is tested without a screen.
 */
public final class LayerFields {

    /** How a field is edited. */
    public enum Kind { INTEGER, DECIMAL, CHOICE, FLAG, TEXT }

    /**
     * One setting. {@code get} gives the text shown; {@code with} returns the spec with the text as
     * the new value, or throws {@link IllegalArgumentException} saying what is wrong.
     */
    public record Field(String key, String label, Kind kind, List<String> choices, String help,
                        Function<LayerSpec, String> get, BiFunction<LayerSpec, String, LayerSpec> with) {

        public String value(LayerSpec spec) {
            return get.apply(spec);
        }

        public LayerSpec apply(LayerSpec spec, String text) {
            return with.apply(spec, text.trim());
        }
    }

    private static final List<String> ACTIVATIONS = names(Activation.values());
    private static final List<String> PADDINGS = names(Padding.values());
    private static final List<String> OUTPUT_KINDS = names(OutputKind.values());

    private LayerFields() {
    }

    /** The fields of {@code spec}'s type, in the order the panel lists them (none for Flatten, Concat, ...). */
    public static List<Field> of(LayerSpec spec) {
        List<Field> f = new ArrayList<>();
        if (spec instanceof LayerSpec.Input) {
            f.add(integer("channels", "Channels", "1 for grey images, 3 for colour",
                    s -> ((LayerSpec.Input) s).channels(), (s, v) -> new LayerSpec.Input(v, in(s).height(), in(s).width())));
            f.add(integer("height", "Height", "pixels; 1 for a vector of features",
                    s -> in(s).height(), (s, v) -> new LayerSpec.Input(in(s).channels(), v, in(s).width())));
            f.add(integer("width", "Width", "pixels, or the number of features of a vector",
                    s -> in(s).width(), (s, v) -> new LayerSpec.Input(in(s).channels(), in(s).height(), v)));
        } else if (spec instanceof LayerSpec.Dense) {
            f.add(integer("units", "Units", "outputs of the layer",
                    s -> dense(s).units(), (s, v) -> new LayerSpec.Dense(v, dense(s).activation())));
            f.add(choice("activation", "Activation", ACTIVATIONS, s -> dense(s).activation(),
                    (s, v) -> new LayerSpec.Dense(dense(s).units(), Activation.valueOf(v))));
        } else if (spec instanceof LayerSpec.Conv2D) {
            f.add(integer("filters", "Filters", "output channels",
                    s -> conv(s).filters(), (s, v) -> new LayerSpec.Conv2D(v, conv(s).kernel(), conv(s).stride(), conv(s).padding(), conv(s).activation())));
            f.add(integer("kernel", "Kernel", "side of the square window",
                    s -> conv(s).kernel(), (s, v) -> new LayerSpec.Conv2D(conv(s).filters(), v, conv(s).stride(), conv(s).padding(), conv(s).activation())));
            f.add(integer("stride", "Stride", "step between windows",
                    s -> conv(s).stride(), (s, v) -> new LayerSpec.Conv2D(conv(s).filters(), conv(s).kernel(), v, conv(s).padding(), conv(s).activation())));
            f.add(choice("padding", "Padding", PADDINGS, s -> conv(s).padding(),
                    (s, v) -> new LayerSpec.Conv2D(conv(s).filters(), conv(s).kernel(), conv(s).stride(), Padding.valueOf(v), conv(s).activation())));
            f.add(choice("activation", "Activation", ACTIVATIONS, s -> conv(s).activation(),
                    (s, v) -> new LayerSpec.Conv2D(conv(s).filters(), conv(s).kernel(), conv(s).stride(), conv(s).padding(), Activation.valueOf(v))));
        } else if (spec instanceof LayerSpec.MaxPool) {
            f.add(integer("kernel", "Kernel", "side of the square window",
                    s -> ((LayerSpec.MaxPool) s).kernel(), (s, v) -> new LayerSpec.MaxPool(v, ((LayerSpec.MaxPool) s).stride())));
            f.add(integer("stride", "Stride", "step between windows",
                    s -> ((LayerSpec.MaxPool) s).stride(), (s, v) -> new LayerSpec.MaxPool(((LayerSpec.MaxPool) s).kernel(), v)));
        } else if (spec instanceof LayerSpec.AvgPool) {
            f.add(integer("kernel", "Kernel", "side of the square window",
                    s -> ((LayerSpec.AvgPool) s).kernel(), (s, v) -> new LayerSpec.AvgPool(v, ((LayerSpec.AvgPool) s).stride())));
            f.add(integer("stride", "Stride", "step between windows",
                    s -> ((LayerSpec.AvgPool) s).stride(), (s, v) -> new LayerSpec.AvgPool(((LayerSpec.AvgPool) s).kernel(), v)));
        } else if (spec instanceof LayerSpec.Dropout) {
            f.add(decimal("rate", "Rate", "share of values dropped while training, in [0, 1)",
                    s -> ((LayerSpec.Dropout) s).rate(), (s, v) -> new LayerSpec.Dropout(v)));
        } else if (spec instanceof LayerSpec.ActivationLayer) {
            f.add(choice("activation", "Function", ACTIVATIONS, s -> ((LayerSpec.ActivationLayer) s).activation(),
                    (s, v) -> new LayerSpec.ActivationLayer(Activation.valueOf(v))));
        } else if (spec instanceof LayerSpec.Slice) {
            f.add(integer("from", "From", "first feature kept (counting from 0)",
                    s -> ((LayerSpec.Slice) s).from(), (s, v) -> new LayerSpec.Slice(v, ((LayerSpec.Slice) s).to())));
            f.add(integer("to", "To", "first feature not kept",
                    s -> ((LayerSpec.Slice) s).to(), (s, v) -> new LayerSpec.Slice(((LayerSpec.Slice) s).from(), v)));
        } else if (spec instanceof LayerSpec.Output) {
            f.add(integer("classes", "Classes", "one output per class",
                    s -> out(s).classes(), (s, v) -> new LayerSpec.Output(v, out(s).kind())));
            f.add(choice("kind", "Loss", OUTPUT_KINDS, s -> out(s).kind(),
                    (s, v) -> new LayerSpec.Output(out(s).classes(), OutputKind.valueOf(v))));
        } else if (spec instanceof LayerSpec.Autoencoder) {
            f.add(integer("code", "Code size", "features the encoder compresses to",
                    s -> ae(s).code(), (s, v) -> new LayerSpec.Autoencoder(v, ae(s).pretrainEpochs(), ae(s).frozen())));
            f.add(integer("pretrainEpochs", "Pretrain epochs", "epochs of reconstruction training first (0 for none)",
                    s -> ae(s).pretrainEpochs(), (s, v) -> new LayerSpec.Autoencoder(ae(s).code(), v, ae(s).frozen())));
            f.add(flag("frozen", "Frozen", "keep the pretrained encoder fixed afterwards",
                    s -> ae(s).frozen(), (s, v) -> new LayerSpec.Autoencoder(ae(s).code(), ae(s).pretrainEpochs(), v)));
        } else if (spec instanceof LayerSpec.Quantum) {
            f.add(decimal("inputScale", "Input scale", "each input feature times this is its rotation angle",
                    s -> q(s).inputScale(), (s, v) -> new LayerSpec.Quantum(q(s).circuit(), q(s).measurements(), v, q(s).outputScaling())));
            f.add(flag("outputScaling", "Output scaling", "a trainable scale and bias on each output",
                    s -> q(s).outputScaling(), (s, v) -> new LayerSpec.Quantum(q(s).circuit(), q(s).measurements(), q(s).inputScale(), v)));
            f.add(measurements(s -> q(s).measurements(),
                    (s, v) -> new LayerSpec.Quantum(q(s).circuit(), v, q(s).inputScale(), q(s).outputScaling())));
        } else if (spec instanceof LayerSpec.Quanvolution) {
            f.add(integer("kernel", "Kernel", "side of the patch; the circuit encodes kernel² pixels",
                    s -> qv(s).kernel(), (s, v) -> new LayerSpec.Quanvolution(qv(s).patchCircuit(), v, qv(s).stride(), qv(s).trainable())));
            f.add(integer("stride", "Stride", "step between patches",
                    s -> qv(s).stride(), (s, v) -> new LayerSpec.Quanvolution(qv(s).patchCircuit(), qv(s).kernel(), v, qv(s).trainable())));
            f.add(flag("trainable", "Trainable", "train the circuit's weights (else a fixed random filter)",
                    s -> qv(s).trainable(), (s, v) -> new LayerSpec.Quanvolution(qv(s).patchCircuit(), qv(s).kernel(), qv(s).stride(), v)));
        } else if (spec instanceof LayerSpec.ParallelQuantum) {
            f.add(integer("groups", "Groups", "copies of the circuit, each on its own slice of the input",
                    s -> pq(s).groups(), (s, v) -> new LayerSpec.ParallelQuantum(pq(s).circuit(), v, pq(s).measurements())));
            f.add(measurements(s -> pq(s).measurements(), (s, v) -> new LayerSpec.ParallelQuantum(pq(s).circuit(), pq(s).groups(), v)));
        }
        return f;
    }

    // ----- field makers: parsing and its messages live here -----

    private static Field integer(String key, String label, String help, Function<LayerSpec, Integer> get,
                                 BiFunction<LayerSpec, Integer, LayerSpec> with) {
        return new Field(key, label, Kind.INTEGER, List.of(), help, s -> Integer.toString(get.apply(s)),
                (s, text) -> with.apply(s, parseInt(label, text)));
    }

    private static Field decimal(String key, String label, String help, Function<LayerSpec, Double> get,
                                 BiFunction<LayerSpec, Double, LayerSpec> with) {
        return new Field(key, label, Kind.DECIMAL, List.of(), help, s -> Double.toString(get.apply(s)),
                (s, text) -> with.apply(s, parseDouble(label, text)));
    }

    private static Field choice(String key, String label, List<String> choices, Function<LayerSpec, Enum<?>> get,
                                BiFunction<LayerSpec, String, LayerSpec> with) {
        return new Field(key, label, Kind.CHOICE, choices, "", s -> get.apply(s).name(), (s, text) -> {
            if (!choices.contains(text)) {
                throw new IllegalArgumentException(label + " is one of " + String.join(", ", choices) + ", not \"" + text + "\"");
            }
            return with.apply(s, text);
        });
    }

    private static Field flag(String key, String label, String help, Function<LayerSpec, Boolean> get,
                              BiFunction<LayerSpec, Boolean, LayerSpec> with) {
        return new Field(key, label, Kind.FLAG, List.of(), help, s -> Boolean.toString(get.apply(s)),
                (s, text) -> with.apply(s, Boolean.parseBoolean(text)));
    }

    private static Field measurements(Function<LayerSpec, List<PauliString>> get,
                                      BiFunction<LayerSpec, List<PauliString>, LayerSpec> with) {
        return new Field("measurements", "Measures", Kind.TEXT, List.of(),
                "observables, comma-separated, e.g. Z0, Z1, X0 X1; one output each",
                s -> get.apply(s).stream().map(PauliString::toString).collect(Collectors.joining(", ")),
                (s, text) -> with.apply(s, parseMeasurements(text)));
    }

    static int parseInt(String label, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " must be a whole number, not \"" + text + "\"");
        }
    }

    static double parseDouble(String label, String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " must be a number, not \"" + text + "\"");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(label + " must be a finite number, not \"" + text + "\"");
        }
        return v;
    }

    static List<PauliString> parseMeasurements(String text) {
        List<PauliString> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(PauliString.parse(part.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("measure at least one observable, e.g. Z0");
        }
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** How a choice is shown: "leaky relu" for LEAKY_RELU. */
    public static String display(String choice) {
        return choice.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static LayerSpec.Input in(LayerSpec s) { return (LayerSpec.Input) s; }
    private static LayerSpec.Dense dense(LayerSpec s) { return (LayerSpec.Dense) s; }
    private static LayerSpec.Conv2D conv(LayerSpec s) { return (LayerSpec.Conv2D) s; }
    private static LayerSpec.Output out(LayerSpec s) { return (LayerSpec.Output) s; }
    private static LayerSpec.Autoencoder ae(LayerSpec s) { return (LayerSpec.Autoencoder) s; }
    private static LayerSpec.Quantum q(LayerSpec s) { return (LayerSpec.Quantum) s; }
    private static LayerSpec.Quanvolution qv(LayerSpec s) { return (LayerSpec.Quanvolution) s; }
    private static LayerSpec.ParallelQuantum pq(LayerSpec s) { return (LayerSpec.ParallelQuantum) s; }
}
