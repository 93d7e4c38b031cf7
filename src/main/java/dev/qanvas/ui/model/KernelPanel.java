package dev.qanvas.ui.model;

import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.project.model.KernelPipeline;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;

/**
 * The property panel of a kernel project's Model workspace: the selected pipeline stage's
 * settings as a form. Each field commits on Enter, on leaving it or on picking a choice, through
 * {@code set} (the view model's {@code setKernel}); a refused value shows its reason under the
 * field and changes nothing. Field ids: {@code kernel-field-<key>} (the keys of the project file's
 * kernel section), errors {@code kernel-field-error-<key>}.
 */
final class KernelPanel extends VBox {

    private final Function<String, String> text;
    private final BiFunction<String, String, Optional<String>> set;
    private final Runnable openFeatureMap;
    /** Bumped on every rebuild, so a field of an old form (losing focus as it goes) commits nothing. */
    private int generation;
    private Object shown;

    /**
     * @param text           a setting's current text ({@code kernelText})
     * @param set            sets a setting from text, returning why it was refused ({@code setKernel})
     * @param openFeatureMap opens the feature map in the Circuit workspace, or null when the app offers no way
     */
    KernelPanel(Function<String, String> text, BiFunction<String, String, Optional<String>> set, Runnable openFeatureMap) {
        this.text = text;
        this.set = set;
        this.openFeatureMap = openFeatureMap;
        setId("kernel-panel");
        getStyleClass().add("property-panel");
        setSpacing(8);
        setPadding(new Insets(12));
        setFillWidth(true);
    }

    /** Shows the settings of {@code stageId} of {@code pipeline} for {@code spec}; rebuilt only when they changed. */
    void show(KernelPipeline pipeline, KernelSpec spec, String stageId) {
        if (List.of(pipeline, spec, stageId).equals(shown)) {
            return;
        }
        shown = List.of(pipeline, spec, stageId);
        // the field being edited gets the focus back in the new form (Enter commits, then rebuilds)
        String focused = getScene() != null && getScene().getFocusOwner() instanceof Control c && c.getId() != null
                && c.getId().startsWith("kernel-field-") && getChildren().stream().anyMatch(n -> n.lookup("#" + c.getId()) == c) ? c.getId() : null;
        generation++;
        getChildren().clear();
        KernelPipeline.Stage stage = pipeline.stage(stageId);
        getChildren().add(PropertyPanel.title(stage.title()));
        switch (stageId) {
            case KernelPipeline.INPUT -> {
                note(String.join(" · ", stage.lines()) + ".");
                note("The dataset and its transforms are set in the Data workspace; the kernel reads the images after the transforms.");
            }
            case KernelPipeline.FEATURES -> {
                note("What each image becomes before the feature map: one number per qubit.");
                choice("features", "Features", KernelSpec.FEATURES, "pixels after the transforms, their first principal components "
                        + "(fitted on the training points), or the penultimate activations of a trained run");
                if (spec.features().equals("pca")) {
                    field("components", "Components", "1 to " + KernelSpec.MAX_QUBITS + ": the feature map's qubits");
                }
                field("run", "Run", "a run folder of a trained network (relative to the project file); naming one uses its activations");
                flag("angles", "Scale to [0, π]", "each feature scaled by its training range, as rotation angles");
                field("trainPerClass", "Training points per class", "subsampled, seeded; the Gram matrix grows as N²");
                field("testPerClass", "Test points per class", "held out for the final test");
            }
            case KernelPipeline.FEATURE_MAP -> {
                if (spec.circuit() != null) {
                    note("A custom circuit: the map as edited in the Circuit workspace (" + spec.circuit().qubits() + " qubits, "
                            + spec.circuit().size() + " gates), which training uses. Choosing a built-in map replaces it.");
                    choice("map", "Map", List.of("custom", "z", "zz", "pauli"), "Qiskit's ZFeatureMap, ZZFeatureMap or PauliFeatureMap");
                } else {
                    choice("map", "Map", KernelSpec.MAPS, "Qiskit's ZFeatureMap, ZZFeatureMap or PauliFeatureMap (docs/kernels.md)");
                    if (spec.map().equals("pauli")) {
                        field("paulis", "Pauli strings", "comma-separated strings of I, X, Y, Z, e.g. Z, ZZ or X, XY; empty for Z, ZZ");
                    }
                    field("reps", "Repetitions", "1 to " + KernelSpec.MAX_REPS);
                    if (!spec.map().equals("z")) {
                        choice("entanglement", "Entanglement", List.of("full", "linear", "circular"), "which qubit pairs get a two-qubit term");
                    }
                }
                choice("kind", "Kernel", List.of("fidelity", "projected"), "fidelity |⟨φ(x)|φ(y)⟩|², or the projected kernel from "
                        + "one-qubit reduced states (Huang et al. 2021)");
                if (spec.kind().equals("projected")) {
                    field("gamma", "γ", "the projected kernel's width, > 0");
                }
                field("shots", "Shots", "0 for the exact kernel, else each entry estimated from this many runs");
                if (openFeatureMap != null) {
                    getChildren().add(PropertyPanel.button("Open in Circuit", "open-feature-map", openFeatureMap));
                }
            }
            case KernelPipeline.SVM -> {
                note("LIBSVM's C-SVC on the precomputed quantum Gram matrix (one-vs-one for several classes).");
                svmFields();
                field("folds", "Folds", "stratified cross-validation folds, 2 to " + KernelSpec.MAX_FOLDS);
                field("seed", "Seed", "subsample, folds, forest and shot noise");
            }
            case KernelPipeline.RBF_SVM -> {
                note("LIBSVM's own RBF kernel exp(-γ |x - y|²) on the same features, γ \"scale\" = 1 / (features × variance). "
                        + "It shares the SVM's C and class weights, so the two differ only in the kernel.");
                svmFields();
            }
            case KernelPipeline.FOREST -> {
                note("Tribuo's random forest on the same features and folds; it takes no class weights.");
                field("trees", "Trees", "1 to " + KernelSpec.MAX_TREES);
            }
            default -> throw new IllegalArgumentException("no stage " + stageId);
        }
        if (focused != null && lookup("#" + focused) != null) {
            lookup("#" + focused).requestFocus();
        }
    }

