package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code qanvas sweep --spark MASTER} in the desktop app (which carries no Spark): how to build and submit instead, exit code 2. */
class SweepSparkOptionTest {

    @Test
    void sparkPrintsHowToBuildAndSubmitTheJarAndExitsWith2() {
        PrintStream err = System.err;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(text, true, StandardCharsets.UTF_8));
            code = new CommandLine(new SweepCommand()).execute("samples/sweeps/quick.json", "--spark", "spark://head:7077", "--out", "/data/q");
        } finally {
            System.setErr(err);
        }
        String said = text.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, said);
        assertTrue(said.contains("mvn -Pspark -DskipTests package"), said);
        String submit = "--class dev.qanvas.cli.SparkSweep target/qanvas-spark.jar samples/sweeps/quick.json --out /data/q";
        assertTrue(said.contains("spark-submit --master 'spark://head:7077' " + submit), said);
        assertTrue(said.contains("spark-submit --master 'local[2]' " + submit), said);
        assertTrue(said.contains("spark-submit --master spark://host:7077 " + submit), said);
    }
}
