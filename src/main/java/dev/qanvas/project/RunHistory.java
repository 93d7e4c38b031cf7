package dev.qanvas.project;

import dev.qanvas.nn.training.Correlation;
import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.Thinning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.data.general.Series;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.YIntervalSeries;

/**
 * The curves of one run, live or recorded, as chart series: batch loss (raw and smoothed),
 * epoch loss and accuracy (train and validation; the validation split's balanced accuracy and
 * macro ROC AUC when recorded), and per quantum layer its entanglement entropy
 * (main cut and named cuts, mean with a band of one standard deviation), Meyer-Wallach Q and
 * weight-gradient variance. Each chart key maps to the run's series for that chart, in a stable
 * order of "variants" ("raw", "smoothed", "train", ...). Not thread-safe: the Train workspace
 * uses it on the FX thread. No toolkit needed (JFreeChart data series only).
 */
public final class RunHistory {

    public static final String LOSS_BATCH = "loss-batch";
    public static final String LOSS_EPOCH = "loss-epoch";
    public static final String ACCURACY = "accuracy";
    public static final String ENTROPY = "entropy";
    public static final String MEYER_WALLACH = "meyer-wallach";
    public static final String GRADIENT_VARIANCE = "gradient-variance";
    /** Variants of the accuracy chart beside "train" and "validation": the validation split's per-class metrics. */
    public static final String VALIDATION_BALANCED = "validation balanced";
    public static final String VALIDATION_ROC_AUC = "validation ROC AUC";

    /** Raw and smoothed batch losses are thinned to at most this many points on screen. */
    static final int MAX_SCREEN_POINTS = 1500;
    /** Weight of the newest batch in the smoothed loss (an exponential moving average, bias-corrected). */
    static final double SMOOTHING = 0.05;

    private final String id;
    private String label;
    private final Map<String, LinkedHashMap<String, Series>> series = new LinkedHashMap<>();
    private final Thinning raw = new Thinning(MAX_SCREEN_POINTS);
    private final Thinning smooth = new Thinning(MAX_SCREEN_POINTS);
    private double ema;
    private long emaSteps;
    private boolean lossDirty;
    private int structure;
    private final List<RunRecord.QuantumPoint> quantum = new ArrayList<>();

