package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.draw.CircuitStyle;
import dev.qanvas.quantum.draw.CircuitSvg;
import dev.qanvas.ui.shell.MainWindow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Exports show the circuit as on screen, without the editing marks, cropped to the circuit. */
@ExtendWith(ApplicationExtension.class)
class CircuitExportTest {

    private static final Circuit CIRCUIT = new Circuit(3, List.of(
            Operation.of(Gate.RY, new Angle.Input(0), 0),
            Operation.of(Gate.RY, new Angle.Weight("w0", 0.3), 1),
            Operation.of(Gate.H, 2),
            Operation.cnot(0, 1),
            Operation.of(Gate.RZ, 0.5, 2)));

    private CircuitEditor editor;

    @Start
    void start(Stage stage) {
        editor = new CircuitEditor();
        editor.setCircuit(CIRCUIT);
        Scene scene = new Scene(new StackPane(editor), 900, 400);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/qanvas/ui/qanvas.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void thePngHasTheScreenColoursNoCursorNoSelectionAndIsCroppedToTheCircuit() throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        Platform.runLater(() -> {
            editor.selectAll();
            editor.setCursor(2); // a cursor inside the circuit, as while stepping
            image.set(editor.exportImage());
        });
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage png = image.get();
        // Drawn at 2x: the circuit's columns (wires end half a column after the last) plus labels and margins.
        double columns = dev.qanvas.quantum.draw.CircuitLayout.of(CIRCUIT).columns();
        double expectedWidth = 2 * (CircuitEditor.LEFT + (columns + 0.5) * CircuitEditor.COLUMN - 10 + 2 * 12);
        assertEquals(expectedWidth, png.getWidth(), 0.1 * expectedWidth, "cropped to the circuit");
        assertTrue(png.getHeight() < 2 * (CircuitEditor.TOP + 3 * CircuitEditor.ROW + 24), "no empty space below");

        Set<Integer> colours = new HashSet<>();
        PixelReader pixels = png.getPixelReader();
        int white = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int argb = pixels.getArgb(x, y);
                colours.add(argb & 0xffffff);
                if ((argb & 0xffffff) == 0xffffff) {
                    white++;
                }
            }
        }
        assertTrue(colours.contains(rgb(CircuitStyle.Role.TRAINABLE.fill)), "trainable box in the screen's colour");
        assertTrue(colours.contains(rgb(CircuitStyle.Role.ENCODES_INPUT.fill)), "input box in the screen's colour");
        assertTrue(!colours.contains(0xd04a02), "no step cursor");
        assertTrue(!colours.contains(0x4b3fd6), "no selection outline");
        assertTrue(white < 0.85 * png.getWidth() * png.getHeight(), "not mostly white: " + white);
    }

    @Test
    void theSvgUsesTheSameColourTableAsTheScreen() {
        String svg = CircuitSvg.render(CIRCUIT);
        Set<String> allowed = new HashSet<>(Set.of(CircuitStyle.BACKGROUND, CircuitStyle.WIRE, CircuitStyle.INK,
                CircuitStyle.SYMBOL, CircuitStyle.LABEL));
        for (CircuitStyle.Role r : CircuitStyle.Role.values()) {
            allowed.add(r.fill);
            allowed.add(r.stroke);
        }
        Matcher m = Pattern.compile("#[0-9a-fA-F]{6}").matcher(svg);
        while (m.find()) {
            assertTrue(allowed.contains(m.group()), "colour " + m.group() + " is in the table");
        }
        assertTrue(svg.contains("fill=\"" + CircuitStyle.Role.TRAINABLE.fill + "\" stroke=\"" + CircuitStyle.Role.TRAINABLE.stroke + "\""));
        assertTrue(svg.contains("fill=\"" + CircuitStyle.Role.ENCODES_INPUT.fill + "\""));
        assertTrue(svg.contains("fill=\"" + CircuitStyle.Role.CONSTANT_ANGLE.fill + "\""));
        assertTrue(svg.contains("fill=\"" + CircuitStyle.Role.FIXED.fill + "\""));
    }

    private static int rgb(String hex) {
        Color c = Color.web(hex);
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }

    /** Quirk's lesson: each wire ends with its own readout of the state at the cursor. */
    @Test
    void eachWireEndsWithItsProbabilityOfOneAndItsEntanglement() throws Exception {
        Circuit bellAndOne = new Circuit(3, List.of(Operation.of(Gate.H, 0), Operation.cnot(0, 1), Operation.of(Gate.X, 2)));
        AtomicReference<List<String>> texts = new AtomicReference<>();
        Platform.runLater(() -> {
            editor.setCircuit(bellAndOne);
            editor.showReadouts(dev.qanvas.quantum.StateReport.of(dev.qanvas.quantum.Simulator.run(bellAndOne)));
            List<String> all = new java.util.ArrayList<>();
            for (int q = 0; q < 3; q++) {
                javafx.scene.Group g = (javafx.scene.Group) editor.lookup("#readout-" + q);
                for (javafx.scene.Node n : g.getChildren()) {
                    if (n instanceof javafx.scene.text.Text t) {
                        all.add(q + ": " + t.getText());
                    }
                }
            }
            texts.set(all);
            image.set(editor.exportImage());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("0: 0.50", "0: S 1.00", "0: P(1) · S bits", "1: 0.50", "1: S 1.00", "2: 1.00", "2: S 0.00"), texts.get());
    }

    private final AtomicReference<WritableImage> image = new AtomicReference<>();
}
