package dev.qanvas.nn.kernel;

/**
 * Maps each feature linearly so that its training minimum and maximum land on {@code [low, high]}
 * (by default [0, pi]: quantum feature maps read features as rotation angles). Fitted on the
 * training split only; values of other points outside the training range are clipped to the
 * range, so an angle never wraps around. A feature constant on the training split maps to the
 * middle of the range.
 */
public final class RangeScaler {

    private final double[] min;
    private final double[] max;
    private final double low;
    private final double high;

    private RangeScaler(double[] min, double[] max, double low, double high) {
        this.min = min;
        this.max = max;
        this.low = low;
        this.high = high;
    }

    /** Fits to [0, pi]. */
    public static RangeScaler fitAngles(double[][] trainRows) {
        return fit(trainRows, 0, Math.PI);
    }

    public static RangeScaler fit(double[][] trainRows, double low, double high) {
        if (trainRows.length == 0) {
            throw new IllegalArgumentException("nothing to fit the scaler on");
        }
        if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("need a finite range low < high, not [" + low + ", " + high + "]");
        }
        int d = trainRows[0].length;
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : trainRows) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        return new RangeScaler(min, max, low, high);
    }

    public double[] transform(double[] row) {
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            double span = max[j] - min[j];
            double v = span > 0 ? low + (row[j] - min[j]) / span * (high - low) : (low + high) / 2;
            out[j] = Math.max(low, Math.min(high, v));
        }
        return out;
    }

    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform(rows[i]);
        }
        return out;
    }
}
