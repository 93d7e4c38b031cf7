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
import dev.qanvas.data.LabelNoise;
import dev.qanvas.data.TransformChain;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `qanvas label-issues` on a tiny classical project (8x8 digits 0 and 1) with 20% of its training labels flipped. */
class LabelIssuesCommandTest {

    static final String NOISY_DIGITS = """
            {
              "formatVersion" : 2, "name" : "noisy", "description" : "",
              "dataset" : { "kind" : "bundled", "id" : "digits-8x8" },
              "transforms" : [ { "type" : "classSubset", "classes" : [ 0, 1 ] },
                               { "type" : "labelNoise", "kind" : "SYMMETRIC", "rate" : 0.2, "seed" : 4 } ],
              "model" : {
                "nodes" : [
                  { "id" : "in", "spec" : { "type" : "Input", "channels" : 1, "height" : 8, "width" : 8 }, "x" : 40, "y" : 120 },
                  { "id" : "d", "spec" : { "type" : "Dense", "units" : 8, "activation" : "TANH" }, "x" : 200, "y" : 120 },
                  { "id" : "out", "spec" : { "type" : "Output", "classes" : 2, "kind" : "SOFTMAX" }, "x" : 520, "y" : 120 } ],
                "edges" : [ { "from" : "in", "to" : "d" }, { "from" : "d", "to" : "out" } ]
              },
              "training" : { "optimizer" : "ADAM", "learningRate" : 0.02, "batchSize" : 16, "epochs" : 4, "seed" : 1,
                             "validationSplit" : 0, "patience" : 0 }
            }
            """;

    @Test
    void writesIssuesNoiseMatrixAndScoresTheFlagsAgainstTheInjectedNoise(@TempDir Path dir) throws Exception {
        Path projectFile = dir.resolve("noisy.qanvas");
        Files.writeString(projectFile, NOISY_DIGITS);
        Path out = dir.resolve("out");
        int code = new CommandLine(new LabelIssuesCommand()).execute(projectFile.toString(), "--folds", "3", "--out", out.toString());
        assertEquals(0, code);

        // The truth, worked out apart from the command: the chain with and without its noise step.
        Project project = ProjectFiles.read(projectFile);
        Dataset raw = Datasets.load(project.dataset());
        int[] noisy = project.transforms().apply(raw).train().labels();
        int[] clean = project.transforms().with(LabelNoise.class, null).apply(raw).train().labels();
        Set<Integer> flipped = new HashSet<>();
        for (int i = 0; i < clean.length; i++) {
            if (clean[i] != noisy[i]) {
                flipped.add(i);
            }
        }
        assertEquals(Math.round(0.2 * clean.length), flipped.size());

        List<String> noisyCsv = Files.readAllLines(out.resolve("noisy_labels.csv"));
        assertEquals("index,true,given", noisyCsv.get(0));
        assertEquals(flipped.size(), noisyCsv.size() - 1);
        for (String line : noisyCsv.subList(1, noisyCsv.size())) {
            String[] f = line.split(",");
            int i = Integer.parseInt(f[0]);
            assertEquals(clean[i], Integer.parseInt(f[1]));
            assertEquals(noisy[i], Integer.parseInt(f[2]));
        }

        List<String> issues = Files.readAllLines(out.resolve("label_issues.csv"));
        assertEquals("index,given,suggested,score", issues.get(0));
        double previous = -1;
        int hits = 0;
        for (String line : issues.subList(1, issues.size())) {
            String[] f = line.split(",");
            int i = Integer.parseInt(f[0]);
            assertEquals(noisy[i], Integer.parseInt(f[1]), "given is the label after the transforms");
            assertNotEquals(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
            double score = Double.parseDouble(f[3]);
            assertTrue(score >= previous, "least self-confident first");
            previous = score;
            hits += flipped.contains(i) ? 1 : 0;
        }
        int flagged = issues.size() - 1;
        JsonNode json = new ObjectMapper().readTree(out.resolve("label_issues.json").toFile());
        assertEquals(flagged, json.get("issues").asInt());
        assertEquals(3, json.get("folds").asInt());
        assertEquals(clean.length, json.get("training_images").asInt());
        assertEquals((double) hits / flagged, json.get("precision").asDouble(), 1e-12);
        assertEquals((double) hits / flipped.size(), json.get("recall").asDouble(), 1e-12);
        // 0 and 1 are easy to tell apart: most flags are flipped labels and most flips are found
        assertTrue(json.get("precision").asDouble() > 0.7 && json.get("recall").asDouble() > 0.7, json.toString());
        for (int j = 0; j < 2; j++) {
            double column = json.get("noise_matrix").get(0).get(j).asDouble() + json.get("noise_matrix").get(1).get(j).asDouble();
            assertEquals(1, column, 1e-9, "p(given | true j) sums to 1 over the given labels");
        }
        List<String> matrix = Files.readAllLines(out.resolve("noise_matrix.csv"));
        assertEquals("given,true_0,true_1", matrix.get(0));
        assertEquals(3, matrix.size());
    }

    @Test
    void withoutInjectedNoiseThereIsNoGroundTruthFile(@TempDir Path dir) throws Exception {
        Path projectFile = dir.resolve("clean.qanvas");
        Files.writeString(projectFile, NOISY_DIGITS.replaceAll(",\\s*\\{ \"type\" : \"labelNoise\"[^}]*\\}", ""));
        assertTrue(ProjectFiles.read(projectFile).transforms().find(LabelNoise.class).isEmpty(), "the test removed the noise");
        Path out = dir.resolve("out");
        assertEquals(0, new CommandLine(new LabelIssuesCommand()).execute(projectFile.toString(), "--folds", "2", "--epochs", "1",
                "--out", out.toString()));
        assertTrue(Files.exists(out.resolve("label_issues.csv")));
        assertFalse(Files.exists(out.resolve("noisy_labels.csv")));
        JsonNode json = new ObjectMapper().readTree(out.resolve("label_issues.json").toFile());
        assertFalse(json.has("precision"));
    }

    @Test
    void badFoldsAreRefusedWithAReason() {
        LabelIssuesCommand command = new LabelIssuesCommand();
        new CommandLine(command).parseArgs("p.qanvas", "--folds", "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, command::call);
        assertTrue(e.getMessage().contains("--folds must be 2..20"), e.getMessage());
    }
}
