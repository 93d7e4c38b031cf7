package dev.qanvas.ui.inspect;

import dev.qanvas.data.ImageSet;
import dev.qanvas.project.ChartAxes;
import dev.qanvas.project.KernelRunFiles;
import dev.qanvas.ui.common.ChartView;
import dev.qanvas.ui.common.Pixels;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Inspect workspace for a kernel run: two pages. "Kernel matrix": the training Gram matrix as
 * a heat map sorted by class, beside the diagnostics (each with its meaning in one line) and the
 * eigenvalue spectrum. "Predictions": the QSVM's confusion matrix on the test points (a click shows
 * a cell), the gallery of its mistakes, and the support vectors as images. There are no saliency,
 * quantum-state or robustness views: a kernel run has no network to differentiate or attack.
 */
final class KernelRunView extends TabPane {

    /** A section title with its export button, as the workspace makes them. */
    interface Headers {
        HBox header(Label title, Node target, String name);
    }

    static final int SUPPORT_VECTOR_LIMIT = Gallery.LIMIT;

    private final InspectKernel kernel;
    private final GramHeatMapView heatMap = new GramHeatMapView(InspectKernel.HEAT_MAP_SIDE);
    private final Label heatCaption = new Label();
    private final GridPane diagnostics = new GridPane();
    private final XYSeriesCollection spectrumData = new XYSeriesCollection();
    private final ChartView spectrumChart;
    private final ConfusionMatrixView confusion = new ConfusionMatrixView();
    private final Label galleryTitle = new Label();
    private final Gallery gallery = new Gallery();
    private final Label imagesNote = new Label();
    private final Label supportTitle = new Label();
    private final FlowPane supportVectors = new FlowPane(6, 6);

    KernelRunView(InspectKernel kernel, Headers headers, ChartView.Exporter exporter) {
        this.kernel = kernel;
        setId("inspect-kernel-pages");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);

        heatMap.setId("kernel-heat-map");
        heatCaption.getStyleClass().add("muted");
        heatCaption.setWrapText(true);
        heatCaption.setMaxWidth(InspectKernel.HEAT_MAP_SIDE + 26);
        heatCaption.setMinHeight(Region.USE_PREF_SIZE);
        VBox heatBox = new VBox(6, headers.header(title("Gram matrix · training points sorted by class"), heatMap, "gram-matrix"), heatMap,
                heatCaption);
        heatBox.setMinWidth(Region.USE_PREF_SIZE);

        diagnostics.setId("kernel-diagnostics");
        diagnostics.setHgap(10);
        diagnostics.setVgap(8);
        spectrumChart = new ChartView("kernel-spectrum", "Eigenvalues of the Gram matrix, largest first", "kernel-spectrum",
                spectrumChart(), exporter);
        spectrumChart.setPrefHeight(260);
        spectrumChart.setMinHeight(200);
        VBox diagnosticsBox = new VBox(8, headers.header(title("Diagnostics"), diagnostics, "kernel-diagnostics"), diagnostics,
                spectrumChart);
        HBox.setHgrow(diagnosticsBox, Priority.ALWAYS);
        HBox kernelPage = new HBox(16, heatBox, diagnosticsBox);
        kernelPage.setPadding(new Insets(10));
        Tab kernelTab = new Tab("Kernel matrix", scroll(kernelPage));
        kernelTab.setId("inspect-kernel-tab");

        confusion.setId("kernel-confusion-matrix");
        confusion.setOnCell(kernel::showCell);
        Label confusionNote = new Label("The QSVM refitted on all training points, on the held-out test points. A click on a cell"
                + " shows its points.");
        confusionNote.getStyleClass().add("muted");
        confusionNote.setWrapText(true);
        confusionNote.setMinHeight(Region.USE_PREF_SIZE);
        VBox left = new VBox(8, headers.header(title("Confusion matrix · test points"), confusion, "kernel-confusion-matrix"), confusion,
                confusionNote);
        left.setPadding(new Insets(8));
        ScrollPane leftScroll = scroll(left);
        leftScroll.setMinWidth(250);

