package dev.qanvas.quantum;

import java.util.Locale;

/**
 * Checks made <i>before</i> allocating something large (a state vector, a batch of them, a
 * reduced density matrix), so that a request too large for this JVM fails at once with a message
 * saying what it would need, instead of thrashing the garbage collector or dying with an
 * {@link OutOfMemoryError} halfway through.
 *
 * <p>The check compares what is needed with the heap's <i>ceiling</i>,
 * {@link Runtime#maxMemory()} (the {@code -Xmx} setting), never with
 * {@link Runtime#freeMemory()}: free memory falls as garbage accumulates and only rises again at
 * the next collection, so a check against it refuses perfectly healthy requests at random (it
 * once stopped a 40-epoch run at epoch 7 with "about 9 MiB free"). Garbage never lowers the
 * ceiling, so this check cannot fail on a healthy heap. In exchange it cannot see live data: a
 * request that passes may still not fit beside everything else that is live, which is why at most
 * {@link #HEAP_FRACTION} of the ceiling is granted to one request, and the allocation sites turn a
 * remaining {@link OutOfMemoryError} into the same message.
 */
public final class Memory {

    /** One request may use at most this fraction of the heap's ceiling; the rest is for everything else. */
    public static final double HEAP_FRACTION = 0.75;

    private Memory() {
    }

    /** 16 bytes (two doubles) per amplitude: {@code states} state vectors of n qubits; Long.MAX_VALUE if that overflows. */
    public static long stateBytes(int n, long states) {
        if (n < 0 || n > 62 || states < 0) {
            throw new IllegalArgumentException("no state of " + n + " qubits x " + states);
        }
        return saturatedProduct(16, 1L << n, states);
    }

    /** a * b * c, or Long.MAX_VALUE when that does not fit in a long (all non-negative). */
    public static long saturatedProduct(long a, long b, long c) {
        try {
            return Math.multiplyExact(Math.multiplyExact(a, b), c);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** True when {@code bytes} is at most {@link #HEAP_FRACTION} of a heap whose ceiling is {@code maxMemory}. */
    static boolean fits(long bytes, long maxMemory) {
        return bytes >= 0 && bytes <= maxMemory * HEAP_FRACTION;
    }

    /**
     * Throws {@link IllegalArgumentException} when {@code bytes} for {@code what} (e.g. "the state
     * vector of 27 qubits") would take more than {@link #HEAP_FRACTION} of this JVM's maximum heap.
     * The message names the bytes needed, the ceiling, and an {@code -Xmx} that would do.
     */
    public static void requireHeap(long bytes, String what) {
        long max = Runtime.getRuntime().maxMemory();
        if (!fits(bytes, max)) {
            throw new IllegalArgumentException(tooLarge(bytes, what, max));
        }
    }

    /** The message of {@link #requireHeap}, also used when an allocation that passed it still runs out of memory. */
    public static String tooLarge(long bytes, String what) {
        return tooLarge(bytes, what, Runtime.getRuntime().maxMemory());
    }

    private static String tooLarge(long bytes, String what, long max) {
        String needed = bytes == Long.MAX_VALUE ? "more than 2^63 bytes"
                : text(bytes) + String.format(Locale.ROOT, " (%,d bytes)", bytes);
        String advice;
        double gib = bytes / HEAP_FRACTION / (1L << 30);
        if (gib <= 64 * 1024) {
            advice = "start Java with a larger heap, e.g. -Xmx" + (long) Math.ceil(gib) + "g, or ask for less";
        } else {
            advice = "no heap is that large: ask for less";
        }
        return String.format(Locale.ROOT, "%s needs %s, but this JVM's heap is limited to %s (-Xmx) and one request "
                + "may use at most %d%% of it: %s", what, needed, text(max), Math.round(HEAP_FRACTION * 100), advice);
    }

    /** "512 KiB", "64 MiB", "2.0 GiB". */
    public static String text(long bytes) {
        if (bytes >= 1L << 40) {
            return String.format(Locale.ROOT, "%.1f TiB", bytes / (double) (1L << 40));
        } else if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        } else if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
        } else if (bytes >= 1L << 10) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / (double) (1L << 10));
        }
        return bytes + " bytes";
    }
}
