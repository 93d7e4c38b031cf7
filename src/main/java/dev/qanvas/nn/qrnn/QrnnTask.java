package dev.qanvas.nn.qrnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import dev.qanvas.data.SequenceTasks;

/**
 * A sequence task for a QRNN: sequences of input tokens with a target class at each step (-1:
 * none), split into training and test sequences, and which steps count for accuracy (the
 * predictable ones). The toy tasks after the studies (docs/qrnn.md): {@link #memorise} two
 * sequences from a cue, Elman's (1990) temporal XOR ({@link #xor}) and letter sequences
 * ({@link #letters}).
 */
public record QrnnTask(String name, String description, int inputLanes, int outputLanes, List<Sequence> train,
        List<Sequence> test) {

    /** Tokens in, the target class of each step (-1 for none), and whether a step counts for accuracy. */
    public record Sequence(int[] inputs, int[] targets, boolean[] scored) {
        public Sequence {
            if (inputs.length != targets.length || inputs.length != scored.length || inputs.length == 0) {
                throw new IllegalArgumentException("a sequence has as many targets and scored flags as inputs, at least one");
            }
        }
    }

    public QrnnTask {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** The task names {@link #named} knows. */
    public static final List<String> NAMES = SequenceTasks.NAMES;

    /** A toy task by name; {@code seed} draws the random streams of xor and letters. */
    public static QrnnTask named(String name, long seed) {
        return switch (name) {
            case "memorise" -> memorise();
            case "xor" -> xor(seed);
            case "letters" -> letters(seed);
            default -> throw new IllegalArgumentException("unknown QRNN task '" + name + "'; tasks: " + String.join(", ", NAMES));
        };
    }

    /** {@link SequenceTasks#memorise}: two 6-step sequences of 4 symbols from a cue; train = test. */
    public static QrnnTask memorise() {
        return of(SequenceTasks.memorise(), "memorise two 6-step sequences of 4 symbols from a cue", 2, 2);
    }

    /** {@link SequenceTasks#xor}: Elman's temporal XOR; every step is trained on, as in Elman (1990), the predictable ones scored. */
    public static QrnnTask xor(long seed) {
        return of(SequenceTasks.xor(seed), "Elman's temporal XOR: predict the next bit of (a, b, a xor b) triples", 1, 1);
    }

    /** Letters b, d, g, a, i, u as tokens 0..5. */
    public static final String LETTERS = SequenceTasks.LETTERS;

    /** {@link SequenceTasks#letters}: Elman's letters; scored are the steps whose next letter is a vowel. */
    public static QrnnTask letters(long seed) {
        return of(SequenceTasks.letters(seed), "Elman's letters: predict the next letter of ba / dii / guuu streams", 3, 3);
    }

    private static QrnnTask of(SequenceTasks.Task task, String description, int inputLanes, int outputLanes) {
        return new QrnnTask(task.name(), description, inputLanes, outputLanes, sequences(task.train()), sequences(task.test()));
    }

    private static List<Sequence> sequences(List<SequenceTasks.Steps> steps) {
        return steps.stream().map(s -> new Sequence(s.inputs(), s.targets(), s.scored())).toList();
    }

    /**
     * MNIST 0 against 1 read pixel by pixel: the bundled MNIST's zeros and ones, area-averaged to
     * side x side, each pixel binarised at 0.5 and fed row by row (one input lane, one step a
     * pixel); the class is the target of the last step only. {@code trainCount} and
     * {@code testCount} images (half of each class, the first ones after a seeded shuffle).
     */
    public static QrnnTask mnist(int side, int trainCount, int testCount, long seed) throws dev.qanvas.data.DatasetException {
        if (side < 2 || side > 28) {
            throw new IllegalArgumentException("the side is 2..28 pixels, not " + side);
        }
        dev.qanvas.data.Dataset d = dev.qanvas.data.Datasets.load(new dev.qanvas.data.DatasetSpec.Bundled("mnist"));
        d = new dev.qanvas.data.Transform.ClassSubset(List.of(0, 1)).apply(d);
        d = new dev.qanvas.data.Transform.Resize(side, side).apply(d);
        Random r = new Random(seed);
        return new QrnnTask("mnist", "MNIST 0 vs 1, " + side + "x" + side + " binarised, pixel by pixel", 1, 1,
                pixelSequences(d.train(), trainCount, r), pixelSequences(d.test(), testCount, r));
    }

    /** Only its tokenisation is used: one input lane, one pixel a step. */
    private static final QrnnCell PIXEL_BY_PIXEL = new QrnnCell(1, 1, 1, 1, 1, 1);

    private static List<Sequence> pixelSequences(dev.qanvas.data.ImageSet images, int count, Random r) {
        List<Sequence> out = new ArrayList<>();
        for (int label = 0; label < 2; label++) {
            List<Integer> indices = new ArrayList<>();
            for (int i : images.indicesOf(label)) {
                indices.add(i);
            }
            java.util.Collections.shuffle(indices, r);
            int take = label == 0 ? count / 2 : count - count / 2;
            if (take > indices.size()) {
                throw new IllegalArgumentException(take + " images of class " + label + " asked for; the split has " + indices.size());
            }
            for (int i : indices.subList(0, take)) {
                float[] image = images.image(i);
                int n = image.length;
                double[] values = new double[n];
                for (int p = 0; p < n; p++) {
                    values[p] = image[p];
                }
                int[] in = PIXEL_BY_PIXEL.tokens(values, 0.5), target = new int[n];
                boolean[] scored = new boolean[n];
                java.util.Arrays.fill(target, -1);
                target[n - 1] = label;
                scored[n - 1] = true;
                out.add(new Sequence(in, target, scored));
            }
        }
        return out;
    }
}
