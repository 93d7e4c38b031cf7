package dev.qanvas.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of datasets a user can pick, and the one place that turns a {@link DatasetSpec}
 * into data. Bundled datasets live on the class path under {@code /assets/datasets/<id>/}: a
 * {@code dataset.json} manifest and gzipped IDX files (see assets/datasets/README.md).
 * Loaded datasets are immutable and kept in a small cache, so switching back is instant.
 */
public final class Datasets {

    /** Ids of the datasets inside the application, in menu order. */
    public static final List<String> BUNDLED = List.of("mnist", "fashion-mnist", "digits-8x8");

    /** Id of the full Fashion-MNIST read from Debian's dataset-fashion-mnist, when installed. */
    public static final String FASHION_FULL = "fashion-mnist-full";

    /** Where Debian's dataset-fashion-mnist package puts its files. */
    public static final Path SYSTEM_FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String RESOURCE_ROOT = "/assets/datasets/";
    private static final int CACHE_SIZE = 4;
    private static final Map<DatasetSpec, Dataset> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DatasetSpec, Dataset> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Datasets() {
    }

    /** What the manifest of a bundled dataset says. */
    public record BundledInfo(String id, String name, String description, String source,
                              List<String> classes, int pixelMax) {
    }

    /** Every dataset offered in the picker: bundled ones, the full Fashion-MNIST if installed, synthetic ones. */
    public static List<DatasetSpec> catalogue() {
        List<DatasetSpec> out = new ArrayList<>();
        for (String id : BUNDLED) {
            out.add(new DatasetSpec.Bundled(id));
        }
        if (Files.isDirectory(SYSTEM_FASHION_DIR)) {
            out.add(new DatasetSpec.Bundled(FASHION_FULL));
        }
        out.add(new DatasetSpec.Hypercube(4, 1000, 0.15, 7));
        out.add(new DatasetSpec.BarsAndStripes(8, 1000, 0.1, 7));
        return out;
    }

    public static Optional<BundledInfo> bundledInfo(String id) {
        if (FASHION_FULL.equals(id)) {
            return readManifest("fashion-mnist").map(m -> new BundledInfo(FASHION_FULL,
                    "Fashion-MNIST (full 70,000, system)",
                    "All 60,000 training and 10,000 test images of Fashion-MNIST, read from "
                            + SYSTEM_FASHION_DIR + ".",
                    m.source(), m.classes(), 255));
        }
        return readManifest(id);
    }

    /** Loads (or takes from the cache) the dataset a spec names. */
    public static Dataset load(DatasetSpec spec) throws DatasetException {
        synchronized (CACHE) {
            Dataset cached = CACHE.get(spec);
            if (cached != null) {
                return cached;
            }
        }
        Dataset loaded = loadUncached(spec);
        synchronized (CACHE) {
            CACHE.put(spec, loaded);
        }
        return loaded;
    }

    /** Loads without the cache (benchmarks; a changed file on disk). */
    public static Dataset loadUncached(DatasetSpec spec) throws DatasetException {
        try {
            if (spec instanceof DatasetSpec.Bundled b) {
                return loadBundled(b.id());
            } else if (spec instanceof DatasetSpec.IdxFolder f) {
                return IdxFolderLoader.load(Path.of(f.path()));
            } else if (spec instanceof DatasetSpec.ImageFolder f) {
                return ImageFolderLoader.load(Path.of(f.path()), f.options());
            } else if (spec instanceof DatasetSpec.Hypercube h) {
                return Synthetic.hypercube(h.dimension(), h.count(), h.noise(), h.seed());
            } else if (spec instanceof DatasetSpec.BarsAndStripes b) {
                return Synthetic.barsAndStripes(b.size(), b.count(), b.noise(), b.seed());
            } else if (spec instanceof DatasetSpec.Sequence q) {
                return Synthetic.sequence(q.task(), q.seed());
            }
        } catch (IllegalArgumentException e) {
            throw new DatasetException(spec.label(), e.getMessage());
        }
        throw new DatasetException(spec.label(), "unknown kind of dataset");
    }

    private static Dataset loadBundled(String id) throws DatasetException {
        if (FASHION_FULL.equals(id)) {
            BundledInfo info = bundledInfo(id).orElseThrow(() -> new DatasetException(id, "manifest missing"));
            return IdxFolderLoader.load(SYSTEM_FASHION_DIR, info.name(), info.description(), info.source(), info.classes());
        }
        BundledInfo info = readManifest(id).orElseThrow(
                () -> new DatasetException(RESOURCE_ROOT + id, "no such bundled dataset"));
        float scale = 1f / info.pixelMax();
        ImageSet train = Idx.toImageSet(readIdx(id, "train-images-idx3-ubyte.gz"), id + "/train-images",
                readIdx(id, "train-labels-idx1-ubyte.gz"), id + "/train-labels", scale);
        ImageSet test = Idx.toImageSet(readIdx(id, "t10k-images-idx3-ubyte.gz"), id + "/t10k-images",
                readIdx(id, "t10k-labels-idx1-ubyte.gz"), id + "/t10k-labels", scale);
        return new Dataset(info.name(), info.description(), info.source(), info.classes(), train, test);
    }

    private static Idx.Array readIdx(String id, String file) throws DatasetException {
        String resource = RESOURCE_ROOT + id + "/" + file;
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DatasetException(resource, "missing from the application (rebuild with assets/datasets/rebuild.sh)");
            }
            return Idx.read(resource, in);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(resource, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Optional<BundledInfo> readManifest(String id) {
        String resource = RESOURCE_ROOT + id + "/dataset.json";
        try (InputStream in = Datasets.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            JsonNode m = new ObjectMapper().readTree(in);
            List<String> classes = new ArrayList<>();
            m.get("classes").forEach(c -> classes.add(c.asText()));
            return Optional.of(new BundledInfo(id, m.get("name").asText(), m.get("description").asText(),
                    m.get("source").asText(), classes, m.path("pixelMax").asInt(255)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
