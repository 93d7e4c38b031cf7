package dev.qanvas.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one point gave: status {@link #DONE} or {@link #FAILED} (with the error), its parameters,
 * its metrics ({@link #METRICS}, NaN where a run has none), wall seconds, and its run folder
 * relative to the sweep folder ({@code runs/p0001}).
 */
public record PointResult(String id, String variant, String status, Map<String, String> params, Map<String, Double> metrics,
                          double seconds, String error, String runDir) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /**
     * The metrics every point reports, in results.csv's order: from the run folder's summary.json
     * (test accuracy; balanced accuracy and macro ROC AUC on the test split; epochs run;
     * training seconds) and the last epoch of metrics.csv (train loss, validation accuracy), and
     * the model's classical and quantum parameter counts. A kernel run's test accuracy is the QSVM's.
     */
    public static final List<String> METRICS = List.of("test_accuracy", "balanced_accuracy", "macro_roc_auc", "final_train_loss",
            "final_validation_accuracy", "epochs_completed", "train_seconds", "classical_parameters", "quantum_parameters");

    private static final ObjectMapper JSON = new ObjectMapper();

    public PointResult {
        if (!DONE.equals(status) && !FAILED.equals(status)) {
            throw new IllegalArgumentException("a point's status is done or failed: " + status);
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        error = error == null ? "" : error;
    }

    public boolean done() {
        return DONE.equals(status);
    }

    /** The metric's value, NaN when absent. */
    public double metric(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("variant", variant);
        o.put("status", status);
        ObjectNode p = o.putObject("params");
        params.forEach(p::put);
        ObjectNode m = o.putObject("metrics");
        metrics.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                m.put(k, v);
            } else {
                m.putNull(k); // JSON has no NaN
            }
        });
        o.put("seconds", seconds);
        o.put("error", error);
        o.put("run_dir", runDir);
        return o.toString();
    }

    public static PointResult fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("metrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                metrics.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
            }
            return new PointResult(o.path("id").asText(), o.path("variant").asText(), o.path("status").asText(), params, metrics,
                    o.path("seconds").asDouble(Double.NaN), o.path("error").asText(""), o.path("run_dir").asText(""));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a point result: " + e.getMessage(), e);
        }
    }
}
