package dev.qanvas.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Opens a folder of IDX files laid out as MNIST ships them: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each optionally gzipped ({@code .gz}). Also accepts {@code test-} for {@code t10k-} and a dot
 * before {@code idx} (as EMNIST names them).
 */
public final class IdxFolderLoader {

    private IdxFolderLoader() {
    }

    public static Dataset load(Path folder) throws DatasetException {
        return load(folder, folder.getFileName() + " (IDX folder)", "IDX files from " + folder, "user files", null);
    }

    /**
     * @param classNames names for labels 0..k-1, or null to name them by number
     */
    public static Dataset load(Path folder, String name, String description, String source,
                               List<String> classNames) throws DatasetException {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder, "folder not found");
        }
        Path trainImages = find(folder, "train", "images", "idx3");
        Path trainLabels = find(folder, "train", "labels", "idx1");
        Path testImages = find(folder, "t10k", "images", "idx3");
        Path testLabels = find(folder, "t10k", "labels", "idx1");
        // Headers first: shapes, counts and the memory all four files need are checked before any data is read.
        int[] trainDims = Idx.readDims(trainImages);
        int[] testDims = Idx.readDims(testImages);
        Idx.checkPair(trainDims, trainImages.toString(), Idx.readDims(trainLabels), trainLabels.toString());
        Idx.checkPair(testDims, testImages.toString(), Idx.readDims(testLabels), testLabels.toString());
        if (!java.util.Arrays.equals(trainDims, 1, trainDims.length, testDims, 1, testDims.length)) {
            throw new DatasetException(testImages, "test images are " + Limits.dims(java.util.Arrays.copyOfRange(testDims, 1, testDims.length))
                    + " but training images are " + Limits.dims(java.util.Arrays.copyOfRange(trainDims, 1, trainDims.length))
                    + " (rows x columns" + (trainDims.length == 4 ? " x channels" : "") + ")");
        }
        long bytes = 0;
        for (int[] dims : List.of(trainDims, testDims)) {
            long values = 1;
            for (int d : dims) {
                values = Math.multiplyExact(values, d); // cannot overflow: readDims bounded each product
            }
            bytes = Math.addExact(bytes, Math.addExact(values, dims[0]));
        }
        Limits.requireMemory(folder.toString(), bytes, "its " + Limits.count(trainDims[0] + (long) testDims[0])
                + " images and labels");
        ImageSet train = Idx.toImageSet(Idx.read(trainImages), trainImages.toString(),
                Idx.read(trainLabels), trainLabels.toString(), 1f / 255f);
        ImageSet test = Idx.toImageSet(Idx.read(testImages), testImages.toString(),
                Idx.read(testLabels), testLabels.toString(), 1f / 255f);
        if (train.width() != test.width() || train.height() != test.height() || train.channels() != test.channels()) {
            throw new DatasetException(testImages, "test images are " + test.width() + "x" + test.height()
                    + " but training images are " + train.width() + "x" + train.height());
        }
        int maxLabel = Math.max(IntStream.of(train.labels()).max().orElse(0), IntStream.of(test.labels()).max().orElse(0));
        List<String> names = classNames;
        if (names == null) {
            names = new ArrayList<>();
            for (int k = 0; k <= maxLabel; k++) {
                names.add(Integer.toString(k));
            }
        } else if (maxLabel >= names.size()) {
            throw new DatasetException(folder, "label " + maxLabel + " found but only " + names.size() + " classes are named");
        }
        return new Dataset(name, description, source, names, train, test);
    }

    private static Path find(Path folder, String split, String kind, String idxKind) throws DatasetException {
        List<String> prefixes = split.equals("t10k") ? List.of("t10k", "test") : List.of("train");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            for (String prefix : prefixes) {
                Optional<Path> hit = all.stream().filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.startsWith(prefix + "-" + kind) && n.contains(idxKind);
                }).sorted().findFirst();
                if (hit.isPresent()) {
                    return hit.get();
                }
            }
        } catch (IOException e) {
            throw new DatasetException(folder, "cannot list the folder (" + e.getMessage() + ")", e);
        }
        throw new DatasetException(folder, "no " + prefixes.get(0) + "-" + kind + "-" + idxKind
                + "-ubyte[.gz] file in this folder (an IDX folder needs train and t10k images and labels)");
    }
}
