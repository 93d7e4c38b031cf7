package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A constant made from a number prints its text only when asked, and still compares as the record it was. */
class AngleConstantTest {

    @Test
    void aConstantFromANumberHasTheTextItWouldHaveBeenGiven() {
        for (double v : new double[] {0, Math.PI / 2, -Math.PI, 3 * Math.PI / 4, 0.123456789, -2.5e-7}) {
            Angle.Constant lazy = new Angle.Constant(v);
            Angle.Constant given = new Angle.Constant(v, AngleText.format(v));
            assertEquals(given, lazy);
            assertEquals(lazy, given);
            assertEquals(given.hashCode(), lazy.hashCode());
            assertEquals(given.text(), lazy.text());
            assertEquals(v, lazy.value(), 0);
        }
        assertEquals("pi/2", new Angle.Constant(Math.PI / 2).text());
        assertEquals("0.5", new Angle.Constant(0.5).text());
    }

    @Test
    void theUsersTextStillCountsInEquality() {
        assertNotEquals(new Angle.Constant(0.5), new Angle.Constant(0.5, "1/2"));
        assertNotEquals(new Angle.Constant(0.5), new Angle.Constant(0.25));
        assertEquals(new Angle.Constant(0.5, "1/2"), new Angle.Constant(0.5, "1/2"));
    }

    @Test
    void aNonFiniteAngleIsRefusedEitherWay() {
        assertThrows(IllegalArgumentException.class, () -> new Angle.Constant(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Angle.Constant(Double.POSITIVE_INFINITY, "inf"));
        assertThrows(NullPointerException.class, () -> new Angle.Constant(1, null));
    }

    @Test
    void anOperationRefusesAQubitUsedTwiceBelowAndAbove64() {
        assertThrows(IllegalArgumentException.class, () -> new Operation(Gate.X, List.of(3), List.of(3), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Operation(Gate.X, List.of(70), List.of(70), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Operation(Gate.X, List.of(-1), List.of(2), List.of()));
        Operation ok = new Operation(Gate.X, List.of(70), List.of(6), List.of());
        assertTrue(ok.qubits().contains(70));
    }
}
