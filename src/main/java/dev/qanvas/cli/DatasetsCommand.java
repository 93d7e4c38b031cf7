package dev.qanvas.cli;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetException;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Datasets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Lists the datasets Qanvas offers, with their sizes. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List the bundled, system and synthetic datasets with their sizes.")
final class DatasetsCommand implements Callable<Integer> {

    @Override
    public Integer call() throws DatasetException {
        System.out.printf("%-20s %-38s %-12s %8s %8s %8s%n", "id", "name", "shape", "classes", "train", "test");
        for (DatasetSpec spec : Datasets.catalogue()) {
            Dataset d = Datasets.load(spec);
            System.out.printf("%-20s %-38s %-12s %8d %,8d %,8d%n", DataInfoCommand.idOf(spec), d.name(), d.shapeText(),
                    d.classCount(), d.train().size(), d.test().size());
        }
        return 0;
    }
}
