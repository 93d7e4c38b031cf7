package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetException;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Datasets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the datasets Qanvas offers, with their sizes. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List the bundled, system and synthetic datasets with their sizes.")
final class DatasetsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON instead of a table: {\"datasets\": [{\"id\", \"name\", \"shape\","
            + " \"width\", \"height\", \"channels\", \"classes\", \"train\", \"test\"}, ...]}, the table's facts in"
            + " its order; shape is the table's text (\"28 x 28\"), train and test count images.")
    boolean json;

    @Override
    public Integer call() throws DatasetException, IOException {
        if (!json) {
            System.out.printf("%-20s %-38s %-12s %8s %8s %8s%n", "id", "name", "shape", "classes", "train", "test");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DatasetSpec spec : Datasets.catalogue()) {
            Dataset d = Datasets.load(spec);
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", DataInfoCommand.idOf(spec));
                row.put("name", d.name());
                row.put("shape", d.shapeText());
                row.put("width", d.width());
                row.put("height", d.height());
                row.put("channels", d.channels());
                row.put("classes", d.classCount());
                row.put("train", d.train().size());
                row.put("test", d.test().size());
                rows.add(row);
            } else {
                System.out.printf("%-20s %-38s %-12s %8d %,8d %,8d%n", DataInfoCommand.idOf(spec), d.name(), d.shapeText(),
                        d.classCount(), d.train().size(), d.test().size());
            }
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("datasets", rows)));
        }
        return 0;
    }
}
