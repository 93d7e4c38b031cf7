package dev.qanvas.project.model;

/**
 * The model drawing's colours, as CSS/SVG hex strings, so the canvas and the SVG export agree:
 * blue for classical layers, purple for quantum ones (as in the circuit editor), slate for the
 * Input and Output, red for anything invalid.
 */
public final class ModelColors {

    public static final String ACCENT = "#4b3fd6";
    public static final String INVALID = "#b3261e";
    public static final String INVALID_FILL = "#fde8e6";
    public static final String EDGE = "#7d7c92";
    public static final String TEXT = "#1f1e2c";
    public static final String MUTED = "#6b6a7d";
    public static final String LABEL_FILL = "#ffffff";

    private ModelColors() {
    }

    /** Fill, border and ink (header text and glyph) of a node of {@code kind}. */
    public record Scheme(String fill, String header, String border, String ink) {
    }

    public static Scheme of(NodeCard.Kind kind) {
        return switch (kind) {
            case IO -> new Scheme("#f3f3f6", "#e2e2ea", "#7d7c92", "#34334a");
            case CLASSICAL -> new Scheme("#f2f6fe", "#dce6fa", "#6f8fd6", "#1f3f99");
            case QUANTUM -> new Scheme("#f6f1fe", "#e6dbfb", "#9a7be0", "#4d26a8");
        };
    }
}
