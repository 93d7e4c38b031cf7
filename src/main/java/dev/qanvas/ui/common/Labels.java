package dev.qanvas.ui.common;

import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The labels every workspace builds its panels from: section titles and wrapping text. */
public final class Labels {

    private Labels() {
    }

    public static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    public static Label wrapping(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
