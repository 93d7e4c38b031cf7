package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.photonic.Component;
import dev.qanvas.photonic.OpticalAngle;
import dev.qanvas.photonic.PhotonicSetup;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A project keeps the Circuit workspace's photonic circuit and input state; files without one read and write as before. */
class PhotonicProjectTest {

    @Test
    void photonicCircuitRoundTripsThroughTheProjectFile() throws Exception {
        PhotonicSetup s = PhotonicSetup.hongOuMandel().withModeAdded()
                .inserted(1, new Component.PhaseShifter(2, new OpticalAngle.Weight("w0", 0.25)))
                .inserted(2, new Component.BeamSplitter(1, 2, new OpticalAngle.Input(0, Math.PI)));
        Project p = Project.untitled().withPhotonic(s);
        String json = ProjectFiles.toJson(p);
        Project back = ProjectFiles.read("p.qanvas", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(s, back.photonic());
        assertEquals(p, back);
    }

    @Test
    void aProjectWithoutOneWritesNoPhotonicKey() throws Exception {
        String json = ProjectFiles.toJson(Project.untitled());
        assertFalse(json.contains("photonic"), json);
        assertNull(ProjectFiles.read("p.qanvas", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).photonic());
    }

    @Test
    void aBadPhotonicCircuitIsALocatedError() {
        String json = ProjectFiles.toJson(Project.untitled()).trim();
        String bad = json.substring(0, json.length() - 1)
                + ", \"photonic\": {\"modes\": 2, \"input\": [1, 1], \"components\": [{\"type\": \"bs\", \"modes\": [0, 5], \"theta\": 1}]}}";
        String m = assertThrows(ProjectFileException.class,
                () -> ProjectFiles.read("p.qanvas", new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)))).getMessage();
        assertTrue(m.startsWith("p.qanvas") && m.contains("mode 5 is out of range"), m);
    }
}
