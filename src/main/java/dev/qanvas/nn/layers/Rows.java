package dev.qanvas.nn.layers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A 2-D ND4J array as Java rows, the way the simulator takes its batches. */
final class Rows {

    private Rows() {
    }

    /**
     * The rows of a matrix as doubles, times {@code scale}. One bulk copy out of ND4J: its own
     * {@code toDoubleMatrix()} builds a view per row and took a fifth of the First lesson's
     * training time (measured with JFR, 2026-12-06).
     */
    static double[][] of(INDArray matrix, double scale) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, got shape " + java.util.Arrays.toString(matrix.shape()));
        }
        int rows = (int) matrix.size(0), cols = (int) matrix.size(1);
        double[] flat = matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = flat[r * cols + c] * scale;
            }
        }
        return out;
    }
}
