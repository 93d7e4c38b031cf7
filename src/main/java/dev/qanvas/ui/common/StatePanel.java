package dev.qanvas.ui.common;

import dev.qanvas.quantum.StateReport;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The live state of the Circuit workspace: a caption saying which state this is, then
 * collapsible sections for probabilities, amplitudes, Bloch spheres and entanglement, scrolling
 * when they do not fit. When the circuit cannot be simulated the views grey out under the
 * message until the next state arrives.
 */
public final class StatePanel extends VBox {

    private final ProbabilityView probabilityView = new ProbabilityView();
    private final AmplitudeView amplitudeView = new AmplitudeView();
    private final BlochView blochView = new BlochView();
    private final EntanglementView entanglementView = new EntanglementView();
    private final List<StateCanvas> views = List.of(probabilityView, amplitudeView, blochView, entanglementView);
    private final Label caption = new Label();
    private final Label error = new Label();
    private final VBox sections;

    public StatePanel() {
        super(6);
        getStyleClass().add("state-panel");
        setPadding(new Insets(6));
        caption.getStyleClass().addAll("state-caption", "section-title");
        error.getStyleClass().addAll("state-error", "error-text");
        error.setWrapText(true);
        showErrorLabel(false);
        sections = new VBox(4,
                section("Probabilities", probabilityView),
                section("Amplitudes", amplitudeView),
                section("Bloch spheres", blochView),
                section("Entanglement", entanglementView));
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("state-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(caption, error, scroll);
    }

    private static TitledPane section(String title, Node view) {
        StackPane margin = new StackPane(view); // views draw to their edges
        margin.setPadding(new Insets(6, 8, 6, 8));
        TitledPane pane = new TitledPane(title, margin);
        pane.getStyleClass().add("state-section");
        pane.setAnimated(false); // a live view should not lag behind its state
        return pane;
    }

    /** Shows a state in every view and clears any error; FX thread only. */
    public void show(StateReport report) {
        for (StateCanvas view : views) {
            view.show(report);
        }
        greyOut(false);
        showErrorLabel(false);
    }

    /** Greys the views, which keep the last good state, under a message saying why there is no new one. */
    public void showError(String message) {
        error.setText(message);
        showErrorLabel(true);
        greyOut(true);
    }

    /** The text above the views, e.g. "State after column 3 of 5". */
    public void setCaption(String text) {
        caption.setText(text);
    }

    public String getCaption() {
        return caption.getText();
    }

    public ProbabilityView probabilityView() {
        return probabilityView;
    }

    public AmplitudeView amplitudeView() {
        return amplitudeView;
    }

    public BlochView blochView() {
        return blochView;
    }

    public EntanglementView entanglementView() {
        return entanglementView;
    }

    /** Disabled so stale numbers cannot be hovered; faded because Modena greys only the section titles. */
    private void greyOut(boolean grey) {
        sections.setDisable(grey);
        sections.setOpacity(grey ? 0.5 : 1);
    }

    private void showErrorLabel(boolean visible) {
        error.setVisible(visible);
        error.setManaged(visible);
    }
}
