package dev.qanvas.ui.circuit;

import dev.qanvas.nn.graph.kinds.Photonic;
import dev.qanvas.photonic.Component;
import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.OpticalAngle;
import dev.qanvas.photonic.PhotonicCircuit;
import dev.qanvas.photonic.PhotonicJson;
import dev.qanvas.photonic.PhotonicReport;
import dev.qanvas.photonic.PhotonicSetup;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The state and commands of the Circuit workspace's photonic editor (docs/photonic.md): the
 * project's photonic circuit and input state ({@link PhotonicSetup}), the selected component, the
 * detector and the input features the live views use. Every edit is a project edit (undo, save);
 * the live report is computed on the live worker, newest edit wins. It edits the project's own
 * photonic circuit, or a Photonic layer's ({@link #openNode}): that circuit's modes and input
 * photons are the layer's settings, set in the Model workspace. Needs no JavaFX toolkit.
 */
public final class PhotonicViewModel {

    /** What the photonic views are told to redraw; every method defaults to nothing. */
    public interface View {
        /** Which circuit is edited ("Workspace photonic circuit", "Model node p (Photonic)"); {@code node}: a layer's. */
        default void showTarget(String label, boolean node) {}

        /** The circuit and input state to draw, with the selected component or -1. */
        default void showSetup(PhotonicSetup setup, int selected) {}

        /**
         * The selected component's angle, as the angle panel edits it: {@code op} is a one-angle
         * stand-in gate and {@code circuit} holds every component's angle (for weight names).
         */
        default void showAngle(String title, Operation op, Circuit circuit) {}

        default void showReport(PhotonicReport report) {}

        default void showReportError(String text) {}

        /** The input-feature sliders changed in number. */
        default void showFeatures(int count) {}

        default void say(String text) {}

        default void error(String title, Throwable e) {}
    }

    /** A photonic circuit before one is drawn: two empty modes, a photon in the first. */
    public static final PhotonicSetup EMPTY = new PhotonicSetup(new PhotonicCircuit(2, List.of()), new int[] {1, 0});

    private final DocumentModel doc;
    private final Background.Runner tasks;
    private final CircuitViewModel.Requests live;
    private View view = new View() { };
    private int selected = -1;
    private Detector detector = Detector.PNR;
    private double[] features = new double[0];
    /** Set while a slider previews an angle: the report shows it without an undo step. */
    private PhotonicSetup preview;
    /** The Photonic node whose circuit is edited, or null for the project's own photonic circuit. */
    private String nodeId;

    public PhotonicViewModel(DocumentModel doc, Background.Runner tasks, CircuitViewModel.Requests live) {
        this.doc = doc;
        this.tasks = tasks;
        this.live = live;
        doc.projectProperty().addListener((o, old, now) -> refresh());
        doc.openedProperty().addListener(o -> {
            selected = -1;
            nodeId = null;
            features = new double[0];
            refresh();
        });
    }

    public void setView(View view) {
        this.view = view;
    }

    /** The circuit edited: a Photonic node's with its input state, or the project's own ({@link #EMPTY} before one is drawn). */
    public PhotonicSetup setup() {
        Photonic layer = layer();
        if (layer != null) {
            return new PhotonicSetup(layer.circuit(), layer.inputState());
        }
        PhotonicSetup s = doc.project().photonic();
        return s == null ? EMPTY : s;
    }

    /** Edits the circuit of Photonic node {@code id} from now on (null: the project's own photonic circuit). */
    public void openNode(String id) {
        nodeId = id;
        selected = -1;
        refresh();
    }

    /** The Photonic node edited, or null. */
    public String node() {
        return layer() == null ? null : nodeId;
    }

    private Photonic layer() {
        if (nodeId == null) {
            return null;
        }
        return doc.project().model().node(nodeId).map(n -> n.spec()).filter(Photonic.class::isInstance).map(Photonic.class::cast).orElse(null);
    }

    /** Refuses an edit a layer's settings own; true when it was refused. */
    private boolean layerOwns(String what) {
        if (layer() != null) {
            view.say("A Photonic layer's " + what + " are its settings: change them in the Model workspace");
            view.showSetup(setup(), selected);
            return true;
        }
        return false;
    }

    public int selected() { return selected; }
    public Detector detector() { return detector; }
    public double feature(int i) { return i < features.length ? features[i] : 0; }

    // ----- commands -----

    /** A beam splitter (50:50) on {@code mode} and the mode below it (above it on the last mode), before component {@code index}. */
    public void placeBeamSplitter(int mode, int index) {
        PhotonicSetup s = setup();
        if (s.modes() < 2) {
            view.say("A beam splitter needs two modes: add a mode first");
            return;
        }
        int i = Math.min(mode, s.modes() - 2);
        edit(s.inserted(index, new Component.BeamSplitter(i, i + 1, new OpticalAngle.Constant(Math.PI / 2))), Math.min(index, s.circuit().components().size()));
    }

