package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The start of the app that skips picocli: only {@code [--verbose] [FILE.qanvas]}; all else goes to picocli. */
class AppOnlyTest {

    @Test
    void commandsOptionsAndArgumentFilesAreLeftToPicocli() {
        assertNull(QanvasCommand.appOnly(new String[] {"datasets"}));
        assertNull(QanvasCommand.appOnly(new String[] {"train", "a.qanvas"}));
        assertNull(QanvasCommand.appOnly(new String[] {"--help"}));
        assertNull(QanvasCommand.appOnly(new String[] {"--version"}));
        assertNull(QanvasCommand.appOnly(new String[] {"@args.qanvas"}));
        assertNull(QanvasCommand.appOnly(new String[] {"a.qanvas", "b.qanvas"}));
        assertNull(QanvasCommand.appOnly(new String[] {"--verbose=true", "a.qanvas"}));
    }

    @Test
    void theAppWithAtMostAProjectOpensDirectlyWhenThereIsADisplay() {
        String display = System.getenv("DISPLAY");
        boolean hasDisplay = System.getProperty("os.name", "").toLowerCase().matches(".*(win|mac).*")
                || (display != null && !display.isBlank());
        if (!hasDisplay) {
            assertNull(QanvasCommand.appOnly(new String[] {}), "no display: picocli says why the app cannot start");
            return;
        }
        assertArrayEquals(new Path[] {null}, QanvasCommand.appOnly(new String[] {}));
        assertArrayEquals(new Path[] {null}, QanvasCommand.appOnly(new String[] {"--verbose"}));
        assertArrayEquals(new Path[] {Path.of("samples/x.qanvas")},
                QanvasCommand.appOnly(new String[] {"--verbose", "samples/x.qanvas"}));
        assertArrayEquals(new Path[] {Path.of("x.qanvas")}, QanvasCommand.appOnly(new String[] {"x.qanvas", "--verbose"}));
    }
}
