package dev.qanvas.nn.graph;

import java.util.List;

/**
 * The inputs of the node a {@link LayerKind#infer shape rule} runs on: the node's label for messages
 * ("Conv2D c1"), the nodes feeding it and their shapes (at least one), and the checks and wording
 * the shape rules share.
 */
public record LayerInputs(String label, List<String> from, List<Shape> shapes) {

    public LayerInputs {
        from = List.copyOf(from);
        shapes = List.copyOf(shapes);
    }

    /** The shape of the first input. */
    public Shape x() {
        return shapes.get(0);
    }

    /** The node of the first input. */
    public String src() {
        return from.get(0);
    }

    public int count() {
        return shapes.size();
    }

    public LayerMismatch mismatch(String message) {
        return new LayerMismatch(message);
    }

    public void requireImage() throws LayerMismatch {
        if (x().isVector()) {
            throw mismatch(label + " needs an image; " + gives(src(), x()) + ": image layers go before Flatten and Dense");
        }
    }

    public void requireVector() throws LayerMismatch {
        if (x().isImage()) {
            throw mismatch(label + " needs a vector; " + gives(src(), x()) + ": put a Flatten before it");
        }
    }

    /** A square {@code k x k} window fits the image; {@code alternative} is more advice (" or SAME padding"). */
    public void requireKernelFits(int k, String alternative) throws LayerMismatch {
        Shape x = x();
        if (k > x.height() || k > x.width()) {
            throw mismatch(label + ": its " + k + "x" + k + " kernel is larger than the " + x.height() + "x" + x.width()
                    + " image (height x width) that " + src() + " gives: use a smaller kernel" + alternative);
        }
    }

    /** A dense layer of {@code units} on the input flattened: in * units weights and units biases. */
    public Inferred dense(int units) {
        return new Inferred(Shape.vector(units), Math.addExact(Math.multiplyExact((long) x().size(), units), units));
    }

    /** A VALID pooling window of {@code k x k} moved by {@code s}, per channel; no parameters. */
    public Inferred pool(int k, int s) throws LayerMismatch {
        requireImage();
        requireKernelFits(k, "");
        Shape x = x();
        return new Inferred(Shape.image(x.channels(), (x.height() - k) / s + 1, (x.width() - k) / s + 1), 0);
    }

    /** For a circuit that reads no input features. */
    public LayerMismatch noEncoding() {
        return mismatch(label + " encodes no input features (no angle of its circuit uses x[i]) but receives " + x().size()
                + ": start its circuit with an embedding of the inputs");
    }

    /** "d1 gives 64 features", "c1 gives an image of 8x26x26". */
    public static String gives(String src, Shape s) {
        return src + " gives " + (s.isVector() ? features(s.size()) : "an image of " + s);
    }

    public static String features(int n) {
        return n + (n == 1 ? " feature" : " features");
    }

    public static int ceilDiv(int a, int b) {
        return (a - 1) / b + 1; // a >= 1, and no overflow near Integer.MAX_VALUE
    }
}
