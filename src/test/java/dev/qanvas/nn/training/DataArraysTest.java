package dev.qanvas.nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DataArraysTest {

    @Test
    void shiftingMovesTheImageByWholePixelsAndFillsWithTheBackground() {
        // 200 copies of a 5x5 image: background 0.1, one bright pixel in the middle.
        int n = 200;
        float[] data = new float[n * 25];
        java.util.Arrays.fill(data, 0.1f);
        for (int k = 0; k < n; k++) {
            data[k * 25 + 12] = 1f;
        }
        INDArray x = Nd4j.create(data, new long[] {n, 1, 5, 5}, 'c');
        float[] out = DataArrays.shifted(x, 1, 7).data().asFloat();
        Set<Integer> positions = new HashSet<>();
        for (int k = 0; k < n; k++) {
            int bright = -1;
            for (int p = 0; p < 25; p++) {
                float v = out[k * 25 + p];
                if (v == 1f) {
                    bright = p;
                } else {
                    assertEquals(0.1f, v, "image " + k + " pixel " + p);
                }
            }
            int dy = bright / 5 - 2, dx = bright % 5 - 2;
            assertTrue(Math.abs(dx) <= 1 && Math.abs(dy) <= 1, "shift within 1 pixel: " + dx + "," + dy);
            positions.add(bright);
        }
        assertEquals(9, positions.size(), "all nine shifts occur");
        assertArrayEquals(out, DataArrays.shifted(x, 1, 7).data().asFloat(), "same seed, same shifts");
        assertArrayEquals(data, x.data().asFloat(), "the input is not changed");
    }
    @Test
    void batchesAreWhatDl4jsBatchByGivesAfterTheSameShuffle() {
        // The reference is DL4J's own DataSet.batchBy, on images (rank 4) with 37 rows: two full batches of 16 and one of 5.
        java.util.Random r = new java.util.Random(3);
        float[] pixels = new float[37 * 1 * 3 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat();
        }
        INDArray x = Nd4j.create(pixels, new long[] {37, 1, 3, 2}, 'c');
        INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 37, 3);
        for (int k = 0; k < 37; k++) {
            y.putScalar(k, r.nextInt(3), 1.0);
        }
        org.nd4j.linalg.dataset.DataSet all = new org.nd4j.linalg.dataset.DataSet(x, y);
        all.shuffle(11);
        java.util.List<org.nd4j.linalg.dataset.DataSet> ours = DataArrays.batches(all, 16);
        java.util.List<org.nd4j.linalg.dataset.DataSet> theirs = all.batchBy(16);
        assertEquals(3, ours.size());
        assertEquals(theirs.size(), ours.size());
        for (int b = 0; b < ours.size(); b++) {
            assertArrayEquals(theirs.get(b).getFeatures().shape(), ours.get(b).getFeatures().shape(), "batch " + b);
            assertArrayEquals(theirs.get(b).getFeatures().data().asFloat(), ours.get(b).getFeatures().dup('c').data().asFloat(), "batch " + b);
            assertArrayEquals(theirs.get(b).getLabels().data().asFloat(), ours.get(b).getLabels().dup('c').data().asFloat(), "batch " + b);
        }
        assertEquals(5, ours.get(2).numExamples());
    }
}
