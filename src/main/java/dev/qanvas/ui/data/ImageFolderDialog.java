package dev.qanvas.ui.data;

import static dev.qanvas.ui.common.Labels.wrapping;
import dev.qanvas.data.DatasetSpec;
import java.io.File;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks how to read the images of a folder (size, grayscale) before it is opened as a dataset. */
final class ImageFolderDialog {

    private ImageFolderDialog() {
    }

    /** The spec to open {@code dir} with, or empty when the user cancels. */
    static Optional<DatasetSpec> ask(Window owner, File dir) {
        Dialog<DatasetSpec> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Image folder");
        dialog.setHeaderText("Read the images of " + dir.getName() + " as:");
        Spinner<Integer> w = new Spinner<>(4, 256, 28);
        Spinner<Integer> h = new Spinner<>(4, 256, 28);
        w.setEditable(true);
        h.setEditable(true);
        CheckBox gray = new CheckBox("Grayscale");
        gray.setSelected(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Size"), w, new Label("x"), h);
        grid.add(gray, 1, 1, 3, 1);
        grid.add(wrapping("Images are resized to this size. Without train/ and test/ sub-folders, 20% of "
                + "each class is held out for testing (seed 42)."), 0, 2, 4, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK
                ? DataViewModel.imageFolder(dir, w.getValue(), h.getValue(), gray.isSelected())
                : null);
        return dialog.showAndWait();
    }
}