    /** A phase shifter (phase pi/2) on {@code mode}, before component {@code index}. */
    public void placePhaseShifter(int mode, int index) {
        PhotonicSetup s = setup();
        edit(s.inserted(index, new Component.PhaseShifter(Math.min(mode, s.modes() - 1), new OpticalAngle.Constant(Math.PI / 2))),
                Math.min(index, s.circuit().components().size()));
    }

    public void select(int index) {
        selected = index >= 0 && index < setup().circuit().components().size() ? index : -1;
        showSelection(setup());
        view.showSetup(setup(), selected);
    }

    public void removeSelected() {
        if (selected >= 0 && selected < setup().circuit().components().size()) {
            edit(setup().removed(selected), -1);
        }
    }

    /** The angle panel committed {@code angle} for the selected component. */
    public void setAngle(Angle angle) {
        preview = null;
        if (selected < 0) {
            return;
        }
        OpticalAngle a = optical(angle);
        if (a == null) {
            view.say("A photonic angle is a constant, a weight or one input feature (no products)");
            showSelection(setup());
            return;
        }
        edit(setup().withAngle(selected, a), selected);
    }

    /** A slider drags the selected component's angle: the live views follow, the project waits for the release. */
    public void previewAngle(Angle angle) {
        OpticalAngle a = optical(angle);
        if (selected >= 0 && a != null) {
            preview = setup().withAngle(selected, a);
            requestReport(preview);
        }
    }

    public void setInput(int mode, int count) {
        if (layerOwns("modes and photons")) {
            return;
        }
        PhotonicSetup s = setup();
        if (mode >= s.modes() || s.input()[mode] == count) {
            return;
        }
        int others = s.photons() - s.input()[mode];
        if (count < 0 || others + count > PhotonicSetup.MAX_PHOTONS) {
            view.say("The editor sends at most " + PhotonicSetup.MAX_PHOTONS + " photons");
            view.showSetup(s, selected);
            return;
        }
        edit(s.withInput(mode, count), selected);
    }

    public void addMode() {
        if (layerOwns("modes and photons")) {
            return;
        }
        if (setup().modes() >= PhotonicSetup.MAX_MODES) {
            view.say("The editor has at most " + PhotonicSetup.MAX_MODES + " modes");
            return;
        }
        edit(setup().withModeAdded(), selected);
    }

    /** Removes the last mode and the components on it. */
    public void removeMode() {
        if (layerOwns("modes and photons")) {
            return;
        }
        PhotonicSetup s = setup();
        if (s.modes() > 1) {
            edit(s.withModeRemoved(s.modes() - 1), -1);
        }
    }

    public void clear() {
        edit(setup().withCircuit(new PhotonicCircuit(setup().modes(), List.of())), -1);
    }

    /** Replaces the circuit by {@code template} on the current modes (seeded, so the same template gives the same circuit). */
    public void applyTemplate(PhotonicSetup.Template template) {
        PhotonicSetup s = setup();
        if (s.modes() < 2) {
            view.say("A mesh needs two modes or more");
            return;
        }
        edit(s.withCircuit(template.circuit(s.modes(), 1)), -1);
        view.say(template.label() + " on " + s.modes() + " modes");
    }

    public void setDetector(Detector d) {
        if (d != null && d != detector) {
            detector = d;
            requestReport(setup());
        }
    }

    /** Input feature x[i] for the live views (angles that read inputs). */
    public void setFeature(int i, double value) {
        if (i < features.length && features[i] != value) {
            features[i] = value;
            requestReport(setup());
        }
    }

    /** Reads a circuit file (the CLI's CIRCUIT.json, with an input state when it has one) off the UI thread. */
    public void open(Path file) {
        tasks.run("Opening " + file.getFileName(), r -> PhotonicJson.readSetup(file), read -> {
            if (read.modes() > PhotonicSetup.MAX_MODES) {
                view.error("Could not open " + file.getFileName(), new IllegalArgumentException(
                        file.getFileName() + " has " + read.modes() + " modes; the editor shows at most " + PhotonicSetup.MAX_MODES));
                return;
            }
            if (layer() != null && read.modes() != layer().modes()) {
                view.error("Could not open " + file.getFileName(), new IllegalArgumentException(file.getFileName() + " has " + read.modes()
                        + " modes; the layer has " + layer().modes() + " (set Modes in the Model workspace)"));
                return;
            }
            PhotonicSetup s = Arrays.stream(read.input()).sum() == 0 && read.modes() > 0 ? read.withInput(0, 1) : read;
            edit(s, -1);
            view.say("Opened " + file.getFileName() + (s == read ? "" : " (no input state in the file: one photon into mode 0)"));
        }, e -> view.error("Could not open " + file.getFileName(), e));
    }