        galleryTitle.getStyleClass().add("section-title");
        galleryTitle.setId("kernel-gallery-title");
        gallery.setId("kernel-gallery");
        gallery.setConfidenceShown(false); // an SVM gives a class, not a probability
        imagesNote.getStyleClass().add("error-text");
        imagesNote.setWrapText(true);
        imagesNote.managedProperty().bind(imagesNote.visibleProperty());
        VBox middle = new VBox(6, headers.header(galleryTitle, gallery, "kernel-gallery"), imagesNote, gallery);
        VBox.setVgrow(gallery, Priority.ALWAYS);
        middle.setPadding(new Insets(8));
        middle.setMinWidth(230);

        supportTitle.getStyleClass().add("section-title");
        supportTitle.setId("kernel-support-title");
        supportTitle.setWrapText(true);
        supportVectors.setId("kernel-support-vectors");
        Label supportNote = new Label("Training points with a non-zero weight in the SVM refitted on all of them: its decision"
                + " rests on their kernel values alone. Sorted by class; when there are many, each class shows an equal share.");
        supportNote.getStyleClass().add("muted");
        supportNote.setWrapText(true);
        supportNote.setMinHeight(Region.USE_PREF_SIZE);
        VBox right = new VBox(6, headers.header(supportTitle, supportVectors, "support-vectors"), supportNote, supportVectors);
        right.setPadding(new Insets(8));
        ScrollPane rightScroll = scroll(right);
        rightScroll.setMinWidth(230);

        SplitPane predictions = new SplitPane(leftScroll, middle, rightScroll);
        predictions.setDividerPositions(0.3, 0.62);
        Tab predictionsTab = new Tab("Predictions", predictions);
        predictionsTab.setId("inspect-kernel-predictions-tab");
        getTabs().setAll(kernelTab, predictionsTab);

        galleryTitle.textProperty().bind(kernel.galleryTitleProperty());
        gallery.emptyTextProperty().bind(kernel.galleryEmptyProperty());
        kernel.galleryProperty().addListener((o, was, entries) -> {
            InspectKernel.Loaded l = kernel.loaded();
            if (l != null) {
                gallery.show(entries, l.classNames(), this::testThumbnail);
            }
        });
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static ScrollPane scroll(Node n) {
        ScrollPane s = new ScrollPane(n);
        s.setFitToWidth(true);
        return s;
    }

