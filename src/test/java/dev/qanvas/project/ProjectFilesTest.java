package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetException;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfDatasetAndTransformRoundTrips() throws IOException {
        TransformChain chain = TransformChain.EMPTY
                .with(Transform.ClassSubset.class, new Transform.ClassSubset(List.of(3, 1)))
                .with(Transform.Resize.class, new Transform.Resize(7, 9))
                .with(Transform.Normalise.class, new Transform.Normalise(Transform.Normalise.Mode.STANDARDISE));
        List<DatasetSpec> specs = List.of(new DatasetSpec.Bundled("mnist"), new DatasetSpec.IdxFolder("/data/x"),
                new DatasetSpec.ImageFolder("/pics", 32, 24, false, 0.3, 5), new DatasetSpec.Hypercube(6, 500, 0.2, 3),
                new DatasetSpec.BarsAndStripes(4, 300, 0.05, 1));
        for (DatasetSpec spec : specs) {
            Project p = new Project(Project.FORMAT_VERSION, "Test ü", "desc", spec, chain);
            Path file = dir.resolve("p.qanvas");
            ProjectFiles.write(file, p);
            assertEquals(p, ProjectFiles.read(file));
        }
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        Path file = dir.resolve("broken.qanvas");
        Files.writeString(file, "{\n  \"formatVersion\": 1,\n  \"name\": \"x\",\n  \"dataset\": {\"kind\": \"bundled\", \"id\": \"mnist\"\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void unknownDatasetKindIsExplained() throws IOException {
        Path file = dir.resolve("odd.qanvas");
        Files.writeString(file, "{\"formatVersion\":1,\"name\":\"x\",\"dataset\":{\"kind\":\"cifar\"}}");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(file));
        assertTrue(e.getMessage().contains("cifar"), e.getMessage());
    }

    @Test
    void newerFormatIsRefusedWithTheReason() throws IOException {
        Path file = dir.resolve("future.qanvas");
        Files.writeString(file, "{\"formatVersion\":99,\"name\":\"x\",\"dataset\":{\"kind\":\"bundled\",\"id\":\"mnist\"}}");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(file));
        assertTrue(e.getMessage().contains("newer Qanvas"), e.getMessage());
    }

    @Test
    void failedSaveLeavesTheOldFileAndNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("keep.qanvas");
        Project p = Project.untitled();
        ProjectFiles.write(file, p);
        String before = Files.readString(file);
        Path asDirectory = dir.resolve("keep.qanvas");
        // Writing a project whose target is an existing non-empty directory fails; the old file is untouched.
        Path blocked = dir.resolve("folder.qanvas");
        Files.createDirectories(blocked.resolve("inside"));
        assertThrows(ProjectFileException.class, () -> ProjectFiles.write(blocked, p));
        assertEquals(before, Files.readString(asDirectory));
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void everySampleIsListedLoadsAndItsDatasetOpens() throws IOException, DatasetException {
        List<String> indexed = Samples.index();
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            List<String> onDisk = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(ProjectFiles.EXTENSION)).sorted().toList();
            assertEquals(onDisk, indexed.stream().sorted().toList(), "samples/index.json lists every sample");
        }
        for (Samples.Sample s : Samples.list()) {
            assertFalse(s.project().description().isBlank(), s.file());
            Dataset d = s.project().transforms().apply(Datasets.load(s.project().dataset()));
            assertTrue(d.train().size() > 0, s.file());
        }
    }

    @Test
    void historyUndoesAndRedoesVersions() {
        EditHistory<String> h = new EditHistory<>("a");
        assertFalse(h.edit("a"));
        assertTrue(h.edit("b"));
        assertTrue(h.edit("c"));
        assertEquals("b", h.undo());
        assertEquals("a", h.undo());
        assertFalse(h.canUndo());
        assertEquals("b", h.redo());
        h.edit("d");
        assertFalse(h.canRedo(), "a new edit drops the redo branch");
        assertEquals("b", h.undo());
    }
}
