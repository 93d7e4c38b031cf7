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
}