    /** Writes the circuit and its input state as a circuit file ({@code qanvas photonic} reads it without the "input" key). */
    public void save(Path file, boolean withInput) {
        PhotonicSetup s = setup();
        String json = PhotonicJson.write(s.circuit(), withInput ? s.input() : null);
        tasks.run("Saving " + file.getFileName(), r -> {
            ProjectFiles.writeAtomically(file, json.getBytes(StandardCharsets.UTF_8));
            return file;
        }, f -> view.say("Saved " + f.getFileName() + (withInput ? "" : "; qanvas photonic " + f.getFileName() + " --input "
                + String.join(",", Arrays.stream(s.input()).mapToObj(String::valueOf).toList()))), e -> view.error("Could not save " + file.getFileName(), e));
    }

    // ----- reacting to the document -----

    /** Redraws the current version (after an edit, undo or another document). */
    public void refresh() {
        if (nodeId != null && layer() == null) {
            nodeId = null; // the node went (deleted, swapped to its twin): back to the project's own circuit
        }
        Photonic layer = layer();
        view.showTarget(layer == null ? "Workspace photonic circuit" : "Model node " + nodeId + " (Photonic)", layer != null);
        PhotonicSetup s = setup();
        preview = null;
        if (selected >= s.circuit().components().size()) {
            selected = -1;
        }
        int count = s.circuit().featureCount();
        if (count != features.length) {
            features = Arrays.copyOf(features, count);
            view.showFeatures(count);
        }
        view.showSetup(s, selected);
        showSelection(s);
        requestReport(s);
    }

    private void edit(PhotonicSetup next, int select) {
        selected = select;
        Photonic layer = layer();
        if (next.equals(layer != null ? setup() : doc.project().photonic())) {
            refresh();
            return;
        }
        if (layer != null) {
            try {
                doc.edit(doc.project().withModel(doc.project().model().replaced(nodeId, layer.withCircuit(next.circuit()))));
            } catch (IllegalArgumentException e) { // reads a feature the layer lacks
                view.say(e.getMessage());
                refresh();
            }
            return;
        }
        doc.edit(doc.project().withPhotonic(next)); // the project listener refreshes
    }

    private void requestReport(PhotonicSetup s) {
        PhotonicCircuit c = s.circuit();
        double[] x = Arrays.copyOf(features, c.featureCount());
        int[] input = s.input();
        Detector d = detector;
        live.submit("photonic", () -> PhotonicReport.of(c, x, c.initialWeights(), input, d), view::showReport,
                e -> view.showReportError(e.getMessage()));
    }

    private void showSelection(PhotonicSetup s) {
        if (selected < 0) {
            view.showAngle(null, null, null);
            return;
        }
        Component c = s.circuit().components().get(selected);
        List<Operation> ops = new ArrayList<>();
        for (Component each : s.circuit().components()) {
            ops.add(Operation.of(Gate.RZ, angle(each.angle()), 0));
        }
        String title = c instanceof Component.BeamSplitter bs
                ? "Beam splitter theta on modes " + bs.i() + ", " + bs.j() + " (pi/2 is 50:50)"
                : "Phase shifter phi on mode " + ((Component.PhaseShifter) c).mode();
        view.showAngle(title, ops.get(selected), new Circuit(1, ops));
    }

    /** The angle panel's angle for an optical angle (the same three kinds). */
    static Angle angle(OpticalAngle a) {
        if (a instanceof OpticalAngle.Constant c) {
            return new Angle.Constant(c.value());
        }
        if (a instanceof OpticalAngle.Weight w) {
            return new Angle.Weight(w.name(), w.initial());
        }
        OpticalAngle.Input in = (OpticalAngle.Input) a;
        return new Angle.Input(in.index(), in.scale());
    }

    /** The optical angle of an angle panel's angle; null for a product of features, which optical angles lack. */
    static OpticalAngle optical(Angle a) {
        if (a instanceof Angle.Constant c) {
            return new OpticalAngle.Constant(c.value());
        }
        if (a instanceof Angle.Weight w) {
            return new OpticalAngle.Weight(w.name(), w.initial());
        }
        if (a instanceof Angle.Input in) {
            return new OpticalAngle.Input(in.index(), in.scale());
        }
        return null;
    }

    /** The selected component, if any. */
    public Optional<Component> selectedComponent() {
        return selected < 0 ? Optional.empty() : Optional.of(setup().circuit().components().get(selected));
    }
}
