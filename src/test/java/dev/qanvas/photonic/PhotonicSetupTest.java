package dev.qanvas.photonic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.photonic.FockProbabilities.Detector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The editor's document (edits, templates, the file format with input state) and the live report, against hand-worked cases. */
class PhotonicSetupTest {

    @Test
    void hongOuMandelReportShowsTheDipAgainstDistinguishablePhotons() {
        PhotonicReport r = PhotonicReport.of(PhotonicSetup.hongOuMandel(), Detector.PNR);
        assertEquals(List.of("2,0", "1,1", "0,2"), r.outcomes());
        // by hand: (|1,1> -> BS 50:50) = (i/sqrt2)(|2,0> + |0,2>); classical particles split 1/4, 1/2, 1/4
        assertArrayEquals(new double[] {0.5, 0, 0.5}, r.indistinguishable(), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, r.distinguishable(), 1e-12);
        assertArrayEquals(new double[] {1, 1}, r.occupations(), 1e-12);
        assertEquals(0.5, r.interference(), 1e-12);
        // threshold detectors: 2,0 and 0,2 both click as one mode
        PhotonicReport t = PhotonicReport.of(PhotonicSetup.hongOuMandel(), Detector.THRESHOLD);
        assertEquals(1.0, t.probability("1,0") + t.probability("0,1"), 1e-12);
        assertEquals(0.0, t.probability("1,1"), 1e-12);
        assertEquals(0.5, t.distinguishableProbability("1,1"), 1e-12);
        // the unitary of BS(pi/2): [[c, i s], [i s, c]] with c = s = 1/sqrt2
        assertEquals(Math.sqrt(0.5), r.unitary().re(0, 0), 1e-12);
        assertEquals(Math.sqrt(0.5), r.unitary().im(0, 1), 1e-12);
    }

    @Test
    void inputFeaturesAndWeightsSetTheAngles() {
        // PS(pi x0) between two 50:50 splitters is a Mach-Zehnder: one photon in mode 0 leaves mode 0 with cos^2(pi x0 / 2)... up to convention
        PhotonicCircuit mz = new PhotonicCircuit(2, List.of(
                new Component.BeamSplitter(0, 1, new OpticalAngle.Constant(Math.PI / 2)),
                new Component.PhaseShifter(0, new OpticalAngle.Input(0, Math.PI)),
                new Component.BeamSplitter(0, 1, new OpticalAngle.Weight("w0", Math.PI / 2))));
        for (double x : new double[] {0, 0.25, 0.5, 1}) {
            PhotonicReport r = PhotonicReport.of(mz, new double[] {x}, new double[] {Math.PI / 2}, new int[] {1, 0}, Detector.PNR);
            // amplitude to mode 0: (e^{i phi} c c) + (i s)(i s) = (e^{i phi} - 1)/2, so P = sin^2(phi/2)
            double phi = Math.PI * x;
            assertEquals(Math.pow(Math.sin(phi / 2), 2), r.probability("1,0"), 1e-12, "x = " + x);
        }
    }

    @Test
    void editsMakeNewSetups() {
        PhotonicSetup three = PhotonicSetup.hongOuMandel().withModeAdded().withInput(2, 1);
        assertArrayEquals(new int[] {1, 1, 1}, three.input());
        PhotonicSetup s = three.inserted(1, new Component.BeamSplitter(1, 2, new OpticalAngle.Constant(1.0)))
                .inserted(0, new Component.PhaseShifter(2, new OpticalAngle.Constant(0.5)));
        assertEquals(3, s.circuit().components().size());
        PhotonicSetup cut = s.withModeRemoved(1);
        // the BS on (1, 2) and the one on (0, 1) touch mode 1 and go; PS on mode 2 moves to mode 1
        assertEquals(List.of(new Component.PhaseShifter(1, new OpticalAngle.Constant(0.5))), cut.circuit().components());
        assertArrayEquals(new int[] {1, 1}, cut.input());
        PhotonicSetup w = s.withAngle(2, new OpticalAngle.Weight("a", 0.2));
        assertEquals(List.of("a"), w.circuit().weightNames());
        assertEquals(2, s.removed(0).circuit().components().size());
        assertThrows(IllegalArgumentException.class, () -> s.withInput(0, 11)); // 13 photons: the editor sends at most 12
    }

    @Test
    void templatesReproduceTheSameUnitary() {
        for (int m : new int[] {2, 3, 5}) {
            ComplexMatrix u = PhotonicSetup.Template.TRAINABLE_UNITARY.circuit(m, 7).unitary();
            assertEquals(m * m, PhotonicSetup.Template.TRAINABLE_UNITARY.circuit(m, 7).weightNames().size());
            assertTrue(PhotonicSetup.Template.CLEMENTS.circuit(m, 7).unitary().distance(u) < 1e-9);
            assertTrue(PhotonicSetup.Template.RECK.circuit(m, 7).unitary().distance(u) < 1e-9);
            assertEquals(0, PhotonicSetup.Template.RECK.circuit(m, 7).weightNames().size());
        }
    }

    @Test
    void fileRoundTripKeepsWeightsInputsAndTheInputState() {
        PhotonicCircuit c = new PhotonicCircuit(3, List.of(
                new Component.BeamSplitter(0, 2, new OpticalAngle.Constant(Math.PI / 3)),
                new Component.PhaseShifter(1, new OpticalAngle.Weight("w0", 0.1234567890123)),
                new Component.PhaseShifter(2, new OpticalAngle.Input(4, Math.PI))));
        PhotonicSetup s = new PhotonicSetup(c, new int[] {1, 0, 2});
        String json = PhotonicJson.write(c, s.input());
        assertEquals(s, PhotonicJson.parseSetup(json.getBytes(StandardCharsets.UTF_8), "s.json"));
        assertEquals(c, PhotonicJson.parse(PhotonicJson.write(c, null).getBytes(StandardCharsets.UTF_8), "c.json"));
        // the CLI's own files have no input state: it comes from --input
        String m = assertThrows(IllegalArgumentException.class,
                () -> PhotonicJson.parse(json.getBytes(StandardCharsets.UTF_8), "c.json")).getMessage();
        assertTrue(m.startsWith("c.json:1:") && m.contains("--input"), m);
        m = assertThrows(IllegalArgumentException.class, () -> PhotonicJson.parseSetup(
                "{\"modes\": 2, \"input\": [1, 1, 1], \"components\": []}".getBytes(StandardCharsets.UTF_8), "s.json")).getMessage();
        assertTrue(m.contains("3 counts but the circuit has 2 modes"), m);
        m = assertThrows(IllegalArgumentException.class, () -> PhotonicJson.parseSetup(
                "{\"modes\": 1, \"components\": [{\"type\": \"ps\", \"mode\": 0, \"phi\": {\"weight\": \"1x\"}}]}"
                        .getBytes(StandardCharsets.UTF_8), "s.json")).getMessage();
        assertTrue(m.startsWith("s.json:1:") && m.contains("weight name"), m);
    }
}
