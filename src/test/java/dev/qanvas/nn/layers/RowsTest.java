package dev.qanvas.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The bulk copy gives the same rows as ND4J's own element access, for views and other orders too. */
class RowsTest {

    @Test
    void rowsOfPlainViewAndFortranOrderArraysMatchElementAccess() {
        INDArray base = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}});
        INDArray[] cases = {base, base.transpose(), base.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3)), base.dup('f').castTo(DataType.DOUBLE),
                // the first rows: offset 0 and row-major strides, but a view into the longer buffer of base
                base.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2), org.nd4j.linalg.indexing.NDArrayIndex.all()),
                base.reshape(2, 6), base.castTo(DataType.DOUBLE)};
        for (INDArray a : cases) {
            double[][] rows = Rows.of(a, 0.5);
            for (int r = 0; r < a.rows(); r++) {
                double[] expected = new double[a.columns()];
                for (int c = 0; c < a.columns(); c++) {
                    expected[c] = a.getDouble(r, c) * 0.5;
                }
                assertArrayEquals(expected, rows[r], 0.0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Rows.of(Nd4j.zeros(2, 2, 2), 1));
    }

    @Test
    void matrixHoldsTheRowsInTheAskedType() {
        double[][] rows = {{0.1, -2.5, 3}, {4, 5.25, -6e-3}};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            INDArray m = Rows.matrix(rows, type);
            assertEquals(type, m.dataType());
            assertArrayEquals(new long[] {2, 3}, m.shape());
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    double expected = Nd4j.scalar(rows[r][c]).castTo(type).getDouble(0); // the value as that type rounds it
                    assertEquals(expected, m.getDouble(r, c), 0.0, type + " [" + r + "][" + c + "]");
                }
            }
        }
    }
}
