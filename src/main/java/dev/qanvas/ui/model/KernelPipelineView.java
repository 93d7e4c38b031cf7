package dev.qanvas.ui.model;

import dev.qanvas.project.model.KernelPipeline;
import dev.qanvas.project.model.ModelColors;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A kernel project's model (issue 17) as a pipeline of cards, Input -> Features -> Feature map
 * -> SVM, coloured like the model canvas's nodes (slate input, blue classical, purple quantum),
 * and below it the classical baselines trained beside the SVM. Clicking a card selects it (the
 * property panel shows its settings); the feature map's "Open in Circuit" (or a double click on
 * it) opens it in the Circuit workspace. Card ids: {@code kernel-stage-<stage id>}.
 */
final class KernelPipelineView extends VBox {

    static final double CARD_WIDTH = 178;

    private final Map<String, VBox> cards = new HashMap<>();
    private Consumer<String> onSelect = id -> { };
    private Consumer<String> onOpen = id -> { };
    private String selected;
    private KernelPipeline shown;

    KernelPipelineView() {
        setId("kernel-pipeline");
        getStyleClass().add("kernel-pipeline");
        setSpacing(18);
        setPadding(new Insets(28, 24, 24, 24));
        setAlignment(Pos.TOP_CENTER);
    }

    void setOnSelect(Consumer<String> onSelect) {
        this.onSelect = onSelect;
    }

    /** "Open in Circuit" or a double click on a card: the workspace opens the feature map's circuit. */
    void setOnOpen(Consumer<String> onOpen) {
        this.onOpen = onOpen;
    }

    String selected() {
        return selected;
    }

    void show(KernelPipeline pipeline) {
        if (pipeline.equals(shown)) {
            return;
        }
        shown = pipeline;
        cards.clear();
        getChildren().clear();
        HBox row = new HBox(0);
        row.setAlignment(Pos.CENTER);
        for (int i = 0; i < pipeline.stages().size(); i++) {
            if (i > 0) {
                row.getChildren().add(arrow());
            }
            row.getChildren().add(card(pipeline.stages().get(i)));
        }
        Label caption = new Label("Kernel model: the feature map turns each point's features into a quantum state; the SVM learns on "
                + "the kernel K(x, y) = how alike two points' states are.");
        caption.getStyleClass().add("muted");
        caption.setWrapText(true);
        caption.setMaxWidth(4 * CARD_WIDTH + 3 * 44);

        Label baselines = new Label("Compared with classical baselines on the same features, folds and test points:");
        baselines.getStyleClass().add("section-title");
        HBox alternatives = new HBox(16);
        alternatives.setAlignment(Pos.CENTER);
        pipeline.alternatives().forEach(s -> alternatives.getChildren().add(card(s)));
        Label note = new Label("Training runs the SVM and both baselines and reports each; click one to see its settings.");
        note.getStyleClass().add("muted");
        VBox compared = new VBox(8, baselines, alternatives, note);
        compared.setAlignment(Pos.CENTER);
        compared.setId("kernel-baselines");
        compared.getStyleClass().add("kernel-baselines");
        compared.setMaxWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(caption, row, compared);
        select(selected != null && cards.containsKey(selected) ? selected : KernelPipeline.SVM);
    }

    /** Highlights card {@code id} (a stage or a baseline) and tells the workspace. */
    void select(String id) {
        selected = id;
        cards.forEach((key, card) -> style(card, shown.stage(key), key.equals(id)));
        onSelect.accept(id);
    }

    private VBox card(KernelPipeline.Stage stage) {
        Label title = new Label(stage.title());
        title.getStyleClass().add("node-type");
        title.setMaxWidth(Double.MAX_VALUE);
        title.setPadding(new Insets(4, 8, 4, 8));
        ModelColors.Scheme colours = ModelColors.of(stage.kind());
        title.setStyle("-fx-background-color: " + colours.header() + "; -fx-text-fill: " + colours.ink()
                + "; -fx-background-radius: 6 6 0 0;");
        VBox body = new VBox(2);
        body.setPadding(new Insets(6, 8, 8, 8));
        for (String line : stage.lines()) {
            Label l = new Label(line);
            l.getStyleClass().add("node-setting");
            l.setWrapText(true);
            body.getChildren().add(l);
        }
        if (stage.id().equals(KernelPipeline.FEATURE_MAP)) {
            Button open = new Button("Open in Circuit");
            open.setId("open-feature-map-card");
            open.getStyleClass().add("small-button");
            open.setOnAction(e -> onOpen.accept(stage.id()));
            VBox.setMargin(open, new Insets(4, 0, 0, 0));
            body.getChildren().add(open);
        }
        VBox card = new VBox(title, body);
        card.setId("kernel-stage-" + stage.id());
        card.getStyleClass().add("model-node");
        card.setPrefWidth(CARD_WIDTH);
        card.setMinWidth(CARD_WIDTH);
        card.setMaxWidth(CARD_WIDTH);
        card.setCursor(Cursor.HAND);
        card.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                select(stage.id());
                if (e.getClickCount() == 2) {
                    onOpen.accept(stage.id());
                }
            }
        });
        cards.put(stage.id(), card);
        return card;
    }

    private static void style(VBox card, KernelPipeline.Stage stage, boolean isSelected) {
        ModelColors.Scheme colours = ModelColors.of(stage.kind());
        // the same border width either way, so selecting a card does not shift its text
        card.setStyle("-fx-background-color: " + colours.fill() + "; -fx-background-radius: 6; -fx-border-radius: 6; -fx-border-width: 1.5;"
                + " -fx-border-color: " + (isSelected ? ModelColors.ACCENT : colours.border()) + ";"
                + (isSelected ? " -fx-effect: dropshadow(gaussian, " + ModelColors.ACCENT + ", 8, 0.35, 0, 0);" : ""));
    }

    private static Node arrow() {
        Label a = new Label("→");
        a.getStyleClass().add("kernel-arrow");
        a.setStyle("-fx-font-size: 22px; -fx-text-fill: " + ModelColors.EDGE + ";");
        a.setMinWidth(44);
        a.setAlignment(Pos.CENTER);
        return a;
    }
}
