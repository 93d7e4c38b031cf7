package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Label fixes: exactly the named images change, the test split is untouched, bad indices are refused. */
class LabelFixesTest {

    @Test
    void relabelsThenDropsExactlyTheNamedTrainingImages() {
        Dataset d = LabelTransformsTest.threeClasses(); // label i % 3, pixel value = image index
        LabelFixes fixes = LabelFixes.of(Map.of(4, 0, 10, 2), Set.of(0, 7, 299));
        Dataset out = fixes.apply(d);
        assertEquals(297, out.train().size());
        // Hand-worked: images 1..6, 8..298 remain in order; 4 (label 1) is now 0, 10 (label 1) is now 2.
        int[] labels = out.train().labels();
        int k = 0;
        for (int i = 0; i < 300; i++) {
            if (i == 0 || i == 7 || i == 299) {
                continue;
            }
            assertEquals(i, out.train().value(k, 0), 0f, "image " + i + " kept in order");
            int expected = i == 4 ? 0 : i == 10 ? 2 : i % 3;
            assertEquals(expected, labels[k], "label of image " + i);
            k++;
        }
        assertSame(d.test(), out.test(), "the test split is passed through");
        assertArrayEquals(d.train().labels(), LabelTransformsTest.threeClasses().train().labels(), "the input is left alone");
    }

    @Test
    void indicesOutsideTheSplitOrClassesTheDataLacksAreRefusedWhenApplied() {
        Dataset d = LabelTransformsTest.threeClasses();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelFixes.of(Map.of(), Set.of(300)).apply(d));
        assertTrue(e.getMessage().contains("drops image 300") && e.getMessage().contains("0..299"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LabelFixes.of(Map.of(300, 1), Set.of()).apply(d));
        assertTrue(e.getMessage().contains("relabels image 300"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LabelFixes.of(Map.of(3, 3), Set.of()).apply(d));
        assertTrue(e.getMessage().contains("class 3") && e.getMessage().contains("3 classes"), e.getMessage());
    }

    @Test
    void settingsAreCheckedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new LabelFixes(List.of(), List.of(-1)));
        assertThrows(IllegalArgumentException.class, () -> new LabelFixes(List.of(), List.of(Limits.MAX_IMAGES)));
        assertThrows(IllegalArgumentException.class, () -> new LabelFixes(List.of(), List.of(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> new LabelFixes(List.of(List.of(1)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LabelFixes(List.of(List.of(1, 255)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LabelFixes(List.of(List.of(1, 0), List.of(1, 2)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LabelFixes(List.of(List.of(1, 0)), List.of(1)));
        assertEquals(new LabelFixes(List.of(List.of(2, 0), List.of(1, 1)), List.of(9, 5)),
                new LabelFixes(List.of(List.of(1, 1), List.of(2, 0)), List.of(5, 9)), "kept ascending, so equal fixes are equal");
    }

    @Test
    void laterFixesOnTheFixedSplitMapBackToOriginalIndices() {
        LabelFixes first = LabelFixes.of(Map.of(5, 2), Set.of(1, 3));
        // After dropping 1 and 3 of 10 images the split is 0,2,4,5,6,...: fixed index 2 is original 4, 3 is 5, 5 is 7.
        LabelFixes both = first.then(LabelFixes.of(Map.of(2, 1), Set.of(3, 5)), 10);
        assertEquals(LabelFixes.of(Map.of(4, 1), Set.of(1, 3, 5, 7)), both);
        Dataset d = LabelTransformsTest.dataset(new int[] {4, 3, 3});
        assertEquals(both.apply(d).train(), LabelFixes.of(Map.of(2, 1), Set.of(3, 5)).apply(first.apply(d)).train());
    }

    @Test
    void theChainPutsLabelFixesLast() {
        TransformChain chain = TransformChain.EMPTY.with(LabelFixes.class, LabelFixes.of(Map.of(), Set.of(1)))
                .with(LabelNoise.class, LabelNoise.symmetric(0.1, 1))
                .with(Transform.Normalise.class, new Transform.Normalise(Transform.Normalise.Mode.UNIT_RANGE));
        assertTrue(chain.steps().get(chain.steps().size() - 1) instanceof LabelFixes, chain.toString());
    }

    @Test
    void groundTruthFollowsTheFixes() {
        Dataset d = LabelTransformsTest.threeClasses();
        TransformChain noisy = TransformChain.EMPTY.with(LabelNoise.class, LabelNoise.symmetric(0.1, 3));
        LabelNoise.Injected before = LabelNoise.groundTruth(d, noisy).orElseThrow();
        int a = before.flipped()[0];
        int b = before.flipped()[1];
        int clean = java.util.stream.IntStream.range(0, 300).filter(i -> java.util.Arrays.binarySearch(before.flipped(), i) < 0)
                .findFirst().getAsInt();
        // Mend a (back to its true label i % 3), drop b, give the clean image another class.
        LabelFixes fixes = LabelFixes.of(Map.of(a, a % 3, clean, (clean + 1) % 3), Set.of(b));
        TransformChain chain = noisy.with(LabelFixes.class, fixes);
        LabelNoise.Injected after = LabelNoise.groundTruth(d, chain).orElseThrow();
        // Brute force: the final labels against the clean labels (i % 3) of the images that remain.
        int[] finalLabels = chain.apply(d).train().labels();
        int[] kept = fixes.kept(300);
        java.util.List<Integer> wrong = new java.util.ArrayList<>();
        for (int m = 0; m < kept.length; m++) {
            if (finalLabels[m] != kept[m] % 3) {
                wrong.add(m);
            }
        }
        assertArrayEquals(wrong.stream().mapToInt(Integer::intValue).toArray(), after.flipped());
        assertEquals(before.changed() - 2 + 1, after.changed(), "one mended, one dropped, one clean image made wrong");
        assertArrayEquals(finalLabels, after.labels());
        for (int k = 0; k < after.flipped().length; k++) {
            assertEquals(kept[after.flipped()[k]] % 3, after.trueLabels()[k]);
        }
    }
}
