package dev.qanvas.nn.graph;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything Qanvas knows about one kind of layer, in one place: its name (the JSON {@code "type"}
 * and the canvas title), its palette entry and first settings, its editable fields, its shape rule
 * and parameter count, the checks of its own settings, its DL4J mapping and its classical twin.
 * Each {@link LayerSpec} record in {@code dev.qanvas.nn.graph.kinds} nests its implementation as
 * {@code Kind}; {@link LayerKinds#ALL} finds them, and the analyser, the compiler, the project files,
 * the palette and the property panel iterate that list instead of switching on the type.
 *
 * <p>Adding a kind: one new file in {@code kinds} holding the record and its nested {@code Kind},
 * plus a glyph in {@code LayerGlyphs}. {@code EveryLayerKindTest} then runs the kind through
 * analyse, compile, a JSON round trip and one training step.
 */
public interface LayerKind<S extends LayerSpec> {

    /** The palette's sections. */
    enum Group { QUANTUM, CLASSICAL }

    /** The name: {@link LayerSpec#typeName()}, the JSON {@code "type"}, the palette title and the glyph key. */
    String name();

    /** The record this kind describes. */
    Class<S> type();

    /** The palette section. */
    Group group();

    /** Where the palette lists it, lowest first (the quantum layers, the point of the app, lead; then classical ones by use). */
    int paletteOrder();

    /** A one-line description for the palette (at most 32 characters). */
    String description();

    /** The prefix of new node ids ("dense" for dense1, dense2, ...). */
    String idPrefix();

    /** A fresh spec with sensible first settings (equal on every call). */
    S example();

    /** The settings the property panel edits, in its order (empty for Flatten, Concat, ...). */
    List<LayerFields.Field> fields();

    /** A short form of the settings for the node box: a few lines of at most about 16 characters. */
    default List<String> settingsLines(S spec) {
        return List.of();
    }

    /** What is wrong with the settings whatever the input (a circuit too large, ...); {@code label} is "Output out". */
    default List<String> settingsProblems(S spec, String label) {
        return List.of();
    }

    /**
     * The output shape and exact parameter count on these inputs, or a {@link LayerMismatch} whose
     * message is the problem shown to the user. May throw {@link ArithmeticException} or
     * {@link IllegalArgumentException} for sizes too large to count.
     */
    Inferred infer(S spec, LayerInputs in) throws LayerMismatch;

    /** Parameters that do not depend on the input shape (0 for a layer without any); empty when they do. */
    OptionalLong fixedParameters(S spec);

    /** An output shape that does not depend on the input: shown even when the input does not fit. */
    default Optional<Shape> fixedShape(S spec) {
        return Optional.empty();
    }

    /** How the parameters are counted, for a "too many parameters" message. */
    default String parameterFormula(S spec, Shape in) {
        return "counted as DL4J stores them";
    }

    /** The advice when the layer is too large. */
    default String smaller(S spec) {
        return "use smaller layers before it";
    }

    /** A size limit of its own beyond parameters and output values (a convolution's unfolded input), as a message. */
    default Optional<String> ownLimit(S spec, String label, Shape in, Shape out) {
        return Optional.empty();
    }

    /**
     * How many times one example runs a circuit in this layer, given its input shape when known
     * (for the cost estimate of the summary bar); 0 for a classical kind, empty when unknown.
     */
    default OptionalLong circuitRunsPerExample(S spec, Optional<Shape> input) {
        return OptionalLong.of(0);
    }

    /** Adds the DL4J layers or vertices of node {@code id} to the graph being built. */
    void toDl4j(S spec, Dl4jTarget target);

    /** The classical layer with the same input and output shapes, for a quantum kind; empty for the others. */
    default Optional<LayerSpec> classicalTwin(S spec, Shape input) {
        return Optional.empty();
    }
}
