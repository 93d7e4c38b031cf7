package dev.qanvas.ui.inspect;

import dev.qanvas.insight.PhotonicStates;
import dev.qanvas.ui.common.PhotonicBars;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.VBox;

/**
 * Inspect's view inside the photonic layers for the shown image: per layer, the features it
 * received (as phases), the Fock state it sends in, and its output distribution at the trained
 * angles beside distinguishable photons' ({@link PhotonicBars}). Hidden for models without one.
 */
final class PhotonicLayersView extends VBox {

    PhotonicLayersView() {
        setSpacing(6);
        setId("inspect-photonic");
        show(List.of());
    }

    void show(List<PhotonicStates.Layer> layers) {
        getChildren().clear();
        setVisible(!layers.isEmpty());
        setManaged(!layers.isEmpty());
        if (layers.isEmpty()) {
            return;
        }
        Label title = new Label("Inside the photonic layers for this image");
        title.getStyleClass().add("section-title");
        getChildren().addAll(new Separator(), title);
        for (PhotonicStates.Layer l : layers) {
            StringBuilder ket = new StringBuilder();
            for (int s : l.input()) {
                ket.append(ket.length() == 0 ? "" : ",").append(s);
            }
            Label caption = new Label(String.format(Locale.ROOT, "%s · |%s⟩ in, features %s as phases, trained angles; "
                    + "the layer passes on the photon-number probabilities (or the mean photons per mode)",
                    l.layer(), ket, InspectQuantumLayers.formatInputs(l.features())));
            caption.setWrapText(true);
            caption.setId("inspect-photonic-caption");
            PhotonicBars bars = new PhotonicBars();
            bars.show(l.report());
            getChildren().addAll(caption, bars);
        }
    }
}
