package dev.qanvas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.ConfidentLearning;
import dev.qanvas.nn.ModelFiles;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.project.LabelIssueSearch;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine;

/** `qanvas label-issues --from-run`: a run's trained model gives the probabilities instead of k folds. */
class LabelIssuesFromRunTest {

    @Test
    void aRunsProbabilitiesGiveTheIssuesConfidentLearningFindsOnThem(@TempDir Path dir) throws Exception {
        Path projectFile = dir.resolve("noisy.qanvas");
        Files.writeString(projectFile, LabelIssuesCommandTest.NOISY_DIGITS);
        Project project = ProjectFiles.read(projectFile);
        Path run = dir.resolve("run");
        RunSession.prepare(project, project.training(), run, Map.of(), m -> { }).run(new RunEvents() { });

        Path out = dir.resolve("out");
        int code = new CommandLine(new LabelIssuesCommand()).execute(projectFile.toString(), "--from-run", run.toString(),
                "--out", out.toString());
        assertEquals(0, code);

        // The same model's probabilities worked out here: model.zip restored, the training split through the chain.
        ComputationGraph net = ModelFiles.restore(run.resolve("model.zip"), false);
        Dataset data = project.transforms().apply(Datasets.load(project.dataset()));
        ImageSet train = data.train();
        double[][] p = net.outputSingle(false, DataArrays.features(train, IntStream.range(0, train.size()).toArray(), true))
                .castTo(DataType.DOUBLE).toDoubleMatrix();
        ConfidentLearning.Result expected = ConfidentLearning.find(p, train.labels(), data.classCount());
        List<String> lines = new ArrayList<>(List.of("index,given,suggested,score"));
        for (ConfidentLearning.Issue issue : expected.issues()) {
            lines.add(issue.index() + "," + issue.given() + "," + issue.suggested() + ","
                    + String.format(Locale.ROOT, "%.6f", issue.selfConfidence()));
        }
        assertTrue(lines.size() > 1, "20% flipped labels leave some issues to find");
        assertEquals(lines, Files.readAllLines(out.resolve("label_issues.csv")));

        JsonNode json = new ObjectMapper().readTree(out.resolve("label_issues.json").toFile());
        assertEquals("run", json.get("probabilities").asText());
        assertEquals(run.toString(), json.get("from_run").asText());
        assertTrue(json.get("note").asText().contains("out of sample only for images the run did not train on"));
        assertFalse(json.has("folds"));
        assertEquals(expected.issues().size(), json.get("issues").asInt());
        assertTrue(Files.isRegularFile(out.resolve("noise_matrix.csv")));
        assertTrue(Files.isRegularFile(out.resolve("noisy_labels.csv")));
    }

    @Test
    void refusesAFolderWithoutAModelAndARunThatDoesNotFitTheData(@TempDir Path dir) throws Exception {
        Path projectFile = dir.resolve("noisy.qanvas");
        Files.writeString(projectFile, LabelIssuesCommandTest.NOISY_DIGITS);
        Project project = ProjectFiles.read(projectFile);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        IOException noModel = assertThrows(IOException.class,
                () -> LabelIssueSearch.fromRun(project, new RunFolder(empty), m -> { }, s -> { }));
        assertTrue(noModel.getMessage().contains("model.zip"), noModel.getMessage());
        assertNotEquals(0, new CommandLine(new LabelIssuesCommand()).execute(projectFile.toString(), "--from-run", empty.toString(),
                "--out", dir.resolve("o1").toString()));
        assertFalse(Files.exists(dir.resolve("o1").resolve("label_issues.csv")));

        Path run = dir.resolve("run");
        RunSession.prepare(project, project.training().withEpochs(1), run, Map.of(), m -> { }).run(new RunEvents() { });

        Project threeClasses = ProjectFiles.read(write(dir, "three.qanvas", LabelIssuesCommandTest.NOISY_DIGITS
                .replace("\"classes\" : [ 0, 1 ]", "\"classes\" : [ 0, 1, 2 ]")));
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> LabelIssueSearch.fromRun(threeClasses, new RunFolder(run), m -> { }, s -> { }));
        assertTrue(classes.getMessage().contains("2 classes but the dataset has 3"), classes.getMessage());

        Path resizedFile = write(dir, "resized.qanvas", LabelIssuesCommandTest.NOISY_DIGITS
                .replace("\"transforms\" : [", "\"transforms\" : [ { \"type\" : \"resize\", \"width\" : 4, \"height\" : 4 },"));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> LabelIssueSearch.fromRun(ProjectFiles.read(resizedFile), new RunFolder(run), m -> { }, s -> { }));
        assertTrue(shape.getMessage().contains("expects"), shape.getMessage());

        assertNotEquals(0, new CommandLine(new LabelIssuesCommand()).execute(projectFile.toString(), "--from-run", run.toString(),
                "--folds", "3"));
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
