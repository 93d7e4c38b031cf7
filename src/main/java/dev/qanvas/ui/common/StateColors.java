package dev.qanvas.ui.common;

import java.util.Locale;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/** The palette, fonts and number formats shared by the state views, so they read as one family. */
final class StateColors {

    static final Color TEXT = Color.web("#2b2a3a");
    static final Color MUTED = Color.web("#6b6a7d");
    static final Color GRID = Color.web("#dddde6");
    static final Color OUTLINE = Color.web("#9a99ad");
    static final Color TRACK = Color.web("#ededf3");
    /** Grey without the blue cast of the heat scale, for cells that hold no value. */
    static final Color NEUTRAL = Color.web("#e6e6e6");
    /** The app's accent (qanvas.css -qanvas-accent). */
    static final Color ACCENT = Color.web("#4b3fd6");
    static final Color HIGHLIGHT = Color.web("#e8a33d");

    static final Font LABEL = Font.font(12);
    static final Font BOLD = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 12);

    /** Deep end of the heat scale: one hue with falling lightness stays readable for colour-blind eyes and in grey. */
    private static final Color HEAT_MAX = Color.web("#2a1f8f");

    private StateColors() {
    }

    /**
     * Colour of a complex phase in radians, going once round the hue wheel: red at 0, yellow-green
     * at 90°, cyan at 180°, violet at 270° (as Quirk). Views always show the angle as well, so
     * the colour is a second cue, never the only one.
     */
    static Color phase(double radians) {
        double degrees = Math.toDegrees(radians) % 360;
        return Color.hsb(degrees < 0 ? degrees + 360 : degrees, 0.8, 0.88);
    }

    /** Heat-map colour of a value in 0..1: white to deep indigo. */
    static Color heat(double value) {
        return Color.WHITE.interpolate(HEAT_MAX, Math.max(0, Math.min(1, value)));
    }

    /** Text colour that stays readable on {@link #heat} of the value. */
    static Color onHeat(double value) {
        return value > 0.5 ? Color.WHITE : TEXT;
    }

    /** A number with the given decimals, never "-0.00" for round-off around zero. */
    static String number(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    /** A complex amplitude as "0.354+0.354i". */
    static String complex(double re, double im) {
        String imaginary = number(im, 3);
        return number(re, 3) + (imaginary.startsWith("-") ? "" : "+") + imaginary + "i";
    }

    /** Phase of an amplitude in degrees, 0 to below 360. */
    static double phaseDegrees(double re, double im) {
        double degrees = Math.toDegrees(Math.atan2(im, re));
        if (degrees >= 0) {
            return degrees;
        }
        return degrees < -1e-9 ? degrees + 360 : 0; // round-off just below zero is zero, not 360
    }
}
