package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransformTest {

    /** Two 4x4 images: pixel value = row * 4 + column, and its negative. */
    private static Dataset ramp() {
        float[] v = new float[32];
        for (int p = 0; p < 16; p++) {
            v[p] = p;
            v[16 + p] = -p;
        }
        ImageSet train = ImageSet.ofFloats(4, 4, 1, v, new int[] {0, 1});
        ImageSet test = ImageSet.ofFloats(4, 4, 1, new float[] {
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, new int[] {1});
        return new Dataset("ramp", "", "", List.of("a", "b"), train, test);
    }

    @Test
    void shrinkingAveragesEachBlock() {
        Dataset d = new Transform.Resize(2, 2).apply(ramp());
        // top-left 2x2 block of 0,1,4,5 -> 2.5; top-right 2,3,6,7 -> 4.5; bottom-left 8,9,12,13 -> 10.5
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, d.train().image(0), 1e-5f);
        assertArrayEquals(new float[] {1, 1, 1, 1}, d.test().image(0), 1e-6f);
    }

    @Test
    void nonIntegerShrinkKeepsTheMean() {
        Dataset d = new Transform.Resize(3, 3).apply(ramp());
        float mean = 0;
        for (float v : d.train().image(0)) {
            mean += v / 9;
        }
        assertEquals(7.5f, mean, 1e-4f); // the mean of 0..15 survives area resampling
    }

    @Test
    void enlargingKeepsConstantsAndInterpolates() {
        Dataset d = new Transform.Resize(8, 8).apply(ramp());
        for (float v : d.test().image(0)) {
            assertEquals(1f, v, 1e-6f);
        }
        float[] row = d.train().image(0);
        for (int x = 1; x < 8; x++) {
            // along the first row values never decrease and stay within 0..3
            org.junit.jupiter.api.Assertions.assertTrue(row[x] >= row[x - 1] - 1e-6);
        }
        assertEquals(0f, row[0], 1e-6f);
        assertEquals(3f, row[7], 1e-6f);
    }

    @Test
    void standardiseUsesTrainingStatisticsOnBothSplits() {
        Dataset d = new Transform.Normalise(Transform.Normalise.Mode.STANDARDISE).apply(ramp());
        float[] all = d.train().toFloatArray();
        double mean = 0;
        double sq = 0;
        for (float v : all) {
            mean += v / all.length;
        }
        for (float v : all) {
            sq += (v - mean) * (v - mean) / all.length;
        }
        assertEquals(0, mean, 1e-6);
        assertEquals(1, sq, 1e-5);
        // train values are 0..15 and 0..-15: mean 0, variance (2 * 1240) / 32 = 77.5; test value 1 maps to 1/std
        assertEquals(1 / Math.sqrt(77.5), d.test().value(0, 0), 1e-6);
    }

    @Test
    void rangesMapTheTrainingExtremes() {
        Dataset unit = new Transform.Normalise(Transform.Normalise.Mode.UNIT_RANGE).apply(ramp());
        float[] r = unit.train().valueRange();
        assertArrayEquals(new float[] {0, 1}, r, 1e-6f);
        Dataset sym = new Transform.Normalise(Transform.Normalise.Mode.SYMMETRIC_RANGE).apply(ramp());
        assertArrayEquals(new float[] {-1, 1}, sym.train().valueRange(), 1e-6f);
        assertEquals(16f / 30 * 2 - 1, sym.test().value(0, 0), 1e-6f); // 1 on [-15, 15]
    }

    @Test
    void classSubsetKeepsAndRelabels() {
        Dataset d = new Transform.ClassSubset(List.of(1)).apply(ramp());
        assertEquals(List.of("b"), d.classNames());
        assertEquals(1, d.train().size());
        assertEquals(0, d.train().label(0));
        assertEquals(-1f, d.train().value(0, 1));
        assertEquals(1, d.test().size());
    }

    @Test
    void classSubsetRejectsUnknownClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Transform.ClassSubset(List.of(5)).apply(ramp()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("class 5"));
    }

    @Test
    void chainKeepsOneStepPerKindInCanonicalOrder() {
        TransformChain chain = TransformChain.EMPTY
                .with(Transform.Normalise.class, new Transform.Normalise(Transform.Normalise.Mode.UNIT_RANGE))
                .with(Transform.Resize.class, new Transform.Resize(2, 2))
                .with(Transform.ClassSubset.class, new Transform.ClassSubset(List.of(0)))
                .with(Transform.Resize.class, new Transform.Resize(3, 3));
        assertEquals(3, chain.steps().size());
        assertEquals(new Transform.ClassSubset(List.of(0)), chain.steps().get(0));
        assertEquals(new Transform.Resize(3, 3), chain.steps().get(1));
        assertNotEquals(chain, chain.with(Transform.Resize.class, null));
        assertEquals(2, chain.with(Transform.Resize.class, null).steps().size());
    }
}
