package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.nn.qrnn.ClassicalRnn;
import dev.qanvas.nn.qrnn.QrnnCell;
import dev.qanvas.nn.qrnn.QrnnTask;
import dev.qanvas.nn.qrnn.QrnnTraining;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qanvas qrnn --task memorise|xor|letters}: trains a quantum recurrent network
 * ({@link QrnnCell}) on a toy sequence task by simulation and prints one JSON object: the task,
 * the cell's shape, its parameter count, the final loss, train and test accuracy on the scored
 * (predictable) steps, the seconds taken, with {@code --trace} the class distribution at each
 * step of the first test sequence, with {@code --classical} the baseline's numbers, and with
 * {@code --progress} one line per epoch on stderr. A command of its own, not {@code qanvas train}: a project's model is an image model
 * compiled to DL4J, and the QRNN is not a layer kind yet (docs/qrnn.md).
 */
@Command(name = "qrnn", mixinStandardHelpOptions = true,
        description = "Trains a quantum recurrent network (Bausch 2020) on a toy sequence task by simulation; prints JSON.")
final class QrnnCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "memorise, xor, letters or mnist.")
    String task;

    @Option(names = "--side", defaultValue = "7", paramLabel = "PIXELS", description = "mnist: images resized to PIXELS x PIXELS (default 7).")
    int side;

    @Option(names = "--train-images", defaultValue = "200", paramLabel = "N", description = "mnist: training images, half zeros, half ones (default 200).")
    int trainImages;

    @Option(names = "--test-images", defaultValue = "400", paramLabel = "N", description = "mnist: test images (default 400).")
    int testImages;

    @Option(names = "--cell-lanes", defaultValue = "3", paramLabel = "N", description = "Cell-state lanes (default 3); the output lanes are the first of them.")
    int cellLanes;

    @Option(names = "--order", defaultValue = "1", paramLabel = "K", description = "The neurons' order (default 1).")
    int order;

    @Option(names = "--degree", defaultValue = "2", paramLabel = "D", description = "The neurons' polynomial degree, 1 or 2 (default 2).")
    int degree;

    @Option(names = "--layers", defaultValue = "1", paramLabel = "L", description = "Rounds of neurons per step (default 1).")
    int layers;

    @Option(names = "--epochs", defaultValue = "100", paramLabel = "E", description = "Full-batch Adam steps (default 100).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.05", paramLabel = "RATE", description = "Adam's learning rate (default 0.05).")
    double learningRate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the initial parameters and the task's streams (default 1).")
    long seed;

    @Option(names = "--classical", description = "Also train a DL4J SimpleRnn of about as many parameters on the same task (same epochs, learning rate and seed).")
    boolean classical;

    @Option(names = "--trace", description = "Add \"test_trace\": the first test sequence step by step (input, target, class distribution).")
    boolean trace;

    @Option(names = "--progress", description = "Print each epoch's loss and accuracies on stderr.")
    boolean progress;

    @Override
    public Integer call() throws Exception {
        QrnnTask t = task.equals("mnist") ? QrnnTask.mnist(side, trainImages, testImages, seed) : QrnnTask.named(task, seed);
        QrnnCell cell = new QrnnCell(t.inputLanes(), cellLanes, t.outputLanes(), order, degree, layers);
        long start = System.nanoTime();
        QrnnTraining.Outcome o = QrnnTraining.train(cell, t, new QrnnTraining.Settings(epochs, learningRate, seed), e -> {
            if (progress) {
                System.err.printf(java.util.Locale.ROOT, "epoch %d loss %.4f train %.3f test %.3f%n", e.epoch(), e.loss(),
                        e.trainAccuracy(), e.testAccuracy());
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("task", t.name());
        out.put("qubits", cell.qubits());
        out.put("input_lanes", cell.inputLanes());
        out.put("cell_lanes", cell.cellLanes());
        out.put("output_lanes", cell.outputLanes());
        out.put("order", order);
        out.put("degree", degree);
        out.put("layers", layers);
        out.put("parameters", cell.parameterCount());
        out.put("epochs", o.history().size());
        out.put("loss", o.last().loss());
        out.put("train_accuracy", QrnnTraining.accuracy(cell, o.parameters(), t.train()));
        out.put("test_accuracy", o.last().testAccuracy());
        out.put("seconds", Math.round(seconds * 10) / 10.0);
        if (trace) {
            QrnnTask.Sequence first = t.test().get(0);
            double[][] dist = cell.distributions(first.inputs(), o.parameters());
            var steps = out.putArray("test_trace");
            for (int step = 0; step < dist.length; step++) {
                ObjectNode row = steps.addObject();
                row.put("input", first.inputs()[step]);
                row.put("target", first.targets()[step]);
                row.put("scored", first.scored()[step]);
                var p = row.putArray("distribution");
                for (double v : dist[step]) {
                    p.add(v);
                }
            }
        }
        if (classical) {
            int h = ClassicalRnn.hiddenFor(t.inputLanes(), cell.classes(), cell.parameterCount());
            long from = System.nanoTime();
            ClassicalRnn.Outcome c = ClassicalRnn.train(t, h, epochs, learningRate, seed);
            ObjectNode rnn = out.putObject("classical");
            rnn.put("model", "SimpleRnn");
            rnn.put("hidden", c.hidden());
            rnn.put("parameters", c.parameters());
            rnn.put("train_accuracy", c.trainAccuracy());
            rnn.put("test_accuracy", c.testAccuracy());
            rnn.put("seconds", Math.round((System.nanoTime() - from) / 1e8) / 10.0);
        }
        System.out.println(new ObjectMapper().writeValueAsString(out));
        return 0;
    }
}
