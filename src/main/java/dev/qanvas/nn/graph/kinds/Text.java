package dev.qanvas.nn.graph.kinds;

import java.util.Locale;

/** Wording the kinds share for their node-box lines. */
final class Text {

    private Text() {
    }

    /** "1 param", "11,214 params". */
    static String count(long n, String noun) {
        String plural = noun.endsWith("s") ? noun + "es" : noun + "s";
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? noun : plural);
    }

    /** "leaky relu" for LEAKY_RELU. */
    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
