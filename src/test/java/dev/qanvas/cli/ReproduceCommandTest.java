package dev.qanvas.cli;

import dev.qanvas.nn.graph.kinds.Quantum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.project.Project;
import dev.qanvas.project.Samples;
import dev.qanvas.quantum.Circuit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReproduceCommandTest {

    @Test
    void everyVariantIsAShippedSample() throws Exception {
        for (ReproduceCommand.Experiment e : ReproduceCommand.EXPERIMENTS) {
            for (ReproduceCommand.Variant v : e.variants()) {
                Project p = Samples.load(v.file());
                assertTrue(p.isKernel() || p.model().analyse().isValid(), v.file());
            }
        }
    }

    @Test
    void aSeedRedrawsAQrnnLayersWeightsToo() throws Exception {
        Project sample = Samples.load("qrnn-mnist.qanvas");
        var layer = (dev.qanvas.nn.graph.kinds.Qrnn) sample.model().node("qrnn").orElseThrow().spec();
        var one = (dev.qanvas.nn.graph.kinds.Qrnn) ReproduceCommand.withSeed(sample, 1).model().node("qrnn").orElseThrow().spec();
        var two = (dev.qanvas.nn.graph.kinds.Qrnn) ReproduceCommand.withSeed(sample, 2).model().node("qrnn").orElseThrow().spec();
        assertEquals(one, ReproduceCommand.withSeed(sample, 1).model().node("qrnn").orElseThrow().spec(), "the same seed, the same start");
        assertNotEquals(one.seed(), two.seed());
        assertEquals(layer, new dev.qanvas.nn.graph.kinds.Qrnn(one.reading(), one.cellLanes(), one.outputLanes(), one.order(),
                one.degree(), one.threshold(), layer.seed()), "only the layer seed changes");
    }

    @Test
    void aSeedRedrawsAPhotonicLayersAnglesToo() throws Exception {
        Project sample = Samples.load("photonic-classifier.qanvas");
        var layer = (dev.qanvas.nn.graph.kinds.Photonic) sample.model().node("photonic").orElseThrow().spec();
        var one = (dev.qanvas.nn.graph.kinds.Photonic) ReproduceCommand.withSeed(sample, 1).model().node("photonic").orElseThrow().spec();
        var two = (dev.qanvas.nn.graph.kinds.Photonic) ReproduceCommand.withSeed(sample, 2).model().node("photonic").orElseThrow().spec();
        assertEquals(one, ReproduceCommand.withSeed(sample, 1).model().node("photonic").orElseThrow().spec(), "the same seed, the same start");
        assertNotEquals(one.seed(), two.seed());
        assertEquals(layer.withCircuit(null), new dev.qanvas.nn.graph.kinds.Photonic(one.modes(), one.photons(), one.readout(),
                one.inputScale(), layer.seed()), "only the layer seed changes");
        // an edited circuit keeps its components and weight names, with new starting values in [0, 2 pi)
        var edited = layer.withCircuit(dev.qanvas.photonic.PhotonicSetup.Template.TRAINABLE_UNITARY.circuit(6, 3));
        Project withEdited = sample.withModel(sample.model().replaced("photonic", edited));
        var re = ((dev.qanvas.nn.graph.kinds.Photonic) ReproduceCommand.withSeed(withEdited, 5).model().node("photonic").orElseThrow().spec()).edited();
        assertEquals(edited.edited().weightNames(), re.weightNames());
        assertNotEquals(edited.edited().initialWeights()[0], re.initialWeights()[0]);
        for (double w : re.initialWeights()) {
            assertTrue(w >= 0 && w < 2 * Math.PI, "drawn from [0, 2 pi): " + w);
        }
    }

    @Test
    void aSeedChangesTheInitialisationAndNothingElse() throws Exception {
        Project sample = Samples.load("binary-hypercube-quantum.qanvas");
        Project one = ReproduceCommand.withSeed(sample, 1);
        Project two = ReproduceCommand.withSeed(sample, 2);
        assertEquals(1, one.training().seed());
        assertEquals(sample.training().epochs(), one.training().epochs());
        assertEquals(sample.dataset(), one.dataset());
        assertEquals(one, ReproduceCommand.withSeed(sample, 1), "the same seed gives the same start");
        Circuit a = circuit(one);
        Circuit b = circuit(two);
        assertEquals(circuit(sample).weightNames(), a.weightNames());
        assertNotEquals(a.initialWeights()[0], b.initialWeights()[0]);
        for (double w : a.initialWeights()) {
            assertTrue(w >= 0 && w < 2 * Math.PI, "drawn from [0, 2 pi): " + w);
        }
    }

    @Test
    void theQuantumKernelExperimentRunsTheKernelSamples() throws Exception {
        ReproduceCommand.Experiment e = ReproduceCommand.select(List.of("quantum-kernels")).get(0);
        assertEquals(List.of("quantum-kernels-mnist-3-vs-5.qanvas", "quantum-kernels-fashion-z.qanvas"),
                e.variants().stream().map(ReproduceCommand.Variant::file).toList());
        for (ReproduceCommand.Variant v : e.variants()) {
            assertTrue(Samples.load(v.file()).isKernel(), v.file());
        }
    }

    @Test
    void aKernelRunGetsOneRowPerModelInItsOwnTable() throws Exception {
        ReproduceCommand.Experiment e = ReproduceCommand.select(List.of("quantum-kernels")).get(0);
        String json = "{'qsvm': {'folds': 5, 'per_fold': [0.6, 0.7, 0.8, 0.7, 0.7], 'mean': 0.7, 'std': 0.07, 'seconds': 1.5, 'test_accuracy': 0.65},"
                + " 'rbf_svm': {'folds': 5, 'per_fold': [0.9, 0.9, 0.9, 0.9, 0.9], 'mean': 0.9, 'std': 0.0, 'seconds': 0.1, 'test_accuracy': 0.95},"
                + " 'random_forest': {'folds': 5, 'per_fold': [0.8, 0.8, 0.8, 0.8, 0.9], 'mean': 0.82, 'std': 0.04, 'seconds': 3, 'test_accuracy': 0.85}}";
        var cv = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.replace('\'', '"'));
        var run = new ReproduceCommand.Run(e, e.variants().get(0), 42, "MNIST", 200, 0.65, 8, 8, 0, 0, "COMPLETED", Path.of("x"), cv);
        String table = ReproduceCommand.kernelTable(List.of(run));
        assertTrue(table.contains("| QSVM (quantum kernel) | 70.0% ± 7.0 (5 folds) | 60.0 .. 80.0% | 65.0% | 1.5 |"), table);
        assertTrue(table.contains("| RBF SVM | 90.0% ± 0.0 (5 folds)") && table.contains("| random forest | 82.0% ± 4.0"), table);
        assertEquals("", ReproduceCommand.table(List.of(run), List.of(e)), "kernel runs stay out of the network table");
    }

    @Test
    void anUnknownExperimentIsNamedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReproduceCommand.select(List.of("creep", "nope")));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("binary-hypercube"), e.getMessage());
        assertEquals(List.of("creep"), ReproduceCommand.select(List.of("creep")).stream().map(ReproduceCommand.Experiment::name).toList());
    }

    @Test
    void theReproductionSweepSeedsOnlyTheSeededExperiments() {
        String text = ReproduceCommand.sweepText(ReproduceCommand.select(List.of("binary-hypercube", "creep")), 3, 2);
        var plan = dev.qanvas.sweep.SweepPlan.expand(dev.qanvas.sweep.SweepFile.parse("reproduce", text, "reproduce"), Path.of("."));
        assertEquals(3 * 3 + 4, plan.points().size());
        var creep = plan.points().get(0); // in the order of the experiments: creep (4) comes before the binary study
        assertEquals("creep-classical", creep.variant());
        var seeded = plan.points().get(4);
        assertEquals("binary-hypercube-classical", seeded.variant());
        assertEquals(java.util.Map.of("epochs", "2", "seed", "1"), seeded.params());
        assertEquals(java.util.Map.of("epochs", "2", "seed", "3"), plan.points().get(6).params());
        assertEquals(java.util.Map.of("epochs", "2"), creep.params(), "an unseeded sample keeps its own seed");
    }

    @Test
    void trainsEverySeedOfEveryVariantAndWritesTheTable(@TempDir Path dir) throws Exception {
        int code = new CommandLine(new ReproduceCommand()).execute("--only", "binary-hypercube", "--seeds", "2", "--epochs", "1",
                "--out", dir.toString());
        assertEquals(0, code);
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(1 + 3 * 2, csv.size(), String.join("\n", csv));
        String table = Files.readString(dir.resolve("results.md"));
        // Parameter counts come from the model analysis: 3 -> 6 tanh -> 2 classical; 6 circuit weights + a 3 -> 2 softmax.
        assertTrue(table.contains("| 5 Binary: hypercube parity | classical |") && table.contains("| 38 / 0 |"), table);
        assertTrue(table.contains("| quantum, no entangling gates |") && table.contains("| 8 / 6 |"), table);
        assertTrue(table.contains("% ± ") && table.contains("| 2 |"), "mean and spread over two seeds:\n" + table);
    }

    @Test
    void theAttackedExperimentAttacksEachVariantAndTransfersBothWays(@TempDir Path dir) throws Exception {
        int code = new CommandLine(new ReproduceCommand()).execute("--only", "robustness", "--epochs", "1", "--attack-images", "40",
                "--out", dir.toString());
        assertEquals(0, code);
        List<String> csv = Files.readAllLines(dir.resolve("robustness.csv"));
        assertEquals(4, csv.size(), String.join("\n", csv));
        for (String row : csv.subList(1, 4)) {
            String[] f = row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            double clean = Double.parseDouble(f[6]);
            double fgsm = Double.parseDouble(f[7]);
            double pgd = Double.parseDouble(f[8]);
            double transfer = Double.parseDouble(f[10]);
            assertEquals("40", f[5], row);
            assertTrue(pgd <= fgsm && fgsm <= clean && transfer <= clean, row);
            assertTrue(f[9].contains("hybrid") != f[1].contains("hybrid"), "each is attacked from the other: " + row);
        }
        String table = Files.readString(dir.resolve("results.md"));
        assertTrue(table.contains("| PGD ε=0.1 crafted on |") && table.contains("| 8 Hybrid vs classical under attack | classical counterpart, 40 test images |"), table);
    }

    private static Circuit circuit(Project p) {
        return p.model().nodes().stream().map(n -> n.spec()).filter(s -> s instanceof Quantum)
                .map(s -> ((Quantum) s).circuit()).findFirst().orElseThrow();
    }
}
