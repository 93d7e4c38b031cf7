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
    void modelGraphsWithQuantumNodesAndTrainingSettingsRoundTrip() throws IOException {
        dev.qanvas.quantum.Circuit circuit = new dev.qanvas.quantum.Circuit(4,
                dev.qanvas.quantum.Templates.angleEmbedding(4, dev.qanvas.quantum.Gate.RY, 0.5))
                .append(new dev.qanvas.quantum.Circuit(4, dev.qanvas.quantum.Templates.stronglyEntanglingLayers(4, 1, "w", 3)));
        dev.qanvas.quantum.Circuit patch = new dev.qanvas.quantum.Circuit(4,
                dev.qanvas.quantum.Templates.quanvolutionFilter(6, true, "f", 1));
        dev.qanvas.nn.graph.ModelGraph model = dev.qanvas.nn.graph.ModelGraph.empty()
                .withNode("in", new dev.qanvas.nn.graph.kinds.Input(1, 28, 28), 10, 20)
                .withNode("quanv", new dev.qanvas.nn.graph.kinds.Quanvolution(patch, 2, 2, true), 110, 20)
                .withNode("d", new dev.qanvas.nn.graph.kinds.Dense(8, dev.qanvas.nn.graph.LayerSpec.Activation.RELU), 210, 20)
                .withNode("q", new dev.qanvas.nn.graph.kinds.Quantum(circuit,
                        List.of(dev.qanvas.quantum.PauliString.z(0), dev.qanvas.quantum.PauliString.parse("X1 Y2")), 0.5, false), 310, 20)
                .withNode("pq", dev.qanvas.nn.graph.kinds.ParallelQuantum.of(circuit, 2), 310, 120)
                .withNode("out", new dev.qanvas.nn.graph.kinds.Output(10, dev.qanvas.nn.graph.LayerSpec.OutputKind.SOFTMAX), 410, 20)
                .withEdge("in", "quanv").withEdge("quanv", "d").withEdge("d", "q").withEdge("q", "out");
        Project p = Project.untitled().withModel(model).withTraining(new dev.qanvas.nn.training.TrainingSettings(
                dev.qanvas.nn.training.TrainingSettings.Optimizer.RMSPROP, 0.005, 64, 3, 9, 0.2, 2))
                .withRun(new RunRecord("run-1", "2026-11-21T20:00:00Z", dev.qanvas.nn.training.TrainingSettings.defaults(),
                        "/tmp/run", "COMPLETED", 0.93, List.of(new RunRecord.Epoch(1, 0.5, 0.8, Double.NaN, Double.NaN, 3.2))))
                .withCircuit(circuit);
        Path file = dir.resolve("model.qanvas");
        ProjectFiles.write(file, p);
        assertEquals(p, ProjectFiles.read(file));
        assertTrue(Files.readString(file).contains("\"type\" : \"Quanvolution\""), "layers carry their type");
    }

    @Test
    void adversarialTrainingRoundTripsAndOlderFilesReadWithout() throws IOException {
        dev.qanvas.nn.training.AdversarialTraining pgd = new dev.qanvas.nn.training.AdversarialTraining(
                dev.qanvas.nn.training.AdversarialTraining.Method.PGD, 0.05, 0.25, 3);
        dev.qanvas.nn.training.TrainingSettings settings = dev.qanvas.nn.training.TrainingSettings.defaults().withAdversarial(pgd);
        Project p = Project.untitled().withTraining(settings)
                .withRun(new RunRecord("run-1", "2026-12-06T20:00:00Z", settings, "/tmp/run", "COMPLETED", 0.9, List.of()));
        Path file = dir.resolve("adversarial.qanvas");
        ProjectFiles.write(file, p);
        Project read = ProjectFiles.read(file);
        assertEquals(p, read);
        assertEquals(pgd, read.runs().get(0).settings().adversarial(), "the run's settings keep it");
        assertTrue(Files.readString(file).contains("\"method\" : \"PGD\""), Files.readString(file));

        Path old = dir.resolve("old-training.qanvas");
        Files.writeString(old, "{\"formatVersion\": 2, \"name\": \"Old\", \"dataset\": {\"kind\": \"bundled\", \"id\": \"mnist\"},"
                + " \"training\": {\"optimizer\": \"ADAM\", \"learningRate\": 0.01, \"batchSize\": 32, \"epochs\": 10, \"seed\": 42,"
                + " \"validationSplit\": 0.1, \"patience\": 0, \"augmentShift\": 0}}");
        assertEquals(dev.qanvas.nn.training.AdversarialTraining.none(), ProjectFiles.read(old).training().adversarial());
    }

    @Test
    void aHandWrittenAdversarialSectionNeedsOnlyWhatItChanges() throws IOException {
        Path file = dir.resolve("hand.qanvas");
        String head = "{\"formatVersion\": 2, \"name\": \"Hand\", \"dataset\": {\"kind\": \"bundled\", \"id\": \"mnist\"},"
                + " \"training\": {\"optimizer\": \"ADAM\", \"learningRate\": 0.01, \"batchSize\": 32, \"epochs\": 10, \"seed\": 42,"
                + " \"validationSplit\": 0.1, \"patience\": 0, \"augmentShift\": 0, \"adversarial\": ";
        Files.writeString(file, head + "{\"method\": \"fgsm\", \"epsilon\": 0.05}}}");
        var a = ProjectFiles.read(file).training().adversarial();
        var none = dev.qanvas.nn.training.AdversarialTraining.none();
        assertEquals(new dev.qanvas.nn.training.AdversarialTraining(dev.qanvas.nn.training.AdversarialTraining.Method.FGSM, 0.05,
                none.ratio(), none.steps()), a);
        Files.writeString(file, head + "{\"method\": \"cw\"}}}");
        ProjectFileException bad = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(file));
        assertTrue(bad.getMessage().contains("cw") && bad.getMessage().contains("line 1"), bad.getMessage());
        Files.writeString(file, head + "{\"method\": \"PGD\", \"epsilon\": 0.9}}}");
        ProjectFileException far = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(file));
        assertTrue(far.getMessage().contains("epsilon"), far.getMessage());
    }

    @Test
    void aFileWithoutTheCircuitWorkspaceCircuitOpensWithAnEmptyOne() throws IOException {
        Path file = dir.resolve("old.qanvas");
        Files.writeString(file, "{\"formatVersion\": 2, \"name\": \"Old\", \"dataset\": {\"kind\": \"bundled\", \"id\": \"mnist\"}}");
        assertEquals(dev.qanvas.quantum.Circuit.empty(2), ProjectFiles.read(file).circuit());
    }

    @Test
    void aBrokenCircuitInsideAModelIsReportedWithItsLine() throws IOException {
        Path file = dir.resolve("badcircuit.qanvas");
        Files.writeString(file, "{\"formatVersion\":2,\"name\":\"x\",\"dataset\":{\"kind\":\"bundled\",\"id\":\"mnist\"},\n"
                + "\"model\":{\"nodes\":[{\"id\":\"q\",\"spec\":{\"type\":\"Quantum\",\"circuit\":{\"qubits\":2,\"operations\":[\"NOPE 0 - -\"]},"
                + "\"measurements\":[\"Z0\"],\"inputScale\":1.0,\"outputScaling\":false},\"x\":0,\"y\":0}],\"edges\":[]}}");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(file));
        assertTrue(e.getMessage().contains("badcircuit.qanvas") && e.getMessage().contains("line 2"), e.getMessage());
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
    void aSavedFileIsReadableByOthersAndAResaveKeepsItsPermissions() throws IOException {
        Path file = dir.resolve("shared.qanvas");
        ProjectFiles.write(file, Project.untitled());
        // The temporary file it is moved from is created owner-only; the project must not be.
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        ProjectFiles.write(file, Project.untitled().withName("again"));
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /** A small project whose Dense layer has {@code UNITS} units, as JSON text to edit. */
    private static String projectWithDense() {
        dev.qanvas.nn.graph.ModelGraph model = dev.qanvas.nn.graph.ModelGraph.chain(
                new dev.qanvas.nn.graph.ModelGraph.Node("in", dev.qanvas.nn.graph.kinds.Input.vector(784), 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("wide",
                        new dev.qanvas.nn.graph.kinds.Dense(12345, dev.qanvas.nn.graph.LayerSpec.Activation.RELU), 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("q", dev.qanvas.nn.graph.kinds.Quantum.of(
                        new dev.qanvas.quantum.Circuit(2, dev.qanvas.quantum.Templates.angleEmbedding(2, dev.qanvas.quantum.Gate.RY, 1.0))), 0, 0),
                new dev.qanvas.nn.graph.ModelGraph.Node("out", new dev.qanvas.nn.graph.kinds.Output(2,
                        dev.qanvas.nn.graph.LayerSpec.OutputKind.SOFTMAX), 0, 0));
        String json = ProjectFiles.toJson(Project.untitled().withModel(model));
        assertTrue(json.contains("\"units\" : 12345") && json.contains("\"qubits\" : 2"), json);
        return json;
    }

    private Project readText(String name, String json) throws IOException, ProjectFileException {
        Path file = dir.resolve(name);
        Files.writeString(file, json);
        return ProjectFiles.read(file);
    }

    @Test
    void aTinyFileAskingForABillionUnitsOpensWithAProblemOnThatLayerAndIsNotCompiled() throws Exception {
        Project p = readText("billion.qanvas", projectWithDense().replace("\"units\" : 12345", "\"units\" : 1000000000"));
        dev.qanvas.nn.graph.GraphAnalysis a = p.model().analyse();
        assertEquals(1, a.problemsFor("wide").size(), a.summary());
        assertTrue(a.problemsFor("wide").get(0).message().contains("785,000,000,000 parameters"), a.summary());
        long start = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.qanvas.nn.GraphCompiler.compile(p.model(), p.training()));
        assertTrue(e.getMessage().contains("785,000,000,000 parameters"), e.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before allocating");
        e = assertThrows(IllegalArgumentException.class, () -> RunSession.checkFits(p.model(), null));
        assertTrue(e.getMessage().contains("785,000,000,000"), e.getMessage());
    }

    @Test
    void sizesThatOverflowOrMakeNoSenseAreRefusedWithTheirLine() throws IOException {
        String json = projectWithDense();
        for (String[] bad : new String[][] {
                {"\"units\" : 12345", "\"units\" : 3000000000", "units.overflow.qanvas"},
                {"\"units\" : 12345", "\"units\" : -5", "units.negative.qanvas"},
                {"\"qubits\" : 2", "\"qubits\" : 1000", "qubits.huge.qanvas"},
                {"\"qubits\" : 2", "\"qubits\" : 4294967298", "qubits.wraps.qanvas"}, // was read as 2
                {"\"qubits\" : 2", "\"qubits\" : 2.5", "qubits.fraction.qanvas"}}) {
            ProjectFileException e = assertThrows(ProjectFileException.class, () -> readText(bad[2], json.replace(bad[0], bad[1])),
                    bad[1]);
            assertTrue(e.getMessage().contains(bad[2]) && e.getMessage().contains(" at line "), e.getMessage());
        }
    }

    @Test
    void aSaveDeletesStaleTemporaryFilesAndKeepsFreshOnesAndEverythingElse() throws IOException {
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
        Path stale = Files.writeString(dir.resolve(".qanvas-save-123456789.tmp"), "half a proj");
        Files.setLastModifiedTime(stale, hourAgo);
        Path fresh = Files.writeString(dir.resolve(".qanvas-save-987654321.tmp"), "another Qanvas saving now");
        Path lookalike = Files.writeString(dir.resolve(".qanvas-save-notdigits.tmp"), "not ours");
        Files.setLastModifiedTime(lookalike, hourAgo);
        Path other = Files.writeString(dir.resolve("notes.tmp"), "not ours either");
        Files.setLastModifiedTime(other, hourAgo);
        Path target = Files.writeString(dir.resolve("precious.txt"), "kept");
        Path link = dir.resolve(".qanvas-save-555.tmp");
        boolean links = true;
        try {
            Files.createSymbolicLink(link, target);
            Files.setLastModifiedTime(target, hourAgo);
            // the link itself old too, so only its being a link keeps it
            Files.getFileAttributeView(link, java.nio.file.attribute.BasicFileAttributeView.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(hourAgo, null, null);
        } catch (UnsupportedOperationException | IOException e) {
            links = false;
        }

        Path file = dir.resolve("saved.qanvas");
        Project p = Project.untitled().withName("after a crash");
        ProjectFiles.write(file, p);

        assertFalse(Files.exists(stale), "a temporary file a killed save left an hour ago is deleted");
        assertTrue(Files.exists(fresh), "a fresh one may be another Qanvas saving right now");
        assertTrue(Files.exists(lookalike) && Files.exists(other), "only exactly the save's pattern is touched");
        if (links) {
            assertTrue(Files.isSymbolicLink(link), "a link is neither followed nor deleted");
            assertEquals("kept", Files.readString(target));
        }
        assertEquals(ProjectFiles.toJson(p), Files.readString(file), "the saved bytes");
        assertEquals(p.name(), ProjectFiles.read(file).name());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.filter(f -> ProjectFiles.TEMPORARY.matcher(f.getFileName().toString()).matches()).count(),
                    "the save's own temporary file is gone; the fresh one and the link remain");
        }
    }

    @Test
    void writeAtomicallyReplacesTheBytesExactly() throws IOException {
        Path file = dir.resolve("data.bin");
        byte[] big = new byte[3 << 20];
        new java.util.Random(5).nextBytes(big);
        ProjectFiles.writeAtomically(file, big);
        ProjectFiles.writeAtomically(file, new byte[] {1, 2, 3});
        assertTrue(java.util.Arrays.equals(new byte[] {1, 2, 3}, Files.readAllBytes(file)), "shorter content, no old tail");
        ProjectFiles.writeAtomically(file, big);
        assertTrue(java.util.Arrays.equals(big, Files.readAllBytes(file)));
        ProjectFiles.writeAtomically(file, new byte[0]);
        assertEquals(0, Files.size(file));
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

    @Test
    void hugeAndDeeplyNestedProjectFilesAreLocatedErrors() throws IOException {
        Path huge = dir.resolve("huge.qanvas");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse
        }
        ProjectFileException big = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(huge));
        assertEquals(huge + ": the file is 3072.0 MiB; Qanvas reads project files of up to 64 MiB", big.getMessage());
        ProjectFileException stream = assertThrows(ProjectFileException.class, () -> ProjectFiles.read("pipe",
                new java.io.ByteArrayInputStream(new byte[ProjectFiles.MAX_FILE_BYTES + 1])));
        assertTrue(stream.getMessage().startsWith("pipe: more than 64 MiB"), stream.getMessage());

        // Deep nesting, at the top and inside a known field: located errors, no stack overflow.
        Path deep = dir.resolve("deep.qanvas");
        Files.writeString(deep, "[".repeat(100_000) + "]".repeat(100_000));
        ProjectFileException nested = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(deep));
        assertTrue(nested.getMessage().startsWith(deep + " at line 1, column "), nested.getMessage());
        Files.writeString(deep, "{\"model\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_001));
        nested = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(deep));
        assertTrue(nested.getMessage().startsWith(deep + " in model"), nested.getMessage());
        assertTrue(nested.getMessage().contains("nesting depth (1001) exceeds the maximum allowed (1000"), nested.getMessage());
    }
}
