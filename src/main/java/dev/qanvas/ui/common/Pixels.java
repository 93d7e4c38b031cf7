package dev.qanvas.ui.common;

import dev.qanvas.data.ImageSet;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Turns dataset images into pictures: values mapped linearly from a display range to black..white. */
public final class Pixels {

    private Pixels() {
    }

    /** ARGB pixels of image {@code i}; may run off the UI thread. */
    public static int[] argb(ImageSet set, int i, float min, float max) {
        int w = set.width();
        int h = set.height();
        int c = set.channels();
        float[] values = set.image(i);
        float span = max - min;
        float scale = span > 1e-12f ? 255f / span : 0f;
        int[] out = new int[w * h];
        for (int p = 0; p < w * h; p++) {
            if (c >= 3) {
                int r = level(values[p * c], min, scale);
                int g = level(values[p * c + 1], min, scale);
                int b = level(values[p * c + 2], min, scale);
                out[p] = 0xff000000 | (r << 16) | (g << 8) | b;
            } else {
                int v = level(values[p * c], min, scale);
                out[p] = 0xff000000 | (v << 16) | (v << 8) | v;
            }
        }
        return out;
    }

    private static int level(float v, float min, float scale) {
        int level = Math.round((v - min) * scale);
        return Math.max(0, Math.min(255, level));
    }

    /**
     * Wraps ARGB pixels in an image enlarged by whole pixels to about {@code targetSize} on its
     * longer side; call on the UI thread. Enlarging here keeps pixels square and sharp:
     * {@code ImageView.setSmooth(false)} is not honoured by every rendering pipeline.
     */
    public static WritableImage image(int width, int height, int[] argb, int targetSize) {
        int factor = Math.max(1, targetSize / Math.max(width, height));
        int w = width * factor;
        int h = height * factor;
        int[] big = new int[w * h];
        for (int y = 0; y < h; y++) {
            int srcRow = (y / factor) * width;
            for (int x = 0; x < w; x++) {
                big[y * w + x] = argb[srcRow + x / factor];
            }
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), big, 0, w);
        return image;
    }
}
