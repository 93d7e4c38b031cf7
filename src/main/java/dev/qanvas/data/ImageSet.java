package dev.qanvas.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of labelled images (or feature vectors) of one shape.
 *
 * <p>Pixels are stored either as unsigned bytes with a scale (what every bundled and IDX dataset
 * is: a quarter of the memory of floats, which matters for the 70,000 Fashion-MNIST images) or as
 * floats (synthetic data and anything a transform produced). Callers only ever see floats.
 * Pixel {@code p} of channel {@code c} at row {@code y}, column {@code x} is at index
 * {@code (y * width + x) * channels + c} of an image.
 */
public final class ImageSet {

    private final int count;
    private final int width;
    private final int height;
    private final int channels;
    private final byte[] bytes;   // unsigned, value = (b & 0xff) * byteScale; null when floats is used
    private final float byteScale;
    private final float[] floats; // null when bytes is used
    private final int[] labels;

    private ImageSet(int count, int width, int height, int channels,
                     byte[] bytes, float byteScale, float[] floats, int[] labels) {
        if (width <= 0 || height <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image shape must be positive: " + width + "x" + height + "x" + channels);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException(count + " images but " + labels.length + " labels");
        }
        // Exact: a shape whose size overflows is refused here instead of wrapping to a "matching" length.
        long features = Math.multiplyExact((long) width, Math.multiplyExact((long) height, channels));
        if (features > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image shape too large: " + width + "x" + height + "x" + channels);
        }
        long expected = Math.multiplyExact(count, features);
        long actual = bytes != null ? bytes.length : floats.length;
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + " values, got " + actual);
        }
        this.count = count;
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.bytes = bytes;
        this.byteScale = byteScale;
        this.floats = floats;
        this.labels = labels;
    }

    /** Images stored as unsigned bytes; value = byte * scale (e.g. 1/255). Arrays are not copied. */
    public static ImageSet ofBytes(int width, int height, int channels, byte[] pixels, float scale, int[] labels) {
        return new ImageSet(labels.length, width, height, channels, pixels, scale, null, labels);
    }

    /** Images stored as floats. Arrays are not copied. */
    public static ImageSet ofFloats(int width, int height, int channels, float[] pixels, int[] labels) {
        return new ImageSet(labels.length, width, height, channels, null, 0f, pixels, labels);
    }

    public int size() { return count; }
    public int width() { return width; }
    public int height() { return height; }
    public int channels() { return channels; }
    public int featureCount() { return width * height * channels; }

    public int label(int i) {
        Objects.checkIndex(i, count);
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Pixel value {@code p} (0 .. featureCount-1) of image {@code i}. */
    public float value(int i, int p) {
        int index = i * featureCount() + p;
        return bytes != null ? (bytes[index] & 0xff) * byteScale : floats[index];
    }

    /** Copies image {@code i} into {@code dst} starting at {@code offset}. */
    public void copyImage(int i, float[] dst, int offset) {
        Objects.checkIndex(i, count);
        int n = featureCount();
        int base = i * n;
        if (bytes != null) {
            for (int p = 0; p < n; p++) {
                dst[offset + p] = (bytes[base + p] & 0xff) * byteScale;
            }
        } else {
            System.arraycopy(floats, base, dst, offset, n);
        }
    }

    /** Image {@code i} as a new array. */
    public float[] image(int i) {
        float[] out = new float[featureCount()];
        copyImage(i, out, 0);
        return out;
    }

    /** All images as one flat array, image after image. */
    public float[] toFloatArray() {
        float[] out = new float[count * featureCount()];
        for (int i = 0; i < count; i++) {
            copyImage(i, out, i * featureCount());
        }
        return out;
    }

    /** The images at {@code indices}, in that order, with their labels. */
    public ImageSet select(int[] indices) {
        int n = featureCount();
        int[] newLabels = new int[indices.length];
        if (bytes != null) {
            byte[] out = new byte[indices.length * n];
            for (int k = 0; k < indices.length; k++) {
                System.arraycopy(bytes, indices[k] * n, out, k * n, n);
                newLabels[k] = labels[indices[k]];
            }
            return ofBytes(width, height, channels, out, byteScale, newLabels);
        }
        float[] out = new float[indices.length * n];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(floats, indices[k] * n, out, k * n, n);
            newLabels[k] = labels[indices[k]];
        }
        return ofFloats(width, height, channels, out, newLabels);
    }

    /** The same images with new labels (same length). */
    public ImageSet withLabels(int[] newLabels) {
        return new ImageSet(count, width, height, channels, bytes, byteScale, floats, newLabels);
    }

    /** How many images carry each label 0 .. classCount-1. */
    public int[] classCounts(int classCount) {
        int[] counts = new int[classCount];
        for (int label : labels) {
            if (label >= 0 && label < classCount) {
                counts[label]++;
            }
        }
        return counts;
    }

    /** Indices of the images labelled {@code label}, in order. */
    public int[] indicesOf(int label) {
        return java.util.stream.IntStream.range(0, count).filter(i -> labels[i] == label).toArray();
    }

    /** Mean and standard deviation of all pixel values: {mean, std}; {0, 0} when empty. */
    public double[] meanAndStd() {
        double sum = 0;
        double sumSq = 0;
        long n = (long) count * featureCount();
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < featureCount(); p++) {
                double v = value(i, p);
                sum += v;
                sumSq += v * v;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        return new double[] {mean, n == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / n - mean * mean))};
    }

    /** Smallest and largest pixel value over all images: {min, max}; {0, 0} when empty. */
    public float[] valueRange() {
        if (count == 0) {
            return new float[] {0f, 0f};
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        if (bytes != null) {
            int lo = 255;
            int hi = 0;
            for (byte b : bytes) {
                int v = b & 0xff;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return new float[] {lo * byteScale, hi * byteScale};
        }
        for (float v : floats) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new float[] {min, max};
    }

    @Override
    public String toString() {
        return "ImageSet[" + count + " x " + width + "x" + height + "x" + channels + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ImageSet other)) {
            return false;
        }
        return count == other.count && width == other.width && height == other.height
                && channels == other.channels && Arrays.equals(labels, other.labels)
                && Arrays.equals(toFloatArray(), other.toFloatArray());
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, width, height, channels, Arrays.hashCode(labels));
    }
}
