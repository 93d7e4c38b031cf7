package dev.qanvas.ui.common;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/** What every open, save and export in the app shares: choosers that start beside the document, file extensions, snapshots, PNG bytes. */
public final class FileChoosers {

    private FileChoosers() {
    }

    /** A chooser for one kind of file ({@code pattern} e.g. "*.qasm") that opens in the document's folder when it has one ({@code document} may be null). */
    public static FileChooser nearDocument(Path document, String title, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        if (document != null && document.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(document.toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }

    /** {@code p}, with {@code extension} (".png") appended unless its name already ends with it. */
    public static Path withExtension(Path p, String extension) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension) ? p : p.resolveSibling(p.getFileName() + extension);
    }

    /** The node as an image at twice the screen resolution, on white. */
    public static WritableImage snapshot(Node node) {
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(javafx.scene.transform.Transform.scale(2, 2));
        params.setFill(javafx.scene.paint.Color.WHITE);
        return node.snapshot(params, null);
    }

    /** The image encoded as PNG; may run off the UI thread once the image is rendered. */
    public static byte[] png(Image image) throws IOException {
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(pixels, "png", bytes);
        return bytes.toByteArray();
    }
}
