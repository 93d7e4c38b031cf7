package dev.qanvas.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.project.KernelRun;
import dev.qanvas.project.KernelRunFiles;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inspect's kernel-run state without JavaFX: loading a run folder, the gallery, the support vectors shown, the diagnostics. */
class InspectKernelTest {

    @TempDir
    static Path dir;
    static Project project;
    static InspectKernel.Loaded loaded;

    @BeforeAll
    static void train() throws Exception {
        String json = "{\"formatVersion\": 2, \"name\": \"k\", \"description\": \"d\", \"dataset\": {\"kind\": \"bundled\", \"id\": \"digits-8x8\"},"
                + " \"transforms\": [{\"type\": \"classSubset\", \"classes\": [0, 1, 2]}], \"kernel\": {\"features\": \"pca\", \"components\": 2,"
                + " \"map\": \"z\", \"reps\": 1, \"trees\": 5, \"folds\": 2, \"trainPerClass\": 10, \"testPerClass\": 5}}";
        project = ProjectFiles.read("k.qanvas", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        KernelRun.Result r = KernelRun.run(project, null, dir.resolve("run"), line -> { });
        RunRecord record = KernelRun.record(project, r, "run-1", dir.resolve("run"));
        loaded = InspectKernel.load(record, new RunFolder(dir.resolve("run")), null);
    }

    @Test
    void aLoadedRunHasItsImagesClassesAndPredictions() throws Exception {
        assertTrue(loaded.hasImages(), loaded.dataProblem());
        Dataset data = PreparedData.load(project.dataset(), project.transforms()).data();
        assertEquals(data.classNames(), loaded.classNames());
        KernelRunFiles.Points p = loaded.saved().points();
        for (int t = 0; t < p.testIndex().length; t++) {
            assertEquals(data.test().label(p.testIndex()[t]), loaded.predictions().label(t));
            assertEquals(p.testPredicted()[t], loaded.predictions().predicted(t));
        }
        assertEquals(4, InspectKernel.diagnostics(loaded).size());
        assertTrue(InspectKernel.diagnostics(loaded).get(0).meaning().contains("mostly negative"), "three classes");
    }

    @Test
    void theGalleryShowsMistakesThenACell() {
        InspectKernel k = new InspectKernel();
        k.show(loaded);
        int wrong = (int) Math.round((1 - loaded.predictions().accuracy()) * 15);
        assertEquals(wrong, k.galleryProperty().get().size());
        assertTrue(k.galleryTitleProperty().get().startsWith("Misclassified test points (" + wrong + ")"));
        k.showCell(1, 1);
        assertEquals(loaded.predictions().confusion()[1][1], k.galleryProperty().get().size());
        k.clear();
        assertNull(k.loaded());
    }

    @Test
    void manySupportVectorsShareTheLimitAmongClasses() {
        int[] all = InspectKernel.supportVectorsByClass(loaded, 1000);
        assertEquals(loaded.saved().points().support().length, all.length);
        int[] few = InspectKernel.supportVectorsByClass(loaded, 6);
        int[] perClass = new int[3];
        for (int i : few) {
            perClass[loaded.saved().points().trainLabels()[i]]++;
        }
        assertArrayEquals(new int[] {2, 2, 2}, perClass, "an equal share each (every class has at least 2 support vectors here)");
        for (int k = 1; k < few.length; k++) {
            assertTrue(loaded.saved().points().trainLabels()[few[k - 1]] <= loaded.saved().points().trainLabels()[few[k]], "by class");
        }
    }

    @Test
    void dataThatNoLongerMatchesShowsNoImages() throws Exception {
        Dataset other = PreparedData.load(project.dataset(), project.withTransforms(new dev.qanvas.data.TransformChain(List.of(
                new dev.qanvas.data.Transform.ClassSubset(List.of(3, 4, 5))))).transforms()).data();
        String why = InspectKernel.mismatch(loaded.saved().points(), other);
        assertFalse(why.isEmpty());
        assertTrue(why.contains("no longer matches"), why);
    }
}
