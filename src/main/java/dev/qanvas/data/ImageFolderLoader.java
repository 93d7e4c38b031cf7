package dev.qanvas.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Opens a folder of images with one sub-folder per class ({@code cats/a.png, dogs/b.jpg}).
 * If the folder instead holds {@code train/} and {@code test/} (each with class sub-folders),
 * that split is used; otherwise a stratified split is drawn with the given seed.
 * Every image is resized to one size and, optionally, converted to grayscale.
 */
public final class ImageFolderLoader {

    /**
     * @param width        target width, or 0 to take the first image's
     * @param height       target height, or 0 to take the first image's
     * @param grayscale    convert to one channel (luma) instead of RGB
     * @param testFraction share of each class held out when the folder has no train/test split
     * @param seed         seed of that split
     */
    public record Options(int width, int height, boolean grayscale, double testFraction, long seed) {
        public static Options defaults() {
            return new Options(28, 28, true, 0.2, 42);
        }
    }

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private ImageFolderLoader() {
    }

    public static Dataset load(Path folder, Options options) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder, "folder not found");
        }
        Path trainDir = folder.resolve("train");
        Path testDir = folder.resolve("test");
        String name = folder.getFileName() + " (image folder)";
        String description = "Images from " + folder + ", one sub-folder per class";
        if (Files.isDirectory(trainDir) && Files.isDirectory(testDir)) {
            List<String> classes = classFolders(trainDir);
            List<String> testClasses = classFolders(testDir);
            if (!testClasses.equals(classes)) {
                throw new DatasetException(testDir, "class folders " + testClasses
                        + " differ from those in train/: " + classes);
            }
            int[] size = firstImageSize(trainDir, classes, options);
            ImageSet train = readAll(trainDir, classes, size, options.grayscale());
            ImageSet test = readAll(testDir, classes, size, options.grayscale());
            return new Dataset(name, description, "user files", classes, train, test);
        }
        List<String> classes = classFolders(folder);
        int[] size = firstImageSize(folder, classes, options);
        ImageSet all = readAll(folder, classes, size, options.grayscale());
        Splits.TrainTest split = Splits.stratified(all.labels(), options.testFraction(), options.seed());
        return new Dataset(name, description, "user files", classes, all.select(split.train()), all.select(split.test()));
    }

    private static List<String> classFolders(Path folder) throws DatasetException {
        List<String> classes;
        try (Stream<Path> entries = Files.list(folder)) {
            classes = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(folder, "cannot list the folder (" + e.getMessage() + ")", e);
        }
        if (classes.isEmpty()) {
            throw new DatasetException(folder, "no class folders: an image folder needs one sub-folder per class");
        }
        if (classes.size() > 255) {
            throw new DatasetException(folder, classes.size() + " class folders; at most 255 are supported");
        }
        for (String c : classes) {
            if (imageFiles(folder.resolve(c)).isEmpty()) {
                throw new DatasetException(folder.resolve(c), "empty class folder: no PNG, JPEG, BMP or GIF images");
            }
        }
        return classes;
    }

    private static List<Path> imageFiles(Path classDir) throws DatasetException {
        try (Stream<Path> files = Files.list(classDir)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return EXTENSIONS.stream().anyMatch(n::endsWith);
            }).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(classDir, "cannot list the folder (" + e.getMessage() + ")", e);
        }
    }

    private static int[] firstImageSize(Path folder, List<String> classes, Options options) throws DatasetException {
        if (options.width() > 0 && options.height() > 0) {
            return new int[] {options.width(), options.height()};
        }
        Path first = imageFiles(folder.resolve(classes.get(0))).get(0);
        BufferedImage image = readImage(first);
        return new int[] {options.width() > 0 ? options.width() : image.getWidth(),
                options.height() > 0 ? options.height() : image.getHeight()};
    }

    private static ImageSet readAll(Path folder, List<String> classes, int[] size, boolean grayscale) throws DatasetException {
        int w = size[0];
        int h = size[1];
        int channels = grayscale ? 1 : 3;
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path classDir = folder.resolve(classes.get(c));
            List<Path> images = imageFiles(classDir);
            if (images.isEmpty()) {
                throw new DatasetException(classDir, "empty class folder: no PNG, JPEG, BMP or GIF images");
            }
            for (Path p : images) {
                files.add(p);
                labels.add(c);
            }
        }
        int per = w * h * channels;
        byte[] pixels = new byte[files.size() * per];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage scaled = resize(readImage(files.get(i)), w, h);
            int base = i * per;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = scaled.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    int p = base + (y * w + x) * channels;
                    if (grayscale) {
                        pixels[p] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                    } else {
                        pixels[p] = (byte) r;
                        pixels[p + 1] = (byte) g;
                        pixels[p + 2] = (byte) b;
                    }
                }
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        return ImageSet.ofBytes(w, h, channels, pixels, 1f / 255f, labelArray);
    }

    private static BufferedImage readImage(Path file) throws DatasetException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file, "unreadable image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new DatasetException(file, "unreadable image: not a PNG, JPEG, BMP or GIF file");
        }
        return image;
    }

    private static BufferedImage resize(BufferedImage image, int w, int h) {
        if (image.getWidth() == w && image.getHeight() == h && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // Transparent pixels become white, as they look in an image viewer.
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
