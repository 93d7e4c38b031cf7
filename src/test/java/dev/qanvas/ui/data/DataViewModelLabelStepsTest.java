package dev.qanvas.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.ClassImbalance;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.LabelNoise;
import dev.qanvas.data.RandomLabels;
import dev.qanvas.data.TransformChain;
import dev.qanvas.project.Project;
import dev.qanvas.ui.common.Immediate;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The Data workspace's label noise, long tail and random labels: undoable edits, shown with their effect. */
class DataViewModelLabelStepsTest {

    private static final Background.Runner AT_ONCE = new Background.Runner() {
        @Override
        public <T> void run(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            Immediate.deliver(work, onDone, onError);
        }
    };

    private static DataViewModel started(DocumentModel doc) {
        DataViewModel vm = new DataViewModel(doc, AT_ONCE, new DataViewModel.Feedback() {
            @Override
            public void status(String message) {
            }

            @Override
            public void error(String title, Throwable error) {
                throw new AssertionError(title, error);
            }
        });
        vm.listen(p -> { }, p -> { }, m -> { });
        vm.start();
        return vm;
    }

    @Test
    void labelNoiseIsAnUndoableStepShownWithTheLabelsItChanged() throws Exception {
        DocumentModel doc = new DocumentModel(Project.untitled().withDataset(new DatasetSpec.Bundled("digits-8x8")));
        DataViewModel vm = started(doc);
        assertEquals("", vm.shown().labelEffects());
        vm.labelNoise(20);
        TransformChain chain = doc.project().transforms();
        assertEquals(LabelNoise.symmetric(0.2, DataViewModel.LABEL_SEED), chain.find(LabelNoise.class).orElseThrow());
        assertEquals(20, DataViewModel.labelNoisePercent(chain));
        // the count, worked out apart: labels that differ between the data with and without the step
        int[] clean = Datasets.load(doc.project().dataset()).train().labels();
        int[] noisy = vm.shownDataset().train().labels();
        int changed = 0;
        for (int i = 0; i < clean.length; i++) {
            changed += clean[i] != noisy[i] ? 1 : 0;
        }
        assertEquals(Math.round(0.2 * clean.length), changed);
        assertEquals(String.format("Label noise: %,d of %,d training labels changed", changed, clean.length), vm.shown().labelEffects());
        assertTrue(DataViewModel.describe(chain).contains("Label noise 20% symmetric (seed 42)"), DataViewModel.describe(chain));
        doc.undo();
        assertTrue(doc.project().transforms().find(LabelNoise.class).isEmpty(), "one undoable edit");
        assertEquals("", vm.shown().labelEffects(), "the preview follows the undo");

        // asymmetric noise from the project file keeps its kind, pairs and seed when the rate is changed here
        LabelNoise pairs = LabelNoise.asymmetric(0.3, java.util.Map.of(3, 8), 7);
        doc.edit(doc.project().withTransforms(doc.project().transforms().with(LabelNoise.class, pairs)));
        vm.labelNoise(10);
        assertEquals(LabelNoise.asymmetric(0.1, java.util.Map.of(3, 8), 7), doc.project().transforms().find(LabelNoise.class).orElseThrow());
    }

    @Test
    void longTailShowsTheTrainingCountsPerClassAndRandomLabelsToggle() {
        DocumentModel doc = new DocumentModel(Project.untitled().withDataset(new DatasetSpec.Bundled("digits-8x8")));
        DataViewModel vm = started(doc);
        vm.longTail(10);
        ClassImbalance step = doc.project().transforms().find(ClassImbalance.class).orElseThrow();
        assertEquals(ClassImbalance.longTail(10, ClassImbalance.Profile.EXPONENTIAL, DataViewModel.LABEL_SEED), step);
        int[] counts = vm.shownDataset().train().classCounts(10);
        assertTrue(counts[0] > 5 * counts[9], java.util.Arrays.toString(counts));
        StringBuilder expected = new StringBuilder("Class imbalance keeps per class: ");
        for (int c = 0; c < 10; c++) {
            expected.append(c == 0 ? "" : ", ").append(String.format("%,d", counts[c]));
        }
        assertEquals(expected.toString(), vm.shown().labelEffects());
        assertEquals(10, DataViewModel.longTailRatio(doc.project().transforms()));
        vm.longTail(1);
        assertTrue(doc.project().transforms().find(ClassImbalance.class).isEmpty(), "ratio 1 drops the step");

        vm.randomLabels(true);
        assertEquals(new RandomLabels(DataViewModel.LABEL_SEED, false), doc.project().transforms().find(RandomLabels.class).orElseThrow());
        assertTrue(vm.shown().labelEffects().startsWith("Random labels: all"), vm.shown().labelEffects());
        vm.randomLabels(false);
        assertTrue(doc.project().transforms().find(RandomLabels.class).isEmpty());
    }
}
