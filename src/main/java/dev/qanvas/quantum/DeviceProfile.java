package dev.qanvas.quantum;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A device profile: per-qubit T1, T2 and readout error, one- and two-qubit gate times and gate
 * errors, read from JSON and turned into a {@link NoiseModel} by the thermal-relaxation
 * approximation plus depolarizing noise (formulas in docs/noise.md, "Device profiles").
 * Times are T1 and T2 in microseconds and gate times in nanoseconds, as device data sheets give them.
 */
public record DeviceProfile(String name, String note, double oneQubitGateNs, double twoQubitGateNs,
                            double oneQubitGateError, double twoQubitGateError, List<QubitProperties> qubits) {

    /** One qubit's relaxation times (microseconds) and readout error. */
    public record QubitProperties(double t1Us, double t2Us, double readoutError) {
    }

    /** Profile files are a few kilobytes; anything past this is not a profile. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /** Far more qubits than any exact simulation here takes, few enough to hold. */
    public static final int MAX_QUBITS = 1024;

    /** The profiles shipped with Qanvas, by name (resources in dev/qanvas/devices). */
    public static final List<String> BUILT_IN = List.of("illustrative-superconducting", "illustrative-noisy");

    private static final Set<String> TOP_KEYS = Set.of("name", "note", "gate_time_ns", "gate_error", "qubits");
    private static final Set<String> GATE_KEYS = Set.of("one_qubit", "two_qubit");
    private static final Set<String> QUBIT_KEYS = Set.of("t1_us", "t2_us", "readout_error");

    /** A located problem in a profile: the file and line:column or the JSON path of the value. */
    public static final class ProfileException extends Exception {
        public ProfileException(String message) {
            super(message);
        }
    }

    public DeviceProfile {
        qubits = List.copyOf(qubits);
    }

    /** The channel parameters this profile gives one qubit after a gate on {@code arity} qubits. */
    public record GateChannels(double depolarizing, double amplitudeDamping, double phaseDamping) {
    }

    /**
     * After a gate on {@code arity} qubits (2 or more use the two-qubit time and error), on qubit
     * {@code q}: depolarizing P (one-qubit gates: the gate error e1; two-qubit: 1 - sqrt(1 - e2),
     * so that the chance of no error on either qubit is 1 - e2), amplitude damping
     * gamma = 1 - exp(-t/T1) and phase damping lambda = 1 - exp(-2t/T_phi), 1/T_phi = 1/T2 - 1/(2 T1).
     */
    public GateChannels channels(int arity, int q) {
        QubitProperties p = qubits.get(q);
        boolean one = arity <= 1;
        double tUs = (one ? oneQubitGateNs : twoQubitGateNs) / 1000.0;
        double depolarizing = one ? oneQubitGateError : 1 - Math.sqrt(1 - twoQubitGateError);
        double gamma = -Math.expm1(-tUs / p.t1Us());
        double inversePhi = 1 / p.t2Us() - 1 / (2 * p.t1Us());
        double lambda = -Math.expm1(-2 * tUs * Math.max(0, inversePhi));
        return new GateChannels(depolarizing, gamma, lambda);
    }

    /**
     * The noise model: after every gate, on each qubit it acts on, depolarizing then amplitude
     * damping then phase damping with that qubit's parameters; each qubit's readout error on its
     * measurements. Qubits past the profile's count get no rule here: callers refuse programs
     * wider than the profile ({@link #requireQubits}).
     */
    public NoiseModel noiseModel() {
        NoiseModel model = NoiseModel.NONE;
        for (int q = 0; q < qubits.size(); q++) {
            for (int arity = 1; arity <= 2; arity++) {
                GateChannels c = channels(arity, q);
                model = model.with(new NoiseModel.GateNoise(null, q, arity, Channel.depolarizing(c.depolarizing())))
                        .with(new NoiseModel.GateNoise(null, q, arity, Channel.amplitudeDamping(c.amplitudeDamping())))
                        .with(new NoiseModel.GateNoise(null, q, arity, Channel.phaseDamping(c.phaseDamping())));
            }
            model = model.withReadout(q, qubits.get(q).readoutError());
        }
        return model;
    }

    /** Refuses a program of more qubits than the profile describes. */
    public void requireQubits(int n) {
        if (n > qubits.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "device profile %s describes %d qubits; "
                    + "the circuit uses %d", name, qubits.size(), n));
        }
    }

    /** A shipped profile by name ({@link #BUILT_IN}). */
    public static DeviceProfile builtIn(String name) throws ProfileException {
        if (!BUILT_IN.contains(name)) {
            throw new ProfileException("no device profile named '" + name + "'; built in: " + String.join(", ", BUILT_IN));
        }
        try (InputStream in = DeviceProfile.class.getResourceAsStream("/dev/qanvas/devices/" + name + ".json")) {
            if (in == null) {
                throw new ProfileException("device profile " + name + " is missing from this build");
            }
            return parse(new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8), name + ".json");
        } catch (IOException e) {
            throw new ProfileException(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A profile file when {@code fileOrName} names an existing file, else a built-in profile of that name. */
    public static DeviceProfile load(String fileOrName) throws ProfileException {
        Path file = Path.of(fileOrName);
        if (!BUILT_IN.contains(fileOrName) || Files.exists(file)) {
            return read(file);
        }
        return builtIn(fileOrName);
    }

    /** Reads a profile file, refusing files over {@link #MAX_FILE_BYTES} before reading them. */
    public static DeviceProfile read(Path file) throws ProfileException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ProfileException(file + ": " + Files.size(file) + " bytes; a device profile is at most "
                        + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new ProfileException(file + ": file not found (built-in profiles: " + String.join(", ", BUILT_IN) + ")");
        } catch (IOException e) {
            throw new ProfileException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_FILE_BYTES) { // grew while being read
            throw new ProfileException(file + ": grew past " + (MAX_FILE_BYTES >> 20) + " MiB while being read");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses a profile's JSON text; errors start with {@code source} and the line:column or the value's path. */
    public static DeviceProfile parse(String text, String source) throws ProfileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr() + ": ";
            throw new ProfileException(source + ":" + where + "not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ProfileException(source + ": a device profile is a JSON object");
        }
        requireKeys(root, TOP_KEYS, source, "");
        String name = text(root, "name", source);
        String note = root.has("note") ? text(root, "note", source) : "";
        JsonNode times = object(root, "gate_time_ns", source);
        requireKeys(times, GATE_KEYS, source, "gate_time_ns.");
        JsonNode errors = object(root, "gate_error", source);
        requireKeys(errors, GATE_KEYS, source, "gate_error.");
        double t1q = positive(times, "one_qubit", source, "gate_time_ns.");
        double t2q = positive(times, "two_qubit", source, "gate_time_ns.");
        double e1 = probability(errors, "one_qubit", source, "gate_error.");
        double e2 = probability(errors, "two_qubit", source, "gate_error.");
        JsonNode list = root.get("qubits");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ProfileException(source + ": qubits: expected a non-empty list of {t1_us, t2_us, readout_error}");
        }
        if (list.size() > MAX_QUBITS) {
            throw new ProfileException(source + ": qubits: " + list.size() + " entries; at most " + MAX_QUBITS);
        }
        List<QubitProperties> qubits = new ArrayList<>();
        for (int q = 0; q < list.size(); q++) {
            JsonNode node = list.get(q);
            String path = "qubits[" + q + "].";
            if (!node.isObject()) {
                throw new ProfileException(source + ": " + path.substring(0, path.length() - 1) + ": expected an object");
            }
            requireKeys(node, QUBIT_KEYS, source, path);
            double t1 = positive(node, "t1_us", source, path);
            double t2 = positive(node, "t2_us", source, path);
            if (t2 > 2 * t1) {
                throw new ProfileException(String.format(Locale.ROOT, "%s: %st2_us: T2 = %s us is more than 2 T1 = %s us,"
                        + " which no qubit has (T2 <= 2 T1)", source, path, t2, 2 * t1));
            }
            qubits.add(new QubitProperties(t1, t2, probability(node, "readout_error", source, path)));
        }
        return new DeviceProfile(name, note, t1q, t2q, e1, e2, qubits);
    }

    /** Duplicate keys refused (which one would count?); sizes bounded by the file's size. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static void requireKeys(JsonNode node, Set<String> allowed, String source, String path) throws ProfileException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw new ProfileException(source + ": " + path + key + ": unknown key; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonNode node, String key, String source) throws ProfileException {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.textValue().length() > 1000) {
            throw new ProfileException(source + ": " + key + ": expected a text of at most 1000 characters");
        }
        return v.textValue();
    }

    private static JsonNode object(JsonNode node, String key, String source) throws ProfileException {
        JsonNode v = node.get(key);
        if (v == null || !v.isObject()) {
            throw new ProfileException(source + ": " + key + ": expected an object {one_qubit, two_qubit}");
        }
        return v;
    }

    private static double number(JsonNode node, String key, String source, String path) throws ProfileException {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new ProfileException(source + ": " + path + key + ": missing");
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new ProfileException(source + ": " + path + key + ": expected a number, not " + v);
        }
        return v.doubleValue();
    }

    private static double positive(JsonNode node, String key, String source, String path) throws ProfileException {
        double v = number(node, key, source, path);
        if (!(v > 0)) {
            throw new ProfileException(source + ": " + path + key + ": expected a time above 0, not " + v);
        }
        return v;
    }

    private static double probability(JsonNode node, String key, String source, String path) throws ProfileException {
        double v = number(node, key, source, path);
        if (!(v >= 0 && v < 1)) {
            throw new ProfileException(source + ": " + path + key + ": expected a probability from 0 up to (not) 1, not " + v);
        }
        return v;
    }
}