    private static JFreeChart spectrumChart() {
        NumberAxis x = ChartAxes.values("index (largest first)");
        LogAxis y = ChartAxes.log("eigenvalue", 1e-6);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, false));
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    // (tests)
    GramHeatMapView heatMap() { return heatMap; }
    GridPane diagnosticsGrid() { return diagnostics; }
    ConfusionMatrixView confusion() { return confusion; }
    Gallery gallery() { return gallery; }
    FlowPane supportVectors() { return supportVectors; }
    ChartView spectrumChartView() { return spectrumChart; }

    /** Shows a loaded kernel run (its gallery follows {@link InspectKernel#galleryProperty()}). */
    void show(InspectKernel.Loaded l) {
        getSelectionModel().select(0);
        heatMap.show(l.heatMap(), l.classNames());
        double[] scale = heatMap.scale();
        KernelRunFiles.Summary s = l.saved().summary();
        heatCaption.setText(String.format(Locale.ROOT, "K(x, y) between the %,d training points (%s%s), grouped by class with white lines"
                        + " at the boundaries. Same-class blocks on the diagonal brighter than the rest mean the kernel tells the classes"
                        + " apart. Colour from %.3f (dark) to %.3f (bright, the 99th percentile; the diagonal is %s).", l.saved().n(),
                s.featureMap(), l.heatMap().side() < l.saved().n() ? String.format(Locale.ROOT, ", each cell the mean of %d x %d points",
                        l.heatMap().span() / l.heatMap().side(), l.heatMap().span() / l.heatMap().side()) : "", scale[0], scale[1], exactDiagonal(l) ? "1" : "about 1"));

        diagnostics.getChildren().clear();
        List<InspectKernel.Diagnostic> ds = InspectKernel.diagnostics(l);
        for (int r = 0; r < ds.size(); r++) {
            InspectKernel.Diagnostic d = ds.get(r);
            Label name = new Label(d.name());
            name.setStyle("-fx-font-weight: bold;");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(d.value());
            value.setId("kernel-diagnostic-" + r);
            value.setMinWidth(Region.USE_PREF_SIZE);
            Label meaning = new Label(d.meaning());
            meaning.getStyleClass().add("muted");
            meaning.setWrapText(true);
            meaning.setMinHeight(Region.USE_PREF_SIZE);
            GridPane.setHgrow(meaning, Priority.ALWAYS);
            diagnostics.addRow(r, name, value, meaning);
        }
        spectrumData.removeAllSeries();
        XYSeries eigen = new XYSeries("eigenvalue");
        double[] spectrum = l.saved().spectrum();
        if (spectrum != null) {
            for (int k = 0; k < spectrum.length; k++) {
                if (spectrum[k] > 1e-6) { // a log axis shows positive values; tiny and round-off negative ones are left out
                    eigen.add(k + 1, spectrum[k]);
                }
            }
            spectrumData.addSeries(eigen);
        }
        spectrumChart.plot().setDataset(spectrumData);
        spectrumChart.setVisible(spectrum != null);
        spectrumChart.setManaged(spectrum != null);

        confusion.show(l.predictions().confusion(), l.classNames());
        imagesNote.setText(l.dataProblem());
        imagesNote.setVisible(!l.hasImages());
        showSupportVectors(l);
    }

    private static boolean exactDiagonal(InspectKernel.Loaded l) {
        for (int i = 0; i < l.saved().n(); i++) {
            if (Math.abs(l.saved().gram(i, i) - 1) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    private void showSupportVectors(InspectKernel.Loaded l) {
        supportVectors.getChildren().clear();
        int[] sv = InspectKernel.supportVectorsByClass(l, SUPPORT_VECTOR_LIMIT);
        KernelRunFiles.Points p = l.saved().points();
        int all = p.support().length;
        supportTitle.setText(String.format(Locale.ROOT, "Support vectors: %,d of %,d%s", all, p.trainCount(),
                all > sv.length ? " (" + sv.length + " shown)" : ""));
        if (!l.hasImages()) {
            return;
        }
        ImageSet train = l.data().train();
        float[] range = l.range();
        for (int k = 0; k < sv.length; k++) {
            int point = sv[k];
            int image = p.trainIndex()[point];
            ImageView view = new ImageView(Pixels.image(train.width(), train.height(), Pixels.argb(train, image, range[0], range[1]), 56));
            Label label = new Label(l.classNames().get(p.trainLabels()[point]));
            label.getStyleClass().add("muted");
            VBox tile = new VBox(2, view, label);
            tile.setAlignment(Pos.CENTER);
            tile.setId("support-vector-" + point);
            tile.getStyleClass().add("gallery-tile");
            Tooltip.install(tile, new Tooltip("Training point " + point + " (image " + image + " of the training split), class "
                    + l.classNames().get(p.trainLabels()[point])));
            supportVectors.getChildren().add(tile);
        }
    }

    /** Test point {@code t}'s image. */
    private Image testThumbnail(int t) {
        InspectKernel.Loaded l = kernel.loaded();
        if (!l.hasImages()) {
            return new javafx.scene.image.WritableImage(1, 1);
        }
        ImageSet test = l.data().test();
        float[] range = l.range();
        return Pixels.image(test.width(), test.height(), Pixels.argb(test, l.saved().points().testIndex()[t], range[0], range[1]), 56);
    }
}
