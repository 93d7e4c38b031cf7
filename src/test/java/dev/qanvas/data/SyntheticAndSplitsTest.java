package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticAndSplitsTest {

    @Test
    void hypercubeLabelsAreCornerParity() {
        Dataset d = Synthetic.hypercube(5, 400, 0.0, 3);
        ImageSet all = d.train();
        for (int i = 0; i < all.size(); i++) {
            int ones = 0;
            for (int k = 0; k < 5; k++) {
                float v = all.value(i, k);
                assertTrue(v == 0f || v == 1f, "noise-free points sit on corners");
                ones += (int) v;
            }
            assertEquals(ones % 2, all.label(i));
        }
        assertEquals(320, d.train().size());
        assertEquals(80, d.test().size());
    }

    @Test
    void sameSeedSameData_otherSeedOtherData() {
        assertEquals(Synthetic.hypercube(3, 100, 0.2, 9).train(), Synthetic.hypercube(3, 100, 0.2, 9).train());
        assertTrue(!Synthetic.hypercube(3, 100, 0.2, 9).train().equals(Synthetic.hypercube(3, 100, 0.2, 10).train()));
    }

    @Test
    void barsHaveConstantColumnsAndStripesConstantRows() {
        Dataset d = Synthetic.barsAndStripes(4, 200, 0.0, 5);
        ImageSet s = d.train();
        for (int i = 0; i < s.size(); i++) {
            float[] img = s.image(i);
            boolean bars = s.label(i) == 0;
            int lit = 0;
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    float ref = bars ? img[x] : img[y * 4];
                    assertEquals(ref, img[y * 4 + x], "pattern must be whole " + (bars ? "columns" : "rows"));
                    lit += (int) img[y * 4 + x];
                }
            }
            assertTrue(lit > 0 && lit < 16, "all-off and all-on images are ambiguous and left out");
        }
    }

    @Test
    void stratifiedSplitIsDisjointCompleteAndProportional() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 700 ? 0 : (i < 900 ? 1 : 2);
        }
        Splits.TrainTest s = Splits.stratified(labels, 0.2, 11);
        Set<Integer> seen = new HashSet<>();
        Arrays.stream(s.train()).forEach(seen::add);
        Arrays.stream(s.test()).forEach(i -> assertTrue(seen.add(i), "index in both splits: " + i));
        assertEquals(1000, seen.size());
        int[] testCounts = new int[3];
        for (int i : s.test()) {
            testCounts[labels[i]]++;
        }
        assertEquals(140, testCounts[0]);
        assertEquals(40, testCounts[1]);
        assertEquals(20, testCounts[2]);
        assertTrue(Arrays.equals(s.test(), Splits.stratified(labels, 0.2, 11).test()));
    }
}
