package dev.qanvas.ui.circuit;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.CircuitInputs;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.ui.common.Pixels;
import java.util.Arrays;
import java.util.List;
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
     * if null. {@code note}: why a model node's circuit is fed this way (the tooltip says so), or null.
     */
    static DatasetInputs of(Dataset images, float[] range, int imageIndex, int count, Optional<Quanvolution> quanvolution,
                            int[] chosenPatch, String note) {
        int index = Math.min(imageIndex, images.test().size() - 1);
        ImageSet test = images.test();
        int[] argb = Pixels.argb(test, index, range[0], range[1]);
        var quanv = quanvolution.filter(q -> q.kernel() * q.kernel() >= count && q.kernel() <= Math.min(test.width(), test.height()));
        double[] x;
        int side;
        String label;
        String tooltip;
        int[] box = null;
        if (quanv.isPresent()) {
            int k = quanv.get().kernel();
            int[] patch = chosenPatch != null ? chosenPatch : CircuitInputs.busiestPatch(test, index, k, quanv.get().stride());
            x = Arrays.copyOf(CircuitInputs.fromPatch(test, index, k, patch[0], patch[1]), count);
            side = k;
            tintPatch(argb, test.width(), patch, k);
            box = new int[] {patch[0], patch[1], k};
            label = "patch (" + patch[0] + ", " + patch[1] + ")";
            tooltip = "The " + k + "×" + k + " pixels (tinted) the quanvolution filter reads at row "
                    + patch[0] + ", column " + patch[1] + " of test image " + index + " (class "
                    + images.classNames().get(test.label(index)) + "), row by row into x[0.." + (count - 1)
                    + "]. Click the image to pick another patch." + (note == null ? "" : " " + note);
        } else {
            x = CircuitInputs.fromImage(test, index, count);
            side = CircuitInputs.gridSide(count);
            label = "class " + images.classNames().get(test.label(index)) + " · " + side + "×" + side
                    + " cells → x[0.." + (count - 1) + "]";
            tooltip = "Test image " + index + " shrunk by area averaging to " + side + "×" + side
                    + " cells, read row by row into x[0.." + (count - 1) + "]"
                    + "." + (note == null ? "" : " " + note);
        }
        float[] grid = new float[side * side];
        for (int k = 0; k < count; k++) {
            grid[k] = (float) x[k];
        }
        int[] gridArgb = Pixels.argb(ImageSet.ofFloats(side, side, 1, grid, new int[] {0}), 0, range[0], range[1]);
        // Larger for a patch, so the tinted pixels can be seen and clicked.
        return new DatasetInputs(x, new CircuitViewModel.InputImage(test.width(), test.height(), argb,
                quanv.isPresent() ? 84 : 56, side, gridArgb, label, tooltip, box));
    }

    /** The row of a quanvolution node's inputs for the chosen patch (top-left pixel {row, col}), or its busiest patch if null. */
    static int patchIndex(QuantumStates.Node node, int[] chosenPatch) {
        if (chosenPatch != null) {
            int r = Math.min(node.rows() - 1, Math.max(0, chosenPatch[0] / node.stride()));
            int c = Math.min(node.columns() - 1, Math.max(0, chosenPatch[1] / node.stride()));
            return node.patch(0, r, c);
        }
        return CircuitInputs.busiest(node.inputs()); // an edge of the digit, where the filter's state is most telling
    }

    /**
     * The weights of {@code shown} (the node's circuit, or the part of it up to the cursor) taken
     * by name from the model's {@code node}; a weight the model does not have keeps its initial value.
     */
    static double[] weightsFor(Circuit shown, QuantumStates.Node node) {
        double[] w = shown.initialWeights();
        List<String> names = shown.weightNames();
        List<String> known = node.circuit().weightNames();
        for (int j = 0; j < w.length; j++) {
            int at = known.indexOf(names.get(j));
            if (at >= 0 && at < node.weights().length) {
                w[j] = node.weights()[at];
            }
        }
        return w;
    }

    /** The picture of what model node {@code node} reads for test image {@code imageIndex}: state row {@code k}. */
    static CircuitViewModel.InputImage inModel(NodeProbe probe, QuantumStates.Node node, int imageIndex, int k) {
        Dataset data = probe.model().data();
        ImageSet test = data.test();
        int index = Math.max(0, Math.min(imageIndex, test.size() - 1));
        double[] x = node.inputsOf(k);
        int side = CircuitInputs.gridSide(x.length);
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        float[] grid = new float[side * side];
        for (int i = 0; i < x.length; i++) {
            grid[i] = (float) x[i];
            lo = Math.min(lo, grid[i]);
            hi = Math.max(hi, grid[i]);
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int[] gridArgb = Pixels.argb(ImageSet.ofFloats(side, side, 1, grid, new int[] {0}), 0, lo, hi);
        String className = data.classNames().get(test.label(index));
        String where = "Test image " + index + " of " + test.size() + " (class " + className + ", after the project's transforms), run "
                + "through the model with " + probe.weightsFrom();
        if (data.isVector()) {
            return new CircuitViewModel.InputImage(side, side, gridArgb, 56, side, gridArgb, "x[0.." + (x.length - 1) + "]",
                    where + ": the values reaching " + node.title() + ", read into x[0.." + (x.length - 1) + "].", null);
        }
        int[] argb = Pixels.argb(test, index, probe.range()[0], probe.range()[1]);
        int[] box = null;
        String label;
        String tooltip;
        if (node.isQuanvolution()) {
            int patch = k % (node.rows() * node.columns());
            int row = patch / node.columns() * node.stride();
            int col = patch % node.columns() * node.stride();
            // The outline matches pixels only when the quanvolution reads the image itself (it comes first).
            boolean readsImage = node.rows() == (test.height() - node.kernel()) / node.stride() + 1
                    && node.columns() == (test.width() - node.kernel()) / node.stride() + 1;
            if (readsImage) {
                box = new int[] {row, col, node.kernel()};
                tintPatch(argb, test.width(), new int[] {row, col}, node.kernel());
            }
            label = "patch (" + row + ", " + col + ")";
            tooltip = where + ": the " + node.kernel() + "×" + node.kernel() + " values " + node.title() + " reads at row " + row
                    + ", column " + col + (readsImage ? " (outlined)" : " of its input") + ", row by row into x[0.."
                    + (x.length - 1) + "]. Click the image to pick another patch.";
        } else {
            label = "x[0.." + (x.length - 1) + "] in the model";
            tooltip = where + " up to " + node.title() + ": the " + x.length + " values it receives from the layer before it, "
                    + "shown as a " + side + "×" + side + " grid (dark = smallest " + String.format(java.util.Locale.ROOT, "%.3g", lo)
                    + ", light = largest " + String.format(java.util.Locale.ROOT, "%.3g", hi) + ").";
        }
        return new CircuitViewModel.InputImage(test.width(), test.height(), argb, node.isQuanvolution() ? 112 : 84, side, gridArgb,
                label, tooltip, box);
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
