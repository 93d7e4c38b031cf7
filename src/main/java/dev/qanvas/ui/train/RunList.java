package dev.qanvas.ui.train;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The runs of the project (and the live one) with a checkbox each: checked runs are overlaid on
 * the charts, each in the colour its swatch shows.
 */
public final class RunList extends ListView<RunList.Item> {

    /** One row: a run's id, its title and detail lines, and whether it is shown on the charts. */
    public static final class Item {
        private final String id;
        private final String title;
        private final String detail;
        private final BooleanProperty shown = new SimpleBooleanProperty();
        private int colour = -1;

        public Item(String id, String title, String detail, boolean shown) {
            this.id = id;
            this.title = title;
            this.detail = detail;
            this.shown.set(shown);
        }

        public String id() { return id; }
        public String title() { return title; }
        public String detail() { return detail; }
        public BooleanProperty shownProperty() { return shown; }
        public boolean isShown() { return shown.get(); }

        /** Index of the colour the charts give this run, -1 when not shown. */
        public int colour() { return colour; }
    }

    private Consumer<Item> onToggle = i -> { };

    public RunList() {
        setId("run-list");
        getStyleClass().add("run-list");
        setCellFactory(v -> new Cell());
        setPlaceholder(new Label("No runs yet: press Start"));
    }

    public void setOnToggle(Consumer<Item> onToggle) {
        this.onToggle = onToggle;
    }

    /** Replaces the rows. */
    public void setRuns(List<Item> items) {
        ObservableList<Item> list = FXCollections.observableArrayList(items);
        for (Item item : list) {
            item.shown.addListener((o, a, b) -> onToggle.accept(item));
        }
        setItems(list);
    }

    /** Sets the colours: the i-th shown row gets colour i; others none. */
    public void setColours(List<String> shownIds) {
        for (Item item : getItems()) {
            item.colour = shownIds.indexOf(item.id);
        }
        refresh();
    }

    private final class Cell extends ListCell<Item> {
        private final CheckBox box = new CheckBox();
        private final Rectangle swatch = new Rectangle(10, 10);
        private final Label title = new Label();
        private final Label detail = new Label();
        private final HBox row;
        private Item bound;

        Cell() {
            title.getStyleClass().add("run-title");
            detail.getStyleClass().addAll("muted", "run-detail");
            detail.setWrapText(true);
            title.setWrapText(true);
            setPrefWidth(0); // rows take the list's width and wrap instead of scrolling sideways
            swatch.setArcWidth(3);
            swatch.setArcHeight(3);
            VBox text = new VBox(1, title, detail);
            HBox.setHgrow(text, Priority.ALWAYS);
            row = new HBox(6, box, swatch, text);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(Item item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                box.selectedProperty().unbindBidirectional(bound.shown);
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                setId(null);
                box.setId(null); // a recycled cell's box must not answer for the run it showed
                return;
            }
            bound = item;
            box.selectedProperty().bindBidirectional(item.shown);
            box.setId("run-check-" + item.id);
            setId("run-row-" + item.id);
            title.setText(item.title);
            detail.setText(item.detail);
            swatch.setVisible(item.colour >= 0);
            if (item.colour >= 0) {
                swatch.setFill(TrainCharts.runColour(item.colour));
            }
            setGraphic(row);
        }
    }
}
