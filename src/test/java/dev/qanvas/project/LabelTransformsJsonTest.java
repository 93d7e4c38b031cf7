package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.ClassImbalance;
import dev.qanvas.data.LabelNoise;
import dev.qanvas.data.RandomLabels;
import dev.qanvas.data.TransformChain;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The label transforms are saved in the project file and read back equal; hostile values are refused with a place. */
class LabelTransformsJsonTest {

    @Test
    void everyLabelTransformRoundTripsThroughTheProjectFile() throws Exception {
        TransformChain chain = TransformChain.EMPTY
                .with(LabelNoise.class, LabelNoise.asymmetric(0.25, Map.of(3, 8, 1, 7), 5))
                .with(ClassImbalance.class, ClassImbalance.longTail(100, ClassImbalance.Profile.EXPONENTIAL, 9))
                .with(RandomLabels.class, new RandomLabels(2, true));
        Project p = Project.untitled().withTransforms(chain);
        String json = ProjectFiles.toJson(p);
        assertTrue(json.contains("\"type\" : \"labelNoise\""), json);
        assertEquals(chain, read(json).transforms());
        TransformChain other = TransformChain.EMPTY.with(LabelNoise.class, LabelNoise.symmetric(0.2, 1))
                .with(ClassImbalance.class, ClassImbalance.keeping(List.of(1.0, 0.5), 3));
        assertEquals(other, read(ProjectFiles.toJson(Project.untitled().withTransforms(other))).transforms());
    }

    @Test
    void hostileValuesAreRefusedWithAReadableMessage() {
        String base = ProjectFiles.toJson(Project.untitled());
        for (String[] bad : new String[][] {
                {"{ \"type\" : \"labelNoise\", \"kind\" : \"SYMMETRIC\", \"rate\" : 7, \"seed\" : 1 }", "rate must be a number from 0 to 1"},
                {"{ \"type\" : \"labelNoise\", \"kind\" : \"ASYMMETRIC\", \"rate\" : 0.1, \"pairs\" : { \"x\" : 1 }, \"seed\" : 1 }", "not a valid Qanvas project"},
                {"{ \"type\" : \"labelNoise\", \"kind\" : \"ASYMMETRIC\", \"rate\" : 0.1, \"pairs\" : { \"1\" : 999 }, \"seed\" : 1 }", "name classes 0.."},
                {"{ \"type\" : \"classImbalance\", \"keep\" : [ 0.5, -1 ], \"seed\" : 1 }", "keep fraction must be in (0, 1]"},
                {"{ \"type\" : \"classImbalance\", \"ratio\" : 1e300, \"profile\" : \"STEP\", \"seed\" : 1 }", "long-tail ratio"},
                {"{ \"type\" : \"classImbalance\", \"seed\" : 1 }", "not neither"}}) {
            String json = base.replaceFirst("\"transforms\" : \\[ \\]", "\"transforms\" : [ " + bad[0] + " ]");
            assertTrue(json.contains(bad[0]), "the test edits the transforms: " + base);
            ProjectFileException e = assertThrows(ProjectFileException.class, () -> read(json));
            assertTrue(e.getMessage().contains(bad[1]) && e.getMessage().startsWith("hostile"), e.getMessage());
        }
    }

    @Test
    void imbalanceRemediesAreTrainingSettingsAndOldFilesReadAsNone() throws Exception {
        dev.qanvas.nn.training.ImbalanceRemedy remedy = new dev.qanvas.nn.training.ImbalanceRemedy(
                dev.qanvas.nn.training.ImbalanceRemedy.Resampling.OVERSAMPLE, 0.5, true, true);
        Project p = Project.untitled().withTraining(dev.qanvas.nn.training.TrainingSettings.defaults().withImbalance(remedy));
        String json = ProjectFiles.toJson(p);
        assertEquals(remedy, read(json).training().imbalance());
        String old = json.replaceAll(",\\s*\"imbalance\"\\s*:\\s*\\{[^}]*\\}", "");
        assertTrue(!old.contains("imbalance"), old);
        assertEquals(dev.qanvas.nn.training.ImbalanceRemedy.none(), read(old).training().imbalance());
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> read(json.replace("\"level\" : 0.5", "\"level\" : 3")));
        assertTrue(e.getMessage().contains("resampling level must be in (0, 1]"), e.getMessage());
    }

    private static Project read(String json) throws ProjectFileException {
        return ProjectFiles.read("hostile", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
