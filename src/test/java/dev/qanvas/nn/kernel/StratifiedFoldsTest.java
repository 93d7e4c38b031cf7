package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

    /** Unbalanced classes: 0 x 53, 1 x 17, 2 x 4, 3 x 26, shuffled. */
    static int[] labels() {
        int[] counts = {53, 17, 4, 26};
        int[] out = new int[100];
        int k = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                out[k++] = c;
            }
        }
        Random r = new Random(9);
        for (int i = out.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    @Test
    void foldsPartitionThePointsAndKeepClassProportionsWithinOne() {
        int[] labels = labels();
        int[] counts = {53, 17, 4, 26};
        for (int k : new int[] {2, 5, 7}) {
            StratifiedFolds folds = StratifiedFolds.of(labels, k, 42);
            int[] seen = new int[labels.length];
            for (int f = 0; f < k; f++) {
                int[] held = folds.validation(f);
                int[] train = folds.training(f);
                assertEquals(labels.length, held.length + train.length);
                for (int i : held) {
                    seen[i]++;
                    assertTrue(Arrays.binarySearch(train, i) < 0, "held-out point " + i + " also trained on");
                }
                assertTrue(Math.abs(held.length - labels.length / (double) k) < 1, "fold size " + held.length);
                for (int c = 0; c < counts.length; c++) {
                    final int cls = c;
                    long inFold = Arrays.stream(held).filter(i -> labels[i] == cls).count();
                    assertTrue(Math.abs(inFold - counts[c] / (double) k) < 1,
                            k + " folds, fold " + f + ": class " + c + " has " + inFold + " of " + counts[c]);
                }
            }
            int[] once = new int[labels.length];
            Arrays.fill(once, 1);
            assertArrayEquals(once, seen, "every point held out exactly once");
        }
    }

    @Test
    void seededAndReproducible() {
        int[] labels = labels();
        assertEquals(StratifiedFolds.of(labels, 5, 1).toString(), StratifiedFolds.of(labels, 5, 1).toString());
        assertFalse(StratifiedFolds.of(labels, 5, 1).toString().equals(StratifiedFolds.of(labels, 5, 2).toString()));
    }

    @Test
    void refusesImpossibleFoldCounts() {
        assertThrows(IllegalArgumentException.class, () -> StratifiedFolds.of(new int[] {0, 1, 0}, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> StratifiedFolds.of(new int[] {0, 1, 0}, 1, 0));
    }
}
