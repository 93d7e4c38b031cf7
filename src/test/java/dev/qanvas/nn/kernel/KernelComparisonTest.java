package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelComparisonTest {

    @Test
    void theRbfGramMatrixScoresExactlyAsTheRbfBaselineAndAllBeatChanceOnXor() {
        FeatureSplit data = RandomForestTest.xor(150, 12).angles();
        double gamma = RbfSvm.scaleGamma(data.trainRows());
        KernelComparison.Settings settings = new KernelComparison.Settings(1, gamma, 30, 5, 42);
        List<CrossValidation.Report> reports = KernelComparison.run(data, Kernels.rbf(data.allRows(), gamma), settings);
        assertEquals(3, reports.size());
        assertEquals(reports.get(1).meanAccuracy(), reports.get(0).meanAccuracy());
        assertArrayEquals(reports.get(1).testPredictions(), reports.get(0).testPredictions());
        for (CrossValidation.Report r : reports) {
            assertTrue(r.meanAccuracy() > 0.8 && r.testAccuracy() > 0.8, r.learner() + ": " + r.summary());
        }
    }
}
