package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label noise, random labels and class imbalance: counts exact, seeded, test split untouched. */
class LabelTransformsTest {

    /** Three classes of 100 training images each (label i % 3), 30 test images; pixel = image index. */
    static Dataset threeClasses() {
        return dataset(new int[] {100, 100, 100});
    }

    /** counts[k] training images of class k, interleaved; 30 test images. */
    static Dataset dataset(int[] counts) {
        int n = java.util.Arrays.stream(counts).sum();
        int[] labels = new int[n];
        int[] left = counts.clone();
        for (int i = 0, k = 0; i < n; k = (k + 1) % counts.length) {
            if (left[k] > 0) {
                labels[i++] = k;
                left[k]--;
            }
        }
        float[] pixels = new float[n * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i / 4;
        }
        int[] testLabels = new int[30];
        for (int i = 0; i < 30; i++) {
            testLabels[i] = i % counts.length;
        }
        ImageSet train = ImageSet.ofFloats(2, 2, 1, pixels, labels);
        ImageSet test = ImageSet.ofFloats(2, 2, 1, new float[30 * 4], testLabels);
        List<String> names = java.util.stream.IntStream.range(0, counts.length).mapToObj(Integer::toString).toList();
        return new Dataset("toy", "", "", names, train, test);
    }

    @Test
    void symmetricNoiseChangesExactlyRoundRateTimesNLabelsToOtherClasses() {
        Dataset d = threeClasses();
        LabelNoise noise = LabelNoise.symmetric(0.2, 7);
        Dataset out = noise.apply(d);
        int[] before = d.train().labels();
        int[] after = out.train().labels();
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            assertTrue(after[i] >= 0 && after[i] < 3);
            changed += before[i] != after[i] ? 1 : 0;
        }
        assertEquals(60, changed, "round(0.2 * 300), every chosen label moves to another class");
        LabelNoise.Injected truth = noise.inject(d.train(), 3);
        assertEquals(60, truth.changed());
        for (int k = 0; k < truth.flipped().length; k++) {
            int i = truth.flipped()[k];
            assertEquals(before[i], truth.trueLabels()[k]);
            assertNotEquals(before[i], after[i]);
        }
        assertSame(d.test(), out.test(), "the test split is never touched");
        assertArrayEquals(after, noise.apply(d).train().labels(), "same seed, same labels");
        assertFalse(java.util.Arrays.equals(after, LabelNoise.symmetric(0.2, 8).apply(d).train().labels()));
        assertArrayEquals(d.train().toFloatArray(), out.train().toFloatArray(), "pixels are untouched");
    }

    @Test
    void symmetricNoiseSpreadsOverTheOtherClasses() {
        // 3000 flips out of class 0 (all of it): each of classes 1, 2 gets about half
        Dataset d = dataset(new int[] {3000, 0});
        d = d.withSplits(List.of("a", "b", "c"), d.train(), d.test());
        int[] after = LabelNoise.symmetric(1.0, 3).apply(d).train().labels();
        int[] counts = new int[3];
        for (int label : after) {
            counts[label]++;
        }
        assertEquals(0, counts[0]);
        assertEquals(1500, counts[1], 150); // +- 5.5 standard deviations of Binomial(3000, 1/2)
    }

    @Test
    void roundingIsHalfUp() {
        assertEquals(3, LabelNoise.symmetric(0.25, 1).inject(dataset(new int[] {5, 5}).train(), 2).changed()); // 2.5 -> 3
        assertEquals(0, LabelNoise.symmetric(0, 1).inject(threeClasses().train(), 3).changed());
    }

    @Test
    void asymmetricNoiseMovesOnlyTheListedPairs() {
        Dataset d = dataset(new int[] {100, 50, 80});
        LabelNoise noise = LabelNoise.asymmetric(0.3, Map.of(0, 1, 2, 0), 11);
        LabelNoise.Injected truth = noise.inject(d.train(), 3);
        int[] before = d.train().labels();
        int zeroToOne = 0;
        int twoToZero = 0;
        for (int i = 0; i < before.length; i++) {
            int after = truth.labels()[i];
            if (before[i] == 0 && after == 1) {
                zeroToOne++;
            } else if (before[i] == 2 && after == 0) {
                twoToZero++;
            } else {
                assertEquals(before[i], after, "only 0 -> 1 and 2 -> 0 happen");
            }
        }
        assertEquals(30, zeroToOne); // round(0.3 * 100)
        assertEquals(24, twoToZero); // round(0.3 * 80)
        assertEquals(54, truth.changed());
        assertThrows(IllegalArgumentException.class, () -> LabelNoise.asymmetric(0.3, Map.of(0, 5), 1).apply(d),
                "a pair naming a class the data lacks is refused");
    }

    @Test
    void groundTruthFollowsTheChainUpToTheNoise() {
        Dataset d = threeClasses();
        TransformChain chain = TransformChain.EMPTY.with(LabelNoise.class, LabelNoise.symmetric(0.1, 5))
                .with(ClassImbalance.class, ClassImbalance.longTail(4, ClassImbalance.Profile.STEP, 2));
        assertTrue(chain.steps().get(0) instanceof ClassImbalance, "imbalance runs before the noise");
        Dataset out = chain.apply(d);
        LabelNoise.Injected truth = LabelNoise.groundTruth(d, chain).orElseThrow();
        int[] given = out.train().labels();
        int differing = 0;
        for (int i = 0; i < given.length; i++) {
            differing += given[i] != truth.labels()[i] ? 1 : 0;
        }
        assertEquals(0, differing);
        assertEquals(Math.round(0.1 * 225), truth.changed()); // 100 + 100 + 25 images after the step profile
        assertTrue(LabelNoise.groundTruth(d, TransformChain.EMPTY).isEmpty());
        assertArrayEquals(new int[] {100, 100, 25}, ClassImbalance.keptCounts(d, chain).orElseThrow(),
                "counts the imbalance keeps, by the labels before the noise");
        assertTrue(ClassImbalance.keptCounts(d, TransformChain.EMPTY).isEmpty());
    }

    @Test
    void randomLabelsAreSeededUniformAndLeaveTheTestSplit() {
        Dataset d = dataset(new int[] {3000, 0, 0});
        RandomLabels random = new RandomLabels(9, false);
        Dataset out = random.apply(d);
        int[] counts = out.train().classCounts(3);
        for (int c : counts) {
            assertEquals(1000, c, 140); // +- 5.4 sd of Binomial(3000, 1/3)
        }
        assertArrayEquals(out.train().labels(), random.apply(d).train().labels());
        assertSame(d.test(), out.test());
        assertArrayEquals(d.train().toFloatArray(), out.train().toFloatArray());
    }

    @Test
    void randomPixelsMatchTheTrainingMeanAndSpread() {
        Dataset d = dataset(new int[] {500, 500});
        double[] before = meanAndStd(d.train().toFloatArray());
        Dataset out = new RandomLabels(4, true).apply(d);
        double[] after = meanAndStd(out.train().toFloatArray());
        assertEquals(before[0], after[0], 0.05 * before[1]);
        assertEquals(before[1], after[1], 0.05 * before[1]);
        assertSame(d.test(), out.test());
    }

    private static double[] meanAndStd(float[] v) {
        double s = 0;
        double q = 0;
        for (float x : v) {
            s += x;
            q += x * x;
        }
        double mean = s / v.length;
        return new double[] {mean, Math.sqrt(q / v.length - mean * mean)};
    }

    @Test
    void exponentialLongTailKeepsRhoToTheMinusKOverKMinusOne() {
        Dataset d = threeClasses();
        ClassImbalance tail = ClassImbalance.longTail(10, ClassImbalance.Profile.EXPONENTIAL, 3);
        Dataset out = tail.apply(d);
        // f = 1, 10^-1/2 = 0.3162, 0.1 -> 100, 32, 10
        assertArrayEquals(new int[] {100, 32, 10}, out.train().classCounts(3));
        assertArrayEquals(new int[] {100, 32, 10}, tail.keptCounts(d.train().classCounts(3)));
        assertSame(d.test(), out.test());
        assertArrayEquals(out.train().labels(), tail.apply(d).train().labels(), "seeded");
    }

    @Test
    void stepProfileAndKeepFractions() {
        Dataset d = dataset(new int[] {40, 40, 40, 40, 40});
        assertArrayEquals(new int[] {40, 40, 40, 8, 8},
                ClassImbalance.longTail(5, ClassImbalance.Profile.STEP, 1).apply(d).train().classCounts(5));
        Dataset kept = ClassImbalance.keeping(List.of(0.5, 1.0, 0.01, 0.125, 0.3), 1).apply(d);
        assertArrayEquals(new int[] {20, 40, 1, 5, 12}, kept.train().classCounts(5)); // 0.4 -> at least 1
        // The kept images are the class's own images, in their order.
        float[] first = kept.train().image(0);
        assertEquals(kept.train().label(0), d.train().label((int) first[0]));
        assertThrows(IllegalArgumentException.class, () -> ClassImbalance.keeping(List.of(0.5, 1.0), 1).apply(d),
                "two fractions for five classes");
    }

    @Test
    void hostileSettingsAreRefusedWithAReason() {
        assertMessage("rate must be a number from 0 to 1", () -> LabelNoise.symmetric(Double.NaN, 1));
        assertMessage("rate must be a number from 0 to 1", () -> LabelNoise.symmetric(1.5, 1));
        assertMessage("needs class pairs", () -> LabelNoise.asymmetric(0.1, Map.of(), 1));
        assertMessage("would change nothing", () -> LabelNoise.asymmetric(0.1, Map.of(2, 2), 1));
        assertMessage("name classes 0..", () -> LabelNoise.asymmetric(0.1, Map.of(-1, 2), 1));
        assertMessage("name classes 0..", () -> LabelNoise.asymmetric(0.1, Map.of(1, 100000), 1));
        assertMessage("takes no class pairs", () -> new LabelNoise(LabelNoise.Kind.SYMMETRIC, 0.1, Map.of(0, 1), 1));
        assertMessage("needs a kind", () -> new LabelNoise(null, 0.1, null, 1));
        assertMessage("keep fraction must be in (0, 1]", () -> ClassImbalance.keeping(List.of(0.5, 0.0), 1));
        assertMessage("keep fraction must be in (0, 1]", () -> ClassImbalance.keeping(List.of(Double.NaN), 1));
        assertMessage("long-tail ratio must be", () -> ClassImbalance.longTail(0.5, ClassImbalance.Profile.STEP, 1));
        assertMessage("long-tail ratio must be", () -> ClassImbalance.longTail(Double.POSITIVE_INFINITY, ClassImbalance.Profile.STEP, 1));
        assertMessage("needs a profile", () -> new ClassImbalance(null, 2.0, null, 1));
        assertMessage("not both", () -> new ClassImbalance(List.of(1.0), 2.0, ClassImbalance.Profile.STEP, 1));
        assertMessage("not neither", () -> new ClassImbalance(null, null, null, 1));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
