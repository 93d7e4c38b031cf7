package dev.qanvas.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One point of a sweep, self-contained: its id ({@code p0001}, also its run folder's name), its
 * variant, its parameters (canonical text, in {@link SweepParameter} order) and the base
 * project's JSON with the parameters already applied. An executor needs only this and a folder to
 * train it ({@link PointRun}).
 */
public record SweepPoint(String id, String variant, Map<String, String> params, String project) {

    /** Point ids are folder names: letters, digits, - and _ only. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public SweepPoint {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a point id is 1 to 64 letters, digits, - or _: " + id);
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The id of the n-th point (from 1): p0001 ... p9999, p10000 ... */
    public static String idOf(int n) {
        return String.format(java.util.Locale.ROOT, "p%04d", n);
    }

    /** {@code {"id":..., "variant":..., "params":{...}, "project": "<project JSON text>"}}. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("variant", variant);
        ObjectNode p = o.putObject("params");
        params.forEach(p::put);
        o.put("project", project);
        return o.toString();
    }

    public static SweepPoint fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            if (!o.path("id").isTextual() || !o.path("variant").isTextual() || !o.path("project").isTextual()) {
                throw new IllegalArgumentException("a sweep point needs id, variant and project");
            }
            return new SweepPoint(o.get("id").asText(), o.get("variant").asText(), params, o.get("project").asText());
        } catch (IOException e) {
            throw new IllegalArgumentException("not a sweep point: " + e.getMessage(), e);
        }
    }
}
