package dev.qanvas.ui;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/** What every open, save and export in the app shares: choosers that start beside the document, file extensions, PNG bytes. */
final class FileChoosers {

    private FileChoosers() {
    }

    /** A chooser for one kind of file ({@code pattern} e.g. "*.qasm") that opens in the document's folder when it has one. */
    static FileChooser nearDocument(DocumentModel doc, String title, String description, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        if (doc.file() != null && doc.file().toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(doc.file().toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }

    /** {@code p}, with {@code extension} (".png") appended unless its name already ends with it. */
    static Path withExtension(Path p, String extension) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension) ? p : p.resolveSibling(p.getFileName() + extension);
    }

    /** The image encoded as PNG; may run off the UI thread once the image is rendered. */
    static byte[] png(Image image) throws IOException {
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(pixels, "png", bytes);
        return bytes.toByteArray();
    }
}
