package dev.qanvas.ui.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.quantum.StateVector;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The state views show exactly the numbers of the report they are given, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class StateViewsTest {

    private static final double TOL = 1e-9;
    private static final StateReport BELL = StateReport.of(Simulator.run(
            new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1))));

    private StatePanel panel;

    @Start
    void start(Stage stage) {
        panel = new StatePanel();
        stage.setScene(new Scene(panel, 900, 800));
        stage.show();
    }

    /** A 13-qubit state with 8192 different, unevenly spread amplitudes. */
    private static StateReport randomState(int n) {
        Random random = new Random(42);
        double[] re = new double[1 << n];
        double[] im = new double[1 << n];
        double norm = 0;
        for (int i = 0; i < re.length; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
            norm += re[i] * re[i] + im[i] * im[i];
        }
        for (int i = 0; i < re.length; i++) {
            re[i] /= Math.sqrt(norm);
            im[i] /= Math.sqrt(norm);
        }
        return StateReport.of(StateVector.of(re, im));
    }

    /** Every distinct hover text found on a grid of points over a view, in scan order (row by row). */
    private static Set<String> hoverTexts(FxRobot robot, StateCanvas view) {
        AtomicReference<Set<String>> texts = new AtomicReference<>();
        robot.interact(() -> {
            Set<String> found = new LinkedHashSet<>();
            for (double y = 0; y < view.getHeight(); y += 3) {
                for (double x = 0; x < view.getWidth(); x += 3) {
                    String text = view.hoverText(x, y);
                    if (text != null) {
                        found.add(text);
                    }
                }
            }
            texts.set(found);
        });
        return texts.get();
    }

    @Test
    void bellStateShowsItsProbabilitiesBlochVectorsAndEntanglement(FxRobot robot) {
        robot.interact(() -> panel.show(BELL));

        List<ProbabilityView.Bar> bars = panel.probabilityView().bars();
        assertEquals(List.of("00", "01", "10", "11"), bars.stream().map(ProbabilityView.Bar::label).toList(),
                "every basis state of 2 qubits gets a bar, empty ones included");
        assertArrayEquals(new double[] {0.5, 0, 0, 0.5},
                bars.stream().mapToDouble(ProbabilityView.Bar::probability).toArray(), TOL);

        for (double[] v : panel.blochView().vectors()) {
            assertArrayEquals(new double[] {0, 0, 0}, v, TOL, "each half of a Bell pair is maximally mixed");
        }

        EntanglementView e = panel.entanglementView();
        assertEquals(1, e.concurrence()[0][1], TOL);
        assertEquals(1, e.concurrence()[1][0], TOL);
        assertArrayEquals(new double[] {1, 1}, e.singleQubitEntropies(), TOL);
        assertEquals(1, e.halfCutEntropy(), TOL);
        assertEquals("q0 | q1", e.halfCut());
        assertEquals(1, e.meyerWallachQ(), TOL);

        assertArrayEquals(new int[] {0, 2, 1, 3}, panel.amplitudeView().shownStates(), "00, 01, 10, 11");
    }

    @Test
    void hoveringTellsTheValuesUnderThePointer(FxRobot robot) {
        robot.interact(() -> panel.show(BELL));

        assertEquals(List.of(
                "|00>  p = 0.5000  amplitude 0.707+0.000i",
                "|01>  p = 0.0000  amplitude 0.000+0.000i",
                "|10>  p = 0.0000  amplitude 0.000+0.000i",
                "|11>  p = 0.5000  amplitude 0.707+0.000i"),
                List.copyOf(hoverTexts(robot, panel.probabilityView())));
        assertEquals(List.of("Probabilities", "Bloch spheres"), panel.shownViews(), "two views at once, the others one pick away");
        assertTrue(hoverTexts(robot, panel.blochView()).contains("q0  maximally mixed: entangled with the rest, |r| = 0"));
        robot.interact(() -> panel.showView(false, "Amplitudes"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(hoverTexts(robot, panel.amplitudeView())
                .contains("|11>  |a| = 0.707  phase 0.0\u00b0  (0.707+0.000i)"));
        robot.interact(() -> panel.showView(false, "Entanglement"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(hoverTexts(robot, panel.entanglementView()).containsAll(Set.of(
                "C(q0,q1) = 1.00", "C(q1,q0) = 1.00", "S(q1 : rest) = 1.000 bits: maximally entangled")));
        robot.interact(() -> panel.showView(false, "Probabilities")); // the top's view: the two swap
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Entanglement", "Probabilities"), panel.shownViews());
        robot.interact(() -> panel.showView(true, "Probabilities"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Probabilities", "Entanglement"), panel.shownViews());

        // and with the real pointer: the overlay appears with the text of the bar under it
        ProbabilityView view = panel.probabilityView();
        Point2D lastBar = view.localToScreen(view.getWidth() - 30, view.getHeight() / 2);
        robot.moveTo(lastBar);
        Label overlay = (Label) view.lookup(".state-hover");
        assertTrue(overlay.isVisible());
        assertEquals("|11>  p = 0.5000  amplitude 0.707+0.000i", overlay.getText());
        robot.moveTo(view.localToScreen(view.getWidth() / 2, -40));
        assertFalse(overlay.isVisible(), "leaving the view hides the overlay");
    }

    @Test
    void largeStatesShowOnlyTheMostProbable(FxRobot robot) {
        StateReport report = randomState(13);
        robot.interact(() -> panel.show(report));

        List<ProbabilityView.Bar> bars = panel.probabilityView().bars();
        assertEquals(ProbabilityView.MAX_BARS, bars.size());
        String[] expected = Arrays.stream(report.topStates(ProbabilityView.MAX_BARS))
                .mapToObj(report::bitstring).sorted().toArray(String[]::new);
        assertArrayEquals(expected, bars.stream().map(ProbabilityView.Bar::label).toArray(),
                "the 32 most probable, in bitstring order");
        for (ProbabilityView.Bar bar : bars) {
            int index = Integer.parseInt(new StringBuilder(bar.label()).reverse().toString(), 2);
            assertEquals(report.probability(index), bar.probability(), TOL, bar.label());
        }
        int[] shownDisks = panel.amplitudeView().shownStates();
        assertEquals(AmplitudeView.MAX_DISKS, shownDisks.length);
        for (int i = 1; i < shownDisks.length; i++) {
            assertTrue(report.bitstring(shownDisks[i - 1]).compareTo(report.bitstring(shownDisks[i])) < 0,
                    "disks go in bitstring order");
        }
        assertEquals(13, panel.blochView().vectors().length);
        assertEquals(13, panel.entanglementView().concurrence().length);
        assertEquals(report.halfCutEntropy(), panel.entanglementView().halfCutEntropy(), TOL);
        assertTrue(report.halfCutEntropy() > 5, "a random state is close to maximally entangled across the cut");
    }

    @Test
    void anErrorGreysTheViewsUntilTheNextState(FxRobot robot) {
        robot.interact(() -> {
            panel.setCaption("State after column 3 of 5");
            panel.show(BELL);
            panel.showError("31 qubits need 32 GiB for the state vector");
        });
        Label error = robot.lookup(".state-error").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertEquals("31 qubits need 32 GiB for the state vector", error.getText());
        assertTrue(panel.probabilityView().isDisabled());
        assertEquals("State after column 3 of 5", robot.lookup(".state-caption").queryAs(Label.class).getText());

        StateReport ground = StateReport.of(Simulator.run(new Circuit(2)));
        robot.interact(() -> panel.show(ground));
        assertFalse(error.isVisible());
        assertFalse(panel.probabilityView().isDisabled());
        assertEquals(1, panel.probabilityView().bars().get(0).probability(), TOL);
        assertArrayEquals(new double[] {0, 0, 1}, panel.blochView().vectors()[1], TOL);
    }

    @Test
    void aMixedStateShowsItsDiagonalBlochVectorsInsideTheSphereAndNoAmplitudes(FxRobot robot) {
        double[] p = {0.4, 0.1, 0.1, 0.4};
        double[][] bloch = {{0.3, 0, 0}, {0, 0, 0.2}};
        StateReport mixed = StateReport.mixed(2, p, bloch, new double[] {0.9, 0.97});
        robot.interact(() -> {
            panel.probabilityView().setIdeal(new double[] {0.5, 0, 0, 0.5});
            panel.show(mixed);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, panel.probabilityView().bars().size());
        assertEquals(0.1, panel.probabilityView().bars().get(1).probability(), TOL);
        assertEquals(0.5, panel.probabilityView().idealOf(0), TOL);
        assertArrayEquals(bloch[0], panel.blochView().vectors()[0], TOL);
        assertTrue(mixed.isMixed());
        assertTrue(Double.isNaN(mixed.meyerWallachQ()), "no pure-state entanglement measure for a mixed state");
        robot.interact(() -> {
            panel.probabilityView().setIdeal(null);
            panel.show(BELL);
        });
        assertTrue(Double.isNaN(panel.probabilityView().idealOf(0)));
    }
}
