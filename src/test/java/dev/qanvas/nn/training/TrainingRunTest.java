package dev.qanvas.nn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.ImageSet;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import dev.qanvas.nn.layers.QuantumLayer;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.Templates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A hybrid network (Dense -> 4-qubit quantum layer -> softmax) trained on 8x8 digits 0 vs 1. */
class TrainingRunTest {

    @TempDir
    Path dir;

    static Dataset zeroVsOne() throws Exception {
        TransformChain chain = TransformChain.EMPTY.with(Transform.ClassSubset.class, new Transform.ClassSubset(List.of(0, 1)));
        return chain.apply(Datasets.load(new DatasetSpec.Bundled("digits-8x8")));
    }

    static ComputationGraph hybrid(TrainingSettings s) {
        List<Operation> ops = new ArrayList<>(Templates.angleEmbedding(4, Gate.RY, 1.0));
        ops.addAll(Templates.basicEntanglerLayers(4, 1, Gate.RY, "w", s.seed()));
        Circuit circuit = new Circuit(4, ops);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(s.seed()).updater(s.updater())
                .dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(64))
                .addLayer("dense", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "in")
                .addLayer("quantum", new QuantumLayer.Builder().circuit(circuit)
                        .measurements(List.of(PauliString.z(0), PauliString.z(1), PauliString.z(2), PauliString.z(3))).build(), "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "quantum")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Collects what a run reports and lets a test wait for its end. */
    static final class Recorder implements RunEvents {
        final List<Double> batchLosses = new CopyOnWriteArrayList<>();
        final List<EpochStats> epochs = new CopyOnWriteArrayList<>();
        final List<QuantumProbe.Stats> quantum = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile Outcome outcome;
        volatile String message;

        @Override
        public void batch(int epoch, int batch, int batches, double loss) {
            batchLosses.add(loss);
        }

        @Override
        public void epoch(EpochStats stats) {
            epochs.add(stats);
        }

        @Override
        public void quantum(QuantumProbe.Stats stats) {
            quantum.add(stats);
        }

        @Override
        public void finished(Outcome o, String m) {
            outcome = o;
            message = m;
            done.countDown();
        }
    }

    private static Recorder train(TrainingSettings s, Path checkpoints) throws Exception {
        Recorder r = new Recorder();
        new TrainingRun(hybrid(s), zeroVsOne(), s, false, checkpoints, r).run();
        return r;
    }

    @Test
    void trainingLowersTheLossAndSeedsReproduce() throws Exception {
        TrainingSettings s = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.02, 16, 6, 5, 0.1, 0);
        Recorder a = train(s, null);
        assertEquals(RunEvents.Outcome.COMPLETED, a.outcome, a.message);
        assertTrue(a.batchLosses.size() > 90, "about a hundred steps: " + a.batchLosses.size());
        double first = a.epochs.get(0).trainLoss(), last = a.epochs.get(a.epochs.size() - 1).trainLoss();
        assertTrue(last < 0.5 * first, "loss fell from " + first + " to " + last);
        assertTrue(a.epochs.get(a.epochs.size() - 1).validationAccuracy() > 0.9, "validation accuracy " + a.epochs);
        assertEquals(s.epochs(), a.quantum.size(), "one probe per epoch for the one quantum layer");
        for (QuantumProbe.Stats q : a.quantum) {
            assertEquals("quantum", q.layer());
            assertTrue(q.entropyMean() >= 0 && q.entropyMean() <= 2 + 1e-9, "half cut of 4 qubits: 0..2 bits, got " + q);
            assertTrue(q.meyerWallachMean() >= 0 && q.meyerWallachMean() <= 1 + 1e-9, q.toString());
            assertTrue(q.gradientVariance() > 0 && Double.isFinite(q.gradientVariance()), q.toString());
        }
        Recorder b = train(s, null);
        assertEquals(a.batchLosses, b.batchLosses, "same seed, same curve");
    }

    @Test
    void theEntropyCutCanBeChosenPerLayer() throws Exception {
        TrainingSettings s = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.02, 16, 1, 5, 0.1, 0);
        Recorder half = new Recorder();
        new TrainingRun(hybrid(s), zeroVsOne(), s, false, null, half).run();
        Recorder one = new Recorder();
        new TrainingRun(hybrid(s), zeroVsOne(), s, false, null, one).entropyCut("quantum", 3).run();
        assertTrue(one.quantum.get(0).entropyMean() <= 1 + 1e-9, "a single qubit holds at most 1 bit: " + one.quantum);
        assertTrue(Math.abs(one.quantum.get(0).entropyMean() - half.quantum.get(0).entropyMean()) > 1e-6,
                "a different cut measures something else");
    }

    @Test
    void checkpointsLetARunResume() throws Exception {
        TrainingSettings two = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.02, 16, 2, 5, 0.1, 0);
        Recorder first = train(two, dir);
        assertEquals(2, first.epochs.size());
        Recorder rest = new Recorder();
        TrainingRun.resumeFrom(dir, zeroVsOne(), two.withEpochs(3), false, rest).run();
        assertEquals(1, rest.epochs.size(), "only the third epoch is left");
        assertEquals(2, rest.epochs.get(0).epoch());
        assertEquals(RunEvents.Outcome.COMPLETED, rest.outcome);
    }

    @Test
    void pauseResumeAndStop() throws Exception {
        TrainingSettings s = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.02, 4, 50, 5, 0, 0);
        Recorder r = new Recorder();
        TrainingRun run = new TrainingRun(hybrid(s), zeroVsOne(), s, false, null, r);
        run.start();
        while (r.batchLosses.size() < 3) {
            Thread.sleep(5);
        }
        run.pause();
        Thread.sleep(100);
        int atPause = r.batchLosses.size();
        Thread.sleep(300);
        assertTrue(r.batchLosses.size() <= atPause + 1, "no progress while paused");
        run.resume();
        while (r.batchLosses.size() < atPause + 3) {
            Thread.sleep(5);
        }
        run.stop();
        assertTrue(r.done.await(20, TimeUnit.SECONDS));
        assertEquals(RunEvents.Outcome.STOPPED, r.outcome, r.message);
    }

    @Test
    void aNonFiniteLossStopsTheRunWithAMessage() throws Exception {
        Dataset good = zeroVsOne();
        float[] values = good.train().toFloatArray();
        values[5] = Float.NaN;
        ImageSet broken = ImageSet.ofFloats(8, 8, 1, values, good.train().labels());
        Dataset bad = good.withSplits(good.classNames(), broken, good.test());
        TrainingSettings s = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.02, 512, 2, 5, 0, 0);
        Recorder r = new Recorder();
        new TrainingRun(hybrid(s), bad, s, false, dir, r).run();
        assertEquals(RunEvents.Outcome.FAILED, r.outcome);
        assertTrue(r.message.contains("NaN"), r.message);
    }

    /** Seen in use: "stopped at epoch 6, batch 17" while the run listed 5 epochs. The message counts as the list does. */
    @Test
    void aStopSaysHowManyEpochsAreCompleteAsTheRunListCountsThem() {
        org.junit.jupiter.api.Assertions.assertEquals("stopped during epoch 6 after batch 16 of 30; 5 epochs complete",
                TrainingRun.stopMessage(5, 16, 30));
        org.junit.jupiter.api.Assertions.assertEquals("stopped before epoch 1; 0 epochs complete", TrainingRun.stopMessage(0, 0, 30));
        org.junit.jupiter.api.Assertions.assertEquals("stopped before epoch 2; 1 epoch complete", TrainingRun.stopMessage(1, 0, 30));
    }
}
