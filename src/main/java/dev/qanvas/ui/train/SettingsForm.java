package dev.qanvas.ui.train;

import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.AdversarialTraining.Method;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.nn.training.TrainingSettings.Optimizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/**
 * The training settings as a form: optimiser, learning rate, batch size, epochs, seed,
 * validation split, early stopping patience, augmentation shift and adversarial training (method,
 * epsilon, share of each batch, PGD steps). A field's value is checked
 * when it is committed (Enter or leaving the field); a bad value is explained under the field and
 * changes nothing; a good one is passed to {@link #setOnEdit} as new settings.
 */
public final class SettingsForm extends GridPane {

    private final ComboBox<Optimizer> optimizer = new ComboBox<>(FXCollections.observableArrayList(Optimizer.values()));
    private final ComboBox<Method> adversarial = new ComboBox<>(FXCollections.observableArrayList(Method.values()));
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Map<String, Label> errors = new LinkedHashMap<>();
    private final Map<String, Function<TrainingSettings, String>> shows = new LinkedHashMap<>();
    private final SimpleBooleanProperty valid = new SimpleBooleanProperty(true);
    private TrainingSettings current = TrainingSettings.defaults();
    private Consumer<TrainingSettings> onEdit = s -> { };
    private boolean updating;
    private int row;

