package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.data.ImageSet;
import org.junit.jupiter.api.Test;

class CircuitInputsTest {

    @Test
    void fourFeaturesAreTheQuadrantMeansRowByRow() {
        float[] pixels = {
                1, 1, 0, 0,
                1, 1, 0, 0,
                0, 0, 0.5f, 0.5f,
                0, 0, 0.5f, 0.25f};
        ImageSet one = ImageSet.ofFloats(4, 4, 1, pixels, new int[] {0});
        assertArrayEquals(new double[] {1, 0, 0, 0.4375}, CircuitInputs.fromImage(one, 0, 4), 1e-6);
        assertArrayEquals(new double[] {1, 0, 0}, CircuitInputs.fromImage(one, 0, 3), 1e-6, "3 features still use the 2x2 grid");
    }

    @Test
    void gridSides() {
        assertEquals(1, CircuitInputs.gridSide(1));
        assertEquals(2, CircuitInputs.gridSide(4));
        assertEquals(3, CircuitInputs.gridSide(5));
        assertEquals(0, CircuitInputs.fromImage(ImageSet.ofFloats(1, 1, 1, new float[] {1}, new int[] {0}), 0, 0).length);
    }
}