    public RunHistory(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The curves of a recorded run. */
    public static RunHistory of(RunRecord run, String label) {
        RunHistory h = new RunHistory(run.id(), label);
        for (RunRecord.LossPoint p : run.batchLosses()) {
            h.addBatch(p.at(), p.loss());
        }
        run.epochs().forEach(h::addEpoch);
        run.quantum().forEach(h::addQuantum);
        h.syncLosses();
        return h;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Renames the run on the charts (series keys carry the label, so the series are renamed too). */
    public void relabel(String newLabel) {
        if (!newLabel.equals(label)) {
            label = newLabel;
            for (Map<String, Series> chart : series.values()) {
                for (Map.Entry<String, Series> e : chart.entrySet()) {
                    e.getValue().setKey(key(e.getKey()));
                }
            }
        }
    }

    /** Goes up whenever a series is added, so the charts know to rebuild their collections. */
    public int structure() {
        return structure;
    }

    /** This run's series of one chart, by variant, in the order they appeared. */
    public Map<String, Series> series(String chart) {
        return series.getOrDefault(chart, new LinkedHashMap<>());
    }

    public List<RunRecord.QuantumPoint> quantum() {
        return quantum;
    }

    /** Adds a batch loss at time {@code at} (fractional epochs); call {@link #syncLosses()} to show it. */
    public void addBatch(double at, double loss) {
        raw.add(at, loss);
        emaSteps++;
        // Started at the first loss rather than 0, so the curve has no start-up bias.
        ema = emaSteps == 1 ? loss : (1 - SMOOTHING) * ema + SMOOTHING * loss;
        smooth.add(at, ema);
        lossDirty = true;
    }

    /** Copies the thinned batch losses into their series (cheap: at most a few thousand points). */
    public void syncLosses() {
        if (!lossDirty) {
            return;
        }
        lossDirty = false;
        fill(xy(LOSS_BATCH, "raw"), raw);
        fill(xy(LOSS_BATCH, "smoothed"), smooth);
    }

    private static void fill(XYSeries s, Thinning t) {
        s.setNotify(false);
        s.clear();
        for (int i = 0; i < t.size(); i++) {
            s.add(t.x(i), t.y(i), false);
        }
        s.setNotify(true);
    }

    public void addEpoch(RunRecord.Epoch e) {
        add(xy(LOSS_EPOCH, "train"), e.epoch(), e.trainLoss());
        add(xy(ACCURACY, "train"), e.epoch(), e.trainAccuracy());
        if (Double.isFinite(e.validationLoss())) {
            add(xy(LOSS_EPOCH, "validation"), e.epoch(), e.validationLoss());
        }
        if (Double.isFinite(e.validationAccuracy())) {
            add(xy(ACCURACY, "validation"), e.epoch(), e.validationAccuracy());
        }
        if (Double.isFinite(e.validationBalancedAccuracy())) {
            add(xy(ACCURACY, VALIDATION_BALANCED), e.epoch(), e.validationBalancedAccuracy());
        }
        if (Double.isFinite(e.validationMacroRocAuc())) {
            add(xy(ACCURACY, VALIDATION_ROC_AUC), e.epoch(), e.validationMacroRocAuc());
        }
    }

    public void addQuantum(RunRecord.QuantumPoint q) {
        quantum.add(q);
        // Bands are mean ± one standard deviation, cut at 0: an entropy or Q is never negative.
        band(ENTROPY, q.layer()).add(q.at(), q.entropyMean(), low(q.entropyMean(), q.entropyStd()), q.entropyMean() + q.entropyStd());
        for (QuantumProbe.Cut c : q.cuts()) {
            boolean sameAsMain = Math.abs(c.mean() - q.entropyMean()) < 1e-12 && Math.abs(c.std() - q.entropyStd()) < 1e-12;
            if (sameAsMain) {
                continue; // the same qubits as the main cut (the half cut, or up/down on an even grid): already drawn
            }
            band(ENTROPY, q.layer() + " " + c.name()).add(q.at(), c.mean(), low(c.mean(), c.std()), c.mean() + c.std());
        }
        band(MEYER_WALLACH, q.layer()).add(q.at(), q.meyerWallachMean(), low(q.meyerWallachMean(), q.meyerWallachStd()),
                q.meyerWallachMean() + q.meyerWallachStd());
        // A log axis shows only positive values; a frozen layer has none (its gradients are zero or absent).
        if (q.gradientVariance() > 0 && Double.isFinite(q.gradientVariance())) {
            add(xy(GRADIENT_VARIANCE, q.layer()), q.at(), q.gradientVariance());
        }
    }

    /** Pearson r between each quantum layer's main entanglement entropy and the training loss, over this run. */
    public Map<String, Correlation.Result> entropyLossCorrelation() {
        Map<String, List<RunRecord.QuantumPoint>> byLayer = new LinkedHashMap<>();
        for (RunRecord.QuantumPoint q : quantum) {
            byLayer.computeIfAbsent(q.layer(), k -> new ArrayList<>()).add(q);
        }
        Map<String, Correlation.Result> out = new LinkedHashMap<>();
        byLayer.forEach((layer, points) -> {
            double[] entropy = points.stream().mapToDouble(RunRecord.QuantumPoint::entropyMean).toArray();
            double[] loss = points.stream().mapToDouble(RunRecord.QuantumPoint::recentLoss).toArray();
            out.put(layer, Correlation.pearson(entropy, loss));
        });
        return out;
    }

    private static double low(double mean, double std) {
        return Math.max(0, mean - std);
    }

    /** Whether a quantum layer's main entropy stayed the same over the run (a fixed circuit on a fixed probe batch). */
    public boolean entropyConstant(String layer) {
        double[] e = quantum.stream().filter(q -> q.layer().equals(layer)).mapToDouble(RunRecord.QuantumPoint::entropyMean).toArray();
        return e.length > 0 && java.util.Arrays.stream(e).max().getAsDouble() - java.util.Arrays.stream(e).min().getAsDouble() < 1e-12;
    }

    private static void add(XYSeries s, double x, double y) {
        s.add(x, y, true);
    }

    private XYSeries xy(String chart, String variant) {
        return (XYSeries) series.computeIfAbsent(chart, k -> new LinkedHashMap<>()).computeIfAbsent(variant, v -> {
            structure++;
            return new XYSeries(key(v), false, true);
        });
    }

    private YIntervalSeries band(String chart, String variant) {
        return (YIntervalSeries) series.computeIfAbsent(chart, k -> new LinkedHashMap<>()).computeIfAbsent(variant, v -> {
            structure++;
            return new YIntervalSeries(key(v), false, true);
        });
    }

    private String key(String variant) {
        return label + " · " + variant;
    }
}
