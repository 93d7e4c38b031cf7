package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.training.RunEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder read back from its files gives the record the run itself returned (to the 6 decimals metrics.csv keeps). */
class RunFolderRecordTest {

    @TempDir
    Path dir;

    @Test
    void readsBackTheRecordTheRunReturned() throws Exception {
        Project project = TinyTrainingProject.project();
        Path folder = dir.resolve("p0001");
        RunSession.Result result = RunSession.prepare(project, project.training(), folder, Map.of(), line -> { })
                .run(new RunEvents() { });
        assertEquals(RunEvents.Outcome.COMPLETED, result.outcome(), result.message());
        RunRecord live = result.record();

        RunRecord read = RunFolderRecord.read(new RunFolder(folder), "p0001");
        assertEquals("p0001", read.id());
        assertEquals(live.outcome(), read.outcome());
        assertEquals(live.testAccuracy(), read.testAccuracy(), 1e-12);
        assertEquals(live.settings(), read.settings());
        assertEquals(live.trained(), read.trained());
        assertEquals(live.modelDigest(), read.modelDigest());
        assertEquals(folder.toAbsolutePath().toString(), read.directory());

        assertEquals(live.epochs().size(), read.epochs().size());
        for (int i = 0; i < live.epochs().size(); i++) {
            RunRecord.Epoch a = live.epochs().get(i), b = read.epochs().get(i);
            assertEquals(a.epoch(), b.epoch());
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-6);
            assertEquals(a.trainAccuracy(), b.trainAccuracy(), 1e-6);
            assertEquals(a.validationLoss(), b.validationLoss(), 1e-6);
            assertEquals(a.validationAccuracy(), b.validationAccuracy(), 1e-6);
        }
        assertEquals(live.batchLosses().size(), read.batchLosses().size());
        for (int i = 0; i < live.batchLosses().size(); i++) {
            assertEquals(live.batchLosses().get(i).at(), read.batchLosses().get(i).at(), 1e-6);
            assertEquals(live.batchLosses().get(i).loss(), read.batchLosses().get(i).loss(), 1e-6);
        }
        assertEquals(live.quantum().size(), read.quantum().size());
        assertFalse(read.quantum().isEmpty(), "the tiny project has a quantum layer");
        for (int i = 0; i < live.quantum().size(); i++) {
            RunRecord.QuantumPoint a = live.quantum().get(i), b = read.quantum().get(i);
            assertEquals(a.layer(), b.layer());
            assertEquals(a.at(), b.at(), 1e-6);
            assertEquals(a.entropyMean(), b.entropyMean(), 1e-6);
            assertEquals(a.entropyStd(), b.entropyStd(), 1e-6);
            assertEquals(a.meyerWallachMean(), b.meyerWallachMean(), 1e-6);
            assertEquals(a.gradientVariance(), b.gradientVariance(), Math.abs(a.gradientVariance()) * 1e-5);
            assertEquals(a.cuts().stream().map(c -> c.name()).toList(), b.cuts().stream().map(c -> c.name()).toList());
            for (int k = 0; k < a.cuts().size(); k++) {
                assertEquals(a.cuts().get(k).mean(), b.cuts().get(k).mean(), 1e-6);
            }
        }
        // The charts draw the read record as they draw the returned one.
        RunHistory h = RunHistory.of(read, "p0001");
        assertEquals(RunHistory.of(live, "x").series(RunHistory.ACCURACY).keySet(), h.series(RunHistory.ACCURACY).keySet());
    }

    @Test
    void aRunStillWritingReadsItsWholeLinesOnly() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("live"));
        Files.writeString(folder.resolve(RunFolder.METRICS), RunSession.CSV_HEADER + "\n"
                + "batch,1,1,,0.693100,,,,,,,,,,0.500000,,,,,,\n"
                + "batch,1,2,,0.6");
        RunRecord r = RunFolderRecord.read(new RunFolder(folder), "live");
        assertEquals(List.of(new RunRecord.LossPoint(0.5, 0.6931)), r.batchLosses());
        assertEquals("RUNNING", r.outcome());
        assertTrue(Double.isNaN(r.testAccuracy()));
    }

    @Test
    void aKernelRunHasNoCurvesAndIsKnownByItsSummary() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("kernel"));
        Files.writeString(folder.resolve(RunFolder.SUMMARY), "{\"kind\": \"kernel\", \"test_accuracy\": 0.9, \"outcome\": \"COMPLETED\","
                + " \"total_seconds\": 2.5}");
        RunRecord r = RunFolderRecord.read(new RunFolder(folder), "p0002");
        assertEquals(RunRecord.KERNEL, r.trained());
        assertEquals(0.9, r.testAccuracy(), 0);
        assertEquals("COMPLETED", r.outcome());
        assertTrue(r.epochs().isEmpty() && r.batchLosses().isEmpty());
    }

    @Test
    void errorsNameTheFileAndLine() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bad"));
        assertTrue(assertThrows(IOException.class, () -> RunFolderRecord.read(new RunFolder(folder), "x")).getMessage()
                .contains("no metrics.csv"));
        Files.writeString(folder.resolve(RunFolder.METRICS), RunSession.CSV_HEADER + "\nbatch,1,1,,zero,,,,,,,,,,0.5,,,,,,\n");
        String message = assertThrows(IOException.class, () -> RunFolderRecord.read(new RunFolder(folder), "x")).getMessage();
        assertTrue(message.contains("metrics.csv:2"), message);
        Files.writeString(folder.resolve(RunFolder.METRICS), RunSession.CSV_HEADER + "\n" + "9".repeat(5000) + "\n");
        message = assertThrows(IOException.class, () -> RunFolderRecord.read(new RunFolder(folder), "x")).getMessage();
        assertTrue(message.contains("metrics.csv:2: longer than"), message);
    }
}
