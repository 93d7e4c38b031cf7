package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.nn.HostileZips;
import dev.qanvas.nn.ModelFiles;
import dev.qanvas.nn.training.RunEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder's files, where run folders live, and opening one (only through ModelFiles' checks). */
class RunFolderTest {

    @TempDir
    static Path shared;

    /** A real run of the tiny project (one epoch), written by RunSession. */
    private static RunFolder trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOneEpoch() throws Exception {
        Project project = TinyTrainingProject.project();
        Path folder = shared.resolve("run-1");
        RunSession session = RunSession.prepare(project, project.training().withEpochs(1), folder, Map.of(), line -> { });
        RunSession.Result result = session.run(new RunEvents() { });
        assertEquals(RunEvents.Outcome.COMPLETED, result.outcome(), result.message());
        trained = new RunFolder(folder);
    }

    @Test
    void itsFilesHaveTheNamesQanvasWrites() {
        RunFolder run = new RunFolder(dir.resolve("run-7"));
        assertEquals("run-7", run.id());
        assertEquals(dir.resolve("run-7/metrics.csv"), run.metrics());
        assertEquals(dir.resolve("run-7/summary.json"), run.summary());
        assertEquals(dir.resolve("run-7/model.zip"), run.model());
        assertEquals(dir.resolve("run-7/project.qanvas"), run.project());
        assertEquals(dir.resolve("run-7/checkpoints"), run.checkpoints());
        assertEquals(dir.resolve("run-7/checkpoints/latest.zip"), run.latestCheckpoint());
        assertEquals(dir.resolve("run-7/checkpoints/latest-epoch.txt"), run.latestEpoch());
        assertEquals(dir.resolve("run-7/loss.png"), run.lossChart());
        assertEquals(dir.resolve("run-7/accuracy.png"), run.accuracyChart());
        assertEquals(dir.resolve("run-7/entanglement.png"), run.entanglementChart());
    }

    @Test
    void aRunSessionWritesWhereTheFolderSays() throws Exception {
        for (Path f : List.of(trained.metrics(), trained.summary(), trained.model(), trained.project(), trained.latestCheckpoint(),
                trained.latestEpoch())) {
            assertTrue(Files.isRegularFile(f), f.toString());
        }
        assertTrue(trained.hasModel());
    }

    @Test
    void hasModelOnlyWithAModelZip() throws IOException {
        RunFolder empty = new RunFolder(dir.resolve("run-1"));
        assertFalse(empty.hasModel(), "no folder at all");
        Files.createDirectories(empty.model()); // a folder of that name is not a model
        assertFalse(empty.hasModel());
        RunFolder other = new RunFolder(dir.resolve("run-2"));
        Files.createDirectories(other.path());
        Files.writeString(other.metrics(), RunSession.CSV_HEADER + "\n");
        assertFalse(other.hasModel(), "metrics alone: a run that failed in its first epoch");
        Files.copy(trained.model(), other.model());
        assertTrue(other.hasModel());
    }

    @Test
    void openGivesTheProjectAsTrainedAndItsModel() throws Exception {
        RunFolder.Opened opened = trained.open();
        assertEquals("tiny", opened.project().name());
        assertEquals(1, opened.project().training().epochs());
        assertArrayEquals(ModelFiles.restore(trained.model(), false).params().toFloatVector(), opened.model().params().toFloatVector());
        Dataset data = opened.data().data();
        Dataset before = opened.project().transforms().apply(Datasets.load(opened.project().dataset()));
        assertEquals(before.test().size(), data.test().size());
        assertArrayEquals(before.test().image(0), data.test().image(0));
    }

    @Test
    void openRefusesAZipModelFilesRefuses() throws Exception {
        RunFolder run = new RunFolder(dir.resolve("run-1"));
        Files.createDirectories(run.path());
        Files.copy(trained.project(), run.project());
        Map<String, byte[]> entries = new LinkedHashMap<>(HostileZips.entries(trained.model()));
        entries.put("preprocessor.bin", HostileZips.serialized(new java.util.ArrayList<>(List.of("x"))));
        HostileZips.zip(run.model(), entries);
        assertTrue(run.hasModel(), "a model.zip is there");
        IOException e = assertThrows(IOException.class, run::open);
        assertTrue(e.getMessage().startsWith(run.model().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("preprocessor.bin"), e.getMessage());
        IOException direct = assertThrows(IOException.class, () -> ModelFiles.restore(run.model(), false));
        assertEquals(direct.getMessage(), e.getMessage(), "the same refusal as ModelFiles'");
    }

    @Test
    void openNeedsBothTheModelAndTheProject() throws Exception {
        RunFolder run = new RunFolder(dir.resolve("run-1"));
        Files.createDirectories(run.path());
        Files.copy(trained.model(), run.model());
        IOException e = assertThrows(IOException.class, run::open);
        assertTrue(e.getMessage().contains("not a run folder"), e.getMessage());
        Files.writeString(run.project(), "{ not json", StandardCharsets.UTF_8);
        assertThrows(ProjectFileException.class, run::open);
    }

    @Test
    void aRecordsFolderIsTakenBesideTheProjectFileWhenRelative() {
        RunRecord relative = new RunRecord("run-1", "2024-05-01T10:00:00Z", TinyTrainingProject.project().training(),
                "p.runs/run-1", "COMPLETED", 0.5, List.of());
        Path projectFile = dir.resolve("work/p.qanvas");
        assertEquals(dir.resolve("work/p.runs/run-1").toAbsolutePath(), RunFolder.of(relative, projectFile).path());
        assertEquals(Path.of("p.runs/run-1"), RunFolder.of(relative, null).path(), "no project file: as recorded");
        RunRecord absolute = new RunRecord("run-1", "2024-05-01T10:00:00Z", TinyTrainingProject.project().training(),
                dir.resolve("elsewhere/run-1").toAbsolutePath().toString(), "COMPLETED", 0.5, List.of());
        assertEquals(dir.resolve("elsewhere/run-1").toAbsolutePath(), RunFolder.of(absolute, projectFile).path());
    }

    @Test
    void theCommandLinePutsRunsUnderRunsInTheWorkingFolder() {
        assertEquals(Path.of("runs", "my-project"), RunFolder.commandLineDefault(Path.of("some/where/my-project.qanvas")).path());
        assertEquals(Path.of("runs", "notes"), RunFolder.commandLineDefault(Path.of("notes")).path());
    }
}
