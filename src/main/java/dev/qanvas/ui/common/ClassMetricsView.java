package dev.qanvas.ui.common;

import dev.qanvas.insight.ClassMetrics;
import java.util.List;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A model's {@link ClassMetrics} on the test split as a small table: balanced accuracy and macro
 * ROC AUC on top, then per class its precision, recall and one-vs-rest ROC AUC ("AUC") ("–" where a value
 * is undefined: no image of the class, or no other class). Shown by Train (the run just trained)
 * and Inspect (beside the confusion matrix).
 */
public final class ClassMetricsView extends VBox {

    private final Label headline = new Label();
    private final GridPane table = new GridPane();

    public ClassMetricsView() {
        super(4);
        getStyleClass().add("class-metrics");
        headline.setId("class-metrics-headline");
        headline.setWrapText(true);
        headline.setMinHeight(Region.USE_PREF_SIZE);
        headline.setTooltip(new Tooltip("Balanced accuracy: the mean recall over the classes, which a majority class cannot"
                + " inflate. Macro ROC AUC: per class, the chance that an image of the class scores higher on its output than"
                + " an image of another class (0.5 = chance, 1 = perfect ranking), averaged over the classes."));
        table.setId("class-metrics-table");
        table.setHgap(8);
        table.setVgap(1);
        getChildren().addAll(headline, table);
        clear();
    }

    /** Shows {@code m}; {@code names} are the class names in label order. */
    public void show(ClassMetrics m, List<String> names) {
        headline.setText(String.format(Locale.ROOT, "Balanced accuracy %s%nMacro ROC AUC %s",
                percent(m.balancedAccuracy()), decimal(m.macroRocAuc())));
        table.getChildren().clear();
        String[] heads = {"class", "precision", "recall", "AUC"};
        for (int c = 0; c < heads.length; c++) {
            table.add(cell(heads[c], c > 0, "muted"), c, 0);
        }
        for (int k = 0; k < m.precision().length; k++) {
            table.add(cell(k < names.size() ? names.get(k) : Integer.toString(k), false, null), 0, k + 1);
            table.add(cell(percent(m.precision()[k]), true, null), 1, k + 1);
            table.add(cell(percent(m.recall()[k]), true, null), 2, k + 1);
            table.add(cell(decimal(m.rocAuc()[k]), true, null), 3, k + 1);
        }
        setVisible(true);
        setManaged(true);
    }

    /** Hides the view (no run). */
    public void clear() {
        headline.setText("");
        table.getChildren().clear();
        setVisible(false);
        setManaged(false);
    }

    /** The headline as shown (tests). */
    public String headline() {
        return headline.getText();
    }

    private static Label cell(String text, boolean right, String style) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE); // numbers are never cut to "98...."
        if (style != null) {
            l.getStyleClass().add(style);
        }
        GridPane.setHalignment(l, right ? HPos.RIGHT : HPos.LEFT);
        return l;
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "–";
    }

    private static String decimal(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }
}
