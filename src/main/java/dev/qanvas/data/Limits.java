package dev.qanvas.data;

import java.util.Locale;

/**
 * The size limits the data readers enforce <em>before</em> they allocate anything, and the
 * helpers that word their messages. Every size computed from a file goes through exact
 * ({@code long}, {@link Math#multiplyExact}) arithmetic and is compared with these limits first.
 * See docs/security.md.
 */
public final class Limits {

    /**
     * Most bytes of pixel or label data one IDX file, or one image folder after resizing, may
     * produce: 1 GiB. Twice the largest common IDX file (EMNIST ByClass training images,
     * 697,932 x 28 x 28 = 547,178,688 bytes), 22 times full MNIST/Fashion-MNIST training images
     * (47,040,000), and safely below Java's largest array (2^31 - 9).
     */
    public static final long MAX_DATA_BYTES = 1L << 30;

    /**
     * Most pixels (width x height) one image file may declare in its header: 16,777,216, e.g.
     * 4096 x 4096. Checked from the header before any pixel is decoded; a decoded image of that
     * size takes 64 to 128 MiB.
     */
    public static final long MAX_IMAGE_PIXELS = 1L << 24;

    /** Most image files one image folder (all classes, train and test together) may hold. */
    public static final int MAX_IMAGES = 1_000_000;

    /** Most class folders an image folder may hold (labels are stored as unsigned bytes in IDX). */
    public static final int MAX_CLASSES = 255;

    private Limits() {
    }

    /**
     * How many bytes one dataset may take: half of the most the Java heap may grow to
     * ({@link Runtime#maxMemory()}), so the data, the copies the train/test split makes and the
     * rest of the application fit. Compared with the maximum, not the free memory, so it never
     * fails on a healthy heap just because garbage has not been collected yet.
     */
    public static long heapBudget() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** Throws a located error when {@code bytes} (for {@code what}) would not fit {@link #heapBudget()}. */
    static void requireMemory(String location, long bytes, String what) throws DatasetException {
        long budget = heapBudget();
        if (bytes > budget) {
            throw new DatasetException(location, what + " would need " + mib(bytes) + " of memory, but Qanvas keeps "
                    + "one dataset under " + mib(budget) + " (half of the " + mib(Runtime.getRuntime().maxMemory())
                    + " the Java heap may grow to; start it with a larger -Xmx to load this)");
        }
    }

    /** 1000000000 as "1,000,000,000". */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A byte count as "954 MiB" (or "12 KiB", "16 bytes" when small). */
    static String mib(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%,d KiB", Math.round(bytes / 1024.0));
        }
        return String.format(Locale.ROOT, "%,d MiB", Math.round(bytes / (1024.0 * 1024.0)));
    }

    /** "a x b x c" for a list of dimensions. */
    static String dims(int... dims) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < dims.length; d++) {
            s.append(d == 0 ? "" : " x ").append(count(dims[d]));
        }
        return s.toString();
    }

    /** An exception's message, or its kind when it has none (never "null"). */
    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
