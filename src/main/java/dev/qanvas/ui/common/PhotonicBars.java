package dev.qanvas.ui.common;

import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.PhotonicReport;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * A photonic circuit's output distribution as bars, one row per outcome: the filled bar for
 * indistinguishable photons, the outlined bar under it for distinguishable ones (what the same
 * circuit gives without interference), and both values. The Circuit workspace's photonic editor
 * and Inspect's photonic layers show it. Row ids are {@code photonic-bar-<outcome>} with the
 * outcome's commas as dashes, their value labels {@code photonic-value-<outcome>}.
 */
public final class PhotonicBars extends VBox {

    /** Most rows drawn: the most probable outcomes, in outcome order. */
    public static final int MAX_ROWS = 32;
    private static final double BAR = 170;

    private final Label caption = new Label();
    private final VBox rows = new VBox(3);
    private final Label note = new Label();

    public PhotonicBars() {
        setSpacing(6);
        caption.setWrapText(true);
        caption.getStyleClass().add("muted");
        caption.setId("photonic-bars-caption");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        note.setId("photonic-bars-note");
        HBox legend = new HBox(12, swatch(true, "photons interfere"), swatch(false, "distinguishable photons"));
        getChildren().addAll(caption, legend, rows, note);
    }

    /** Shows {@code report}'s distribution. */
    public void show(PhotonicReport report) {
        int[] shown = report.shown(MAX_ROWS);
        int total = report.outcomes().size();
        caption.setText(String.format(Locale.ROOT, "%d photon%s in %d modes, %s detectors: %d outcome%s%s.", report.photons(),
                report.photons() == 1 ? "" : "s", report.modes(),
                report.detector() == Detector.PNR ? "photon-number-resolving" : "threshold (a mode clicks or not)", total,
                total == 1 ? "" : "s", shown.length < total ? ", the " + shown.length + " most probable shown" : "")
                + " Bars relative to the largest; values: P (P for distinguishable photons).");
        rows.getChildren().clear();
        double largest = 1e-12; // bars are drawn relative to the largest shown, so small probabilities stay visible
        for (int k : shown) {
            largest = Math.max(largest, Math.max(report.indistinguishable()[k], report.distinguishable()[k]));
        }
        for (int k : shown) {
            rows.getChildren().add(row(report.outcomes().get(k), report.indistinguishable()[k], report.distinguishable()[k], largest));
        }
        StringBuilder mean = new StringBuilder();
        for (int j = 0; j < report.modes(); j++) {
            mean.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", report.occupations()[j]));
        }
        note.setText(String.format(Locale.ROOT, "Interference moves %.3f of the probability (half the summed |P − P_dist|; "
                + "0 when it changes nothing, 0.5 for Hong-Ou-Mandel). Mean photons per mode: %s (the same for both kinds).",
                report.interference(), mean));
    }

    /** Shows why there is no distribution. */
    public void showError(String text) {
        caption.setText(text);
        rows.getChildren().clear();
        note.setText("");
    }

    private static HBox row(String outcome, double p, double pDist, double largest) {
        String id = outcome.replace(',', '-');
        Label key = new Label("|" + outcome + "⟩");
        key.setMinWidth(Region.USE_PREF_SIZE);
        key.setPrefWidth(Math.max(64, 7.6 * (outcome.length() + 2) + 6)); // monospace: every row of a report as wide
        key.setStyle("-fx-font-family: monospace;");
        Rectangle filled = new Rectangle(Math.max(0.5, BAR * p / largest), 9, Color.web("#3d6fb0"));
        Rectangle outline = new Rectangle(Math.max(0.5, BAR * pDist / largest), 6, Color.TRANSPARENT);
        outline.setStroke(Color.web("#777"));
        VBox bars = new VBox(1, filled, outline);
        bars.setMinWidth(BAR + 4);
        bars.setPrefWidth(BAR + 4);
        Label value = new Label(String.format(Locale.ROOT, "%.3f  (%.3f)", p, pDist));
        value.setId("photonic-value-" + id);
        value.setMinWidth(Region.USE_PREF_SIZE);
        HBox r = new HBox(6, key, bars, value);
        r.setId("photonic-bar-" + id);
        r.setAlignment(Pos.CENTER_LEFT);
        Tooltip.install(r, new Tooltip(String.format(Locale.ROOT,
                "P(%s) = %.6f with interfering photons, %.6f with distinguishable ones", outcome, p, pDist)));
        return r;
    }

    private static HBox swatch(boolean filled, String text) {
        Rectangle r = new Rectangle(18, 8, filled ? Color.web("#3d6fb0") : Color.TRANSPARENT);
        if (!filled) {
            r.setStroke(Color.web("#777"));
        }
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        HBox h = new HBox(4, r, l);
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(0));
        return h;
    }
}
