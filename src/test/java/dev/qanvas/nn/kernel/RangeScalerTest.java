package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class RangeScalerTest {

    @Test
    void trainingRangeMapsOntoTheAnglesAndOtherPointsAreClipped() {
        double[][] train = {{0, 10, 3}, {2, 30, 3}, {1, 20, 3}};
        RangeScaler scaler = RangeScaler.fitAngles(train);
        double pi = Math.PI;
        assertArrayEquals(new double[] {0, 0, pi / 2}, scaler.transform(train[0]), 1e-12);
        assertArrayEquals(new double[] {pi, pi, pi / 2}, scaler.transform(train[1]), 1e-12);
        assertArrayEquals(new double[] {pi / 2, pi / 2, pi / 2}, scaler.transform(train[2]), 1e-12);
        assertArrayEquals(new double[] {0, pi, pi / 2}, scaler.transform(new double[] {-5, 99, 7}), 1e-12);
    }

    @Test
    void anyRange() {
        RangeScaler scaler = RangeScaler.fit(new double[][] {{0}, {4}}, -1, 1);
        assertArrayEquals(new double[] {0}, scaler.transform(new double[] {2}), 1e-12);
    }
}
