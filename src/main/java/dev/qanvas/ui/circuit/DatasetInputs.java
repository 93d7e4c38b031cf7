package dev.qanvas.ui.circuit;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.CircuitInputs;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.ui.common.Pixels;
import java.util.Arrays;
import java.util.Optional;

/**
 * The inputs x a test image gives the circuit of the live view, and their picture: for a
 * quanvolution's circuit, one patch of the image (the pixels the filter reads there); otherwise
 * the image shrunk to a grid of x values. Pure computation, no JavaFX toolkit.
 *
 * @param x     the circuit's inputs x[0..count-1]
 * @param image what the views show of them
 */
record DatasetInputs(double[] x, CircuitViewModel.InputImage image) {

    /**
     * The inputs from test image {@code imageIndex} of {@code images} (pixel values in {@code range});
     * a quanvolution's circuit reads {@code chosenPatch} (top-left {row, col}), or the busiest patch
     * if null. {@code nodeTarget}: the circuit is a model node's (the tooltip says so).
     */
    static DatasetInputs of(Dataset images, float[] range, int imageIndex, int count, Optional<Quanvolution> quanvolution,
                            int[] chosenPatch, boolean nodeTarget) {
        int index = Math.min(imageIndex, images.test().size() - 1);
        ImageSet test = images.test();
        int[] argb = Pixels.argb(test, index, range[0], range[1]);
        var quanv = quanvolution.filter(q -> q.kernel() * q.kernel() >= count && q.kernel() <= Math.min(test.width(), test.height()));
        double[] x;
        int side;
        String label;
        String tooltip;
        if (quanv.isPresent()) {
            int k = quanv.get().kernel();
            int[] patch = chosenPatch != null ? chosenPatch : CircuitInputs.busiestPatch(test, index, k, quanv.get().stride());
            x = Arrays.copyOf(CircuitInputs.fromPatch(test, index, k, patch[0], patch[1]), count);
            side = k;
            tintPatch(argb, test.width(), patch, k);
            label = "patch (" + patch[0] + ", " + patch[1] + ")";
            tooltip = "The " + k + "×" + k + " pixels (tinted) the quanvolution filter reads at row "
                    + patch[0] + ", column " + patch[1] + " of test image " + index + " (class "
                    + images.classNames().get(test.label(index)) + "), row by row into x[0.." + (count - 1)
                    + "]. Click the image to pick another patch.";
        } else {
            x = CircuitInputs.fromImage(test, index, count);
            side = CircuitInputs.gridSide(count);
            label = "class " + images.classNames().get(test.label(index)) + " · " + side + "×" + side
                    + " cells → x[0.." + (count - 1) + "]";
            tooltip = "Test image " + index + " shrunk by area averaging to " + side + "×" + side
                    + " cells, read row by row into x[0.." + (count - 1) + "]"
                    + (nodeTarget ? ". Inside the model this layer reads the outputs of the layer "
                    + "before it; the Inspect workspace shows its state for a real input." : "");
        }
        float[] grid = new float[side * side];
        for (int k = 0; k < count; k++) {
            grid[k] = (float) x[k];
        }
        int[] gridArgb = Pixels.argb(ImageSet.ofFloats(side, side, 1, grid, new int[] {0}), 0, range[0], range[1]);
        // Larger for a patch, so the tinted pixels can be seen and clicked.
        return new DatasetInputs(x, new CircuitViewModel.InputImage(test.width(), test.height(), argb,
                quanv.isPresent() ? 84 : 56, side, gridArgb, label, tooltip));
    }

    /** Blends the patch's pixels with orange so the user sees where the inputs come from. */
    private static void tintPatch(int[] argb, int width, int[] patch, int k) {
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int p = (patch[0] + i) * width + patch[1] + j;
                int v = argb[p];
                int r = ((v >> 16) & 0xff) / 2 + 0x7f, g = ((v >> 8) & 0xff) / 2 + 0x40, b = (v & 0xff) / 2;
                argb[p] = 0xff000000 | r << 16 | g << 8 | b;
            }
        }
    }
}
