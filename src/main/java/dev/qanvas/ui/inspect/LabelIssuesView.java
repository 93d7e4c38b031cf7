package dev.qanvas.ui.inspect;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.ConfidentLearning;
import dev.qanvas.ui.common.Pixels;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Label issues view of the Inspect workspace: the search's controls, the flagged training
 * images least self-confident first (image, given label, suggested label, self-confidence), the
 * estimated noise matrix, precision and recall when the project injected the noise, and the
 * relabel / drop actions. Bound to {@link InspectLabelIssues}; shows only what a search computed.
 */
final class LabelIssuesView extends BorderPane {

    private static final int THUMB = 40;

    private final InspectLabelIssues issues;
    private final ListView<ConfidentLearning.Issue> list = new ListView<>();
    private final GridPane matrix = new GridPane();
    private final Label precision = new Label();
    private final Label recall = new Label();
    private final Label matrixTitle = new Label("Estimated noise matrix p(given | true)");
    private float[] range = {0, 1};

    LabelIssuesView(InspectLabelIssues issues) {
        this.issues = issues;
        setId("label-issues-view");
        setTop(controls());
        setCenter(content());
        issues.foundProperty().addListener((o, was, f) -> show(f));
        show(issues.foundProperty().get());
    }

    ListView<ConfidentLearning.Issue> list() { return list; }
    Label precisionLabel() { return precision; }
    Label recallLabel() { return recall; }

