package dev.qanvas.nn.graph;

import dev.qanvas.quantum.PauliString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The editable settings of a layer kind, as data: a label, a kind of control, how to read the
 * value from a spec and how to make the spec with a new value. Each {@link LayerKind} declares its
 * fields with the makers here; the property panel lists them. Validation is the spec's own: a
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

    private LayerFields() {
    }

    /** The fields of {@code spec}'s kind, in the order the panel lists them (none for Flatten, Concat, ...). */
    public static List<Field> of(LayerSpec spec) {
        return LayerKinds.of(spec).fields();
    }

    // ----- field makers: parsing and its messages live here -----

    public static <S extends LayerSpec> Field integer(String key, String label, String help, Function<S, Integer> get,
                                                      BiFunction<S, Integer, S> with) {
        return new Field(key, label, Kind.INTEGER, List.of(), help, s -> Integer.toString(get.apply(cast(s))),
                (s, text) -> with.apply(cast(s), parseInt(label, text)));
    }

    public static <S extends LayerSpec> Field decimal(String key, String label, String help, Function<S, Double> get,
                                                      BiFunction<S, Double, S> with) {
        return new Field(key, label, Kind.DECIMAL, List.of(), help, s -> Double.toString(get.apply(cast(s))),
                (s, text) -> with.apply(cast(s), parseDouble(label, text)));
    }

    /** A choice among the constants of {@code type}. */
    public static <S extends LayerSpec, E extends Enum<E>> Field choice(String key, String label, Class<E> type,
                                                                        Function<S, E> get, BiFunction<S, E, S> with) {
        List<String> choices = names(type.getEnumConstants());
        return new Field(key, label, Kind.CHOICE, choices, "", s -> get.apply(cast(s)).name(), (s, text) -> {
            if (!choices.contains(text)) {
                throw new IllegalArgumentException(label + " is one of " + String.join(", ", choices) + ", not \"" + text + "\"");
            }
            return with.apply(cast(s), Enum.valueOf(type, text));
        });
    }

    public static <S extends LayerSpec> Field flag(String key, String label, String help, Function<S, Boolean> get,
                                                   BiFunction<S, Boolean, S> with) {
        return new Field(key, label, Kind.FLAG, List.of(), help, s -> Boolean.toString(get.apply(cast(s))),
                (s, text) -> with.apply(cast(s), Boolean.parseBoolean(text)));
    }

    public static <S extends LayerSpec> Field measurements(Function<S, List<PauliString>> get,
                                                           BiFunction<S, List<PauliString>, S> with) {
        return new Field("measurements", "Measures", Kind.TEXT, List.of(),
                "observables, comma-separated, e.g. Z0, Z1, X0 X1; one output each",
                s -> get.apply(cast(s)).stream().map(PauliString::toString).collect(Collectors.joining(", ")),
                (s, text) -> with.apply(cast(s), parseMeasurements(text)));
    }

    /** The field makers are typed on the kind's record; a field is only ever applied to a spec of its kind. */
    @SuppressWarnings("unchecked")
    private static <S extends LayerSpec> S cast(LayerSpec s) {
        return (S) s;
    }

    public static int parseInt(String label, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " must be a whole number, not \"" + text + "\"");
        }
    }

    public static double parseDouble(String label, String text) {
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

    public static List<PauliString> parseMeasurements(String text) {
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

}
