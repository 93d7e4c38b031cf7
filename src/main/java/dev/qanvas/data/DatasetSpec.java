package dev.qanvas.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Which dataset a project uses: what is saved in a project file, small and readable.
 * {@link Datasets#load(DatasetSpec)} turns it into data.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DatasetSpec.Bundled.class, name = "bundled"),
        @JsonSubTypes.Type(value = DatasetSpec.IdxFolder.class, name = "idxFolder"),
        @JsonSubTypes.Type(value = DatasetSpec.ImageFolder.class, name = "imageFolder"),
        @JsonSubTypes.Type(value = DatasetSpec.Hypercube.class, name = "hypercube"),
        @JsonSubTypes.Type(value = DatasetSpec.BarsAndStripes.class, name = "barsAndStripes"),
        @JsonSubTypes.Type(value = DatasetSpec.Sequence.class, name = "sequence")
})
public sealed interface DatasetSpec {

    /** A short label for menus and lists. */
    String label();

    /** A dataset shipped with Qanvas (or found on this system), by id: see {@link Datasets#BUNDLED}. */
    record Bundled(String id) implements DatasetSpec {
        @Override
        public String label() {
            return Datasets.bundledInfo(id).map(Datasets.BundledInfo::name).orElse(id);
        }
    }

    /** A folder of MNIST-style IDX files. */
    record IdxFolder(String path) implements DatasetSpec {
        @Override
        public String label() {
            return "IDX folder " + path;
        }
    }

    /** A folder with one sub-folder of images per class. */
    record ImageFolder(String path, int width, int height, boolean grayscale, double testFraction, long seed)
            implements DatasetSpec {
        /** The largest width or height images are scaled to (a project file could otherwise ask for any). */
        public static final int MAX_SIDE = 4096;

        public ImageFolder {
            if (width < 0 || height < 0 || width > MAX_SIDE || height > MAX_SIDE) {
                throw new IllegalArgumentException("an image folder's width and height are 0 (the first image's) or up to "
                        + MAX_SIDE + " pixels, not " + width + " x " + height);
            }
        }

        public ImageFolder(String path) {
            this(path, 28, 28, true, 0.2, 42);
        }

        public ImageFolderLoader.Options options() {
            return new ImageFolderLoader.Options(width, height, grayscale, testFraction, seed);
        }

        @Override
        public String label() {
            return "Image folder " + path;
        }
    }

    /** Synthetic hypercube parity, see {@link Synthetic#hypercube}. */
    record Hypercube(int dimension, int count, double noise, long seed) implements DatasetSpec {
        @Override
        public String label() {
            return "Hypercube parity (d=" + dimension + ")";
        }
    }

    /** Synthetic bars and stripes, see {@link Synthetic#barsAndStripes}. */
    record BarsAndStripes(int size, int count, double noise, long seed) implements DatasetSpec {
        @Override
        public String label() {
            return "Bars and stripes (" + size + "x" + size + ")";
        }
    }

    /** A toy sequence task as labelled prefixes, see {@link Synthetic#sequence}. */
    record Sequence(String task, long seed) implements DatasetSpec {
        public Sequence {
            if (!SequenceTasks.NAMES.contains(task)) {
                throw new IllegalArgumentException("a sequence task is one of " + String.join(", ", SequenceTasks.NAMES) + ", not " + task);
            }
        }

        @Override
        public String label() {
            return "Sequence task: " + task;
        }
    }
}
