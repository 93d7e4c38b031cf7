package dev.qanvas.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.LabelNoise;
import dev.qanvas.data.Transform;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.Samples;
import dev.qanvas.project.SeededStart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expanding sweep files into points: grid order, variant grids, seeded random draws, transforms and settings applied. */
class SweepPlanTest {

    static Project project(SweepPoint p) throws Exception {
        return ProjectFiles.read(p.id(), new ByteArrayInputStream(p.project().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGridIsEveryCombinationLastParameterFastest(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("samples/binary-hypercube-classical.qanvas"), dir.resolve("c.qanvas"));
        SweepFile f = SweepFile.parse("t.json", """
                {"format": "qanvas-sweep", "version": 1, "name": "t",
                 "variants": [{"name": "classical", "project": "c.qanvas"}, {"name": "quantum", "sample": "binary-hypercube-quantum.qanvas"}],
                 "grid": {"learning_rate": [0.01, 0.05], "seed": [1, 2, 3]}}""", "t");
        SweepPlan plan = SweepPlan.expand(f, dir);
        assertEquals(12, plan.points().size());
        assertEquals(List.of("learning_rate", "seed"), plan.parameters());
        SweepPoint first = plan.points().get(0);
        SweepPoint second = plan.points().get(1);
        assertEquals("p0001", first.id());
        assertEquals(Map.of("learning_rate", "0.01", "seed", "1"), first.params());
        assertEquals(Map.of("learning_rate", "0.01", "seed", "2"), second.params(), "the last parameter varies fastest");
        assertEquals("quantum", plan.points().get(6).variant());
        // The point's project is the base with the values applied: as `train --seed 1` after the learning rate.
        Project base = ProjectFiles.read(dir.resolve("c.qanvas"));
        Project expected = SeededStart.of(base.withTraining(base.training().withLearningRate(0.01)), 1);
        assertEquals(expected, project(first));
        assertEquals(SeededStart.of(Samples.load("binary-hypercube-quantum.qanvas").withTraining(
                Samples.load("binary-hypercube-quantum.qanvas").training().withLearningRate(0.05)), 3), project(plan.points().get(11)));
        assertEquals(first, SweepPoint.fromJson(first.toJson()), "a point travels as JSON");
        assertEquals(plan, SweepPlan.expand(f, dir), "the same file expands to the same points");
    }

    @Test
    void aKernelProjectsRunFolderIsTakenBesideTheProjectNotTheWorkingDirectory(@TempDir Path dir) throws Exception {
        // a kernel on a trained network's activations names the run by a folder relative to the project file
        Project sample = Samples.load("quantum-kernels-mnist-3-vs-5.qanvas");
        Files.createDirectories(dir.resolve("projects"));
        ProjectFiles.write(dir.resolve("projects/k.qanvas"), sample.withKernel(sample.kernel().withFeatures("activations", null, "runs/r1", true)));
        SweepFile f = SweepFile.parse("t.json", """
                {"format": "qanvas-sweep", "version": 1, "name": "t",
                 "variants": [{"name": "kernel", "project": "projects/k.qanvas"}], "grid": {"seed": [1]}}""", "t");
        Project point = project(SweepPlan.expand(f, dir).points().get(0));
        assertEquals(dir.resolve("projects/runs/r1").toAbsolutePath().normalize().toString(), point.kernel().run(),
                "the point runs in its own folder: the run is named absolutely, beside the project file");
        assertEquals("activations", point.kernel().features());
    }

    @Test
    void aVariantsOwnGridReplacesTheSweepsAndTransformsApply(@TempDir Path dir) throws Exception {
        SweepFile f = SweepFile.parse("t.json", """
                {"format": "qanvas-sweep", "version": 1,
                 "variants": [{"name": "seeded", "sample": "binary-mnist-classical.qanvas", "grid": {"seed": [5, 6]}},
                              {"name": "plain", "sample": "binary-mnist-classical.qanvas"}],
                 "grid": {"label_noise": [0.2], "class_subset": [[3, 5]], "optimizer": ["rmsprop"], "batch_size": [8], "epochs": [2]}}""", "t");
        SweepPlan plan = SweepPlan.expand(f, dir);
        assertEquals(3, plan.points().size());
        assertEquals(List.of("class_subset", "label_noise", "batch_size", "epochs", "optimizer", "seed"), plan.parameters());
        Project p = project(plan.points().get(2));
        assertEquals(List.of(3, 5), p.transforms().find(Transform.ClassSubset.class).orElseThrow().classes());
        LabelNoise noise = p.transforms().find(LabelNoise.class).orElseThrow();
        assertEquals(0.2, noise.rate());
        assertEquals(SweepParameter.LABEL_NOISE_SEED, noise.seed());
        TrainingSettings t = p.training();
        assertEquals(TrainingSettings.Optimizer.RMSPROP, t.optimizer());
        assertEquals(8, t.batchSize());
        assertEquals(2, t.epochs());
        assertEquals("3 5", plan.points().get(2).params().get("class_subset"));
        assertEquals("6", plan.points().get(1).params().get("seed"));
        assertEquals(null, plan.points().get(2).params().get("seed"), "the plain variant has no seed grid");
    }

    @Test
    void aRandomSampleIsSeededAndSharedByTheVariants(@TempDir Path dir) throws Exception {
        String text = """
                {"format": "qanvas-sweep", "version": 1,
                 "variants": [{"name": "a", "sample": "binary-hypercube-classical.qanvas"}, {"name": "b", "sample": "binary-hypercube-quantum.qanvas"}],
                 "grid": {"seed": [1, 2]},
                 "random": {"count": 5, "seed": 11, "parameters": {"learning_rate": {"log_uniform": [0.001, 0.1]},
                            "batch_size": {"int": [4, 64]}, "optimizer": {"choice": ["ADAM", "SGD_MOMENTUM"]}}}}""";
        SweepPlan one = SweepPlan.expand(SweepFile.parse("t.json", text, "t"), dir);
        SweepPlan again = SweepPlan.expand(SweepFile.parse("t.json", text, "t"), dir);
        assertEquals(2 * 2 * 5, one.points().size());
        assertEquals(one, again, "the same random seed draws the same points");
        SweepPlan other = SweepPlan.expand(SweepFile.parse("t.json", text.replace("\"seed\": 11", "\"seed\": 12"), "t"), dir);
        assertNotEquals(one.points().get(0).params(), other.points().get(0).params());
        for (int i = 0; i < 10; i++) {
            Map<String, String> a = one.points().get(i).params();
            Map<String, String> b = one.points().get(10 + i).params();
            assertEquals(a, b, "variant b is drawn at variant a's values");
            double lr = Double.parseDouble(a.get("learning_rate"));
            int batch = Integer.parseInt(a.get("batch_size"));
            assertTrue(lr >= 0.001 && lr <= 0.1 && batch >= 4 && batch <= 64, a.toString());
            assertTrue(a.get("learning_rate").replace("0.", "").replaceFirst("^0+", "").length() <= 4, "4 significant digits: " + a);
        }
        // each grid combination takes all five draws, in the same order
        assertEquals(one.points().get(0).params().get("learning_rate"), one.points().get(5).params().get("learning_rate"));
    }

    @Test
    void theSampleSweepsExpand() throws Exception {
        Path dir = Path.of("samples/sweeps");
        SweepPlan quick = SweepPlan.expand(SweepFile.read(dir.resolve("quick.json")), dir);
        assertEquals(8, quick.points().size());
        SweepPlan study = SweepPlan.expand(SweepFile.read(dir.resolve("binary-study.json")), dir);
        assertEquals(90, study.points().size(), "10 seeds x 9 variants");
        assertEquals(List.of("seed"), study.parameters());
        // Each point is what `reproduce` trains for that variant and seed.
        SweepPoint last = study.points().get(89);
        assertEquals("binary-hypercube-quantum-no-entangling", last.variant());
        assertEquals(SeededStart.of(ProjectFiles.read(Path.of("samples/binary-hypercube-quantum-no-entangling.qanvas")), 10), project(last));
    }
}
