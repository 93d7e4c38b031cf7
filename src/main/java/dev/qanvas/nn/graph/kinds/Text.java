package dev.qanvas.nn.graph.kinds;

import java.util.Locale;

/** Wording and checks the kinds share: node-box lines, descriptions, settings errors. */
final class Text {

    private Text() {
    }

    /** "1 param", "11,214 params". */
    static String count(long n, String noun) {
        String plural = noun.endsWith("s") ? noun + "es" : noun + "s";
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? noun : plural);
    }

    /** "leaky_relu" for LEAKY_RELU, as a layer's one-line description spells it. */
    static String lowerName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Throws the settings error a record's constructor gives for a count below 1. */
    static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, not " + value);
        }
    }

    /** "leaky relu" for LEAKY_RELU. */
    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
