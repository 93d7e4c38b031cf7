package dev.qanvas.ui.circuit;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.FeatureMaps;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Templates;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks a template's settings and expands it into operations over every wire of the circuit.
 * {@link #build} is the pure part, so the expansion is testable without a dialog.
 */
public final class TemplateDialog {

    /** Layers offered in the dialog. */
    static final int MAX_LAYERS = 10;
    /** Features offered for data re-uploading (the angle editor reads x[0..63] too). */
    static final int MAX_FEATURES = 64;

    /**
     * A template's settings. {@code rotation} (RX, RY or RZ) matters for angle embedding and
     * basic entangler layers, {@code features} for angle embedding and data re-uploading,
     * {@code layers} for all but angle embedding and the QCNN (a feature map's reps); {@code seed} draws initial weights;
     * {@code entanglement} for the ZZ and Pauli feature maps, {@code paulis} for the Pauli feature map.
     */
    public record TemplateOptions(int layers, Gate rotation, int features, long seed, FeatureMaps.Pattern entanglement,
                                  List<String> paulis) {

        public TemplateOptions {
            entanglement = entanglement == null ? FeatureMaps.Pattern.FULL : entanglement;
            paulis = paulis == null ? List.of("Z", "ZZ") : List.copyOf(paulis);
        }

        /** Full entanglement and Qiskit's default Pauli strings Z, ZZ. */
        public TemplateOptions(int layers, Gate rotation, int features, long seed) {
            this(layers, rotation, features, seed, null, null);
        }
    }

    private TemplateDialog() {
    }

    /**
     * Shows the dialog and returns the operations to append, or empty when cancelled.
     * {@code wire} is where the template was dropped or the selected wire; templates span every
     * wire, so it does not change the result.
     */
    public static Optional<List<Operation>> ask(Window owner, PaletteItem template, Circuit circuit, int wire) {
        requireTemplate(template);
        int n = circuit.qubits();
        Dialog<List<Operation>> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Add template");
        dialog.setHeaderText(template.name() + (n == 1 ? " on 1 wire" : " on all " + n + " wires"));
        dialog.getDialogPane().setId("template-dialog");

        Spinner<Integer> layers = AnglePanel.intSpinner(1, MAX_LAYERS, 2);
        layers.setId("template-layers");
        layers.setPrefWidth(90);
        ComboBox<Gate> rotation = new ComboBox<>();
        rotation.getItems().setAll(Gate.RX, Gate.RY, Gate.RZ);
        rotation.setValue(template.id().equals("angle-embedding") ? Gate.RY : Gate.RX);
        rotation.setId("template-rotation");
        int maxFeatures = template.id().equals("angle-embedding") ? n : MAX_FEATURES;
        Spinner<Integer> features = AnglePanel.intSpinner(1, maxFeatures, Math.min(maxFeatures, n));
        features.setId("template-features");
        features.setPrefWidth(90);

        ComboBox<FeatureMaps.Pattern> entanglement = new ComboBox<>();
        entanglement.getItems().setAll(FeatureMaps.Pattern.FULL, FeatureMaps.Pattern.LINEAR, FeatureMaps.Pattern.CIRCULAR);
        entanglement.setValue(FeatureMaps.Pattern.FULL); // Qiskit's default
        entanglement.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(FeatureMaps.Pattern p) {
                return p == null ? "" : p.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public FeatureMaps.Pattern fromString(String s) {
                return FeatureMaps.Pattern.parse(s);
            }
        });
        entanglement.setId("template-entanglement");
        TextField paulis = new TextField("Z, ZZ");
        paulis.setId("template-paulis");
        paulis.setPrefColumnCount(10);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        if (usesLayers(template)) {
            grid.addRow(row++, new Label(isFeatureMap(template) ? "Repetitions" : "Layers"), layers);
        }
        if (usesRotation(template)) {
            grid.addRow(row++, new Label("Rotation"), rotation);
        }
        if (usesEntanglement(template)) {
            grid.addRow(row++, new Label("Entanglement"), entanglement, muted("which blocks of wires"));
        }
        if (template.id().equals("pauli-feature-map")) {
            grid.addRow(row++, new Label("Pauli strings"), paulis, muted("e.g. Z, ZZ or X, XY"));
        }
        if (usesFeatures(template)) {
            String hint = template.id().equals("angle-embedding") ? "one per wire, at most " + n : "x[0] ... x[features-1]";
            grid.addRow(row++, new Label("Features"), features, muted(hint));
        }

        // labels keep their width: the hints give way first
        grid.getChildren().stream().filter(cell -> GridPane.getColumnIndex(cell) != null && GridPane.getColumnIndex(cell) == 0)
                .forEach(cell -> ((Label) cell).setMinWidth(Region.USE_PREF_SIZE));
        Label explanation = new Label(template.description() + ".");
        explanation.setWrapText(true);
        Label summary = new Label();
        summary.setId("template-summary");
        summary.setWrapText(true);
        VBox content = new VBox(12, explanation, grid, summary);
        content.setPrefWidth(420);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);

        // A seed per template position keeps two identical templates from starting at identical
        // weights, while the same edit on the same circuit stays reproducible.
        long seed = 42L + circuit.size();
        Runnable refresh = () -> {
            TemplateOptions options = new TemplateOptions(layers.getValue(), rotation.getValue(), features.getValue(), seed,
                    entanglement.getValue(), paulis(paulis.getText()));
            try {
                List<Operation> ops = build(template, options, circuit);
                summary.setText(summaryOf(ops));
                summary.setStyle("");
                ok.setDisable(false);
            } catch (IllegalArgumentException e) {
                summary.setText(e.getMessage());
                summary.setStyle("-fx-text-fill: #b3261e;");
                ok.setDisable(true);
            }
        };
        layers.valueProperty().addListener((o, a, b) -> refresh.run());
        rotation.valueProperty().addListener((o, a, b) -> refresh.run());
        features.valueProperty().addListener((o, a, b) -> refresh.run());
        entanglement.valueProperty().addListener((o, a, b) -> refresh.run());
        paulis.textProperty().addListener((o, a, b) -> refresh.run());
        refresh.run();

        dialog.setResultConverter(button -> button == ButtonType.OK
                ? build(template, new TemplateOptions(layers.getValue(), rotation.getValue(), features.getValue(), seed,
                        entanglement.getValue(), paulis(paulis.getText())), circuit)
                : null);
        return dialog.showAndWait();
    }

    /**
     * The operations {@code template} expands into on every wire of {@code circuit}, with
     * trainable weights named under a prefix ("t1_", "t2_", ...) no weight of the circuit uses.
     *
     * @throws IllegalArgumentException when the template cannot fit (a QCNN on one wire, more
     *     embedded features than wires) or the options are out of range
     */
    public static List<Operation> build(PaletteItem template, TemplateOptions options, Circuit circuit) {
        requireTemplate(template);
        int n = circuit.qubits();
        if (usesLayers(template) && (options.layers() < 1 || options.layers() > MAX_LAYERS)) {
            throw new IllegalArgumentException("layers must be 1.." + MAX_LAYERS + ", not " + options.layers());
        }
        if (usesFeatures(template) && options.features() < 1) {
            throw new IllegalArgumentException("a template needs at least one feature");
        }
        String prefix = freshPrefix(circuit);
        switch (template.id()) {
            case "angle-embedding":
                if (options.features() > n) {
                    throw new IllegalArgumentException("angle embedding puts one feature on each wire: "
                            + options.features() + " features need " + options.features() + " wires, the circuit has " + n);
                }
                return Templates.angleEmbedding(options.features(), options.rotation(), 1.0);
            case "basic-entangler":
                return Templates.basicEntanglerLayers(n, options.layers(), options.rotation(), prefix, options.seed());
            case "strongly-entangling":
                return Templates.stronglyEntanglingLayers(n, options.layers(), prefix, options.seed());
            case "data-reuploading":
                if (options.features() > MAX_FEATURES) {
                    throw new IllegalArgumentException("data re-uploading reads at most " + MAX_FEATURES + " features");
                }
                return Templates.dataReuploading(n, options.features(), options.layers(), prefix, options.seed());
            case "z-feature-map":
                return FeatureMaps.z(n, options.layers()).operations();
            case "zz-feature-map":
                return FeatureMaps.zz(n, options.layers(), options.entanglement()).operations();
            case "pauli-feature-map":
                return FeatureMaps.operations(n, options.layers(), options.entanglement(), options.paulis());
            case "qcnn":
                if (n < 2) {
                    throw new IllegalArgumentException("A QCNN pools pairs of wires down to one, so it needs at least 2 wires; "
                            + "this circuit has 1. Add a wire first.");
                }
                return Templates.qcnn(n, prefix, options.seed());
            default:
                throw new IllegalArgumentException("unknown template " + template.id());
        }
    }

    /** "t1_", "t2_", ...: the first prefix no existing weight name starts with. */
    static String freshPrefix(Circuit circuit) {
        List<String> names = circuit.weightNames();
        for (int k = 1; ; k++) {
            String prefix = "t" + k + "_";
            if (names.stream().noneMatch(name -> name.startsWith(prefix))) {
                return prefix;
            }
        }
    }

    /** "Adds 12 gates with 8 trainable weights (t1_0 ... t1_7) reading x[0..3]." */
    private static String summaryOf(List<Operation> ops) {
        Set<String> weights = new LinkedHashSet<>();
        int inputs = 0;
        for (Operation op : ops) {
            for (Angle a : op.angles()) {
                if (a instanceof Angle.Weight w) {
                    weights.add(w.name());
                } else if (a instanceof Angle.Input in) {
                    inputs = Math.max(inputs, in.index() + 1);
                } else if (a instanceof Angle.Product pr) {
                    inputs = Math.max(inputs, pr.maxIndex() + 1);
                }
            }
        }
        StringBuilder sb = new StringBuilder("Adds ").append(ops.size()).append(ops.size() == 1 ? " gate" : " gates");
        if (!weights.isEmpty()) {
            List<String> names = List.copyOf(weights);
            sb.append(" with ").append(names.size()).append(names.size() == 1 ? " trainable weight (" : " trainable weights (")
                    .append(names.get(0)).append(names.size() > 1 ? " ... " + names.get(names.size() - 1) : "").append(')');
        }
        if (inputs > 0) {
            sb.append(weights.isEmpty() ? " reading " : ", reading ").append(inputs == 1 ? "x[0]" : "x[0.." + (inputs - 1) + "]");
        }
        return sb.append('.').toString();
    }

    private static boolean usesLayers(PaletteItem t) {
        return !t.id().equals("angle-embedding") && !t.id().equals("qcnn");
    }

    private static boolean isFeatureMap(PaletteItem t) {
        return t.id().endsWith("-feature-map");
    }

    private static boolean usesEntanglement(PaletteItem t) {
        return t.id().equals("zz-feature-map") || t.id().equals("pauli-feature-map");
    }

    /** "Z, XY" as Pauli strings; blank for Qiskit's default Z, ZZ. */
    static List<String> paulis(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() ? List.of("Z", "ZZ") : java.util.Arrays.stream(t.split("[,\\s]+")).filter(p -> !p.isEmpty()).toList();
    }

    private static boolean usesRotation(PaletteItem t) {
        return t.id().equals("angle-embedding") || t.id().equals("basic-entangler");
    }

    private static boolean usesFeatures(PaletteItem t) {
        return t.id().equals("angle-embedding") || t.id().equals("data-reuploading");
    }

    private static void requireTemplate(PaletteItem item) {
        if (!item.isTemplate()) {
            throw new IllegalArgumentException(item.id() + " is a gate, not a template");
        }
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }
}
