package dev.qanvas.ui.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.ui.sweeps.SweepsViewModel.PointRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The charts' data by hand: text parameters get one slot per value, absent values and unmeasured points are left out. */
class SweepPlotsTest {

    private static PointRow row(String id, String variant, Map<String, String> params, double accuracy) {
        return new PointRow(id, variant, Double.isNaN(accuracy) ? "failed" : "done", params,
                Double.isNaN(accuracy) ? Map.of() : Map.of("test_accuracy", accuracy), 1, "", null);
    }

    private final List<PointRow> rows = List.of(
            row("p1", "a", Map.of("optimizer", "SGD", "seed", "1"), 0.5),
            row("p2", "a", Map.of("optimizer", "ADAM", "seed", "2"), 0.9),
            row("p3", "b", Map.of("optimizer", "ADAM"), 0.7), // a variant without a seed grid
            row("p4", "b", Map.of("optimizer", "RMSPROP"), Double.NaN)); // failed

    @Test
    void aTextParameterHasASlotPerValueInSortedOrder() {
        SweepPlots.Scatter s = SweepPlots.scatter(rows, "optimizer", "test_accuracy");
        assertFalse(s.x().numeric());
        assertEquals(List.of("ADAM", "SGD"), s.x().categories(), "the failed point's RMSPROP has nothing to plot");
        assertEquals(List.of(new SweepPlots.Dot("p1", 1, 0.5), new SweepPlots.Dot("p2", 0, 0.9)), s.byVariant().get("a"));
        assertEquals(List.of(new SweepPlots.Dot("p3", 0, 0.7)), s.byVariant().get("b"));
        assertEquals("SGD", s.x().label(1));

        SweepPlots.Scatter bySeed = SweepPlots.scatter(rows, "seed", "test_accuracy");
        assertTrue(bySeed.x().numeric());
        assertEquals(List.of(), bySeed.byVariant().get("b"), "p3 has no seed: not placed");
    }

    @Test
    void parallelCoordinatesScaleEachAxisFromLowestToHighest() {
        SweepPlots.Parallel p = SweepPlots.parallel(rows, List.of("optimizer", "seed"), "test_accuracy");
        assertEquals(List.of("optimizer", "seed", "test_accuracy"), p.axes().stream().map(SweepPlots.Axis::name).toList());
        assertEquals(3, p.lines().size(), "the failed point has no line");
        double[] p1 = p.lines().get(0).scaled();
        assertEquals(1.0, p1[0], 0, "SGD is the last of ADAM, SGD");
        assertEquals(0.0, p1[1], 0, "seed 1 of 1..2");
        assertEquals(0.0, p1[2], 0, "0.5 is the lowest accuracy");
        double[] p3 = p.lines().get(2).scaled();
        assertTrue(Double.isNaN(p3[1]), "no seed: a gap in the line");
        assertEquals(0.5, p3[2], 1e-12, "0.7 is halfway from 0.5 to 0.9");
        assertEquals("0.9", SweepPlots.number(p.axes().get(2).max()));
    }

    @Test
    void numbersReadAsTheTableShowsThem() {
        assertEquals("3", SweepPlots.number(3.0));
        assertEquals("0.7167", SweepPlots.number(0.716666));
        assertEquals("1.235e-05", SweepPlots.number(0.000012345));
        assertEquals("", SweepPlots.number(Double.NaN));
    }
}
