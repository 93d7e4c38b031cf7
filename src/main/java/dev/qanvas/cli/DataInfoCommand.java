package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetException;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.DatasetSummary;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.PreparedData;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Opens one dataset (bundled, IDX folder or image folder), applies transforms, prints its classes and splits. */
@Command(name = "data-info", mixinStandardHelpOptions = true,
        description = "Show a dataset's shape, classes and split sizes after optional transforms."
                + " Checks a folder of your own before you open it in the app.")
final class DataInfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DATASET", description = "A dataset id from `qanvas datasets`, an IDX folder, or an image folder.")
    String dataset;

    @Option(names = "--resize", paramLabel = "WxH", description = "Resize every image, e.g. 14x14.")
    String resize;

    @Option(names = "--normalise", paramLabel = "MODE", description = "UNIT_RANGE, SYMMETRIC_RANGE or STANDARDISE.")
    Transform.Normalise.Mode normalise;

    @Option(names = "--classes", split = ",", paramLabel = "LABEL", description = "Keep only these classes, e.g. 0,1.")
    List<Integer> classes;

    @Option(names = "--json", description = "Print JSON instead of text: {\"name\", \"shape\", \"width\", \"height\","
            + " \"channels\", \"train\", \"test\", \"min\", \"max\", \"classes\": [{\"label\", \"name\", \"train\", \"test\"}, ...]};"
            + " train and test count images, min and max are the pixel values over both splits.")
    boolean json;

    @Override
    public Integer call() throws DatasetException, java.io.IOException {
        TransformChain chain = TransformChain.EMPTY;
        if (classes != null) {
            chain = chain.with(Transform.ClassSubset.class, new Transform.ClassSubset(classes));
        }
        if (resize != null) {
            String[] wh = resize.toLowerCase().split("x");
            if (wh.length != 2) {
                throw new IllegalArgumentException("--resize wants WIDTHxHEIGHT, e.g. 14x14; got " + resize);
            }
            chain = chain.with(Transform.Resize.class, new Transform.Resize(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim())));
        }
        if (normalise != null) {
            chain = chain.with(Transform.Normalise.class, new Transform.Normalise(normalise));
        }
        Dataset d = PreparedData.load(specOf(dataset), chain).data();
        DatasetSummary summary = DatasetSummary.of(d);
        if (json) {
            System.out.println(json(d, summary));
        } else {
            System.out.print(summary.toText());
        }
        return 0;
    }

    /** The summary as the documented JSON object. */
    static String json(Dataset d, DatasetSummary s) throws java.io.IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("shape", s.shape());
        out.put("width", d.width());
        out.put("height", d.height());
        out.put("channels", d.channels());
        out.put("train", s.trainSize());
        out.put("test", s.testSize());
        out.put("min", (double) s.minValue());
        out.put("max", (double) s.maxValue());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (DatasetSummary.ClassCount c : s.classes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("label", c.label());
            row.put("name", c.name());
            row.put("train", c.train());
            row.put("test", c.test());
            classes.add(row);
        }
        out.put("classes", classes);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
    }

    /** A catalogue id, or a folder: IDX if it holds *-idx3-ubyte files, else an image folder. */
    static DatasetSpec specOf(String text) throws DatasetException {
        for (DatasetSpec spec : Datasets.catalogue()) {
            if (idOf(spec).equals(text)) {
                return spec;
            }
        }
        Path path = Path.of(text);
        if (!Files.isDirectory(path)) {
            throw new DatasetException(text, "neither a dataset id (see `qanvas datasets`) nor a folder");
        }
        try (var files = Files.list(path)) {
            boolean idx = files.anyMatch(p -> p.getFileName().toString().contains("idx3"));
            return idx ? new DatasetSpec.IdxFolder(path.toString()) : new DatasetSpec.ImageFolder(path.toString());
        } catch (java.io.IOException e) {
            throw new DatasetException(path, "cannot list the folder (" + e.getMessage() + ")");
        }
    }

    static String idOf(DatasetSpec spec) {
        if (spec instanceof DatasetSpec.Bundled b) {
            return b.id();
        }
        if (spec instanceof DatasetSpec.Hypercube) {
            return "hypercube";
        }
        if (spec instanceof DatasetSpec.BarsAndStripes) {
            return "bars-and-stripes";
        }
        return spec.label();
    }
}
