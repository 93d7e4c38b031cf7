package dev.qanvas.insight;

import dev.qanvas.data.ImageSet;
import dev.qanvas.data.Transform;

/**
 * How an image becomes the input features x[0..k-1] of a circuit in the Circuit workspace: the
 * image is shrunk by area averaging to the smallest square grid with at least k cells, and the
 * cells are read row by row (channels averaged). A student sees which coarse pixel drives which
 * rotation; a quantum layer inside a model gets its inputs from the layer before it instead.
 */
public final class CircuitInputs {

    private CircuitInputs() {}

    /** Side of the square grid that holds {@code count} features. */
    public static int gridSide(int count) {
        int side = 1;
        while (side * side < count) {
            side++;
        }
        return side;
    }

    /** Features of image {@code index} of {@code images}, in the images' value range (pixels: 0..1). */
    public static double[] fromImage(ImageSet images, int index, int count) {
        if (count == 0) {
            return new double[0];
        }
        int side = gridSide(count);
        ImageSet one = Transform.Resize.resize(images.select(new int[] {index}), side, side);
        float[] pixels = one.image(0);
        int channels = one.channels();
        double[] x = new double[count];
        for (int k = 0; k < count; k++) {
            double sum = 0;
            for (int ch = 0; ch < channels; ch++) {
                sum += pixels[k * channels + ch];
            }
            x[k] = sum / channels;
        }
        return x;
    }

    /**
     * The {@code kernel}×{@code kernel} patch whose top-left pixel is ({@code row}, {@code col}) of
     * image {@code index}, read row by row (channel 0), as a quanvolution filter sees it there.
     */
    public static double[] fromPatch(ImageSet images, int index, int kernel, int row, int col) {
        float[] pixels = images.image(index);
        int w = images.width();
        int channels = images.channels();
        double[] x = new double[kernel * kernel];
        for (int i = 0; i < kernel; i++) {
            for (int j = 0; j < kernel; j++) {
                x[i * kernel + j] = pixels[((row + i) * w + col + j) * channels];
            }
        }
        return x;
    }

    /**
     * The top-left corner {row, col} of the patch position (on the filter's stride grid) whose
     * pixels differ most (largest variance, then most ink): an edge of the digit, where the
     * filter's state is most telling, rather than a blank corner or a solid stroke.
     */
    public static int[] busiestPatch(ImageSet images, int index, int kernel, int stride) {
        java.util.List<int[]> positions = new java.util.ArrayList<>();
        java.util.List<double[]> patches = new java.util.ArrayList<>();
        for (int r = 0; r + kernel <= images.height(); r += stride) {
            for (int c = 0; c + kernel <= images.width(); c += stride) {
                positions.add(new int[] {r, c});
                patches.add(fromPatch(images, index, kernel, r, c));
            }
        }
        return positions.isEmpty() ? new int[] {0, 0} : positions.get(busiest(patches.toArray(double[][]::new)));
    }

    /** The index of the row whose values differ most (largest variance, then most ink); the first on a tie. */
    public static int busiest(double[][] rows) {
        int best = 0;
        double bestVariance = Double.NEGATIVE_INFINITY, bestInk = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < rows.length; k++) {
            double ink = 0, squares = 0;
            for (double v : rows[k]) {
                ink += Math.abs(v);
                squares += v * v;
            }
            double variance = squares / rows[k].length - (ink / rows[k].length) * (ink / rows[k].length);
            if (variance > bestVariance + 1e-12 || (Math.abs(variance - bestVariance) <= 1e-12 && ink > bestInk + 1e-12)) {
                bestVariance = variance;
                bestInk = ink;
                best = k;
            }
        }
        return best;
    }

    /** The patch position on the stride grid nearest to pixel (y, x). */
    public static int[] patchAt(ImageSet images, int kernel, int stride, double y, double x) {
        return patchAt(images.height(), images.width(), kernel, stride, y, x);
    }

    /** The patch position on the stride grid nearest to pixel (y, x) of a {@code height} x {@code width} image. */
    public static int[] patchAt(int height, int width, int kernel, int stride, double y, double x) {
        int maxR = Math.max(0, (height - kernel) / stride);
        int maxC = Math.max(0, (width - kernel) / stride);
        int r = (int) Math.max(0, Math.min(maxR, Math.floor((y - kernel / 2.0) / stride + 0.5)));
        int c = (int) Math.max(0, Math.min(maxC, Math.floor((x - kernel / 2.0) / stride + 0.5)));
        return new int[] {r * stride, c * stride};
    }
}
