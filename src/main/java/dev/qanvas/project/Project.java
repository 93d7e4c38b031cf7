package dev.qanvas.project;

import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.TransformChain;
import java.util.Objects;

/**
 * The document a user saves (a {@code .qanvas} file, JSON). An immutable value: every edit makes
 * a new Project, so undo and redo are a stack of versions (see {@link EditHistory}).
 *
 * @param formatVersion file format version, {@link #FORMAT_VERSION} when written by this build
 * @param name          title shown in the window and sample list
 * @param description   a few sentences on what the project shows
 * @param dataset       which dataset it uses
 * @param transforms    the transform chain applied to that dataset
 */
public record Project(int formatVersion, String name, String description, DatasetSpec dataset,
                      TransformChain transforms) {

    public static final int FORMAT_VERSION = 1;

    public Project {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(dataset, "dataset");
        transforms = transforms == null ? TransformChain.EMPTY : transforms;
    }

    /** A new, empty project on the bundled MNIST digits. */
    public static Project untitled() {
        return new Project(FORMAT_VERSION, "Untitled", "", new DatasetSpec.Bundled("mnist"), TransformChain.EMPTY);
    }

    public Project withDataset(DatasetSpec newDataset) {
        return new Project(formatVersion, name, description, newDataset, transforms);
    }

    public Project withTransforms(TransformChain newTransforms) {
        return new Project(formatVersion, name, description, dataset, newTransforms);
    }

    public Project withName(String newName) {
        return new Project(formatVersion, newName, description, dataset, transforms);
    }
}
