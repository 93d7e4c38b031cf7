package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What the desktop's {@code sweep --spark} tells users names the driver this profile compiles (the IT checks the jar's manifest). */
class SparkSweepTest {

    @Test
    void aSweepFileErrorIsOneLineWithExitCode1BeforeSparkStarts() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = SparkSweep.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        assertEquals(1, cli.execute("no/such/sweep.json", "--master", "local[2]"));
        assertEquals("error: no/such/sweep.json: file not found", err.toString().strip());
    }

    @Test
    void theDesktopCommandNamesThisDriver() throws Exception {
        assertEquals(SparkSweep.class.getName(), SweepCommand.SPARK_MAIN);
        assertTrue(SweepCommand.sparkHowTo("local[2]", Path.of("s.json"), null).contains("--class " + SparkSweep.class.getName()));
    }

}
