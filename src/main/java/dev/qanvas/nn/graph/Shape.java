package dev.qanvas.nn.graph;

import dev.qanvas.nn.graph.kinds.Input;

/**
 * The shape of one example's tensor as it flows along an edge (the batch dimension is left out):
 * either a vector of {@code width} features, or an image of {@code channels x height x width}
 * (DL4J's NCHW order).
 *
 * <p>A vector is stored as {@code (1, 1, n)}. So a shape with one channel and height 1 <i>is</i> a
 * vector: an image one pixel high with a single channel cannot be told apart from a vector of its
 * pixels, and is treated as one (as {@link Input} does with {@code Input(1, 1, n)}).
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("every dimension of a shape is at least 1, not " + channels + "x" + height + "x" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a shape of " + channels + "x" + height + "x" + width + " is too large");
        }
    }

    /** A vector of {@code features} values. */
    public static Shape vector(int features) {
        return new Shape(1, 1, features);
    }

    /** An image of {@code channels x height x width}. */
    public static Shape image(int channels, int height, int width) {
        return new Shape(channels, height, width);
    }

    public boolean isVector() {
        return channels == 1 && height == 1;
    }

    public boolean isImage() {
        return !isVector();
    }

    /** Number of values: channels * height * width (the features of a vector). */
    public int size() {
        return channels * height * width;
    }

    /** This shape as a vector of {@link #size()} features (what a Flatten gives). */
    public Shape flattened() {
        return vector(size());
    }

    /** "784" for a vector, "1x28x28" (channels x height x width) for an image. */
    @Override
    public String toString() {
        return isVector() ? Integer.toString(width) : channels + "x" + height + "x" + width;
    }
}