    private Node controls() {
        Spinner<Integer> folds = new Spinner<>(2, dev.qanvas.project.OutOfSampleProbabilities.MAX_FOLDS,
                issues.foldsProperty().get(), 1);
        folds.setId("label-issues-folds");
        folds.setEditable(true);
        folds.setPrefWidth(70);
        folds.valueProperty().addListener((o, was, now) -> issues.foldsProperty().set(now));
        issues.foldsProperty().addListener((o, was, now) -> folds.getValueFactory().setValue(now.intValue()));
        Button search = new Button("Search");
        search.setId("label-issues-search");
        search.getStyleClass().add("accent-button");
        search.setOnAction(e -> issues.search());
        search.disableProperty().bind(issues.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("label-issues-cancel");
        cancel.setOnAction(e -> issues.cancel());
        cancel.disableProperty().bind(issues.runningProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.setId("label-issues-progress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(issues.progressProperty());
        bar.visibleProperty().bind(issues.runningProperty());
        Label status = RobustnessView.muted(new Label());
        status.setId("label-issues-status");
        status.setWrapText(true);
        status.textProperty().bind(issues.statusProperty());
        ChoiceBox<InspectLabelIssues.Source> source = new ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList(InspectLabelIssues.Source.values()));
        source.setId("label-issues-source");
        source.valueProperty().bindBidirectional(issues.sourceProperty());
        folds.disableProperty().bind(issues.sourceProperty().isEqualTo(InspectLabelIssues.Source.RUN));
        FlowPane row = new FlowPane(10, 6, RobustnessView.group(new Label("Probabilities"), source),
                RobustnessView.group(new Label("Folds"), folds), RobustnessView.group(search, cancel, bar));
        row.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, row, status);
        top.setPadding(new Insets(8));
        return top;
    }

    private Node content() {
        list.setId("label-issues-list");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new IssueCell());
        list.setPlaceholder(RobustnessView.muted(new Label("No flagged images yet.")));
        Label listTitle = new Label("Likely mislabelled · least self-confident first");
        listTitle.getStyleClass().add("section-title");
        VBox left = new VBox(6, listTitle, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(0, 8, 8, 8));

        Button relabelSelected = new Button("Relabel selected");
        relabelSelected.setId("label-issues-relabel");
        relabelSelected.setOnAction(e -> issues.relabel(selected()));
        Button relabelAll = new Button("Relabel all");
        relabelAll.setId("label-issues-relabel-all");
        relabelAll.setOnAction(e -> issues.relabel(issues.all()));
        Button dropSelected = new Button("Drop selected");
        dropSelected.setId("label-issues-drop");
        dropSelected.setOnAction(e -> issues.drop(selected()));
        Button dropAll = new Button("Drop all");
        dropAll.setId("label-issues-drop-all");
        dropAll.setOnAction(e -> issues.drop(issues.all()));
        for (Button b : List.of(relabelSelected, relabelAll, dropSelected, dropAll)) {
            b.disableProperty().bind(issues.foundProperty().isNull().or(issues.runningProperty()));
        }
        relabelSelected.disableProperty().unbind();
        dropSelected.disableProperty().unbind();
        var none = javafx.beans.binding.Bindings.isEmpty(list.getSelectionModel().getSelectedItems());
        relabelSelected.disableProperty().bind(none.or(issues.runningProperty()));
        dropSelected.disableProperty().bind(none.or(issues.runningProperty()));
        Label actionsNote = RobustnessView.muted(new Label("Fixes are one project transform (Label fixes, last in the chain; undo removes"
                + " them). Retrain in Train to learn from the fixed labels."));
        actionsNote.setWrapText(true);

        matrixTitle.getStyleClass().add("section-title");
        matrix.setId("label-issues-noise-matrix");
        matrix.setHgap(2);
        matrix.setVgap(2);
        precision.setId("label-issues-precision");
        recall.setId("label-issues-recall");
        Label scoreTitle = new Label("Against the injected label noise");
        scoreTitle.getStyleClass().add("section-title");
        VBox score = new VBox(4, scoreTitle, precision, recall);
        score.managedProperty().bind(score.visibleProperty());
        score.visibleProperty().bind(precision.textProperty().isNotEmpty());
        Label fixTitle = new Label("Fix the flagged images");
        fixTitle.getStyleClass().add("section-title");
        VBox right = new VBox(8, fixTitle, new FlowPane(6, 6, relabelSelected, relabelAll),
                new FlowPane(6, 6, dropSelected, dropAll), actionsNote, new Separator(), score, matrixTitle, matrix);
        right.setPadding(new Insets(0, 8, 8, 8));
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);
        SplitPane split = new SplitPane(left, rightScroll);
        split.setDividerPositions(0.5);
        return split;
    }

    private List<Integer> selected() {
        return list.getSelectionModel().getSelectedItems().stream().map(ConfidentLearning.Issue::index).toList();
    }

    private void show(InspectLabelIssues.Found f) {
        matrix.getChildren().clear();
        if (f == null) {
            list.getItems().clear();
            precision.setText("");
            recall.setText("");
            matrixTitle.setVisible(false);
            return;
        }
        range = f.data().train().valueRange();
        list.getItems().setAll(f.issues());
        if (f.scored()) {
            int flagged = f.issues().size();
            int flipped = f.result().noise().get().changed();
            precision.setText(String.format(Locale.ROOT, "Precision %s: share of the %d flags that are changed labels",
                    InspectLabelIssues.share(f.result().precision()), flagged));
            recall.setText(String.format(Locale.ROOT, "Recall %s: share of the %d changed labels that are flagged",
                    InspectLabelIssues.share(f.result().recall()), flipped));
        } else {
            precision.setText("");
            recall.setText("");
        }
        matrixTitle.setVisible(true);
        showMatrix(f.result().found().noiseMatrix(), f.data().classNames());
    }

    /** Rows: given label; columns: true label; each cell p(given | true), shaded by its value. */
    private void showMatrix(double[][] m, List<String> names) {
        matrix.add(RobustnessView.muted(new Label("given \\ true")), 0, 0);
        for (int j = 0; j < m.length; j++) {
            matrix.add(header(names.get(j)), j + 1, 0);
            matrix.add(header(names.get(j)), 0, j + 1);
        }
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                Label cell = new Label(String.format(Locale.ROOT, "%.2f", m[i][j]));
                cell.setMinWidth(40);
                cell.setAlignment(Pos.CENTER);
                int shade = (int) Math.round(255 - 150 * Math.max(0, Math.min(1, m[i][j])));
                cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgb(%d,%d,255); -fx-padding: 3 4 3 4;"
                        + " -fx-text-fill: %s;", shade, shade, m[i][j] > 0.6 ? "white" : "black"));
                matrix.add(cell, j + 1, i + 1);
            }
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setMinWidth(40);
        l.setAlignment(Pos.CENTER);
        l.getStyleClass().add("muted");
        return l;
    }

    /** One flagged image: thumbnail, index, given and suggested class, self-confidence. */
    private final class IssueCell extends ListCell<ConfidentLearning.Issue> {
        @Override
        protected void updateItem(ConfidentLearning.Issue issue, boolean empty) {
            super.updateItem(issue, empty);
            if (empty || issue == null || issues.foundProperty().get() == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Dataset d = issues.foundProperty().get().data();
            ImageSet train = d.train();
            List<String> names = d.classNames();
            ImageView image = new ImageView(Pixels.image(train.width(), train.height(),
                    Pixels.argb(train, issue.index(), range[0], range[1]), THUMB));
            image.setFitWidth(THUMB);
            image.setFitHeight(THUMB);
            image.setPreserveRatio(true);
            Label text = new Label(String.format(Locale.ROOT, "#%d  given %s → suggested %s%nself-confidence %.3f",
                    issue.index(), names.get(issue.given()), names.get(issue.suggested()), issue.selfConfidence()));
            HBox row = new HBox(8, image, text);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
        }
    }
}
