package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.kernel.CrossValidation;
import java.io.ByteArrayInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a kernel run saves for Inspect ({@link KernelRunFiles}), its heat map ({@link GramHeatMap}) and hostile run folders. */
class KernelRunFilesTest {

    /** Hypercube points in 3 dimensions used raw (no angles): the map reads the dataset's own numbers. */
    static Project tinyProject() throws ProjectFileException {
        String json = "{\"formatVersion\": 2, \"name\": \"k\", \"description\": \"d\", \"dataset\": {\"kind\": \"hypercube\","
                + " \"dimension\": 3, \"count\": 200, \"noise\": 0.1, \"seed\": 3}, \"transforms\": [], \"kernel\": {\"features\": \"pixels\","
                + " \"angles\": false, \"map\": \"z\", \"reps\": 1, \"trees\": 10, \"folds\": 3, \"trainPerClass\": 12, \"testPerClass\": 6}}";
        return ProjectFiles.read("k.qanvas", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSavedGramMatrixIsTheZMapKernelOfTheSavedPointsImages(@TempDir Path dir) throws Exception {
        Project p = tinyProject();
        List<int[]> gramCalls = new ArrayList<>();
        List<String> folds = new ArrayList<>();
        KernelRun.Result r = KernelRun.run(p, null, dir, new KernelRun.Listener() {
            @Override
            public void gram(int done, int rows) {
                gramCalls.add(new int[] {done, rows});
            }

            @Override
            public void fold(int learner, CrossValidation.Fold fold) {
                folds.add(learner + ":" + fold.fold());
            }
        });
        assertEquals(List.of("0:0", "0:1", "0:2", "1:0", "1:1", "1:2", "2:0", "2:1", "2:2"), folds, "each learner's folds as they finish");
        assertTrue(!gramCalls.isEmpty() && gramCalls.get(gramCalls.size() - 1)[0] == 36 && gramCalls.get(0)[1] == 36,
                "Gram rows done of 24 + 12 points, ending at all of them");

        KernelRunFiles.Saved saved = KernelRunFiles.read(new RunFolder(dir));
        assertEquals(24, saved.n());
        // Independent reference: the Z map with one rep is H then P(2 x_q) on each qubit, so
        // |<phi(x)|phi(y)>|^2 = prod_q cos^2(x_q - y_q); x is the raw point the saved index names.
        Dataset data = PreparedData.load(p.dataset(), p.transforms()).data();
        KernelRunFiles.Points points = saved.points();
        for (int i = 0; i < 24; i++) {
            float[] x = data.train().image(points.trainIndex()[i]);
            assertEquals(data.train().label(points.trainIndex()[i]), points.trainLabels()[i], "the saved label is the image's");
            for (int j = 0; j < 24; j++) {
                float[] y = data.train().image(points.trainIndex()[j]);
                double k = 1;
                for (int q = 0; q < 3; q++) {
                    k *= Math.pow(Math.cos(x[q] - y[q]), 2);
                }
                assertEquals(k, saved.gram(i, j), 1e-6, "K(" + i + ", " + j + ")");
            }
        }
        for (int t = 0; t < points.testIndex().length; t++) {
            assertEquals(data.test().label(points.testIndex()[t]), points.testLabels()[t]);
        }
        int right = 0;
        for (int t = 0; t < points.testIndex().length; t++) {
            right += points.testPredicted()[t] == points.testLabels()[t] ? 1 : 0;
        }
        assertEquals(r.testAccuracy(), right / (double) points.testIndex().length, 1e-12, "the saved predictions score the test accuracy");

        // The spectrum: its sum is the trace (24 ones), its squares' sum ||K||_F^2; the summary's numbers come back.
        double sum = 0;
        for (double v : saved.spectrum()) {
            sum += v;
        }
        assertEquals(24, sum, 1e-4);
        assertEquals(r.effectiveDimension(), saved.summary().effectiveDimension(), 1e-12);
        assertEquals(r.alignment(), saved.summary().alignment(), 1e-12);
        assertEquals(3, saved.summary().learners().size());
        assertEquals(r.reports().get(1).meanAccuracy(), saved.summary().learners().get(1).mean(), 1e-12);

        // Support vectors: an SVM trained on them alone has the same decision function, so it
        // predicts every test point as the saved predictions say (LIBSVM directly, on K from the formula).
        int[] sv = points.support();
        assertTrue(sv.length > 0 && sv.length <= 24);
        double[][] pool = new double[36][];
        for (int i = 0; i < 36; i++) {
            pool[i] = i < 24 ? toDouble(data.train().image(points.trainIndex()[i])) : toDouble(data.test().image(points.testIndex()[i - 24]));
        }
        svm_problem prob = new svm_problem();
        prob.l = sv.length;
        prob.x = new svm_node[sv.length][];
        prob.y = new double[sv.length];
        for (int a = 0; a < sv.length; a++) {
            prob.x[a] = kernelRow(pool, pool[sv[a]], sv, a + 1);
            prob.y[a] = points.trainLabels()[sv[a]];
        }
        svm_parameter param = new svm_parameter();
        param.svm_type = svm_parameter.C_SVC;
        param.kernel_type = svm_parameter.PRECOMPUTED;
        param.C = 1;
        param.cache_size = 40;
        param.eps = 1e-3;
        param.shrinking = 1;
        svm.svm_set_print_string_function(s -> { });
        svm_model onlySv = svm.svm_train(prob, param);
        for (int t = 0; t < points.testIndex().length; t++) {
            assertEquals(points.testPredicted()[t], (int) Math.round(svm.svm_predict(onlySv, kernelRow(pool, pool[24 + t], sv, 0))),
                    "test point " + t);
        }
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static svm_node[] kernelRow(double[][] pool, double[] x, int[] columns, int serial) {
        svm_node[] row = new svm_node[columns.length + 1];
        row[0] = node(0, serial);
        for (int j = 0; j < columns.length; j++) {
            double k = 1;
            for (int q = 0; q < x.length; q++) {
                k *= Math.pow(Math.cos(x[q] - pool[columns[j]][q]), 2);
            }
            row[j + 1] = node(j + 1, k);
        }
        return row;
    }

    private static svm_node node(int index, double value) {
        svm_node n = new svm_node();
        n.index = index;
        n.value = value;
        return n;
    }

    @Test
    void theHeatMapSortsByClassAndAveragesBlocks() {
        // 5 points, labels 1 0 1 0 2, K = i*10 + j so every entry is told apart.
        float[] gram = new float[25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                gram[i * 5 + j] = i * 10 + j;
            }
        }
        KernelRunFiles.Saved saved = new KernelRunFiles.Saved(5, gram, new KernelRunFiles.Points(new int[5], new int[] {1, 0, 1, 0, 2},
                new int[0], new int[0], new int[0], new int[0]), null, null);
        GramHeatMap full = GramHeatMap.of(saved, 10);
        assertArrayEquals(new int[] {1, 3, 0, 2, 4}, full.order(), "class 0 (points 1, 3), class 1 (0, 2), class 2 (4)");
        assertArrayEquals(new int[] {0, 2, 4, 5}, full.classStart());
        assertArrayEquals(new int[] {0, 1, 2}, full.classes());
        assertArrayEquals(new double[] {0.4, 0.8}, full.boundaries(), 1e-12);
        assertEquals(5, full.side());
        assertEquals(3 * 10 + 0, full.cell(1, 2), 1e-12, "row 1 is point 3, column 2 is point 0");
        GramHeatMap small = GramHeatMap.of(saved, 2);
        // cells: positions {0,1,2} and {3,4} -> points {1,3,0} and {2,4}
        double expected = 0;
        for (int i : new int[] {1, 3, 0}) {
            for (int j : new int[] {2, 4}) {
                expected += i * 10 + j;
            }
        }
        assertEquals(expected / 6, small.cell(0, 1), 1e-12);
        assertEquals(6, small.span(), "2 cells of 3 points cover 6 positions");
        assertArrayEquals(new double[] {2 / 6.0, 4 / 6.0}, small.boundaries(), 1e-12);
    }

    @Test
    void aCancelledRunStopsAndWritesNothing(@TempDir Path dir) throws Exception {
        Project p = tinyProject();
        AtomicInteger seen = new AtomicInteger();
        Path out = dir.resolve("run");
        Thread runner = Thread.currentThread(); // progress may come from the kernel's worker threads
        assertThrows(CancellationException.class, () -> KernelRun.run(p, null, out, new KernelRun.Listener() {
            @Override
            public void gram(int done, int rows) {
                if (seen.incrementAndGet() == 1) {
                    runner.interrupt(); // as Cancel does
                }
            }
        }));
        Thread.interrupted();
        assertTrue(!Files.exists(out), "no run folder");
    }

    @Test
    void hostileRunFilesAreRefusedReadably(@TempDir Path dir) throws Exception {
        KernelRun.run(tinyProject(), null, dir, line -> { });
        RunFolder folder = new RunFolder(dir);
        byte[] points = Files.readAllBytes(folder.kernelPoints());
        byte[] gram = Files.readAllBytes(folder.kernelGram());

        // A header claiming a huge matrix: refused from the size, before allocating.
        writeGram(folder.kernelGram(), 2_000_000_000, 0);
        assertMessage(folder, "header says 2000000000 points");
        writeGram(folder.kernelGram(), 24, 10);
        assertMessage(folder, "bytes; a 24 x 24 matrix takes 2316");
        Files.write(folder.kernelGram(), "not a matrix at all".getBytes(StandardCharsets.US_ASCII));
        assertMessage(folder, "not a Qanvas Gram matrix");
        Files.write(folder.kernelGram(), gram);

        String text = new String(points, StandardCharsets.UTF_8);
        Files.writeString(folder.kernelPoints(), text.replaceFirst("\n3,train,(\\d+),", "\n3,train,abc,"));
        assertMessage(folder, RunFolder.KERNEL_POINTS + ":5: index 'abc' is not a whole number");
        Files.writeString(folder.kernelPoints(), text.replaceFirst("\n3,train,(\\d+),(\\d+),", "\n3,train,$1,2147483647,"));
        assertMessage(folder, RunFolder.KERNEL_POINTS + ":5: label 2147483647 is not a class");
        Files.writeString(folder.kernelPoints(), text.replaceFirst("\n2,train,", "\n2,valid,"));
        assertMessage(folder, RunFolder.KERNEL_POINTS + ":4: split must be train or test");
        Files.writeString(folder.kernelPoints(), text + "x".repeat(1_100_000));
        assertMessage(folder, "larger than");
        Files.writeString(folder.kernelPoints(), text.lines().filter(l -> !l.startsWith("5,")).reduce("", (a, b) -> a + b + "\n"));
        assertMessage(folder, "out of order");
        Files.write(folder.kernelPoints(), points);

        Files.writeString(folder.kernelSpectrum(), "eigenvalue\n1.0\nNaN\n");
        assertMessage(folder, RunFolder.KERNEL_SPECTRUM + ":3:");
        Files.delete(folder.kernelSpectrum());
        assertEquals(null, KernelRunFiles.read(folder).spectrum(), "a run without a spectrum reads without one");

        Files.writeString(folder.summary(), "{\"kind\": \"network\"}");
        assertMessage(folder, "not a kernel run's summary");
        Files.delete(folder.kernelGram());
        Files.writeString(folder.summary(), "{\"kind\": \"kernel\"}");
        assertMessage(folder, RunFolder.KERNEL_GRAM + ": missing");
    }

    private static void writeGram(Path file, int n, int floats) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(KernelRunFiles.GRAM_MAGIC);
            out.writeInt(n);
            for (int k = 0; k < floats; k++) {
                out.writeFloat(0.5f);
            }
        }
    }

    private static void assertMessage(RunFolder folder, String part) {
        IOException e = assertThrows(IOException.class, () -> KernelRunFiles.read(folder));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
