package dev.qanvas.photonic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.qanvas.quantum.qasm.Expressions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a photonic circuit file, {@code {"modes": m, "components": [{"type": "bs", "modes": [i, j],
 * "theta": t}, {"type": "ps", "mode": i, "phi": p}, ...]}} (docs/photonic.md). Angles are JSON
 * numbers or OpenQASM constant expressions as strings ("pi/2"), or the editor's trainable and
 * input angles, {@code {"weight": "w0", "initial": 0.3}} and {@code {"input": 2, "scale": 3.14}}.
 * A project stores its photonic circuit the same way with the input Fock state beside it,
 * {@code "input": [1, 1, 0]} ({@link #parseSetup}). The file is hostile: its size is
 * bounded before it is read, every count before it is used, and each error is
 * {@code file:line:column: what}, never a stack trace.
 */
public final class PhotonicJson {

    /** Largest circuit file read. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    /** Longest angle expression: an angle is a short formula such as "3*pi/4". */
    public static final int MAX_EXPRESSION_CHARS = 1000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private PhotonicJson() {
    }

    /** Reads and checks a circuit file. */
    public static PhotonicCircuit read(Path file) throws IOException {
        byte[] bytes = dev.qanvas.quantum.BoundedFiles.read(file, MAX_FILE_BYTES, "a circuit file");
        return parse(bytes, file.toString());
    }

    /** Parses a circuit; {@code name} starts every error message. */
    public static PhotonicCircuit parse(byte[] json, String name) {
        return parse(json, name, false).circuit();
    }

    /** Parses a circuit with its {@code "input"} Fock state (all modes empty when absent). */
    public static PhotonicSetup parseSetup(byte[] json, String name) {
        return parse(json, name, true);
    }

    /** Reads a circuit file, with its input state when it has one (the editor's Open). */
    public static PhotonicSetup readSetup(Path file) throws IOException {
        byte[] bytes = dev.qanvas.quantum.BoundedFiles.read(file, MAX_FILE_BYTES, "a circuit file");
        return parseSetup(bytes, file.toString());
    }

    /**
     * The circuit as JSON, and {@code input} as {@code "input"} when it is not null: constant
     * angles as numbers, weights and input features as objects; {@link #parseSetup} reads it back
     * to an equal setup.
     */
    public static String write(PhotonicCircuit circuit, int[] input) {
        StringBuilder s = new StringBuilder("{\"modes\": ").append(circuit.modes());
        if (input != null) {
            s.append(", \"input\": ").append(java.util.Arrays.toString(input));
        }
        s.append(", \"components\": [");
        List<Component> components = circuit.components();
        for (int k = 0; k < components.size(); k++) {
            s.append(k == 0 ? "\n  " : ",\n  ");
            if (components.get(k) instanceof Component.BeamSplitter bs) {
                s.append("{\"type\": \"bs\", \"modes\": [").append(bs.i()).append(", ").append(bs.j())
                        .append("], \"theta\": ").append(angle(bs.theta())).append('}');
            } else {
                Component.PhaseShifter ps = (Component.PhaseShifter) components.get(k);
                s.append("{\"type\": \"ps\", \"mode\": ").append(ps.mode()).append(", \"phi\": ").append(angle(ps.phi())).append('}');
            }
        }
        return s.append(components.isEmpty() ? "]}\n" : "\n]}\n").toString();
    }

    private static String angle(OpticalAngle a) {
        if (a instanceof OpticalAngle.Constant c) {
            return Double.toString(c.value());
        }
        if (a instanceof OpticalAngle.Weight w) {
            return "{\"weight\": \"" + w.name() + "\", \"initial\": " + w.initial() + "}";
        }
        OpticalAngle.Input in = (OpticalAngle.Input) a;
        return "{\"input\": " + in.index() + ", \"scale\": " + in.scale() + "}";
    }

    private static PhotonicSetup parse(byte[] json, String name, boolean withInput) {
        try (JsonParser p = FACTORY.createParser(json)) {
            return new Reader(p, name, withInput).circuit();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at != null ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "";
            throw new IllegalArgumentException(name + where + ": not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A component as read, with where it starts, checked against the modes once they are known. */
    private record Parsed(Component component, JsonLocation at, int[] modes, JsonLocation modesAt) {
    }

    private static final class Reader {
        private final JsonParser p;
        private final String name;
        private final boolean withInput;

        Reader(JsonParser p, String name, boolean withInput) {
            this.p = p;
            this.name = name;
            this.withInput = withInput;
        }

        private IllegalArgumentException error(JsonLocation at, String what) {
            return new IllegalArgumentException(name + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + what);
        }

        private JsonLocation here() {
            return p.currentTokenLocation();
        }

        PhotonicSetup circuit() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(here(), "expected a JSON object {\"modes\": m, \"components\": [...]}");
            }
            Integer modes = null;
            JsonLocation modesAt = null;
            List<Parsed> parsed = null;
            int[] input = null;
            JsonLocation inputAt = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation fieldAt = here();
                p.nextToken();
                switch (field) {
                    case "modes" -> {
                        modesAt = here();
                        modes = integer("\"modes\"");
                        if (modes < 1 || modes > PhotonicLimits.MAX_MODES) {
                            throw error(modesAt, "\"modes\" is " + modes + "; a circuit has 1 to " + PhotonicLimits.MAX_MODES + " modes");
                        }
                    }
                    case "components" -> parsed = components();
                    case "input" -> {
                        if (!withInput) {
                            throw error(fieldAt, "unknown key \"input\"; give the input state with --input");
                        }
                        inputAt = here();
                        input = counts();
                    }
                    default -> throw error(fieldAt, "unknown key \"" + shorten(field) + "\"; a circuit has \"modes\" and \"components\"");
                }
            }
            JsonLocation end = here();
            if (p.nextToken() != null) {
                throw error(here(), "unexpected content after the circuit's object");
            }
            if (modes == null) {
                throw error(end, "missing \"modes\" (the number of modes)");
            }
            if (parsed == null) {
                throw error(end, "missing \"components\" (a list, may be empty)");
            }
            List<Component> components = new ArrayList<>(parsed.size());
            for (Parsed c : parsed) {
                for (int mode : c.modes()) {
                    if (mode >= modes) {
                        throw error(c.modesAt(), "mode " + mode + " is out of range; the circuit has " + modes + " modes (0.." + (modes - 1) + ")");
                    }
                }
                components.add(c.component());
            }
            PhotonicCircuit circuit = new PhotonicCircuit(modes, components);
            if (input != null && input.length != modes) {
                throw error(inputAt, "\"input\" has " + input.length + " counts but the circuit has " + modes + " modes");
            }
            try {
                return new PhotonicSetup(circuit, input == null ? new int[modes] : input);
            } catch (IllegalArgumentException e) {
                throw error(inputAt, "\"input\": " + e.getMessage());
            }
        }

        private int[] counts() throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw error(here(), "\"input\" must be a list of photon counts, one per mode");
            }
            List<Integer> counts = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (counts.size() == PhotonicLimits.MAX_MODES) {
                    throw error(here(), "\"input\" has more counts than a circuit has modes (" + PhotonicLimits.MAX_MODES + ")");
                }
                counts.add(integer("a photon count"));
            }
            return counts.stream().mapToInt(Integer::intValue).toArray();
        }

        private List<Parsed> components() throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw error(here(), "\"components\" must be a list [...] of components");
            }
            List<Parsed> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (list.size() == PhotonicLimits.MAX_COMPONENTS) {
                    throw error(here(), "more than " + PhotonicLimits.MAX_COMPONENTS + " components");
                }
                list.add(component(list.size()));
            }
            return list;
        }

        private Parsed component(int index) throws IOException {
            JsonLocation at = here();
            String what = "component " + index;
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error(at, what + " must be an object {\"type\": \"bs\" or \"ps\", ...}");
            }
            String type = null;
            int[] modes = null;
            Integer mode = null;
            OpticalAngle theta = null, phi = null;
            JsonLocation modesAt = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation fieldAt = here();
                p.nextToken();
                switch (field) {
                    case "type" -> {
                        if (p.currentToken() != JsonToken.VALUE_STRING) {
                            throw error(here(), what + ": \"type\" must be \"bs\" or \"ps\"");
                        }
                        type = p.getText();
                        if (!type.equals("bs") && !type.equals("ps")) {
                            throw error(here(), what + ": unknown type \"" + shorten(type) + "\"; expected \"bs\" (beam splitter) or \"ps\" (phase shifter)");
                        }
                    }
                    case "modes" -> {
                        modesAt = here();
                        modes = modePair(what);
                    }
                    case "mode" -> {
                        modesAt = here();
                        mode = integer(what + ": \"mode\"");
                        if (mode < 0) {
                            throw error(modesAt, what + ": mode " + mode + " is negative");
                        }
                    }
                    case "theta" -> theta = angle(what + ": \"theta\"");
                    case "phi" -> phi = angle(what + ": \"phi\"");
                    default -> throw error(fieldAt, what + ": unknown key \"" + shorten(field) + "\"");
                }
            }
            if (type == null) {
                throw error(at, what + ": missing \"type\" (\"bs\" or \"ps\")");
            }
            if (type.equals("bs")) {
                if (mode != null || phi != null) {
                    throw error(at, what + ": a beam splitter has \"modes\" and \"theta\", not \"" + (mode != null ? "mode" : "phi") + "\"");
                }
                if (modes == null || theta == null) {
                    throw error(at, what + ": a beam splitter needs \"" + (modes == null ? "modes" : "theta") + "\"");
                }
                if (modes[0] == modes[1]) {
                    throw error(modesAt, what + ": a beam splitter needs two different modes, not " + modes[0] + " and " + modes[1]);
                }
                return new Parsed(new Component.BeamSplitter(modes[0], modes[1], theta), at, modes, modesAt);
            }
            if (modes != null || theta != null) {
                throw error(at, what + ": a phase shifter has \"mode\" and \"phi\", not \"" + (modes != null ? "modes" : "theta") + "\"");
            }
            if (mode == null || phi == null) {
                throw error(at, what + ": a phase shifter needs \"" + (mode == null ? "mode" : "phi") + "\"");
            }
            return new Parsed(new Component.PhaseShifter(mode, phi), at, new int[] {mode}, modesAt);
        }

        private int[] modePair(String what) throws IOException {
            JsonLocation at = here();
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw error(at, what + ": \"modes\" must be a list of two modes [i, j]");
            }
            int[] pair = new int[2];
            int k = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (k == 2) {
                    throw error(at, what + ": \"modes\" must be a list of two modes [i, j]");
                }
                JsonLocation modeAt = here();
                pair[k++] = integer(what + ": a mode");
                if (pair[k - 1] < 0) {
                    throw error(modeAt, what + ": mode " + pair[k - 1] + " is negative");
                }
            }
            if (k != 2) {
                throw error(at, what + ": \"modes\" must be a list of two modes [i, j]");
            }
            return pair;
        }

        private int integer(String what) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw error(here(), what + " must be an integer");
            }
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                throw error(here(), what + " " + shorten(p.getText()) + " is out of range");
            }
            return p.getIntValue();
        }

        private OpticalAngle angle(String what) throws IOException {
            JsonLocation at = here();
            if (p.currentToken() == JsonToken.START_OBJECT) {
                return angleObject(what);
            }
            return new OpticalAngle.Constant(constant(what));
        }

        /** {"weight": name, "initial": v} or {"input": i, "scale": s}. */
        private OpticalAngle angleObject(String what) throws IOException {
            JsonLocation at = here();
            String weight = null;
            Double initial = null, scale = null;
            Integer input = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonLocation fieldAt = here();
                p.nextToken();
                switch (field) {
                    case "weight" -> {
                        if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() > 100) {
                            throw error(here(), what + ": \"weight\" must be a weight's name");
                        }
                        weight = p.getText();
                    }
                    case "initial" -> initial = constant(what + ": \"initial\"");
                    case "input" -> input = integer(what + ": \"input\"");
                    case "scale" -> scale = constant(what + ": \"scale\"");
                    default -> throw error(fieldAt, what + ": unknown key \"" + shorten(field) + "\" (an angle object has \"weight\" and \"initial\", or \"input\" and \"scale\")");
                }
            }
            try {
                if (weight != null && input == null && scale == null) {
                    return new OpticalAngle.Weight(weight, initial == null ? 0 : initial);
                }
                if (input != null && weight == null && initial == null) {
                    return new OpticalAngle.Input(input, scale == null ? 1 : scale);
                }
            } catch (IllegalArgumentException e) {
                throw error(at, what + ": " + e.getMessage());
            }
            throw error(at, what + ": an angle object is {\"weight\": name, \"initial\": v} or {\"input\": i, \"scale\": s}");
        }

        private double constant(String what) throws IOException {
            JsonLocation at = here();
            double v;
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                v = p.getDoubleValue();
            } else if (p.currentToken() == JsonToken.VALUE_STRING) {
                if (p.getTextLength() > MAX_EXPRESSION_CHARS) {
                    throw error(at, what + " is an expression of " + p.getTextLength() + " characters; at most " + MAX_EXPRESSION_CHARS);
                }
                try {
                    v = Expressions.evaluate(p.getText());
                } catch (IllegalArgumentException e) {
                    throw error(at, what + ": " + e.getMessage());
                }
            } else {
                throw error(at, what + " must be a number or an expression such as \"pi/2\"");
            }
            if (!Double.isFinite(v)) {
                throw error(at, what + " is " + shorten(p.getText()) + ", not a finite angle");
            }
            return v;
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
