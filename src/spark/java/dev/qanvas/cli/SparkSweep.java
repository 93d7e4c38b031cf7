package dev.qanvas.cli;

import dev.qanvas.sweep.SweepFile;
import dev.qanvas.sweep.SweepPlan;
import dev.qanvas.sweep.spark.SparkPoints;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The Spark driver of {@code qanvas sweep} (docs/sweeps.md#spark), in the submit jar only
 * ({@code mvn -Pspark -DskipTests package} builds target/qanvas-spark.jar):
 * <pre>spark-submit --master local[2] --class dev.qanvas.cli.SparkSweep target/qanvas-spark.jar SWEEP.json --out DIR</pre>
 * Same sweep file, output folder, resume, progress and exit codes as the embedded sweep; only the
 * points run as Spark tasks ({@link SparkPoints}). DIR is on the driver's file system: executors
 * send each run folder back with its row.
 */
@Command(name = "spark-sweep", mixinStandardHelpOptions = true,
        description = "Run a sweep file's points as Spark tasks (one task per point); same output folder as `qanvas sweep`.")
public final class SparkSweep implements Callable<Integer> {

    @Parameters(paramLabel = "SWEEP", description = "A sweep file (JSON, format \"qanvas-sweep\"; docs/sweeps.md).")
    Path sweepFile;

    @Option(names = "--out", description = "Output folder on the driver (default: runs/sweeps/<sweep name>). Run again to resume.")
    Path out;

    @Option(names = "--master", paramLabel = "MASTER", description = "Spark master, e.g. local[2] or spark://host:7077"
            + " (default: what spark-submit --master set).")
    String master;

    @Override
    public Integer call() throws Exception {
        SweepFile file = SweepFile.read(sweepFile);
        SweepPlan plan = SweepPlan.expand(file, sweepFile.toAbsolutePath().getParent());
        SparkConf conf = new SparkConf().setAppName("qanvas sweep " + plan.name());
        if (master != null) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            System.err.println("No Spark master: run through spark-submit --master MASTER, or give --master.");
            return 2;
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            return SweepCommand.run(file, plan, out != null ? out : SweepCommand.defaultOut(file), new SparkPoints(spark),
                    "as Spark tasks on " + spark.master(), System.err);
        }
    }

    public static void main(String[] args) {
        // Logging is Spark's (its log4j2 setup, conf/log4j2.properties): the driver's INFO lines show tasks start, fail and retry.
        System.exit(commandLine().execute(args));
    }

    /** The command line, errors reported in one line as `qanvas` reports them (exit code 1). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SparkSweep());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + QanvasCommand.describe(e));
            return 1;
        });
        return cli;
    }
}
