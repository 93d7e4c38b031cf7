package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The angle editor driven by keyboard and mouse, headless: what it commits and previews. */
@ExtendWith(ApplicationExtension.class)
class AnglePanelTest {

    private static final Operation RY = Operation.of(Gate.RY, new Angle.Constant(Math.PI / 2, "pi/2"), 1);

    private AnglePanel panel;
    private final List<Map.Entry<Integer, Angle>> commits = new ArrayList<>();
    private final List<Angle> previews = new ArrayList<>();

    @Start
    void start(Stage stage) {
        panel = new AnglePanel();
        panel.setOnCommit((i, a) -> commits.add(Map.entry(i, a)));
        panel.setOnPreview((i, a) -> previews.add(a));
        Button elsewhere = new Button("elsewhere");
        elsewhere.setId("elsewhere");
        stage.setScene(new Scene(new VBox(panel, elsewhere), 220, 600));
        stage.show();
    }

    private void edit(FxRobot robot, Operation op, Circuit circuit) {
        robot.interact(() -> panel.edit(op, circuit));
    }

    /** Clicks a text field, selects what it holds and types {@code text} over it. */
    private void retype(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
    }

    /** Whether the node and all its ancestors are visible. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private Angle lastCommit(int index) {
        Map.Entry<Integer, Angle> last = commits.get(commits.size() - 1);
        assertEquals(index, last.getKey());
        return last.getValue();
    }

    @Test
    void typingAnExpressionCommitsAConstant(FxRobot robot) {
        edit(robot, RY, new Circuit(2, RY));
        assertTrue(panel.isVisible());
        assertEquals("pi/2", robot.lookup("#angle-text-0").queryAs(TextField.class).getText());
        retype(robot, "#angle-text-0", "pi/3");
        robot.type(KeyCode.ENTER);
        assertEquals(List.of(Map.entry(0, new Angle.Constant(Math.PI / 3, "pi/3"))), commits);
        assertEquals(Math.PI / 3, robot.lookup("#angle-slider-0").queryAs(Slider.class).getValue(), 1e-12);

        retype(robot, "#angle-text-0", "-pi/4*2");
        robot.clickOn("#elsewhere");
        assertEquals(new Angle.Constant(-Math.PI / 2, "-pi/4*2"), lastCommit(0), "focus lost commits, keeping the text");
        assertEquals(2, commits.size());
    }

    @Test
    void anInvalidExpressionShowsAnErrorAndCommitsNothing(FxRobot robot) {
        edit(robot, RY, new Circuit(2, RY));
        retype(robot, "#angle-text-0", "pi/");
        robot.type(KeyCode.ENTER);
        Label error = robot.lookup("#angle-error-0").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().contains("expected a number"), error.getText());
        assertEquals("pi/", robot.lookup("#angle-text-0").queryAs(TextField.class).getText(), "the field keeps the text");
        assertEquals(List.of(), commits);

        robot.write("4");
        assertFalse(error.isVisible(), "the error clears once the text is fixed");
        robot.type(KeyCode.ENTER);
        assertEquals(new Angle.Constant(Math.PI / 4, "pi/4"), lastCommit(0));
    }

    @Test
    void switchingToInputCommitsFeatureAndScale(FxRobot robot) {
        edit(robot, RY, new Circuit(2, RY));
        robot.clickOn("#angle-mode-0-input");
        assertEquals(new Angle.Input(1, 1.0), lastCommit(0), "feature i on wire i to start with");
        assertFalse(shown(robot.lookup("#angle-text-0").query()), "constant fields hidden");
        assertTrue(shown(robot.lookup("#angle-input-scale-0").query()));

        retype(robot, "#angle-input-index-0 .text-field", "2");
        robot.type(KeyCode.ENTER);
        assertEquals(new Angle.Input(2, 1.0), lastCommit(0));
        retype(robot, "#angle-input-scale-0", "pi");
        robot.type(KeyCode.ENTER);
        assertEquals(new Angle.Input(2, Math.PI), lastCommit(0));
        assertEquals("= pi*x[2], set by each input", robot.lookup("#angle-summary-0").queryAs(Label.class).getText());

        robot.clickOn("#angle-mode-0-constant");
        assertEquals(new Angle.Constant(Math.PI / 2, "pi/2"), lastCommit(0), "back to the constant it had");
    }

    @Test
    void aFeatureMapsProductAngleShowsAndEditsItsIndicesAndScale(FxRobot robot) {
        // the ZZ feature map's term on wires (0, 1): P(2 (pi - x[0])(pi - x[1])) on wire 1
        Operation zz = Operation.of(Gate.P, new Angle.Product(List.of(0, 1), 2.0), 1);
        edit(robot, zz, new Circuit(2, zz));
        assertTrue(robot.lookup("#angle-mode-0-product").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertEquals("0, 1", robot.lookup("#angle-product-indices-0").queryAs(TextField.class).getText());
        assertEquals("2", robot.lookup("#angle-product-scale-0").queryAs(TextField.class).getText());
        assertFalse(shown(robot.lookup("#angle-input-scale-0").query()), "not shown as a one-feature input");
        String summary = robot.lookup("#angle-summary-0").queryAs(Label.class).getText();
        assertTrue(summary.contains("x[0]") && summary.contains("x[1]"), summary);

        retype(robot, "#angle-product-scale-0", "1.5");
        robot.type(KeyCode.ENTER);
        assertEquals(new Angle.Product(List.of(0, 1), 1.5), lastCommit(0));
        retype(robot, "#angle-product-indices-0", "0, 2 3");
        robot.type(KeyCode.ENTER);
        assertEquals(new Angle.Product(List.of(0, 2, 3), 1.5), lastCommit(0));

        // one index is not a product: an error, nothing committed
        int before = commits.size();
        retype(robot, "#angle-product-indices-0", "4");
        robot.type(KeyCode.ENTER);
        assertEquals(before, commits.size());
        String error = robot.lookup("#angle-error-0").queryAs(Label.class).getText();
        assertTrue(error.contains("at least two"), error);
        retype(robot, "#angle-product-indices-0", "0, x");
        robot.type(KeyCode.ENTER);
        assertEquals(before, commits.size());
        assertTrue(robot.lookup("#angle-error-0").queryAs(Label.class).getText().contains("'x' is not one"));
    }

    @Test
    void switchingToProductStartsWithTheGatesWires(FxRobot robot) {
        edit(robot, RY, new Circuit(3, RY));
        robot.clickOn("#angle-mode-0-product");
        assertEquals(new Angle.Product(List.of(1, 2), 2.0), lastCommit(0), "features 1 and 2 for a gate on wire 1, scale 2");
        robot.clickOn("#angle-mode-0-constant");
        assertEquals(new Angle.Constant(Math.PI / 2, "pi/2"), lastCommit(0));
    }

    @Test
    void switchingToWeightSuggestsAFreshName(FxRobot robot) {
        Operation other = Operation.of(Gate.RX, new Angle.Weight("w0", 0.1), 0);
        edit(robot, RY, new Circuit(2, other, RY));
        robot.clickOn("#angle-mode-0-weight");
        assertEquals(new Angle.Weight("w1", Math.PI / 2), lastCommit(0), "w0 is taken; starts at the constant's value");

        retype(robot, "#angle-weight-name-0", "9lives");
        robot.type(KeyCode.ENTER);
        assertTrue(robot.lookup("#angle-error-0").query().isVisible());
        assertEquals("9lives", robot.lookup("#angle-weight-name-0").queryAs(TextField.class).getText());
        assertEquals(1, commits.size());
        retype(robot, "#angle-weight-name-0", "w0");
        robot.type(KeyCode.ENTER);
        assertEquals(new Angle.Weight("w0", Math.PI / 2), lastCommit(0));
        assertTrue(robot.lookup("#angle-summary-0").queryAs(Label.class).getText().contains("Other gates use w0"));
    }

    @Test
    void draggingTheSliderPreviewsSnappedAnglesAndCommitsOnRelease(FxRobot robot) {
        edit(robot, RY, new Circuit(2, RY));
        robot.drag("#angle-slider-0 .thumb").moveBy(25, 0).moveBy(25, 0);
        assertFalse(previews.isEmpty());
        assertEquals(List.of(), commits, "nothing committed while dragging");
        for (Angle a : previews) {
            double steps = ((Angle.Constant) a).value() / (Math.PI / 12);
            assertEquals(Math.round(steps), steps, 1e-9, "snapped to pi/12: " + a);
        }
        robot.drop();
        Angle.Constant last = (Angle.Constant) previews.get(previews.size() - 1);
        assertEquals(List.of(Map.entry(0, last)), commits, "one commit, on release, of the last preview");
        assertTrue(last.value() > Math.PI / 2, "dragged right: " + last);
        assertEquals(last.text(), robot.lookup("#angle-text-0").queryAs(TextField.class).getText());
    }

    @Test
    void showsOneEditorPerAngleAndHidesForFixedGates(FxRobot robot) {
        Operation u = Operation.of(Gate.U3, List.of(new Angle.Constant(1), new Angle.Weight("a", 0), new Angle.Input(3)), 0);
        edit(robot, u, new Circuit(1, u));
        assertEquals("theta", robot.lookup("#angle-label-0").queryAs(Label.class).getText());
        assertEquals("phi", robot.lookup("#angle-label-1").queryAs(Label.class).getText());
        assertEquals("lambda", robot.lookup("#angle-label-2").queryAs(Label.class).getText());
        assertEquals("a", robot.lookup("#angle-weight-name-1").queryAs(TextField.class).getText());
        assertEquals("1", robot.lookup("#angle-input-scale-2").queryAs(TextField.class).getText());
        assertEquals(3, robot.lookup("#angle-input-index-2").queryAs(Spinner.class).getValue());

        edit(robot, Operation.of(Gate.H, 0), Circuit.empty(1));
        assertFalse(panel.isVisible());
        assertFalse(panel.isManaged());
        edit(robot, null, Circuit.empty(1));
        assertFalse(panel.isVisible());
        assertEquals(List.of(), commits, "showing commits nothing");
    }
}
