package dev.qanvas.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.NoiseCurves;
import dev.qanvas.insight.Predictions;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Flatten;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingRun;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunRecord;
import dev.qanvas.quantum.DeviceProfile;
import dev.qanvas.quantum.NoiseModel;
import dev.qanvas.quantum.QuantumExecution;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Noise view's state without JavaFX, on the Inspect fixture (Dense(4) into a 4-qubit layer on
 * MNIST 0/1/7 at 8x8) trained for one epoch; a queue stands in for the background threads. Every
 * number is checked against {@link NoiseCurves} called directly here, and against what readout
 * error must do to a parity (r = 1/2 erases it, so every image gets the same prediction).
 */
class InspectNoiseTest {

    private static InspectViewModel.Loaded loaded;
    private static InspectViewModel.Loaded classical;

    private InspectViewModelTest.QueuedJobs jobs;
    private final List<String> errors = new ArrayList<>();
    private InspectViewModel.Loaded shown;
    private InspectNoise noise;

    @BeforeAll
    static void train() throws Exception {
        NumericEngine.start();
        Project project = InspectFixture.project("Inspect noise test");
        PreparedData data = PreparedData.load(project.dataset(), project.transforms());
        ComputationGraph net = GraphCompiler.compile(project.model(), project.training());
        new TrainingRun(net, data.data(), project.training(), true, null, new RunEvents() { }).run();
        InspectedModel model = new InspectedModel(net, data);
        RunRecord run = new RunRecord("run-1", "2024-05-01T10:00:00Z", project.training(), "run-1", "COMPLETED", 0.9, List.of());
        loaded = new InspectViewModel.Loaded(run, model, model.predictTest(), new float[] {0, 1});

        ModelGraph plain = ModelGraph.chain(new ModelGraph.Node("input", new Input(1, 8, 8), 40, 100),
                new ModelGraph.Node("flatten", new Flatten(), 200, 100),
                new ModelGraph.Node("dense", new Dense(4, LayerSpec.Activation.TANH), 360, 100),
                new ModelGraph.Node("output", new Output(3, LayerSpec.OutputKind.SOFTMAX), 680, 100));
        InspectedModel c = new InspectedModel(GraphCompiler.compile(plain, project.training()), data);
        classical = new InspectViewModel.Loaded(run, c, c.predictTest(), new float[] {0, 1});
    }

    @BeforeEach
    void open() {
        jobs = new InspectViewModelTest.QueuedJobs();
        shown = loaded;
        noise = new InspectNoise(jobs, (title, e) -> errors.add(title), () -> shown);
        noise.reset();
    }

    @Test
    void theCurveIsNoiseCurvesOwnAndStrengthZeroIsTheIdealAccuracy() {
        assertTrue(noise.quantumProperty().get());
        assertEquals(InspectNoise.IDLE, noise.statusProperty().get());
        assertEquals("0, 0.01, 0.02, 0.05, 0.1, 0.2", noise.strengthsProperty().get(), "the default strengths");
        noise.strengthsProperty().set("0, 0.1, 0.3");
        noise.run();
        assertTrue(noise.runningProperty().get());
        assertEquals(1, jobs.waitingCancellable(), "one job, off the UI thread");
        jobs.runAll();
        assertFalse(noise.runningProperty().get());
        assertEquals(List.of(), errors);

        NoiseCurves.Curve expected = NoiseCurves.accuracyAgainstNoise(loaded.model(), "depolarizing", new double[] {0, 0.1, 0.3}, 0, 0);
        NoiseCurves.Curve got = noise.resultProperty().get().curve();
        assertEquals(expected, got);
        assertEquals(loaded.predictions().accuracy(), got.idealAccuracy(), 1e-12, "the ideal is what Inspect shows for the run");
        assertEquals(got.idealAccuracy(), got.points().get(0).accuracy(), 1e-12, "strength 0 is the ideal model");
        assertNotEquals(got.points().get(0).accuracy(), got.points().get(2).accuracy(), "noise changes a trained model's accuracy");

        int points = 3 + InspectNoise.SHOT_SERIES.length + DeviceProfile.BUILT_IN.size();
        assertEquals(points, noise.rows().size(), "the curve, the shots series and both profiles");
        assertEquals(1 + points + 1, jobs.progress.size(), "progress after every point, the ideal one and the entanglement curve");
        assertEquals(1.0, jobs.progress.get(jobs.progress.size() - 1), 1e-12);
        for (int k = 0; k < InspectNoise.SHOT_SERIES.length; k++) {
            long n = InspectNoise.SHOT_SERIES[k];
            assertEquals(NoiseCurves.accuracy(loaded.model(), new QuantumExecution(NoiseModel.NONE, n, InspectNoise.SEED)),
                    noise.resultProperty().get().shots().get(k).accuracy(), 1e-12, n + " shots");
        }
        for (int k = 0; k < DeviceProfile.BUILT_IN.size(); k++) {
            String name = DeviceProfile.BUILT_IN.get(k);
            InspectNoise.Row row = noise.resultProperty().get().profiles().get(k);
            assertEquals(name, row.setting());
            assertEquals(NoiseCurves.accuracy(loaded.model(), new QuantumExecution(profile(name).noiseModel(), 0, 0)), row.accuracy(), 1e-12);
        }
    }

