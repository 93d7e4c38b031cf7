package dev.qanvas.quantum.draw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CircuitLayoutTest {

    static Circuit bellAndMore() {
        return new Circuit(3,
                Operation.of(Gate.H, 0),                // column 0
                Operation.of(Gate.X, 2),                // column 0 (other wire)
                Operation.cnot(0, 1),                   // column 1
                Operation.of(Gate.RY, Math.PI / 4, 2),  // column 1 (wire 2 is free)
                Operation.cnot(0, 2),                   // column 2: spans wires 0..2
                Operation.of(Gate.Z, 1));               // column 3: wire 1 was crossed by the CNOT's line
    }

    @Test
    void operationsGoToTheFirstFreeColumnOfTheWiresTheySpan() {
        CircuitLayout l = CircuitLayout.of(bellAndMore());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 3}, l.columnOf());
        assertEquals(4, l.columns());
        assertEquals(List.of(2, 3), l.operationsIn(1));
        assertEquals(4, l.prefix(bellAndMore(), 1).size(), "the step cursor after column 1 sees four operations");
    }

    @Test
    void svgIsWellFormedAndDrawsEveryGate() throws Exception {
        String svg = CircuitSvg.render(bellAndMore());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(3 + 2 + 2 * 2, doc.getElementsByTagName("line").getLength(),
                "3 wires, 2 control lines, and the plus sign (2 strokes) of each of the 2 CNOT targets");
        assertEquals(1 + 4, doc.getElementsByTagName("rect").getLength(), "the background and the H, X, RY and Z boxes");
        assertEquals(2 + 2, doc.getElementsByTagName("circle").getLength(), "2 control dots and 2 CNOT target circles");
        assertTrue(svg.contains(">RY<") && svg.contains(">π/4<"), "rotation with its angle, labelled as on screen");
        assertTrue(svg.contains("<title>RY(pi/4)</title>"), "and the exact angle as the box's title");
        assertTrue(svg.contains(">q2<"));
    }

    /** Measurements and conditioned steps reach down to the classical wire c, so they span every wire below them. */
    @Test
    void stepsJoinedToTheClassicalWireSpanTheWiresBelowThemAndAreDrawn() throws Exception {
        Circuit c = new Circuit(3,
                Operation.measure(0, 0),                // column 0: q0 down to c
                Operation.of(Gate.H, 2),                // column 1: q2 was crossed by the measurement's double line
                Operation.reset(1),                     // column 1: no classical wire
                Operation.of(Gate.X, 1).when(1),        // column 2: after the reset, down to c
                Operation.postselect(0, 1));            // column 1: q0 is free after column 0
        CircuitLayout l = CircuitLayout.of(c);
        assertArrayEquals(new int[] {0, 1, 1, 2, 1}, l.columnOf());
        String svg = CircuitSvg.render(c);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(3 + 2 + 2 + 2, doc.getElementsByTagName("line").getLength(),
                "3 wires, the classical wire's 2 lines, and 2 double lines down to it");
        assertTrue(svg.contains(">c/1<"), "the classical wire, one bit");
        assertTrue(svg.contains(">c[0]<") && svg.contains(">reset<") && svg.contains(">post<") && svg.contains(">=1<"));
        assertTrue(svg.contains(">c==1<"), "the condition where its line meets c");
        assertTrue(CircuitSvg.render(bellAndMore()).indexOf(">c/") < 0, "no classical wire without classical bits");
    }
}