    private void svmFields() {
        field("c", "C", "the penalty on margin violations, > 0: larger fits the training points more closely");
        field("classWeights", "Class weights", "one per class in label order (e.g. 1, 2.5) multiplying C; empty for equal");
    }

    private void note(String message) {
        getChildren().add(PropertyPanel.wrapping(message, "muted"));
    }

    private void field(String key, String label, String help) {
        TextField field = new TextField(text.apply(key));
        Label err = error(key);
        int gen = generation;
        Runnable commit = () -> {
            if (gen == generation) {
                commit(key, field.getText(), field, err);
            }
        };
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit.run();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.setText(text.apply(key));
                PropertyPanel.clear(field, err);
                e.consume();
            }
        });
        add(key, label, field, help, err);
    }

    private void choice(String key, String label, List<String> choices, String help) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(choices);
        box.setValue(text.apply(key));
        Label err = error(key);
        int gen = generation;
        box.valueProperty().addListener((o, a, b) -> {
            if (gen == generation && b != null) {
                commit(key, b, box, err);
            }
        });
        add(key, label, box, help, err);
    }

    private void flag(String key, String label, String help) {
        CheckBox box = new CheckBox();
        box.setSelected(Boolean.parseBoolean(text.apply(key)));
        Label err = error(key);
        int gen = generation;
        box.selectedProperty().addListener((o, a, b) -> {
            if (gen == generation) {
                commit(key, Boolean.toString(b), box, err);
            }
        });
        add(key, label, box, help, err);
    }

    private void commit(String key, String value, Control control, Label err) {
        Optional<String> refused = set.apply(key, value);
        if (refused.isPresent()) {
            PropertyPanel.fail(control, err, refused.get());
        } else {
            PropertyPanel.clear(control, err);
        }
    }

    private void add(String key, String label, Control control, String help, Label err) {
        control.setId("kernel-field-" + key);
        getChildren().add(PropertyPanel.row(label, control, help, err));
    }

    private static Label error(String key) {
        Label l = PropertyPanel.error(key);
        l.setId("kernel-field-error-" + key);
        return l;
    }
}
