package dev.qanvas.ui.train;

import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.AdversarialTraining.Method;
import dev.qanvas.nn.training.TrainingExecution;
import dev.qanvas.nn.training.ImbalanceRemedy;
import dev.qanvas.nn.training.ImbalanceRemedy.Resampling;
import dev.qanvas.nn.training.InitFromRun;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.RunRecord;
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
import javafx.scene.control.CheckBox;
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
 * validation split, early stopping patience, augmentation shift, adversarial training (method,
 * epsilon, share of each batch, PGD steps), the imbalance remedies (resampling and its level, class
 * weights, threshold moving), the run whose weights a run starts from, and how the quantum layers run
 * while training (device profile, noise options, shots, shot seed: {@link TrainingExecution}). A field's value is checked
 * when it is committed (Enter or leaving the field); a bad value is explained under the field and
 * changes nothing; a good one is passed to {@link #setOnEdit} as new settings.
 */
public final class SettingsForm extends GridPane {

    private final ComboBox<Optimizer> optimizer = new ComboBox<>(FXCollections.observableArrayList(Optimizer.values()));
    private final ComboBox<Method> adversarial = new ComboBox<>(FXCollections.observableArrayList(Method.values()));
    /** "Ideal" or a device profile's name (a built-in one, or the file a project names). */
    private final ComboBox<String> device = new ComboBox<>();
    private static final String NO_PROFILE = "None";
    private static final String ILLUSTRATIVE = "illustrative-";
    private final ComboBox<Resampling> resampling = new ComboBox<>(FXCollections.observableArrayList(Resampling.values()));
    private final CheckBox classWeights = new CheckBox();
    private final CheckBox priorThresholds = new CheckBox();
    private final ComboBox<InitChoice> initFrom = new ComboBox<>();
    private final CheckBox freshOutput = new CheckBox();
    private java.util.List<RunRecord> runs = java.util.List.of();
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
        optimizer.setConverter(shown(o -> switch (o) {
                    case ADAM -> "Adam";
                    case SGD_MOMENTUM -> "SGD with momentum";
                    case RMSPROP -> "RMSprop";
                }));
        optimizer.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null && b != current.optimizer()) {
                commit(new TrainingSettings(b, current.learningRate(), current.batchSize(), current.epochs(), current.seed(),
                        current.validationSplit(), current.patience(), current.augmentShift(), current.adversarial(), current.imbalance(),
                        current.execution(), current.initFrom()));
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
        imbalanceRows();
        initRows();
        executionRows();
        show(current);
    }

    private static final String DEVICE_TIP = "Train the quantum layers as on a device: a device profile's noise (T1, T2, gate and"
            + " readout errors; the two built-in profiles are illustrative, not a real device's calibration), noise channels after"
            + " every gate, and/or expectations estimated from shots. Gradients are then by parameter shift (adjoint"
            + " differentiation is exact only for the ideal pure state): slower, about two circuit runs per angle per image.";

    private void executionRows() {
        device.setId("train-field-device");
        device.setMaxWidth(Double.MAX_VALUE);
        device.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) { // the narrow field shows "noisy"; the note under the form the full name
                return name == null ? "" : name.startsWith(ILLUSTRATIVE) ? name.substring(ILLUSTRATIVE.length())
                        : java.nio.file.Path.of(name).getFileName().toString();
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        device.valueProperty().addListener((o, a, b) -> {
            String profile = NO_PROFILE.equals(b) ? null : b;
            if (!updating && b != null && !java.util.Objects.equals(profile, current.execution().profile())) {
                commit(current.withExecution(current.execution().withProfile(profile)));
            }
        });
        addRow("Device", device, DEVICE_TIP);
        field("noise", "Noise", "Channels after every gate, comma-separated: depolarizing=P, amplitude_damping=G, phase_damping=L,"
                        + " bit_flip=P, phase_flip=P, readout=R (empty: none)",
                s -> String.join(", ", s.execution().noise()),
                (s, t) -> withExecution(s, e -> e.withNoise(t.isBlank() ? java.util.List.of()
                        : java.util.Arrays.stream(t.split(",")).map(String::trim).toList())));
        field("shots", "Shots", "Shots per expectation while training (0: exact expectations)",
                s -> Long.toString(s.execution().shots()),
                (s, t) -> withExecution(s, e -> e.withShots(parseLong(t))));
        field("shot-seed", "Shot seed", "Seed of the shots: quantum layer i draws from seed + i, each epoch from its own stream",
                s -> Long.toString(s.execution().seed()),
                (s, t) -> withExecution(s, e -> e.withSeed(parseLong(t))));
    }

    private static TrainingSettings withExecution(TrainingSettings s, java.util.function.UnaryOperator<TrainingExecution> change) {
        try {
            return s.withExecution(change.apply(s.execution()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(capitalise(e.getMessage()), e);
        }
    }

    /** None, the built-in profiles, and the project's own profile file if it names one. */
    private void showDevice(TrainingExecution e) {
        java.util.List<String> items = new java.util.ArrayList<>();
        items.add(NO_PROFILE);
        items.addAll(dev.qanvas.quantum.DeviceProfile.BUILT_IN);
        if (e.profile() != null && !items.contains(e.profile())) {
            items.add(e.profile());
        }
        if (!device.getItems().equals(items)) {
            device.getItems().setAll(items);
        }
        device.setValue(e.profile() == null ? NO_PROFILE : e.profile());
    }
    private static final String RESAMPLING_TIP = "Imbalance remedy, each epoch: oversample copies the images of every smaller class"
            + " up to the level times the largest class's count; undersample cuts every class to the smallest class's count"
            + " over the level (1 = full balance either way). The validation images are held out first.";

    /** The imbalance remedies, as `qanvas train --oversample/--undersample/--class-weights/--prior-thresholds` set them. */
    private void imbalanceRows() {
        resampling.setId("train-field-resampling");
        resampling.setMaxWidth(Double.MAX_VALUE);
        resampling.setConverter(shown(r -> switch (r) {
                    case NONE -> "None";
                    case OVERSAMPLE -> "Oversample";
                    case UNDERSAMPLE -> "Undersample";
                }));
        resampling.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null && b != current.imbalance().resampling()) {
                ImbalanceRemedy r = current.imbalance();
                commit(current.withImbalance(new ImbalanceRemedy(b, r.level(), r.classWeights(), r.priorThresholds())));
            }
            fields.get("resampling-level").setDisable(b == null || b == Resampling.NONE);
        });
        addRow("Resampling", resampling, RESAMPLING_TIP);
        field("resampling-level", "Level", "How far toward balance resampling goes: above 0 up to 1 (1 = every class equal)",
                s -> number(s.imbalance().level()),
                (s, t) -> {
                    ImbalanceRemedy r = s.imbalance();
                    try {
                        return s.withImbalance(new ImbalanceRemedy(r.resampling(), parseDouble(t, "a level above 0 up to 1"),
                                r.classWeights(), r.priorThresholds()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(capitalise(e.getMessage()), e);
                    }
                });
        flag(classWeights, "train-field-class-weights", "Class-weighted loss",
                "Weigh each image's loss by N / (K n_class): a rare class's mistakes cost more",
                (r, on) -> new ImbalanceRemedy(r.resampling(), r.level(), on, r.priorThresholds()));
        flag(priorThresholds, "train-field-prior-thresholds", "Threshold by priors",
                "Threshold moving: at prediction, divide each class's output by its share of the training split (test numbers"
                        + " and summary.json; Inspect shows the network's own outputs)",
                (r, on) -> new ImbalanceRemedy(r.resampling(), r.level(), r.classWeights(), on));
    }

    private void flag(CheckBox box, String id, String text, String tip, BiFunction<ImbalanceRemedy, Boolean, ImbalanceRemedy> with) {
        box.setId(id);
        box.setText(text);
        box.setTooltip(new Tooltip(tip));
        box.selectedProperty().addListener((o, a, b) -> {
            if (!updating) {
                commit(current.withImbalance(with.apply(current.imbalance(), b)));
            }
        });
        add(box, 0, row++, 2, 1); // the whole width: the value column is too narrow for the text
    }

    private static final String INIT_TIP = "Start from the weights another run of this model left (same layers and parameter"
            + " shapes) instead of fresh ones: fine-tune after pre-training, e.g. on random labels (qanvas train --init-from)";

    /** "Initialise from run": fresh weights or one of the project's runs; a run of another model is refused at Start, with the reason. */
    private void initRows() {
        initFrom.setId("train-field-init-from");
        initFrom.setMaxWidth(Double.MAX_VALUE);
        initFrom.setConverter(shown(InitChoice::label));
        initFrom.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null && !java.util.Objects.equals(b.directory(), directoryOf(current))) {
                commit(current.withInitFrom(b.directory() == null ? null : new InitFromRun(b.directory(), freshOutput.isSelected())));
            }
            freshOutput.setDisable(b == null || b.directory() == null);
        });
        Label startFrom = new Label("Start from");
        startFrom.getStyleClass().add("field-label");
        startFrom.setTooltip(new Tooltip(INIT_TIP));
        initFrom.setTooltip(new Tooltip(INIT_TIP));
        add(startFrom, 0, row++, 2, 1);
        add(initFrom, 0, row++, 2, 1); // the whole width, so a run's name and accuracy show
        freshOutput.setId("train-field-fresh-output");
        freshOutput.setText("Fresh output layer");
        freshOutput.setTooltip(new Tooltip("Keep the output layer's new random weights; every other layer starts from the run's"));
        freshOutput.selectedProperty().addListener((o, a, b) -> {
            if (!updating && current.initFrom() != null) {
                commit(current.withInitFrom(new InitFromRun(current.initFrom().run(), b)));
            }
        });
        add(freshOutput, 0, row++, 2, 1);
    }

    /** A choice of "Start from": fresh weights (no directory) or a run folder. */
    record InitChoice(String label, String directory) {
    }

    /** The project's runs that "Start from" offers (kernel runs have no network to start from). */
    public void setRuns(java.util.List<RunRecord> runs) {
        this.runs = runs.stream().filter(r -> !RunRecord.KERNEL.equals(r.trained()) && r.directory() != null).toList();
        showInitChoices(current);
    }

    private void showInitChoices(TrainingSettings settings) {
        java.util.List<InitChoice> choices = new java.util.ArrayList<>();
        choices.add(new InitChoice("Fresh weights", null));
        for (RunRecord r : runs) {
            choices.add(new InitChoice(r.id() + (Double.isFinite(r.testAccuracy())
                    ? String.format(Locale.ROOT, " · %.1f %%", 100 * r.testAccuracy()) : ""), r.directory()));
        }
        String chosen = directoryOf(settings);
        if (chosen != null && choices.stream().noneMatch(c -> chosen.equals(c.directory()))) {
            choices.add(new InitChoice(java.nio.file.Path.of(chosen).getFileName() + " (folder)", chosen)); // set by hand or another project
        }
        boolean was = updating;
        updating = true;
        try {
            initFrom.getItems().setAll(choices);
            initFrom.setValue(choices.stream().filter(c -> java.util.Objects.equals(c.directory(), chosen)).findFirst().orElseThrow());
            freshOutput.setSelected(settings.initFrom() != null && settings.initFrom().freshOutput());
            freshOutput.setDisable(chosen == null);
        } finally {
            updating = was;
        }
    }

    private static String directoryOf(TrainingSettings s) {
        return s.initFrom() == null ? null : s.initFrom().run();
    }

    private static final String ADVERSARIAL_TIP = "Adversarial training: in every batch, a share of the images is replaced by"
            + " versions a small perturbation (at most epsilon per pixel) makes the current model get wrong, labels kept."
            + " The model learns to resist such attacks, usually at some cost in clean accuracy and time per epoch."
            + " FGSM takes one gradient step; PGD takes several and gives stronger examples, but is slower.";

    private void adversarialRows() {
        adversarial.setId("train-field-adversarial");
        adversarial.setMaxWidth(Double.MAX_VALUE);
        adversarial.setConverter(shown(m -> switch (m) {
                    case NONE -> "None";
                    case FGSM -> "FGSM";
                    case PGD -> "PGD";
                }));
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
            showDevice(settings.execution());
            resampling.setValue(settings.imbalance().resampling());
            fields.get("resampling-level").setDisable(settings.imbalance().resampling() == Resampling.NONE);
            classWeights.setSelected(settings.imbalance().classWeights());
            priorThresholds.setSelected(settings.imbalance().priorThresholds());
            showInitChoices(settings);
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
     * adv-epsilon, adv-ratio, adv-steps, noise, shots, shot-seed, resampling-level).
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
                    s.execution(), s.initFrom());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(capitalise(e.getMessage()), e);
        }
    }

    /** How a choice box shows its values (nothing for none); the boxes are not editable, so nothing is parsed back. */
    private static <T> StringConverter<T> shown(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
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
