package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.ImageSet;
import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.InputPipeline;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PreparedData} is the one place a project's dataset meets its transforms. Every former
 * copy computed {@code project.transforms().apply(Datasets.load(project.dataset()))} (training,
 * {@code evaluate}, the Train and Model workspaces' checks, the Data workspace's preview) or, for
 * Inspect, the raw dataset plus the chain: these tests compare what the entry point gives with
 * that old expression on sample projects, split by split, label by label, value by value.
 */
class PreparedDataTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"binary-mnist-quantum.qanvas", "creep-quantum-layer1.qanvas", "digits-8x8-zero-vs-one.qanvas",
            "fashion-mnist-14x14.qanvas", "bars-and-stripes.qanvas", "binary-hypercube-quantum.qanvas", "mnist-first-look.qanvas"})
    void aSampleGetsWhatTheOldCodePathGave(String sample) throws Exception {
        Project p = Samples.load(sample);
        Dataset before = p.transforms().apply(Datasets.load(p.dataset()));
        PreparedData prepared = PreparedData.load(p.dataset(), p.transforms());
        assertSame(Datasets.load(p.dataset()), prepared.raw(), "the raw dataset comes from the Datasets cache");
        assertEquals(p.transforms(), prepared.transforms());
        assertSameData(before, prepared.data());
    }

    @Test
    void trainingAndInspectionSeeTheSameData() throws Exception {
        Project p = TinyTrainingProject.project();
        Dataset before = p.transforms().apply(Datasets.load(p.dataset()));
        RunSession session = RunSession.prepare(p, p.training(), dir.resolve("run"), Map.of(), line -> { });
        assertSameData(before, session.data());

        NumericEngine.start();
        ComputationGraph net = GraphCompiler.compile(p.model(), p.training());
        InspectedModel inspected = new InspectedModel(net, PreparedData.load(p.dataset(), p.transforms()));
        assertSameData(before, inspected.data());
        assertSame(Datasets.load(p.dataset()), inspected.raw());
        // The drawn-digit pipeline is built from the same raw data and chain as before.
        InputPipeline old = InputPipeline.of(Datasets.load(p.dataset()), p.transforms());
        float[] raw = Datasets.load(p.dataset()).test().image(0);
        assertArrayEquals(old.apply(raw), inspected.pipeline().apply(raw));
    }

    private static void assertSameData(Dataset expected, Dataset actual) {
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.classNames(), actual.classNames());
        assertSameSplit(expected.train(), actual.train());
        assertSameSplit(expected.test(), actual.test());
    }

    private static void assertSameSplit(ImageSet expected, ImageSet actual) {
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.channels(), actual.channels());
        assertArrayEquals(expected.labels(), actual.labels());
        for (int i : new int[] {0, expected.size() / 2, expected.size() - 1}) {
            assertArrayEquals(expected.image(i), actual.image(i), "image " + i);
        }
    }
}
