package dev.qanvas.ui.train;

import dev.qanvas.nn.training.Correlation;
import dev.qanvas.project.RunHistory;
import dev.qanvas.project.RunRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** The words the Train workspace uses for runs: outcomes, list rows, durations and the entanglement-loss correlation. */
final class RunTexts {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    /** What the correlation box explains under the values. */
    static final String CORRELATION_HELP = "Pearson r between the layer's entanglement entropy (half cut, probe batch) and the training "
            + "loss of the batches before each measurement. Below 0: the loss fell as entanglement grew (the q-CNN study "
            + "reports a negative correlation); near 0: no linear relation; above 0: they moved together. "
            + "A correlation is not a cause: both can simply follow training time.";

    private RunTexts() {
    }

    static String outcomeText(String outcome) {
        return switch (outcome) {
            case "COMPLETED" -> "completed";
            case "EARLY_STOPPED" -> "stopped early";
            case "STOPPED" -> "stopped";
            case "FAILED" -> "failed";
            default -> outcome.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * " · quantum", " · twin" or " · classical": what run {@code r} trained, with ", edited" when the
     * first run of {@code runs} that trained this kind of model had other layers; empty for records
     * older than these labels.
     */
    static String trained(RunRecord r, java.util.List<RunRecord> runs) {
        if (r.trained() == null) {
            return "";
        }
        RunRecord first = runs.stream().filter(o -> r.trained().equals(o.trained()) && o.modelDigest() != null).findFirst().orElse(r);
        boolean edited = r.modelDigest() != null && !first.modelDigest().equals(r.modelDigest());
        return " · " + r.trained() + (edited ? ", edited" : "");
    }

    /**
     * The second line of a run's row: accuracy, epochs, adversarial training if any, the quantum
     * layers' noise and shots if any (with the gradient method), and when it started.
     */
    static String detail(RunRecord r) {
        String accuracy = Double.isFinite(r.testAccuracy()) ? String.format(Locale.ROOT, "%.1f %% test accuracy", 100 * r.testAccuracy())
                : "no test accuracy";
        String when;
        try {
            when = DATE.format(Instant.parse(r.started()));
        } catch (RuntimeException e) {
            when = r.started();
        }
        String adversarial = r.settings() != null && r.settings().adversarial().active()
                ? " · adversarial " + r.settings().adversarial().describe() : "";
        if (r.settings() != null && r.settings().execution().active()) {
            adversarial += " · quantum layers under " + r.settings().execution().describe();
        }
        if (RunRecord.KERNEL.equals(r.trained())) { // no epochs: a Gram matrix and an SVM
            return "QSVM " + accuracy + " · " + when;
        }
        return accuracy + " · " + r.epochs().size() + " epoch" + (r.epochs().size() == 1 ? "" : "s") + adversarial + " · " + when;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    /** The correlation of each quantum layer of {@code focus} (which has quantum measurements), one line each. */
    static String correlation(RunHistory focus) {
        StringBuilder sb = new StringBuilder(focus.label()).append('\n');
        for (Map.Entry<String, Correlation.Result> e : focus.entropyLossCorrelation().entrySet()) {
            Correlation.Result r = e.getValue();
            sb.append(e.getKey()).append(": ");
            if (r.defined()) {
                sb.append(String.format(Locale.ROOT, "r = %+.2f over %d points", r.r(), r.n()));
            } else if (r.n() < 3) {
                sb.append("needs 3 or more points (").append(r.n()).append(" so far)");
            } else if (focus.entropyConstant(e.getKey())) {
                sb.append("undefined: the entropy stayed at ").append(String.format(Locale.ROOT, "%.3f", focus.quantum().stream()
                        .filter(q -> q.layer().equals(e.getKey())).findFirst().orElseThrow().entropyMean()))
                        .append(" bits over ").append(r.n()).append(" points (a fixed circuit does not change)");
            } else {
                sb.append("undefined over ").append(r.n()).append(" points: the loss did not change");
            }
            sb.append('\n');
        }
        return sb.toString().strip();
    }
}
