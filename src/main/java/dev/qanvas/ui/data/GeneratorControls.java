package dev.qanvas.ui.data;

import static dev.qanvas.ui.common.Labels.sectionTitle;
import dev.qanvas.data.DatasetSpec;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The generator settings of a synthetic dataset (shape, count, noise, seed); empty for other datasets. */
final class GeneratorControls {

    /** Makes a synthetic spec from the four generator settings. */
    private interface Generator {
        DatasetSpec make(int shape, int count, double noise, long seed);
    }

    private final VBox box = new VBox(6);
    private final Consumer<DatasetSpec> onEdit;

    /** {@code onEdit} receives the spec made from the settings whenever one of them changes. */
    GeneratorControls(Consumer<DatasetSpec> onEdit) {
        this.onEdit = onEdit;
    }

    VBox view() {
        return box;
    }

    /** Shows the settings of {@code spec}, or nothing when it is not synthetic. */
    void show(DatasetSpec spec) {
        box.getChildren().clear();
        GridPane grid;
        if (spec instanceof DatasetSpec.Hypercube h) {
            grid = generatorGrid("Dimension", 16, h.dimension(), "Points", h.count(), h.noise(), h.seed(),
                    (shape, count, noise, seed) -> new DatasetSpec.Hypercube(shape, count, noise, seed));
        } else if (spec instanceof DatasetSpec.BarsAndStripes b) {
            grid = generatorGrid("Size", 16, b.size(), "Images", b.count(), b.noise(), b.seed(),
                    (shape, count, noise, seed) -> new DatasetSpec.BarsAndStripes(shape, count, noise, seed));
        } else {
            return;
        }
        grid.setId("synthetic-parameters");
        box.getChildren().addAll(sectionTitle("Generator"), grid);
    }

    private GridPane generatorGrid(String shapeName, int maxShape, int shape, String countName, int count,
                                   double noise, long seed, Generator generator) {
        Spinner<Integer> shapeSpinner = intSpinner(shapeName.equals("Size") ? 2 : 1, maxShape, shape, 1);
        Spinner<Integer> countSpinner = intSpinner(100, 20_000, count, 100);
        Spinner<Double> noiseSpinner = doubleSpinner(noise);
        Spinner<Integer> seedSpinner = intSpinner(0, 1_000_000, (int) seed, 1);
        Runnable apply = () -> onEdit.accept(generator.make(shapeSpinner.getValue(), countSpinner.getValue(),
                noiseSpinner.getValue(), seedSpinner.getValue()));
        List.of(shapeSpinner, countSpinner, seedSpinner).forEach(sp -> sp.valueProperty().addListener((o, a, b) -> apply.run()));
        noiseSpinner.valueProperty().addListener((o, a, b) -> apply.run());
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label(shapeName), shapeSpinner);
        grid.addRow(1, new Label(countName), countSpinner);
        grid.addRow(2, new Label("Noise (std)"), noiseSpinner);
        grid.addRow(3, new Label("Seed"), seedSpinner);
        return grid;
    }

    private static Spinner<Integer> intSpinner(int min, int max, int value, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, value, step);
        s.setEditable(true);
        s.setPrefWidth(110);
        return s;
    }

    private static Spinner<Double> doubleSpinner(double value) {
        Spinner<Double> s = new Spinner<>(0.0, 2.0, value, 0.05);
        s.setEditable(true);
        s.setPrefWidth(110);
        return s;
    }
}
