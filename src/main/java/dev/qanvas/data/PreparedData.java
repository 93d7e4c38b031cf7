package dev.qanvas.data;

/**
 * A project's dataset as its model sees it: the dataset a spec names (through the
 * {@link Datasets} cache) with the project's transform chain applied. The one place that turns a
 * dataset spec and a transform chain into the train and test {@link ImageSet}s a model is fitted,
 * checked, evaluated and inspected on; training, {@code qanvas evaluate}, the Inspect workspace,
 * the Data workspace's preview and the Train and Model workspaces' checks all come through here.
 *
 * @param raw        the dataset before the transforms (what the Data workspace shows as "raw")
 * @param transforms the chain applied
 * @param data       the dataset after the transforms: what the model is trained and tested on
 */
public record PreparedData(Dataset raw, TransformChain transforms, Dataset data) {

    /** Loads the dataset {@code spec} names and applies {@code transforms}. */
    public static PreparedData load(DatasetSpec spec, TransformChain transforms) throws DatasetException {
        return of(Datasets.load(spec), transforms);
    }

    /** Applies {@code transforms} to a dataset already loaded. */
    public static PreparedData of(Dataset raw, TransformChain transforms) {
        return new PreparedData(raw, transforms, transforms.apply(raw));
    }
}
