package dev.qanvas.quantum;

/** How an angle's value is written: as a multiple of pi where exact, else the plain number. */
public final class AngleText {

    private AngleText() {
    }

    /** "pi/4", "-3*pi/2", "0" or the plain number; multiples of pi/k for k up to 16 are recognised. */
    public static String format(double value) {
        if (value == 0) {
            return "0";
        }
        for (int den = 1; den <= 16; den++) {
            double num = value * den / Math.PI;
            long rounded = Math.round(num);
            if (rounded != 0 && Math.abs(num - rounded) < 1e-12 * Math.max(1, Math.abs(num))) {
                String n = rounded == 1 ? "pi" : rounded == -1 ? "-pi" : rounded + "*pi";
                return den == 1 ? n : n + "/" + den;
            }
        }
        return Double.toString(value);
    }

    /**
     * A short form for small labels (a gate box): the multiple of pi when {@link #format} finds one
     * of at most 6 characters, else three significant digits ("0.951", "-3.13", "1.20e-05").
     */
    public static String brief(double value) {
        String exact = format(value);
        if (exact.contains("pi") && exact.length() <= 6 || exact.equals("0")) {
            return exact;
        }
        double a = Math.abs(value);
        if (a >= 1e-3 && a < 1e4) {
            String s = new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
            return s;
        }
        return String.format(java.util.Locale.ROOT, "%.2e", value);
    }
}
