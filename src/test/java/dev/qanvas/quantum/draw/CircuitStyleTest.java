package dev.qanvas.quantum.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.AngleText;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import org.junit.jupiter.api.Test;

/** Gate-box angle labels stay short (a quanvolution's random angles ran into each other); the tooltip keeps the full value. */
class CircuitStyleTest {

    @Test
    void plainNumbersGetThreeSignificantDigitsAndPiMultiplesStay() {
        assertEquals("0.951", AngleText.brief(0.9505312345678));
        assertEquals("3.13", AngleText.brief(3.1318012345));
        assertEquals("-0.0123", AngleText.brief(-0.012345678));
        assertEquals("pi/4", AngleText.brief(Math.PI / 4));
        assertEquals("0", AngleText.brief(0));
        assertEquals("1.23e-05", AngleText.brief(1.23456e-5));
    }

    @Test
    void aQuanvolutionsRandomAnglesFitTheBoxAndTheTooltipHasThemInFull() {
        for (double v : new double[] {0.9505312345678, 3.1318012345, 3.1077612345}) {
            Operation op = Operation.of(Gate.RY, new Angle.Constant(v, Double.toString(v)), 0);
            String label = CircuitStyle.angleText(op);
            assertTrue(label.length() <= 5 && !label.contains("…"), label);
            assertTrue(CircuitStyle.angleTooltip(op).contains(Double.toString(v)), CircuitStyle.angleTooltip(op));
        }
        Operation u3 = Operation.of(Gate.U3, java.util.List.of(new Angle.Constant(0.9505312345678, "0.9505312345678"),
                new Angle.Constant(3.1318012345, "3.1318012345"), new Angle.Constant(Math.PI / 2, "pi/2")), 0);
        assertEquals("0.951,…", CircuitStyle.angleText(u3));
        assertTrue(CircuitStyle.angleTooltip(u3).contains("3.1318012345") && CircuitStyle.angleTooltip(u3).contains("pi/2 = 1.57"),
                CircuitStyle.angleTooltip(u3));
        assertEquals("π/2", CircuitStyle.angleText(Operation.of(Gate.RX, new Angle.Constant(Math.PI / 2, "pi/2"), 0)));
    }
}
