package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderLoaderTest {

    @TempDir
    Path dir;

    @Test
    void classFoldersBecomeLabelsAndImagesAreResized() throws IOException {
        writeImages(dir.resolve("black"), 10, 0x000000, 16);
        writeImages(dir.resolve("white"), 10, 0xffffff, 16);
        Dataset d = ImageFolderLoader.load(dir, new ImageFolderLoader.Options(8, 8, true, 0.2, 1));
        assertEquals(List.of("black", "white"), d.classNames());
        assertEquals(16, d.train().size());
        assertEquals(4, d.test().size());
        assertEquals(8, d.width());
        assertEquals(1, d.channels());
        int[] trainCounts = d.train().classCounts(2);
        assertEquals(8, trainCounts[0]);
        assertEquals(8, trainCounts[1]);
        for (int i = 0; i < d.train().size(); i++) {
            float expected = d.train().label(i) == 0 ? 0f : 1f;
            assertEquals(expected, d.train().value(i, 27), 1e-6);
        }
    }

    @Test
    void colourIsKeptWhenAsked() throws IOException {
        writeImages(dir.resolve("red"), 2, 0xff0000, 4);
        Dataset d = ImageFolderLoader.load(dir, new ImageFolderLoader.Options(4, 4, false, 0.5, 1));
        assertEquals(3, d.channels());
        assertEquals(1f, d.train().value(0, 0), 1e-6);
        assertEquals(0f, d.train().value(0, 1), 1e-6);
    }

    @Test
    void trainAndTestFoldersAreUsedAsGiven() throws IOException {
        writeImages(dir.resolve("train/a"), 3, 0x101010, 4);
        writeImages(dir.resolve("train/b"), 3, 0xf0f0f0, 4);
        writeImages(dir.resolve("test/a"), 1, 0x101010, 4);
        writeImages(dir.resolve("test/b"), 2, 0xf0f0f0, 4);
        Dataset d = ImageFolderLoader.load(dir, new ImageFolderLoader.Options(0, 0, true, 0.2, 1));
        assertEquals(6, d.train().size());
        assertEquals(3, d.test().size());
        assertEquals(4, d.width()); // taken from the first image
    }

    @Test
    void unreadableImageIsNamed() throws IOException {
        writeImages(dir.resolve("cats"), 2, 0x808080, 4);
        Path bad = dir.resolve("cats/broken.png");
        Files.writeString(bad, "this is not a picture");
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageFolderLoader.load(dir, ImageFolderLoader.Options.defaults()));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
        assertTrue(e.getMessage().contains("unreadable image"), e.getMessage());
    }

    @Test
    void emptyClassFolderIsNamed() throws IOException {
        writeImages(dir.resolve("cats"), 2, 0x808080, 4);
        Files.createDirectories(dir.resolve("dogs"));
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageFolderLoader.load(dir, ImageFolderLoader.Options.defaults()));
        assertTrue(e.getMessage().contains("dogs"), e.getMessage());
        assertTrue(e.getMessage().contains("empty class folder"), e.getMessage());
    }

    @Test
    void folderWithoutClassFoldersIsExplained() throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "hi");
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageFolderLoader.load(dir, ImageFolderLoader.Options.defaults()));
        assertTrue(e.getMessage().contains("no class folders"), e.getMessage());
    }

    private static void writeImages(Path folder, int count, int rgb, int size) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    image.setRGB(x, y, rgb);
                }
            }
            ImageIO.write(image, "png", folder.resolve("img" + i + ".png").toFile());
        }
    }
}
