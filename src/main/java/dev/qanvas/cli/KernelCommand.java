package dev.qanvas.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.FeatureMaps;
import dev.qanvas.quantum.QuantumKernel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qanvas kernel --map z|zz|pauli [--paulis Z,ZZ] [--reps N] [--entanglement full|linear|circular]
 * [--kind fidelity|projected] [--gamma G] [--shots N] [--seed S] --data POINTS.csv}: the Gram matrix
 * of a quantum kernel (docs/kernels.md) as JSON, {@code {"kernel": [[...], ...]}}. The file holds one
 * point per line, comma-separated features, no header; one qubit per feature. The file is bounded
 * before it is read and the points before they are simulated; a malformed line is reported as
 * {@code file:line:column: what}.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Quantum kernel Gram matrix of the points in a CSV file (one point per line), as JSON {\"kernel\": [[...]]}.")
final class KernelCommand implements Callable<Integer> {

    /** Largest points file read. */
    static final long MAX_FILE_BYTES = 16L << 20;
    /** Most points: the Gram matrix of 5,000 is 200 MB of doubles. */
    static final int MAX_POINTS = 5_000;
    /** Most features, one qubit each. */
    static final int MAX_FEATURES = 20;
    static final int MAX_REPS = 100;

    /** A plain decimal number: no NaN, Infinity, hexadecimal or type suffix as Double.parseDouble would take. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,4})?");

    @Option(names = "--map", required = true, paramLabel = "z|zz|pauli",
            description = "Feature map: Qiskit's ZFeatureMap, ZZFeatureMap or PauliFeatureMap.")
    String map;

    @Option(names = "--paulis", split = ",", paramLabel = "PAULI",
            description = "Pauli strings of --map pauli, e.g. Z,ZZ (default) or X,XY,ZZZ.")
    List<String> paulis;

    @Option(names = "--reps", defaultValue = "2", description = "Repetitions of the map (default ${DEFAULT-VALUE}, as Qiskit).")
    int reps;

    @Option(names = "--entanglement", defaultValue = "full", paramLabel = "full|linear|circular",
            description = "Which qubits multi-qubit terms act on (default ${DEFAULT-VALUE}, as Qiskit).")
    String entanglement;

    @Option(names = "--kind", defaultValue = "fidelity", paramLabel = "fidelity|projected",
            description = "Fidelity kernel |<phi(x)|phi(y)>|^2 or the projected kernel of one-qubit reduced states (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--gamma", defaultValue = "1.0", description = "Width of the projected kernel exp(-gamma sum_q ||rho_q(x) - rho_q(y)||_F^2) (default ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--shots", defaultValue = "0", description = "Estimate from this many shots per kernel entry (per basis for projected); 0 for exact values (default).")
    int shots;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the shot noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", required = true, paramLabel = "POINTS.csv", description = "One point per line, comma-separated features, no header.")
    Path data;

    @Override
    public Integer call() throws Exception {
        QuantumKernel.Kind k = switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case "fidelity" -> QuantumKernel.Kind.FIDELITY;
            case "projected" -> QuantumKernel.Kind.PROJECTED;
            default -> throw new IllegalArgumentException("--kind must be fidelity or projected, not '" + kind + "'");
        };
        if (reps < 1 || reps > MAX_REPS) {
            throw new IllegalArgumentException("--reps must be 1.." + MAX_REPS + ", not " + reps);
        }
        if (shots < 0) {
            throw new IllegalArgumentException("--shots must be 0 (exact) or positive, not " + shots);
        }
        if (paulis != null && !map.equalsIgnoreCase("pauli")) {
            throw new IllegalArgumentException("--paulis applies to --map pauli only");
        }
        FeatureMaps.Pattern pattern = FeatureMaps.Pattern.parse(entanglement);
        QuantumKernel.Options options = new QuantumKernel.Options(k, shots, gamma, seed);
        double[][] x = readPoints(data);
        Circuit featureMap = featureMap(map, x[0].length, reps, pattern, paulis);
        double[][] gram = QuantumKernel.gram(featureMap, x, options, QuantumKernel.Monitor.NONE);
        write(gram, System.out);
        return 0;
    }

    static Circuit featureMap(String name, int features, int reps, FeatureMaps.Pattern pattern, List<String> paulis) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "z" -> FeatureMaps.z(features, reps);
            case "zz" -> FeatureMaps.zz(features, reps, pattern);
            case "pauli" -> FeatureMaps.pauli(features, reps, pattern,
                    paulis == null ? (features == 1 ? List.of("Z") : List.of("Z", "ZZ")) : paulis);
            default -> throw new IllegalArgumentException("--map must be z, zz or pauli, not '" + name + "'");
        };
    }

    /** The points, one per line; every limit is checked before the matrix is built, every error names line and column. */
    static double[][] readPoints(Path file) throws IOException {
        byte[] bytes = dev.qanvas.quantum.BoundedFiles.read(file, MAX_FILE_BYTES, "a points file");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text");
        }
        return parsePoints(text, file.toString());
    }

    static double[][] parsePoints(String text, String name) {
        List<double[]> points = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int features = -1, firstLine = 0;
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l];
            if (line.isBlank()) {
                continue;
            }
            if (points.size() == MAX_POINTS) {
                throw new IllegalArgumentException(name + ":" + (l + 1) + ":1: more than " + MAX_POINTS + " points; a Gram matrix here has at most "
                        + MAX_POINTS + " (its size grows as the square)");
            }
            String[] fields = line.split(",", -1);
            if (features < 0) {
                if (fields.length > MAX_FEATURES) {
                    throw new IllegalArgumentException(name + ":" + (l + 1) + ":1: " + fields.length + " features; at most " + MAX_FEATURES
                            + " (one qubit each, and the state doubles in size with each)");
                }
                features = fields.length;
                firstLine = l + 1;
            } else if (fields.length != features) {
                throw new IllegalArgumentException(name + ":" + (l + 1) + ":1: " + fields.length + " feature" + (fields.length == 1 ? "" : "s")
                        + ", but line " + firstLine + " has " + features);
            }
            double[] point = new double[features];
            int column = 1;
            for (int f = 0; f < features; f++) {
                String field = fields[f];
                String value = field.strip();
                int at = column + (field.length() - field.stripLeading().length());
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(name + ":" + (l + 1) + ":" + at + ": feature " + (f + 1) + " is empty; expected a number");
                }
                if (!NUMBER.matcher(value).matches()) {
                    throw new IllegalArgumentException(name + ":" + (l + 1) + ":" + at + ": '" + shorten(value) + "' is not a number");
                }
                double v = Double.parseDouble(value);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + ":" + (l + 1) + ":" + at + ": '" + shorten(value) + "' is not a finite number");
                }
                point[f] = v;
                column += field.length() + 1;
            }
            points.add(point);
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(name + ": no points; expected one point per line, comma-separated features");
        }
        return points.toArray(new double[0][]);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** {"kernel": [[...], ...]}, streamed (a few thousand points make tens of megabytes of text). */
    static void write(double[][] gram, PrintStream out) throws IOException {
        OutputStream shield = new java.io.FilterOutputStream(out) {
            @Override
            public void close() throws IOException {
                flush(); // leave System.out open
            }
        };
        try (JsonGenerator g = new JsonFactory().createGenerator(new java.io.BufferedOutputStream(shield, 1 << 16))) {
            g.writeStartObject();
            g.writeArrayFieldStart("kernel");
            for (double[] row : gram) {
                g.writeStartArray();
                for (double v : row) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
