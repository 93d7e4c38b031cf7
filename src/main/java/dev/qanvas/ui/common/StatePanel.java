package dev.qanvas.ui.common;

import dev.qanvas.quantum.StateReport;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The live state of the Circuit workspace: a caption saying which state this is, then two views
 * one above the other, each with a picker (probabilities, amplitudes, Bloch spheres,
 * entanglement), so two of them are seen together without scrolling at 1280x800; the per-wire
 * readouts at the end of each wire give the rest at a glance (Quirk's lesson). It scrolls only
 * when a large circuit's views do not fit. When the circuit cannot be simulated the views grey
 * out under the message until the next state arrives.
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
    /** What each view is called in the pickers, in the order of {@link #views}. */
    private static final List<String> NAMES = List.of("Probabilities", "Amplitudes", "Bloch spheres", "Entanglement");
    private final Slot top;
    private final Slot bottom;

    public StatePanel() {
        this(true);
    }

    /**
     * @param scrolls whether the panel scrolls its views itself (the Circuit workspace), or takes
     *                their full height inside a page that scrolls (Inspect: no scroll pane inside a scroll pane)
     */
    public StatePanel(boolean scrolls) {
        super(6);
        getStyleClass().add("state-panel");
        setPadding(new Insets(6));
        caption.getStyleClass().addAll("state-caption", "section-title");
        error.getStyleClass().addAll("state-error", "error-text");
        error.setWrapText(true);
        showErrorLabel(false);
        top = new Slot("state-view-top", 0);
        bottom = new Slot("state-view-bottom", 2);
        sections = new VBox(8, top, bottom);
        if (!scrolls) {
            getChildren().addAll(caption, error, sections);
            return;
        }
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("state-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(caption, error, scroll);
    }

    /** One place for a view, with a picker; picking the view the other slot shows swaps the two. */
    private final class Slot extends VBox {
        private final ComboBox<String> pick = new ComboBox<>(FXCollections.observableArrayList(NAMES));
        private final StackPane holder = new StackPane();
        private int shown = -1;
        private boolean setting;

        Slot(String id, int initial) {
            super(2);
            setId(id);
            getStyleClass().add("state-section");
            pick.setId(id + "-pick");
            pick.getStyleClass().add("state-view-pick");
            pick.setOnAction(e -> {
                if (!setting) {
                    choose(NAMES.indexOf(pick.getValue()));
                }
            });
            holder.setPadding(new Insets(4, 8, 4, 8)); // views draw to their edges
            getChildren().addAll(pick, holder);
            set(initial);
        }

        private void choose(int k) {
            if (k < 0 || k == shown) {
                return;
            }
            Slot other = this == top ? bottom : top;
            if (other != null && other.shown == k) {
                other.set(shown);
            }
            set(k);
        }

        private void set(int k) {
            shown = k;
            holder.getChildren().setAll((Node) views.get(k));
            setting = true;
            try {
                pick.setValue(NAMES.get(k));
            } finally {
                setting = false;
            }
        }
    }

    /** Shows view {@code name} ("Bloch spheres" ...) in the top ({@code upper}) or bottom place. */
    public void showView(boolean upper, String name) {
        (upper ? top : bottom).choose(NAMES.indexOf(name));
    }

    /** The names of the two views shown, top first. */
    public List<String> shownViews() {
        return List.of(NAMES.get(top.shown), NAMES.get(bottom.shown));
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
