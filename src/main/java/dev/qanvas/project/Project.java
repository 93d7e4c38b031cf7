package dev.qanvas.project;

import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.TransformChain;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.quantum.Circuit;
import java.util.List;
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
 * @param model         the model graph (nodes with canvas positions, edges); empty when none is drawn yet
 * @param training      how the model is trained
 * @param runs          the training runs made, oldest first
 * @param circuit       the Circuit workspace's own circuit, for circuits drawn outside any model node
 * @param kernel        a kernel model (QSVM against classical baselines, issue 17) trained instead of a network,
 *                      or null; absent from files without one, which read and write as before
 * @param photonic      the Circuit workspace's photonic circuit and its input state (issue 21), or null
 *                      when none was drawn; absent from files without one
 */
public record Project(int formatVersion, String name, String description, DatasetSpec dataset,
                      TransformChain transforms, ModelGraph model, TrainingSettings training, List<RunRecord> runs,
                      Circuit circuit,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      KernelSpec kernel,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      dev.qanvas.photonic.PhotonicSetup photonic) {

    /** 2 added the model graph and training settings; files of format 1 still open. */
    public static final int FORMAT_VERSION = 2;

    public Project {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        Objects.requireNonNull(dataset, "dataset");
        transforms = transforms == null ? TransformChain.EMPTY : transforms;
        model = model == null ? ModelGraph.empty() : model;
        training = training == null ? TrainingSettings.defaults() : training;
        runs = runs == null ? List.of() : List.copyOf(runs);
        circuit = circuit == null ? Circuit.empty(2) : circuit;
    }

    public Project(int formatVersion, String name, String description, DatasetSpec dataset, TransformChain transforms,
                   ModelGraph model, TrainingSettings training, List<RunRecord> runs, Circuit circuit, KernelSpec kernel) {
        this(formatVersion, name, description, dataset, transforms, model, training, runs, circuit, kernel, null);
    }

    public Project(int formatVersion, String name, String description, DatasetSpec dataset, TransformChain transforms,
                   ModelGraph model, TrainingSettings training, List<RunRecord> runs, Circuit circuit) {
        this(formatVersion, name, description, dataset, transforms, model, training, runs, circuit, null);
    }

    public Project(int formatVersion, String name, String description, DatasetSpec dataset, TransformChain transforms,
                   ModelGraph model, TrainingSettings training, List<RunRecord> runs) {
        this(formatVersion, name, description, dataset, transforms, model, training, runs, null);
    }

    public Project(int formatVersion, String name, String description, DatasetSpec dataset, TransformChain transforms) {
        this(formatVersion, name, description, dataset, transforms, null, null, null);
    }

    public Project(int formatVersion, String name, String description, DatasetSpec dataset, TransformChain transforms,
                   ModelGraph model, TrainingSettings training) {
        this(formatVersion, name, description, dataset, transforms, model, training, null);
    }

    /** A new, empty project on the bundled MNIST digits. */
    public static Project untitled() {
        return new Project(FORMAT_VERSION, "Untitled", "", new DatasetSpec.Bundled("mnist"), TransformChain.EMPTY);
    }

    public Project withDataset(DatasetSpec newDataset) {
        return new Project(formatVersion, name, description, newDataset, transforms, model, training, runs, circuit, kernel, photonic);
    }

    public Project withTransforms(TransformChain newTransforms) {
        return new Project(formatVersion, name, description, dataset, newTransforms, model, training, runs, circuit, kernel, photonic);
    }

    public Project withName(String newName) {
        return new Project(formatVersion, newName, description, dataset, transforms, model, training, runs, circuit, kernel, photonic);
    }

    public Project withModel(ModelGraph newModel) {
        return new Project(formatVersion, name, description, dataset, transforms, newModel, training, runs, circuit, kernel, photonic);
    }

    /** This project with one more run recorded. */
    public Project withRun(RunRecord run) {
        List<RunRecord> all = new java.util.ArrayList<>(runs);
        all.add(run);
        return new Project(formatVersion, name, description, dataset, transforms, model, training, all, circuit, kernel, photonic);
    }

    /** Whether this project trains a kernel model ({@link #kernel()}) rather than its network. */
    public boolean isKernel() {
        return kernel != null;
    }

    public Project withKernel(KernelSpec newKernel) {
        return new Project(formatVersion, name, description, dataset, transforms, model, training, runs, circuit, newKernel, photonic);
    }

    public Project withTraining(TrainingSettings newTraining) {
        return new Project(formatVersion, name, description, dataset, transforms, model, newTraining, runs, circuit, kernel, photonic);
    }

    public Project withCircuit(Circuit newCircuit) {
        return new Project(formatVersion, name, description, dataset, transforms, model, training, runs, newCircuit, kernel, photonic);
    }

    /** This project with {@code next} as the Circuit workspace's photonic circuit. */
    public Project withPhotonic(dev.qanvas.photonic.PhotonicSetup next) {
        return new Project(formatVersion, name, description, dataset, transforms, model, training, runs, circuit, kernel, next);
    }
}
