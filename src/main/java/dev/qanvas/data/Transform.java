package dev.qanvas.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a dataset's transform chain. Transforms are values: applying one returns a new
 * dataset and leaves its input alone. Statistics (for normalisation) always come from the
 * training split and are applied unchanged to the test split, so no test information leaks.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Transform.Resize.class, name = "resize"),
        @JsonSubTypes.Type(value = Transform.Normalise.class, name = "normalise"),
        @JsonSubTypes.Type(value = Transform.ClassSubset.class, name = "classSubset"),
        @JsonSubTypes.Type(value = ClassImbalance.class, name = "classImbalance"),
        @JsonSubTypes.Type(value = LabelNoise.class, name = "labelNoise"),
        @JsonSubTypes.Type(value = RandomLabels.class, name = "randomLabels")
})
public sealed interface Transform permits Transform.Resize, Transform.Normalise, Transform.ClassSubset,
        ClassImbalance, LabelNoise, RandomLabels {

    Dataset apply(Dataset dataset);

    /** A short text for lists and logs, e.g. "Resize to 14 x 14". */
    String describe();

    /**
     * Resamples every image to {@code width x height}: area averaging when shrinking (each output
     * pixel is the mean of the input it covers, so no detail aliases), bilinear when enlarging.
     */
    record Resize(int width, int height) implements Transform {
        public Resize {
            if (width < 1 || height < 1 || width > 512 || height > 512) {
                throw new IllegalArgumentException("resize target must be 1..512 on each side: " + width + " x " + height);
            }
        }

        @Override
        public Dataset apply(Dataset d) {
            if (d.width() == width && d.height() == height) {
                return d;
            }
            int newHeight = d.isVector() ? 1 : height;
            return d.withSplits(d.classNames(), resize(d.train(), width, newHeight), resize(d.test(), width, newHeight));
        }

        @Override
        public String describe() {
            return "Resize to " + width + " x " + height;
        }

        /** Resamples every image of {@code in} to {@code w x h} (area averaging down, bilinear up). */
        public static ImageSet resize(ImageSet in, int w, int h) {
            float[][] wx = weights(in.width(), w);
            float[][] wy = weights(in.height(), h);
            int c = in.channels();
            int inW = in.width();
            int inH = in.height();
            long values = Math.multiplyExact((long) in.size(), Math.multiplyExact((long) w, Math.multiplyExact((long) h, c)));
            if (values > Integer.MAX_VALUE - 8 || values * Float.BYTES > Limits.heapBudget()) {
                throw new IllegalArgumentException("resizing " + Limits.count(in.size()) + " images to " + w + " x " + h
                        + " x " + c + " would need " + Limits.mib(values * Float.BYTES) + " of memory, more than the "
                        + Limits.mib(Limits.heapBudget()) + " Qanvas allows one dataset (half the Java heap)");
            }
            float[] out = new float[(int) values];
            float[] src = new float[in.featureCount()];
            float[] rows = new float[h * inW * c]; // vertical pass result: h x inW x c
            for (int i = 0; i < in.size(); i++) {
                in.copyImage(i, src, 0);
                java.util.Arrays.fill(rows, 0f);
                for (int oy = 0; oy < h; oy++) {
                    for (int iy = 0; iy < inH; iy++) {
                        float weight = wy[oy][iy];
                        if (weight == 0f) {
                            continue;
                        }
                        for (int k = 0; k < inW * c; k++) {
                            rows[oy * inW * c + k] += weight * src[iy * inW * c + k];
                        }
                    }
                }
                int base = i * w * h * c;
                for (int oy = 0; oy < h; oy++) {
                    for (int ox = 0; ox < w; ox++) {
                        for (int ix = 0; ix < inW; ix++) {
                            float weight = wx[ox][ix];
                            if (weight == 0f) {
                                continue;
                            }
                            for (int ch = 0; ch < c; ch++) {
                                out[base + (oy * w + ox) * c + ch] += weight * rows[(oy * inW + ix) * c + ch];
                            }
                        }
                    }
                }
            }
            return ImageSet.ofFloats(w, h, c, out, in.labels());
        }

        /** weights[o][i]: share of input sample i in output sample o; each row sums to 1. */
        static float[][] weights(int in, int out) {
            float[][] weights = new float[out][in];
            if (out <= in) {
                double scale = (double) in / out;
                for (int o = 0; o < out; o++) {
                    double start = o * scale;
                    double end = start + scale;
                    for (int i = (int) Math.floor(start); i < Math.min(in, (int) Math.ceil(end)); i++) {
                        double overlap = Math.min(end, i + 1) - Math.max(start, i);
                        weights[o][i] = (float) (overlap / scale);
                    }
                }
            } else {
                double scale = (double) in / out;
                for (int o = 0; o < out; o++) {
                    double pos = Math.max(0, Math.min(in - 1, (o + 0.5) * scale - 0.5));
                    int lo = (int) Math.floor(pos);
                    int hi = Math.min(in - 1, lo + 1);
                    double frac = pos - lo;
                    weights[o][lo] += (float) (1 - frac);
                    weights[o][hi] += (float) frac;
                }
            }
            return weights;
        }
    }

    /** Rescales pixel values with statistics of the training split. */
    record Normalise(Mode mode) implements Transform {

        public enum Mode {
            /** Minimum to 0 and maximum to 1. */
            UNIT_RANGE("to [0, 1]"),
            /** Minimum to -1 and maximum to 1 (natural for rotation angles around 0). */
            SYMMETRIC_RANGE("to [-1, 1]"),
            /** Subtract the mean, divide by the standard deviation (over all training pixels). */
            STANDARDISE("to mean 0, std 1");

            private final String text;

            Mode(String text) {
                this.text = text;
            }

            public String text() {
                return text;
            }
        }

        public Normalise {
            java.util.Objects.requireNonNull(mode, "mode");
        }

        @Override
        public Dataset apply(Dataset d) {
            float[] scaleShift = scaleAndShift(d.train());
            return d.withSplits(d.classNames(), affine(d.train(), scaleShift), affine(d.test(), scaleShift));
        }

        @Override
        public String describe() {
            return "Normalise " + mode.text();
        }

        /** {scale, shift} such that value' = value * scale + shift. */
        float[] scaleAndShift(ImageSet train) {
            if (mode == Mode.STANDARDISE) {
                double[] meanAndStd = train.meanAndStd();
                double mean = meanAndStd[0];
                double std = train.size() == 0 ? 1 : meanAndStd[1];
                double scale = std > 1e-12 ? 1 / std : 1;
                return new float[] {(float) scale, (float) (-mean * scale)};
            }
            float[] range = train.valueRange();
            double span = range[1] - range[0];
            double scale = span > 1e-12 ? 1 / span : 1;
            if (mode == Mode.UNIT_RANGE) {
                return new float[] {(float) scale, (float) (-range[0] * scale)};
            }
            return new float[] {(float) (2 * scale), (float) (-2 * range[0] * scale - 1)};
        }

        private static ImageSet affine(ImageSet in, float[] scaleShift) {
            float[] values = in.toFloatArray();
            for (int k = 0; k < values.length; k++) {
                values[k] = values[k] * scaleShift[0] + scaleShift[1];
            }
            return ImageSet.ofFloats(in.width(), in.height(), in.channels(), values, in.labels());
        }
    }

    /** Keeps only the listed classes (by label in the incoming dataset) and relabels them 0..k-1 in that order. */
    record ClassSubset(List<Integer> classes) implements Transform {
        public ClassSubset {
            classes = List.copyOf(classes);
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("a class subset needs at least one class");
            }
            if (classes.stream().distinct().count() != classes.size()) {
                throw new IllegalArgumentException("a class subset lists a class twice: " + classes);
            }
        }

        @Override
        public Dataset apply(Dataset d) {
            for (int c : classes) {
                if (c < 0 || c >= d.classCount()) {
                    throw new IllegalArgumentException("class " + c + " does not exist; the dataset has "
                            + d.classCount() + " classes (0.." + (d.classCount() - 1) + ")");
                }
            }
            List<String> names = new ArrayList<>();
            for (int c : classes) {
                names.add(d.classNames().get(c));
            }
            return d.withSplits(names, keep(d.train()), keep(d.test()));
        }

        private ImageSet keep(ImageSet in) {
            int[] newLabelOf = new int[256];
            java.util.Arrays.fill(newLabelOf, -1);
            for (int k = 0; k < classes.size(); k++) {
                newLabelOf[classes.get(k)] = k;
            }
            int[] labels = in.labels();
            int[] indices = java.util.stream.IntStream.range(0, labels.length)
                    .filter(i -> labels[i] < 256 && newLabelOf[labels[i]] >= 0).toArray();
            ImageSet kept = in.select(indices);
            int[] relabelled = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                relabelled[k] = newLabelOf[labels[indices[k]]];
            }
            return kept.withLabels(relabelled);
        }

        @Override
        public String describe() {
            return "Classes " + classes;
        }
    }
}
