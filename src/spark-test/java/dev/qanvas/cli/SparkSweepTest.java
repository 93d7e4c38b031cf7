package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What the desktop's {@code sweep --spark} tells users matches the driver and jar this profile builds. */
class SparkSweepTest {

    @Test
    void theDesktopCommandNamesThisDriverAndJar() throws Exception {
        assertEquals(SparkSweep.class.getName(), SweepCommand.SPARK_MAIN);
        assertTrue(SweepCommand.sparkHowTo("local[2]", Path.of("s.json"), null).contains("--class " + SparkSweep.class.getName()));
        Path jar = Path.of(SweepCommand.SPARK_JAR);
        if (Files.isRegularFile(jar)) { // built by this profile's package phase, after the unit tests
            try (JarFile j = new JarFile(jar.toFile())) {
                assertEquals(SparkSweep.class.getName(), j.getManifest().getMainAttributes().getValue("Main-Class"));
                assertTrue(j.getEntry(SparkSweep.class.getName().replace('.', '/') + ".class") != null);
            }
        }
    }
}