    @Test
    void theEntanglementCurveIsNoiseCurvesOwnAndFallsUnderDepolarizingNoise() {
        noise.strengthsProperty().set("0, 0.05, 0.3");
        noise.extrasProperty().set(false);
        noise.run();
        jobs.runAll();
        NoiseCurves.EntanglementCurve got = noise.resultProperty().get().entanglement();
        double[] strengths = {0, 0.05, 0.3};
        assertEquals(NoiseCurves.entanglementAgainstNoise(loaded.model(), "depolarizing", strengths, NoiseCurves.ENTANGLEMENT_STATES),
                got);
        assertEquals(NoiseCurves.ENTANGLEMENT_STATES, got.states(), "the fixture has more test images than that");
        assertEquals(got.idealLogNegativity(), got.points().get(0).logNegativity(), 1e-12, "strength 0 is the ideal layer");
        assertTrue(got.idealLogNegativity() > 0.05, "the trained CNOT chain entangles: " + got.idealLogNegativity());
        assertTrue(got.points().get(1).logNegativity() < got.idealLogNegativity(), "local noise lowers it");
        assertTrue(got.points().get(2).logNegativity() < got.points().get(1).logNegativity(), "more noise, less entanglement");
        // The ideal value by hand for the first state: the pure state's Renyi-1/2 entropy of qubits {0, 1}.
        dev.qanvas.insight.QuantumStates.Node node = dev.qanvas.insight.QuantumStates.probe(loaded.model().network(),
                loaded.model().testInputs(new int[] {0})).get(0);
        dev.qanvas.quantum.StateVector psi = dev.qanvas.quantum.Simulator.run(node.circuit(), node.inputs()[0], node.weights());
        double[][] amplitudes = psi.amplitudes();
        double[][] reduced = dev.qanvas.quantum.Entanglement.reducedDensityMatrix(amplitudes[0], amplitudes[1], 4, new int[] {0, 1});
        double sqrtSum = 0;
        for (double lambda : dev.qanvas.quantum.HermitianEigen.eigenvalues(reduced[0], reduced[1], 4)) {
            sqrtSum += Math.sqrt(Math.max(0, lambda));
        }
        NoiseCurves.EntanglementCurve first = NoiseCurves.entanglementAgainstNoise(loaded.model(), "depolarizing", new double[0], 1);
        assertEquals(2 * Math.log(sqrtSum) / Math.log(2), first.idealLogNegativity(), 1e-9);
        assertTrue(noise.statusProperty().get().contains("log negativity"), noise.statusProperty().get());
    }

    @Test
    void readoutLeavesTheStateAndSoItsEntanglementAlone() {
        NoiseCurves.EntanglementCurve e = NoiseCurves.entanglementAgainstNoise(loaded.model(), "readout", new double[] {0.3}, 20);
        assertEquals(e.idealLogNegativity(), e.points().get(0).logNegativity(), 1e-12);
    }

    @Test
    void readoutOfOneHalfErasesTheQuantumLayerSoEveryImageGetsOneClass() {
        noise.channelProperty().set("readout");
        noise.strengthsProperty().set("0 0.5");
        noise.extrasProperty().set(false);
        noise.run();
        jobs.runAll();
        List<NoiseCurves.Point> points = noise.resultProperty().get().curve().points();
        assertEquals(2, points.size());
        assertEquals(2, noise.rows().size(), "no shots series or profiles unless asked");
        assertEquals(loaded.predictions().accuracy(), points.get(0).accuracy(), 1e-12, "no readout error is the ideal model");
        // (1 - 2r) = 0 multiplies every Z expectation: the dense head sees the same input for every image
        Predictions p = loaded.predictions();
        int[] perClass = new int[p.classCount()];
        for (int i = 0; i < p.size(); i++) {
            perClass[p.label(i)]++;
        }
        double got = points.get(1).accuracy();
        boolean aClassShare = false;
        for (int count : perClass) {
            aClassShare |= Math.abs(got - (double) count / p.size()) < 1e-12;
        }
        assertTrue(aClassShare, "accuracy " + got + " is the share of one class");
    }

    @Test
    void cancelDropsTheJobAndBadStrengthsAreRefusedReadably() {
        noise.run();
        noise.cancel();
        assertEquals(0, jobs.waitingCancellable());
        assertEquals("Cancelled.", noise.statusProperty().get());
        assertFalse(noise.runningProperty().get());

        noise.strengthsProperty().set("0, 1.5");
        noise.run();
        assertEquals("Strengths are probabilities from 0 to 1, not 1.5.", noise.statusProperty().get());
        noise.strengthsProperty().set("0, x");
        noise.run();
        assertEquals("'x' is not a number.", noise.statusProperty().get());
        assertEquals(0, jobs.waitingCancellable());
        assertThrows(IllegalArgumentException.class, () -> InspectNoise.parseStrengths(" "));
    }

    @Test
    void aRunWithoutQuantumLayersSaysSoAndRunsNothing() {
        shown = classical;
        noise.reset();
        assertFalse(noise.quantumProperty().get());
        assertEquals(InspectNoise.NO_QUANTUM, noise.statusProperty().get());
        noise.run();
        assertEquals(0, jobs.waitingCancellable());
    }

    private static DeviceProfile profile(String name) {
        try {
            return DeviceProfile.builtIn(name);
        } catch (DeviceProfile.ProfileException e) {
            throw new AssertionError(e);
        }
    }
}
