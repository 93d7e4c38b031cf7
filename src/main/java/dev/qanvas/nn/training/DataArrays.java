package dev.qanvas.nn.training;

import dev.qanvas.data.ImageSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dataset images as ND4J arrays: features NCHW (images) or N x F (vectors), labels one-hot. */
public final class DataArrays {

    private DataArrays() {
    }

    public static INDArray features(ImageSet set, int[] indices, boolean asImages) {
        int n = indices.length;
        float[] flat = new float[n * set.featureCount()];
        float[] image = new float[set.featureCount()];
        int hw = set.width() * set.height();
        int c = set.channels();
        for (int k = 0; k < n; k++) {
            set.copyImage(indices[k], image, 0);
            // ImageSet stores channels innermost (HWC); DL4J wants channels first (CHW).
            for (int p = 0; p < hw; p++) {
                for (int ch = 0; ch < c; ch++) {
                    flat[k * set.featureCount() + ch * hw + p] = image[p * c + ch];
                }
            }
        }
        long[] shape = asImages ? new long[] {n, c, set.height(), set.width()} : new long[] {n, set.featureCount()};
        return Nd4j.create(flat, shape, 'c'); // float: half the memory; DL4J casts to the network's type
    }

    public static INDArray labels(ImageSet set, int[] indices, int classes) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, indices.length, classes);
        for (int k = 0; k < indices.length; k++) {
            out.putScalar(k, set.label(indices[k]), 1.0);
        }
        return out;
    }

    /**
     * Consecutive batches of {@code size} rows (the last may be shorter), each a copy: what DL4J's
     * {@code DataSet.batchBy} returns for a data set without masks, without its one small data set
     * per example (a tenth of a binary sample's training time went there).
     */
    public static java.util.List<org.nd4j.linalg.dataset.DataSet> batches(org.nd4j.linalg.dataset.DataSet all, int size) {
        INDArray x = all.getFeatures(), y = all.getLabels();
        long n = x.size(0);
        java.util.List<org.nd4j.linalg.dataset.DataSet> out = new java.util.ArrayList<>();
        for (long from = 0; from < n; from += size) {
            long to = Math.min(n, from + size);
            out.add(new org.nd4j.linalg.dataset.DataSet(rows(x, from, to), rows(y, from, to)));
        }
        return out;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] index = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        index[0] = org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
        for (int d = 1; d < index.length; d++) {
            index[d] = org.nd4j.linalg.indexing.NDArrayIndex.all();
        }
        return a.get(index).dup('c');
    }

    public static int[] all(ImageSet set) {
        int[] idx = new int[set.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** Share of rows whose largest output is the labelled class. */
    public static double accuracy(INDArray output, INDArray labels) {
        INDArray predicted = output.argMax(1);
        INDArray actual = labels.argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /**
     * A copy of NCHW images {@code x}, each moved by a random shift of up to {@code maxShift} pixels
     * in x and y; uncovered pixels take the value of the image's top-left pixel (its background).
     */
    public static INDArray shifted(INDArray x, int maxShift, long seed) {
        long[] shape = x.shape();
        int n = (int) shape[0], c = (int) shape[1], h = (int) shape[2], w = (int) shape[3];
        float[] in = x.dup('c').data().asFloat();
        float[] out = new float[in.length];
        java.util.Random random = new java.util.Random(seed);
        int plane = h * w;
        for (int k = 0; k < n; k++) {
            int dx = random.nextInt(2 * maxShift + 1) - maxShift;
            int dy = random.nextInt(2 * maxShift + 1) - maxShift;
            for (int ch = 0; ch < c; ch++) {
                int base = (k * c + ch) * plane;
                float background = in[base];
                for (int yy = 0; yy < h; yy++) {
                    int sy = yy - dy;
                    for (int xx = 0; xx < w; xx++) {
                        int sx = xx - dx;
                        out[base + yy * w + xx] = sy >= 0 && sy < h && sx >= 0 && sx < w ? in[base + sy * w + sx] : background;
                    }
                }
            }
        }
        return Nd4j.create(out, shape, 'c');
    }
}
