package dev.qanvas.ui.home;

import dev.qanvas.project.Samples;
import dev.qanvas.ui.common.Labels;
import dev.qanvas.ui.common.Workspace;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The start page: new or open a project, the bundled samples with their descriptions, recent projects. */
public final class HomeWorkspace implements Workspace {

    /** What the home page can ask the main window to do. */
    public interface Actions {
        void newProject();

        void openProject();

        void openSample(Samples.Sample sample);

        /** Opens a file of the recent list (or forgets it when it is gone). */
        void openRecent(String path);
    }

    private final VBox root = new VBox(24);
    private final VBox recentBox = new VBox(4);
    private final VBox samplesBox = new VBox(10);
    private final Actions actions;

    public HomeWorkspace(Actions actions) {
        this.actions = actions;
        root.setId("home-workspace");
        root.setPadding(new Insets(32, 48, 32, 48));
        Label title = new Label("Qanvas");
        title.getStyleClass().add("home-title");
        Label tagline = new Label("A visual workbench for hybrid quantum-classical machine learning on images.");
        tagline.getStyleClass().add("home-tagline");

        Button newButton = new Button("New project");
        newButton.setId("home-new");
        newButton.setOnAction(e -> actions.newProject());
        Button openButton = new Button("Open…");
        openButton.setId("home-open");
        openButton.setOnAction(e -> actions.openProject());
        VBox start = new VBox(8, Labels.sectionTitle("Start"), newButton, openButton,
                Labels.sectionTitle("Recent"), recentBox);
        start.setMinWidth(260);
        start.setPrefWidth(300);

        samplesBox.setId("home-samples");
        VBox samples = new VBox(8, Labels.sectionTitle("Samples"), samplesBox);
        HBox.setHgrow(samples, Priority.ALWAYS);
        HBox columns = new HBox(48, start, samples);
        root.getChildren().addAll(new VBox(4, title, tagline), columns);
    }

    @Override
    public String id() {
        return "home";
    }

    @Override
    public String title() {
        return "Home";
    }

    @Override
    public Node view() {
        ScrollPane scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        return scroll;
    }

    public void showSamples(List<Samples.Sample> samples) {
        samplesBox.getChildren().clear();
        Samples.Group group = null;
        for (Samples.Sample s : samples) {
            if (!s.group().equals(group)) { // a heading above each group (Start here, each research study)
                group = s.group();
                Label heading = new Label(group.title());
                heading.getStyleClass().add("sample-group");
                Label about = Labels.wrapping(group.about());
                about.getStyleClass().add("muted");
                VBox head = new VBox(2, heading, about);
                head.getStyleClass().add("sample-group-head");
                samplesBox.getChildren().add(head);
            }
            Hyperlink link = new Hyperlink(s.project().name());
            link.getStyleClass().add("sample-title");
            link.setOnAction(e -> actions.openSample(s));
            Label description = Labels.wrapping(s.project().description());
            description.getStyleClass().add("muted");
            VBox card = new VBox(2, link, description);
            card.getStyleClass().add("sample-card");
            samplesBox.getChildren().add(card);
        }
    }

    public void showSamplesError(String message) {
        samplesBox.getChildren().setAll(Labels.wrapping("Samples could not be read: " + message));
    }

    public void showRecent(List<String> recent) {
        recentBox.getChildren().clear();
        if (recent.isEmpty()) {
            Label none = new Label("No recent projects yet.");
            none.getStyleClass().add("muted");
            recentBox.getChildren().add(none);
        }
        for (String path : recent) {
            Path p = Path.of(path);
            Hyperlink link = new Hyperlink(p.getFileName().toString());
            link.setTooltip(new javafx.scene.control.Tooltip(path));
            link.setOnAction(e -> actions.openRecent(path));
            recentBox.getChildren().add(link);
        }
    }
}
