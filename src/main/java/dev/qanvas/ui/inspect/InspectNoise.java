package dev.qanvas.ui.inspect;

import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.NoiseCurves;
import dev.qanvas.nn.layers.LayerExecution;
import dev.qanvas.quantum.DeviceProfile;
import dev.qanvas.quantum.Entanglement;
import dev.qanvas.quantum.NoiseModel;
import dev.qanvas.quantum.QuantumExecution;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.Background;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The Noise view's state and commands (part of {@link InspectViewModel}): the loaded run's test
 * accuracy with its quantum layers under a channel of each strength (docs/noise.md, "In the app:
 * Inspect > Noise"), then, optionally, under shots at the ideal channel and under each illustrative
 * device profile, with the ideal model's accuracy as reference. One cancellable job at a time, on a
 * private copy of the network (the loaded one is shared with the Inspect worker); each point is one
 * {@link NoiseCurves#accuracy} over the whole test split.
 */
public final class InspectNoise {

    /** The channels the curve can sweep: the names {@link NoiseCurves#noiseOf} takes. */
    public static final List<String> CHANNELS = List.of("depolarizing", "amplitude_damping", "phase_damping", "readout");
    /** The default strengths of the curve. */
    public static final double[] STRENGTHS = {0, 0.01, 0.02, 0.05, 0.1, 0.2};
    /** Shots per expectation the curve may use (0: exact). */
    public static final List<Long> SHOT_CHOICES = List.of(0L, 100L, 1000L);
    /** The shot counts of the shots series, at the ideal channel. */
    public static final long[] SHOT_SERIES = {10, 100, 1000, 10000};
    /** The seed of every shot estimate, so a run gives the same numbers each time. */
    public static final long SEED = 0;
    static final String NO_QUANTUM = "This run's model has no quantum layers: noise and shots do not change it.";
    static final String IDLE = "Choose a channel, strengths and shots, then press Run. Each point evaluates the whole test split"
            + " with the quantum layers' expectations under that noise (exact density matrices) or estimated from shots.";

    /** One row of the points table: what was applied and the test accuracy under it. */
    public record Row(String series, String setting, double x, double accuracy) {
    }

    /**
     * What a Run found; {@code entanglement} is the first quantum layer's log negativity against the
     * same strengths (null when that layer is wider than {@link Entanglement#MAX_CUT_QUBITS}).
     */
    public record Result(NoiseCurves.Curve curve, List<Row> shots, List<Row> profiles, int images,
                         NoiseCurves.EntanglementCurve entanglement) {
    }

    private final InspectJobs jobs;
    private final BiConsumer<String, Throwable> errors;
    private final Supplier<InspectViewModel.Loaded> loaded;

    private final ObjectProperty<String> channel = new SimpleObjectProperty<>(this, "channel", CHANNELS.get(0));
    private final StringProperty strengths = new SimpleStringProperty(this, "strengths", format(STRENGTHS));
    private final ObjectProperty<Long> shots = new SimpleObjectProperty<>(this, "shots", 0L);
    private final BooleanProperty extras = new SimpleBooleanProperty(this, "extras", true);
    private final BooleanProperty quantum = new SimpleBooleanProperty(this, "quantum");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObjectProperty<Result> result = new SimpleObjectProperty<>(this, "result");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();

    private Runnable cancelJob;
    /** Counts requests: a result of an older one is dropped. */
    private int generation;

    InspectNoise(InspectJobs jobs, BiConsumer<String, Throwable> errors, Supplier<InspectViewModel.Loaded> loaded) {
        this.jobs = jobs;
        this.errors = errors;
        this.loaded = loaded;
    }

    /** The swept channel: one of {@link #CHANNELS}. */
    public ObjectProperty<String> channelProperty() { return channel; }
    /** The strengths, comma separated, each in [0, 1]. */
    public StringProperty strengthsProperty() { return strengths; }
    /** Shots per expectation for the curve, 0 for exact. */
    public ObjectProperty<Long> shotsProperty() { return shots; }
    /** Whether a Run also measures the shots series and the device profiles. */
    public BooleanProperty extrasProperty() { return extras; }
    /** Whether the loaded run's model has quantum layers (else the view says so and offers nothing). */
    public ReadOnlyBooleanProperty quantumProperty() { return quantum; }
    public ReadOnlyBooleanProperty runningProperty() { return running; }
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    public ReadOnlyObjectProperty<Result> resultProperty() { return result; }
    /** Every measured point, the curve first: what the table shows. */
    public ObservableList<Row> rows() { return rows; }

    /** A new run is shown (or none): forget the old one's results. */
    void reset() {
        cancel();
        result.set(null);
        rows.clear();
        progress.set(0);
        InspectViewModel.Loaded l = loaded.get();
        quantum.set(l != null && LayerExecution.maxQubits(l.model().network()) > 0);
        status.set(l == null ? "" : quantum.get() ? IDLE : NO_QUANTUM);
    }

    /** Starts the curve (and the shots and profile points when asked for). */
    public void run() {
        InspectViewModel.Loaded l = loaded.get();
        if (l == null || !quantum.get()) {
            return;
        }
        double[] s;
        try {
            s = parseStrengths(strengths.get());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        cancelJob();
        int job = ++generation;
        String ch = channel.get();
        long n = shots.get() == null ? 0 : shots.get();
        boolean more = extras.get();
        result.set(null);
        rows.clear();
        running.set(true);
        progress.set(0);
        status.set(String.format(Locale.ROOT, "Evaluating %d test images at %d strengths of %s…",
                l.model().data().test().size(), s.length, ch));
        cancelJob = jobs.cancellable("Noise curve of " + l.run().id(), r -> measure(l.model(), ch, s, n, more, r),
                p -> {
                    if (job == generation) {
                        progress.set(p);
                    }
                }, res -> {
                    if (job != generation) {
                        return;
                    }
                    running.set(false);
                    progress.set(1);
                    result.set(res);
                    rows.setAll(rowsOf(res));
                    status.set(String.format(Locale.ROOT, "%d points on the whole test split (%d images); ideal accuracy %.1f%%%s.%s",
                            rows.size(), res.images(), 100 * res.curve().idealAccuracy(),
                            n > 0 || more ? ", shots seeded with " + SEED : "", entanglementText(res.entanglement())));
                }, e -> {
                    if (job == generation) {
                        running.set(false);
                        status.set("The evaluation failed: " + Alerts.messageOf(e));
                        errors.accept("Could not evaluate " + l.run().id() + " under noise", e);
                    }
                });
    }

    /** " Entanglement of quantum: log negativity 0.84 bits ideal, mean over 200 states of the first test images." */
    static String entanglementText(NoiseCurves.EntanglementCurve e) {
        return e == null ? "" : String.format(Locale.ROOT, " Entanglement of %s: log negativity across its half cut, %.3f bits"
                + " ideal, a mean over %d states of the first test images.", e.layer(), e.idealLogNegativity(), e.states());
    }

    /** Stops a Run; its result is dropped. */
    public void cancel() {
        if (running.get()) {
            status.set("Cancelled.");
        }
        cancelJob();
    }

    private void cancelJob() {
        generation++;
        if (cancelJob != null) {
            cancelJob.run();
            cancelJob = null;
        }
        running.set(false);
    }

    /** "0, 0.01, 0.1" into strengths: at most 20, each in [0, 1]; readable errors otherwise. */
    static double[] parseStrengths(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s*[,;\\s]\\s*");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("Give at least one strength, e.g. 0, 0.01, 0.1.");
        }
        if (parts.length > 20) {
            throw new IllegalArgumentException("At most 20 strengths, not " + parts.length + ".");
        }
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i] + "' is not a number.");
            }
            if (!(out[i] >= 0 && out[i] <= 1)) {
                throw new IllegalArgumentException("Strengths are probabilities from 0 to 1, not " + parts[i] + ".");
            }
        }
        return out;
    }

    static String format(double[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(InspectNoise::format).toList());
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%s", v).replaceAll("\\.0$", "");
    }

    private static List<Row> rowsOf(Result res) {
        List<Row> out = new ArrayList<>();
        NoiseCurves.Curve c = res.curve();
        String shots = c.shots() > 0 ? ", " + c.shots() + " shots" : "";
        for (NoiseCurves.Point p : c.points()) {
            out.add(new Row(c.channel(), "strength " + format(p.strength()) + shots, p.strength(), p.accuracy()));
        }
        out.addAll(res.shots());
        out.addAll(res.profiles());
        return out;
    }

    // ----- the work, off the UI thread -----

    private static Result measure(InspectedModel shared, String channel, double[] strengths, long shots, boolean more,
                                  Background.Reporter r) throws DeviceProfile.ProfileException {
        InspectedModel model = privateCopy(shared);
        boolean entangled = LayerExecution.maxQubits(model.network()) <= Entanglement.MAX_CUT_QUBITS;
        int total = 1 + strengths.length + (more ? SHOT_SERIES.length + DeviceProfile.BUILT_IN.size() : 0) + (entangled ? 1 : 0);
        int[] done = {0};
        Point point = (message, execution) -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("noise curve cancelled");
            }
            r.message(message);
            double a = NoiseCurves.accuracy(model, execution);
            r.progress(++done[0], total);
            return a;
        };
        double ideal = point.accuracy("ideal", QuantumExecution.IDEAL);
        List<NoiseCurves.Point> points = new ArrayList<>();
        for (double s : strengths) {
            points.add(new NoiseCurves.Point(s, point.accuracy(channel + " " + format(s),
                    new QuantumExecution(NoiseCurves.noiseOf(channel, s), shots, SEED))));
        }
        List<Row> shotRows = new ArrayList<>();
        List<Row> profileRows = new ArrayList<>();
        if (more) {
            for (long n : SHOT_SERIES) {
                shotRows.add(new Row("shots, no noise", n + " shots", n,
                        point.accuracy(n + " shots", new QuantumExecution(NoiseModel.NONE, n, SEED))));
            }
            int qubits = LayerExecution.maxQubits(model.network());
            for (String name : DeviceProfile.BUILT_IN) {
                DeviceProfile profile = DeviceProfile.builtIn(name);
                if (profile.qubits().size() < qubits) {
                    done[0]++; // the profile describes fewer qubits than the layer uses: no such device
                    continue;
                }
                profileRows.add(new Row("device profile", name + (shots > 0 ? ", " + shots + " shots" : ""), Double.NaN,
                        point.accuracy(name, new QuantumExecution(profile.noiseModel(), shots, SEED))));
            }
        }
        NoiseCurves.EntanglementCurve entanglement = null;
        if (entangled) {
            r.message("entanglement under " + channel);
            entanglement = NoiseCurves.entanglementAgainstNoise(model, channel, strengths, NoiseCurves.ENTANGLEMENT_STATES);
            r.progress(++done[0], total);
        }
        return new Result(new NoiseCurves.Curve(channel, shots, SEED, ideal, points), shotRows, profileRows,
                model.data().test().size(), entanglement);
    }

    private interface Point {
        double accuracy(String message, QuantumExecution execution);
    }

    /** A copy of the loaded model; only the copying holds the locks, which the UI thread may wait on. */
    private static InspectedModel privateCopy(InspectedModel model) {
        ComputationGraph net;
        synchronized (model) {
            synchronized (model.network()) {
                net = model.network().clone();
            }
        }
        return model.withNetwork(net);
    }
}
