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

    @Test
    void aQuanvolutionPatchIsReadRowByRowAndTheBusiestOneIsFound() {
        // A 4x4 image: an edge (0.9, 0.8 over 0.1, 0) at rows 2-3, columns 0-1; a solid block at
        // rows 0-1, columns 2-3 has more ink but no variation.
        float[] pixels = new float[16];
        pixels[8] = 0.9f;
        pixels[9] = 0.8f;
        pixels[12] = 0.1f;
        pixels[13] = 0f;
        for (int i : new int[] {2, 3, 6, 7}) {
            pixels[i] = 1f;
        }
        dev.qanvas.data.ImageSet image = dev.qanvas.data.ImageSet.ofFloats(4, 4, 1, pixels, new int[] {0});
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.9f, 0.8f, 0.1f, 0f},
                CircuitInputs.fromPatch(image, 0, 2, 2, 0), 1e-12);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 0}, CircuitInputs.busiestPatch(image, 0, 2, 2));
        // Clicking pixel (y 3.2, x 1.9) lands on that patch; clicks outside are clamped to the grid.
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 0}, CircuitInputs.patchAt(image, 2, 2, 3.2, 1.9));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 2}, CircuitInputs.patchAt(image, 2, 2, 40, 40));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 0}, CircuitInputs.patchAt(image, 2, 2, -3, 0.1));
    }
}
