package dev.qanvas.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

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

    /** Image formats decoded (javax.imageio format names); a file another reader claims is refused. */
    private static final List<String> FORMATS = List.of("png", "jpeg", "bmp", "gif");

    /** Largest image file read: 256 MiB, above any 16-megapixel PNG, JPEG, BMP or GIF. */
    public static final long MAX_IMAGE_FILE_BYTES = 256L << 20;

    private ImageFolderLoader() {
    }

    /** One class folder: its name (the class name), where it is, and its image files in name order. */
    private record ClassDir(String name, Path dir, List<Path> images) {
    }

    public static Dataset load(Path folder, Options options) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder, "folder not found");
        }
        checkOptions(folder, options);
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new DatasetException(folder, "cannot open the folder (" + Limits.describe(e) + ")", e);
        }
        Path trainDir = folder.resolve("train");
        Path testDir = folder.resolve("test");
        String name = folder.getFileName() + " (image folder)";
        String description = "Images from " + folder + ", one sub-folder per class";
        int channels = options.grayscale() ? 1 : 3;
        if (Files.isDirectory(trainDir) && Files.isDirectory(testDir)) {
            requireInside(root, trainDir);
            requireInside(root, testDir);
            int[] seen = {0};
            List<ClassDir> trainClasses = classFolders(root, trainDir, seen);
            List<ClassDir> testClasses = classFolders(root, testDir, seen);
            List<String> classes = trainClasses.stream().map(ClassDir::name).toList();
            List<String> testNames = testClasses.stream().map(ClassDir::name).toList();
            if (!testNames.equals(classes)) {
                throw new DatasetException(testDir, "class folders " + testNames
                        + " differ from those in train/: " + classes);
            }
            int[] size = targetSize(trainClasses, options);
            requireFits(folder, seen[0], size, channels, 1);
            ImageSet train = readAll(trainClasses, size, options.grayscale());
            ImageSet test = readAll(testClasses, size, options.grayscale());
            return new Dataset(name, description, "user files", classes, train, test);
        }
        List<ClassDir> classes = classFolders(root, folder, new int[] {0});
        int count = classes.stream().mapToInt(c -> c.images().size()).sum();
        int[] size = targetSize(classes, options);
        requireFits(folder, count, size, channels, 2); // the split copies every image once more
        ImageSet all = readAll(classes, size, options.grayscale());
        Splits.TrainTest split = Splits.stratified(all.labels(), options.testFraction(), options.seed());
        return new Dataset(name, description, "user files", classes.stream().map(ClassDir::name).toList(),
                all.select(split.train()), all.select(split.test()));
    }

    private static void checkOptions(Path folder, Options options) throws DatasetException {
        int w = options.width();
        int h = options.height();
        if (w < 0 || h < 0) {
            throw new DatasetException(folder, "image size " + w + " x " + h + " is negative (0 takes the first image's)");
        }
        if ((long) Math.max(w, 1) * Math.max(h, 1) > Limits.MAX_IMAGE_PIXELS) {
            throw new DatasetException(folder, "image size " + Limits.count(w) + " x " + Limits.count(h) + " is over "
                    + Limits.count(Limits.MAX_IMAGE_PIXELS) + " pixels");
        }
        if (!(options.testFraction() >= 0 && options.testFraction() < 1)) {
            throw new DatasetException(folder, "test fraction " + options.testFraction() + " is not in 0 .. 1");
        }
    }

    /**
     * The class sub-folders of {@code folder} with their image files. {@code seen} counts image
     * files over all calls, so a folder with more than {@link Limits#MAX_IMAGES} is refused while
     * it is listed, not after.
     */
    private static List<ClassDir> classFolders(Path root, Path folder, int[] seen) throws DatasetException {
        List<Path> dirs;
        try (Stream<Path> entries = Files.list(folder)) {
            dirs = entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .limit(Limits.MAX_CLASSES + 1L).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException(folder, "cannot list the folder (" + Limits.describe(e) + ")", e);
        }
        if (dirs.isEmpty()) {
            throw new DatasetException(folder, "no class folders: an image folder needs one sub-folder per class");
        }
        if (dirs.size() > Limits.MAX_CLASSES) {
            throw new DatasetException(folder, "more than " + Limits.MAX_CLASSES + " class folders; at most "
                    + Limits.MAX_CLASSES + " are supported");
        }
        List<ClassDir> classes = new ArrayList<>();
        for (Path dir : dirs) {
            String className = dir.getFileName().toString();
            if (className.codePoints().anyMatch(Character::isISOControl)) {
                throw new DatasetException(dir, "class folder name contains control characters (such as a line break); rename it");
            }
            requireInside(root, dir);
            List<Path> images = imageFiles(root, dir, seen);
            if (images.isEmpty()) {
                throw new DatasetException(dir, "empty class folder: no PNG, JPEG, BMP or GIF images");
            }
            classes.add(new ClassDir(className, dir, images));
        }
        return classes;
    }

    private static List<Path> imageFiles(Path root, Path classDir, int[] seen) throws DatasetException {
        List<Path> images;
        long room = Limits.MAX_IMAGES - (long) seen[0];
        try (Stream<Path> files = Files.list(classDir)) {
            images = files.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return EXTENSIONS.stream().anyMatch(n::endsWith);
            }).filter(Files::isRegularFile).limit(room + 1).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException(classDir, "cannot list the folder (" + Limits.describe(e) + ")", e);
        }
        if (images.size() > room) {
            throw new DatasetException(classDir, "too many images: Qanvas reads at most "
                    + Limits.count(Limits.MAX_IMAGES) + " from one image folder");
        }
        for (Path p : images) {
            requireInside(root, p);
        }
        seen[0] += images.size();
        return images;
    }

    /** Refuses a symbolic link that leads out of the image folder (links inside it are fine). */
    private static void requireInside(Path root, Path p) throws DatasetException {
        if (!Files.isSymbolicLink(p)) {
            return;
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new DatasetException(p, "broken or looping symbolic link (" + Limits.describe(e) + ")", e);
        }
        if (!real.startsWith(root)) {
            throw new DatasetException(p, "is a symbolic link to " + real + ", outside the image folder " + root
                    + "; Qanvas does not follow links out of the folder");
        }
    }

    /** The size images are resized to: the options', or the first image's (read from its header only). */
    private static int[] targetSize(List<ClassDir> classes, Options options) throws DatasetException {
        if (options.width() > 0 && options.height() > 0) {
            return new int[] {options.width(), options.height()};
        }
        Path first = classes.get(0).images().get(0);
        int[] size = headerSize(first);
        int[] out = {options.width() > 0 ? options.width() : size[0], options.height() > 0 ? options.height() : size[1]};
        if ((long) out[0] * out[1] > Limits.MAX_IMAGE_PIXELS) {
            throw new DatasetException(first, "image size " + Limits.count(out[0]) + " x " + Limits.count(out[1])
                    + " (taken from this image) is over " + Limits.count(Limits.MAX_IMAGE_PIXELS) + " pixels");
        }
        return out;
    }

    /**
     * Refuses, before anything is decoded, a folder whose {@code count} images of the target size
     * would not fit {@link Limits#MAX_DATA_BYTES} or the heap ({@code copies} times).
     */
    private static void requireFits(Path folder, int count, int[] size, int channels, int copies) throws DatasetException {
        long bytes;
        try {
            bytes = Math.multiplyExact((long) count, Math.multiplyExact((long) size[0], Math.multiplyExact((long) size[1], channels)));
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        String what = Limits.count(count) + " images of " + Limits.count(size[0]) + " x " + Limits.count(size[1])
                + " x " + channels;
        if (bytes > Limits.MAX_DATA_BYTES) {
            throw new DatasetException(folder, what + " take " + (bytes == Long.MAX_VALUE ? "more than 2^63 bytes" : Limits.mib(bytes))
                    + "; Qanvas reads at most " + Limits.mib(Limits.MAX_DATA_BYTES) + " of pixels from one image folder"
                    + " (choose a smaller image size)");
        }
        Limits.requireMemory(folder.toString(), Math.multiplyExact(bytes, copies), what
                + (copies > 1 ? " (and the copy the train/test split makes)" : ""));
    }

    private static ImageSet readAll(List<ClassDir> classes, int[] size, boolean grayscale) throws DatasetException {
        int w = size[0];
        int h = size[1];
        int channels = grayscale ? 1 : 3;
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            for (Path p : classes.get(c).images()) {
                files.add(p);
                labels.add(c);
            }
        }
        // requireFits has checked count x w x h x channels against MAX_DATA_BYTES (< 2^31), so these ints are exact.
        int per = Math.multiplyExact(w, Math.multiplyExact(h, channels));
        byte[] pixels = new byte[Math.multiplyExact(files.size(), per)];
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

    /** What to do with an image reader once the header has been checked. */
    @FunctionalInterface
    private interface ReaderStep<T> {
        T apply(ImageReader reader, int width, int height) throws IOException;
    }

    /** Width and height of an image, from its header only: no pixel is decoded. */
    static int[] headerSize(Path file) throws DatasetException {
        return open(file, (reader, w, h) -> new int[] {w, h});
    }

    /** Decodes an image after checking its file size and the width and height its header declares. */
    static BufferedImage readImage(Path file) throws DatasetException {
        BufferedImage image = open(file, (reader, w, h) -> reader.read(0));
        if (image == null) {
            throw new DatasetException(file, "unreadable image: no picture in the file");
        }
        return image;
    }

    /**
     * Opens an image file, picks a PNG, JPEG, BMP or GIF reader for its content (not its name),
     * reads the width and height from the header and refuses images over
     * {@link Limits#MAX_IMAGE_PIXELS} before {@code step} may decode anything.
     */
    private static <T> T open(Path file, ReaderStep<T> step) throws DatasetException {
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read (" + Limits.describe(e) + ")", e);
        }
        if (length == 0) {
            throw new DatasetException(file, "unreadable image: empty file (0 bytes)");
        }
        if (length > MAX_IMAGE_FILE_BYTES) {
            throw new DatasetException(file, "image file of " + Limits.mib(length) + " is over the "
                    + Limits.mib(MAX_IMAGE_FILE_BYTES) + " Qanvas reads");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = in == null ? null : readerFor(in);
            if (reader == null) {
                throw new DatasetException(file, "unreadable image: not a PNG, JPEG, BMP or GIF file");
            }
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0) {
                    throw new DatasetException(file, "unreadable image: its header declares " + w + " x " + h + " pixels");
                }
                long pixels = Math.multiplyExact((long) w, h);
                if (pixels > Limits.MAX_IMAGE_PIXELS) {
                    throw new DatasetException(file, "image too large: its " + reader.getFormatName().toUpperCase(Locale.ROOT)
                            + " header declares " + Limits.count(w) + " x " + Limits.count(h) + " = " + Limits.count(pixels)
                            + " pixels; Qanvas reads images of at most " + Limits.count(Limits.MAX_IMAGE_PIXELS)
                            + " pixels (e.g. 4096 x 4096)");
                }
                return step.apply(reader, w, h);
            } finally {
                reader.dispose();
            }
        } catch (DatasetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file, "unreadable image (" + Limits.describe(e) + ")", e);
        }
    }

    /** The first reader of an accepted format that recognises the stream's content, or null. */
    private static ImageReader readerFor(ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (FORMATS.contains(format)) {
                    return reader;
                }
            } catch (IOException e) {
                // fall through to the next reader
            }
            reader.dispose();
        }
        return null;
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
