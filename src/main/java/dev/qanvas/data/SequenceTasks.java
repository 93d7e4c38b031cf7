package dev.qanvas.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * The toy sequence tasks of the recurrent-network studies (docs/qrnn.md), the one generator of
 * their token streams: {@code nn.qrnn.QrnnTask} trains on them step by step, and
 * {@link Synthetic#sequence} turns them into labelled prefixes for a project.
 */
public final class SequenceTasks {

    private SequenceTasks() {
    }

    /** Tokens in, the target token of each step (-1 for none), and whether a step is predictable (scored). */
    public record Steps(int[] inputs, int[] targets, boolean[] scored) {
        public Steps {
            if (inputs.length != targets.length || inputs.length != scored.length || inputs.length == 0) {
                throw new IllegalArgumentException("a sequence has as many targets and scored flags as inputs, at least one");
            }
        }
    }

    /** Training and test sequences of one task; {@code tokens} input tokens, {@code classes} target tokens. */
    public record Task(String name, int tokens, int classes, List<Steps> train, List<Steps> test) {
        public Task {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    /** The task names {@link #named} knows. */
    public static final List<String> NAMES = List.of("memorise", "xor", "letters");

    /** A toy task by name; {@code seed} draws the random streams of xor and letters. */
    public static Task named(String name, long seed) {
        return switch (name) {
            case "memorise" -> memorise();
            case "xor" -> xor(seed);
            case "letters" -> letters(seed);
            default -> throw new IllegalArgumentException("unknown sequence task '" + name + "'; tasks: " + String.join(", ", NAMES));
        };
    }

    /**
     * Memorise two sequences of 4 symbols: the first step's input is a cue (1 or 2), the later
     * inputs are blank (0), and at each step the target is the next symbol of the cue's sequence
     * (1: 0 1 2 3 0 1, 2: 3 3 1 1 2 0). Every step counts; train and test are the same two
     * sequences (memorisation, not generalisation).
     */
    public static Task memorise() {
        int[][] sequences = {{0, 1, 2, 3, 0, 1}, {3, 3, 1, 1, 2, 0}};
        List<Steps> seqs = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            int[] in = new int[sequences[s].length];
            in[0] = s + 1;
            boolean[] scored = new boolean[in.length];
            Arrays.fill(scored, true);
            seqs.add(new Steps(in, sequences[s].clone(), scored));
        }
        return new Task("memorise", 3, 4, seqs, seqs);
    }

    /**
     * Elman's temporal XOR: a bit stream of triples (a, b, a XOR b); the input is the current bit,
     * the target the next one. Only a triple's third bit is predictable (scored). 16 training and
     * 16 test streams of 4 triples, drawn one after the other from {@code seed}.
     */
    public static Task xor(long seed) {
        Random r = new Random(seed);
        return new Task("xor", 2, 2, xorStreams(r, 16), xorStreams(r, 16));
    }

    private static List<Steps> xorStreams(Random r, int count) {
        List<Steps> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int[] bits = new int[12];
            for (int t = 0; t < 12; t += 3) {
                bits[t] = r.nextInt(2);
                bits[t + 1] = r.nextInt(2);
                bits[t + 2] = bits[t] ^ bits[t + 1];
            }
            out.add(nextElement(bits, t -> t % 3 == 1));
        }
        return out;
    }

    /** Letters b, d, g, a, i, u as tokens 0..5. */
    public static final String LETTERS = "bdgaiu";

    /**
     * Elman's letter sequences: random consonants, each replaced by its syllable (b: ba, d: dii,
     * g: guuu); the input is the current letter, the target the next. Scored are the steps whose
     * next letter is a vowel. 12 training and 12 test streams of 6 consonants.
     */
    public static Task letters(long seed) {
        Random r = new Random(seed);
        return new Task("letters", 6, 6, letterStreams(r, 12), letterStreams(r, 12));
    }

    private static List<Steps> letterStreams(Random r, int count) {
        String[] syllables = {"ba", "dii", "guuu"};
        List<Steps> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < 6; c++) {
                text.append(syllables[r.nextInt(3)]);
            }
            int[] tokens = text.chars().map(LETTERS::indexOf).toArray();
            out.add(nextElement(tokens, t -> tokens[t + 1] >= 3));
        }
        return out;
    }

    /** Inputs stream[0..n-2], targets stream[1..n-1], scored where {@code predictable} holds for the input's index. */
    private static Steps nextElement(int[] stream, IntPredicate predictable) {
        int n = stream.length - 1;
        int[] in = new int[n], target = new int[n];
        boolean[] scored = new boolean[n];
        for (int t = 0; t < n; t++) {
            in[t] = stream[t];
            target[t] = stream[t + 1];
            scored[t] = predictable.test(t);
        }
        return new Steps(in, target, scored);
    }
}
