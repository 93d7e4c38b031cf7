package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {

    @TempDir
    Path dir;

    @Test
    void recentFilesAreMostRecentFirstWithoutDuplicatesAndBounded() {
        AppSettings s = AppSettings.defaults();
        for (int i = 0; i < 15; i++) {
            s = s.withRecent(dir.resolve("p" + i + ".qanvas"));
        }
        s = s.withRecent(dir.resolve("p12.qanvas"));
        assertEquals(AppSettings.MAX_RECENT, s.recentFiles().size());
        assertEquals(dir.resolve("p12.qanvas").toString(), s.recentFiles().get(0));
        assertEquals(dir.resolve("p14.qanvas").toString(), s.recentFiles().get(1));
        assertEquals(1, s.recentFiles().stream().filter(p -> p.endsWith("p12.qanvas")).count());
    }

    @Test
    void savedSettingsComeBackAndAnUnreadableFileGivesDefaults() throws Exception {
        String old = System.getProperty("qanvas.config.dir");
        System.setProperty("qanvas.config.dir", dir.toString());
        try {
            AppSettings s = AppSettings.defaults().withWindow(10, 20, 900, 700, true, "data").withRecent(dir.resolve("a.qanvas"));
            s.save();
            assertEquals(s, AppSettings.load());
            Files.writeString(AppSettings.file(), "{ not json");
            assertEquals(AppSettings.defaults(), AppSettings.load());
            assertEquals(List.of(), AppSettings.load().recentFiles());
        } finally {
            if (old == null) {
                System.clearProperty("qanvas.config.dir");
            } else {
                System.setProperty("qanvas.config.dir", old);
            }
        }
    }
}
