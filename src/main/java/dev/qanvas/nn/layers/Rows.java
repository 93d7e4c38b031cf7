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
        // A plain row-major array (not a view into a larger one) is read straight from its buffer:
        // the cast and the copy of the general path were most of a quantum layer's own time per step.
        boolean plain = matrix.ordering() == 'c' && matrix.offset() == 0
                && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(matrix) && matrix.data().length() == matrix.length();
        double[] flat = plain ? matrix.data().asDouble() : matrix.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = flat[r * cols + c] * scale;
            }
        }
        return out;
    }

    /** Java rows as a new row-major ND4J matrix of {@code type}, made in one step (no cast of a double copy). */
    static INDArray matrix(double[][] rows, DataType type) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        long[] shape = {r, c};
        if (type == DataType.FLOAT) {
            float[] flat = new float[r * c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    flat[i * c + j] = (float) rows[i][j];
                }
            }
            return org.nd4j.linalg.factory.Nd4j.create(flat, shape, 'c');
        }
        double[] flat = new double[r * c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(rows[i], 0, flat, i * c, c);
        }
        INDArray out = org.nd4j.linalg.factory.Nd4j.create(flat, shape, 'c');
        return type == DataType.DOUBLE ? out : out.castTo(type);
    }
}