    public SettingsForm() {
        getStyleClass().add("train-settings");
        setHgap(8);
        setVgap(2);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(96);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        getColumnConstraints().addAll(labels, values);

        optimizer.setId("train-field-optimizer");
        optimizer.setMaxWidth(Double.MAX_VALUE);
        optimizer.setConverter(new StringConverter<>() {
            @Override
            public String toString(Optimizer o) {
                return o == null ? "" : switch (o) {
                    case ADAM -> "Adam";
                    case SGD_MOMENTUM -> "SGD with momentum";
                    case RMSPROP -> "RMSprop";
                };
            }

            @Override
            public Optimizer fromString(String s) {
                return null;
            }
        });
        optimizer.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null && b != current.optimizer()) {
                commit(new TrainingSettings(b, current.learningRate(), current.batchSize(), current.epochs(), current.seed(),
                        current.validationSplit(), current.patience(), current.augmentShift(), current.adversarial(), current.imbalance(),
                        current.initFrom()));
            }
        });
        addRow("Optimiser", optimizer, "How the weights follow the gradient; Adam suits most models");

        field("learning-rate", "Learning rate", "Step size of the optimiser, e.g. 0.001 (a positive number)",
                s -> number(s.learningRate()),
                (s, t) -> with(s, parseDouble(t, "a positive number such as 0.001"), null, null, null, null, null, null));
        field("batch-size", "Batch size", "Images per training step (1 or more)",
                s -> Integer.toString(s.batchSize()),
                (s, t) -> with(s, null, parseInt(t, "a whole number of at least 1"), null, null, null, null, null));
        field("epochs", "Epochs", "Passes over the training images (1 or more)",
                s -> Integer.toString(s.epochs()),
                (s, t) -> with(s, null, null, parseInt(t, "a whole number of at least 1"), null, null, null, null));
        field("seed", "Seed", "Random seed: the same seed gives the same run",
                s -> Long.toString(s.seed()),
                (s, t) -> with(s, null, null, null, parseLong(t), null, null, null));
        field("validation-split", "Validation", "Share of the training images held out for validation: 0 (none) up to 0.9",
                s -> number(s.validationSplit()),
                (s, t) -> {
                    double v = parseDouble(t, "a share between 0 and 0.9, such as 0.1");
                    if (v > 0.9) {
                        throw new IllegalArgumentException("at most 0.9: some images must be left to train on");
                    }
                    return with(s, null, null, null, null, v, null, null);
                });
        field("patience", "Early stop", "Stop after this many epochs without a better validation loss (0 = never)",
                s -> Integer.toString(s.patience()),
                (s, t) -> {
                    int p = parseInt(t, "a whole number, 0 to turn it off");
                    if (p > 0 && s.validationSplit() == 0) {
                        throw new IllegalArgumentException("early stopping watches the validation loss: set a validation split first");
                    }
                    return with(s, null, null, null, null, null, p, null);
                });
        field("augment-shift", "Shift (px)", "Random shift of each training image by up to this many pixels per epoch (0 = off, images only)",
                s -> Integer.toString(s.augmentShift()),
                (s, t) -> with(s, null, null, null, null, null, null, parseInt(t, "a whole number of pixels, 0 to 8")));
        adversarialRows();
        show(current);
    }

    private static final String ADVERSARIAL_TIP = "Adversarial training: in every batch, a share of the images is replaced by"
            + " versions a small perturbation (at most epsilon per pixel) makes the current model get wrong, labels kept."
            + " The model learns to resist such attacks, usually at some cost in clean accuracy and time per epoch."
            + " FGSM takes one gradient step; PGD takes several and gives stronger examples, but is slower.";

    private void adversarialRows() {
        adversarial.setId("train-field-adversarial");
        adversarial.setMaxWidth(Double.MAX_VALUE);
        adversarial.setConverter(new StringConverter<>() {
            @Override
            public String toString(Method m) {
                return m == null ? "" : switch (m) {
                    case NONE -> "None";
                    case FGSM -> "FGSM";
                    case PGD -> "PGD";
                };
            }

            @Override
            public Method fromString(String s) {
                return null;
            }
        });
        adversarial.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null && b != current.adversarial().method()) {
                commit(current.withAdversarial(current.adversarial().withMethod(b)));
            }
            enableAdversarialFields(b);
        });
        addRow("Adversarial", adversarial, ADVERSARIAL_TIP);
        field("adv-epsilon", "Epsilon (px)", "Largest change of any pixel, in pixel units: 0.1 is a tenth of the pixel range (0 to 0.5)",
                s -> number(s.adversarial().epsilon()),
                (s, t) -> withAdversarial(s, parseDouble(t, "a number from 0 to 0.5, such as 0.1"), null, null));
        field("adv-ratio", "Batch share", "Share of each batch replaced by adversarial examples: 0 to 1 (0.5 = half)",
                s -> number(s.adversarial().ratio()),
                (s, t) -> withAdversarial(s, null, parseDouble(t, "a share from 0 to 1, such as 0.5"), null));
        field("adv-steps", "PGD steps", "Gradient steps per PGD example (1 to 100): each step costs about one more pass over those images",
                s -> Integer.toString(s.adversarial().steps()),
                (s, t) -> withAdversarial(s, null, null, parseInt(t, "a whole number of steps, 1 to 100")));
    }

    private void enableAdversarialFields(Method m) {
        boolean on = m != null && m != Method.NONE;
        fields.get("adv-epsilon").setDisable(!on);
        fields.get("adv-ratio").setDisable(!on);
        fields.get("adv-steps").setDisable(m != Method.PGD);
    }

    private static TrainingSettings withAdversarial(TrainingSettings s, Double eps, Double ratio, Integer steps) {
        AdversarialTraining a = s.adversarial();
        try {
            return s.withAdversarial(new AdversarialTraining(a.method(), eps != null ? eps : a.epsilon(),
                    ratio != null ? ratio : a.ratio(), steps != null ? steps : a.steps()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(capitalise(e.getMessage()), e);
        }
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid;
    }

    public void setOnEdit(Consumer<TrainingSettings> onEdit) {
        this.onEdit = onEdit;
    }

    /** Shows these settings (after an edit, undo, or another project); clears field errors. */
    public void show(TrainingSettings settings) {
        current = settings;
        updating = true;
        try {
            optimizer.setValue(settings.optimizer());
            adversarial.setValue(settings.adversarial().method());
            enableAdversarialFields(settings.adversarial().method());
            shows.forEach((key, f) -> {
                fields.get(key).setText(f.apply(settings));
                markError(key, null);
            });
        } finally {
            updating = false;
        }
    }

    /**
     * The text field for {@code key} (learning-rate, batch-size, epochs, seed, validation-split, patience, augment-shift,
     * adv-epsilon, adv-ratio, adv-steps).
     */
    public TextField field(String key) {
        return fields.get(key);
    }

    private void field(String key, String label, String tip, Function<TrainingSettings, String> show,
                       BiFunction<TrainingSettings, String, TrainingSettings> parse) {
        TextField f = new TextField();
        f.setId("train-field-" + key);
        f.setPrefColumnCount(8);
        fields.put(key, f);
        shows.put(key, show);
        Runnable apply = () -> {
            if (updating) {
                return;
            }
            String text = f.getText().trim();
            if (text.equals(show.apply(current))) {
                markError(key, null);
                return;
            }
            try {
                TrainingSettings next = parse.apply(current, text);
                markError(key, null);
                commit(next);
            } catch (IllegalArgumentException e) {
                markError(key, e.getMessage());
            }
        };
        f.setOnAction(e -> apply.run());
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                apply.run();
            }
        });
        addRow(label, f, tip);
        Label error = new Label();
        error.setId("train-error-" + key);
        error.getStyleClass().addAll("error-text", "field-error");
        error.setWrapText(true);
        error.setManaged(false);
        error.setVisible(false);
        errors.put(key, error);
        add(error, 1, row++);
    }

    private void addRow(String text, javafx.scene.Node control, String tip) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        label.setTooltip(new Tooltip(tip));
        GridPane.setHalignment(label, HPos.LEFT);
        if (control instanceof javafx.scene.control.Control c) {
            c.setTooltip(new Tooltip(tip));
        }
        add(label, 0, row);
        add(control, 1, row++);
    }

    private void markError(String key, String message) {
        Label error = errors.get(key);
        TextField f = fields.get(key);
        boolean bad = message != null;
        error.setText(bad ? message : "");
        error.setVisible(bad);
        error.setManaged(bad);
        f.getStyleClass().remove("invalid-field");
        if (bad) {
            f.getStyleClass().add("invalid-field");
        }
        valid.set(errors.values().stream().noneMatch(Label::isVisible));
    }

    private void commit(TrainingSettings next) {
        current = next;
        onEdit.accept(next);
    }

    /** The settings with the given values replaced; the record's own checks explain bad combinations. */
    private static TrainingSettings with(TrainingSettings s, Double lr, Integer batch, Integer epochs, Long seed, Double split,
                                         Integer patience, Integer shift) {
        try {
            return new TrainingSettings(s.optimizer(), lr != null ? lr : s.learningRate(), batch != null ? batch : s.batchSize(),
                    epochs != null ? epochs : s.epochs(), seed != null ? seed : s.seed(), split != null ? split : s.validationSplit(),
                    patience != null ? patience : s.patience(), shift != null ? shift : s.augmentShift(), s.adversarial(), s.imbalance(),
                    s.initFrom());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(capitalise(e.getMessage()), e);
        }
    }

    private static String capitalise(String s) {
        return s == null || s.isEmpty() ? "not a valid value" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static double parseDouble(String text, String expected) {
        try {
            double v = Double.parseDouble(text.replace(',', '.'));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a number: enter " + expected);
        }
    }

    private static int parseInt(String text, String expected) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not " + expected);
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a whole number");
        }
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
