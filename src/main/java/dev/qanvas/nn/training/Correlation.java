package dev.qanvas.nn.training;

/**
 * Pearson correlation, used for the readout of how a quantum layer's entanglement entropy moves
 * with the training loss over a run (the q-CNN study reports a negative correlation: the loss
 * falls as entanglement grows).
 */
public final class Correlation {

    /** Pearson r over {@code n} pairs; r is NaN when fewer than 3 pairs or one side is constant. */
    public record Result(double r, int n) {
        public boolean defined() {
            return Double.isFinite(r);
        }
    }

    private Correlation() {
    }

    /** Pearson r of the pairs (x[i], y[i]) where both are finite; other pairs are left out. */
    public static Result pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        int n = 0;
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
                mx += x[i];
                my += y[i];
            }
        }
        if (n < 3) {
            return new Result(Double.NaN, n);
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double dx = x[i] - mx, dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        // Relative threshold: a series constant up to round-off has no direction to correlate.
        if (sxx <= 1e-24 * Math.max(1, mx * mx) * n || syy <= 1e-24 * Math.max(1, my * my) * n) {
            return new Result(Double.NaN, n);
        }
        return new Result(Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), n);
    }
}
