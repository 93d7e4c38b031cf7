package dev.qanvas.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qanvas.quantum.Channel;
import dev.qanvas.quantum.DensityMatrix;
import dev.qanvas.quantum.DeviceProfile;
import dev.qanvas.quantum.Memory;
import dev.qanvas.quantum.NoiseModel;
import dev.qanvas.quantum.Program;
import dev.qanvas.quantum.ProgramRunner;
import dev.qanvas.quantum.StateVector;
import dev.qanvas.quantum.Trajectories;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas simulate FILE.qasm}: the probability of every basis state of the final (possibly
 * mixed) state, and the exact distribution of the classical registers when the program measures,
 * as JSON other tools read:
 * {@code {"qubits": n, "probabilities": {"<bitstring>": p, ...}, "classical": {"<bits>": p, ...}}}.
 * Character i of a basis bitstring is qubit i (registers joined in declaration order), qubit 0
 * leftmost; character j of a classical bitstring is classical bit j (cregs joined in declaration
 * order); probabilities below 1e-12 are left out. With {@code --shots N} it prints
 * {@code {"qubits": n, "shots": N, "counts": {...}}} instead, sampled shot by shot through the
 * program. {@code --noise} adds channels after every gate and readout error, {@code --profile} a
 * device profile's relaxation, gate errors and readout errors (docs/noise.md). {@code --postselect Q=V}
 * keeps only the runs where qubit Q reads V (at the end, before the final measurements) and adds
 * {@code "postselection": {"success_probability": p}} (with shots also {@code "kept_shots"}).
 * More than {@code --max-states} (default 2^20) entries are refused with their count rather than
 * printed: a uniform 27-qubit state alone would be 6 GB of JSON.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate an OpenQASM 2.0 program (measure, reset and if included) and print its probabilities,"
                + " or shot counts, as JSON.")
final class SimulateCommand implements Callable<Integer> {

    static final double CUTOFF = 1e-12;

    /** Default of --max-states: 2^20 entries, about 50 MB of JSON. */
    static final int MAX_STATES = 1 << 20;

    @Parameters(paramLabel = "FILE", description = "An OpenQASM 2.0 file.")
    Path file;

    @Option(names = "--max-states", paramLabel = "N", defaultValue = "" + MAX_STATES,
            description = "Refuse to print more than N probabilities (default: ${DEFAULT-VALUE}, about 50 MB of JSON).")
    int maxStates;

    @Mixin
    NoiseOptions noise = new NoiseOptions();

    @Option(names = "--shots", paramLabel = "N",
            description = "Sample N shots (1.." + Trajectories.MAX_SHOTS + ") and print counts instead of exact probabilities.")
    Long shots;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the shots (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--postselect", paramLabel = "Q=V",
            description = "Postselect qubit Q (its index across the qregs) on outcome V (0 or 1) at the end of the program,"
                    + " before its final measurements; repeatable. Adds \"postselection\" to the output.")
    List<String> postselect = List.of();

    @Override
    public Integer call() throws Exception {
        DeviceProfile device = noise.device();
        NoiseModel model = noise.model();
        if (shots != null && (shots < 1 || shots > Trajectories.MAX_SHOTS)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--shots must be from 1 to %,d, not %,d",
                    Trajectories.MAX_SHOTS, shots));
        }
        Program program = QasmInput.readProgram(file);
        List<Program.Postselect> postselections = postselections(postselect, program.qubits());
        if (!postselections.isEmpty()) {
            program = program.withFinalPostselections(postselections);
        }
        int n = program.qubits();
        if (device != null) {
            try {
                device.requireQubits(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        boolean classical = program.measures();
        JsonGenerator json;
        if (shots != null) {
            Trajectories.Counts counts = Trajectories.counts(program, model, shots, seed);
            int width = classical ? program.clbits() : n;
            requirePrintable(counts.outcomes().length, width, "outcomes");
            json = start(n);
            json.writeNumberField("shots", shots);
            json.writeObjectFieldStart("counts");
            for (int k = 0; k < counts.outcomes().length; k++) {
                json.writeNumberField(Program.classicalBits(counts.outcomes()[k], width), counts.counts()[k]);
            }
            json.writeEndObject();
            if (!postselections.isEmpty()) {
                json.writeObjectFieldStart("postselection");
                json.writeNumberField("success_probability", counts.keptFraction());
                json.writeNumberField("kept_shots", counts.kept());
                json.writeEndObject();
            }
        } else {
            if (ProgramRunner.needsDensityMatrix(program, model) && n > DensityMatrix.MAX_QUBITS) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %d qubits with %s need an exact density "
                        + "matrix simulation, which takes up to %d qubits (16 * 4^n bytes); sample it instead with "
                        + "--shots N --seed S (pure-state trajectories)", file, n,
                        model.hasGateNoise() ? "gate noise" : "mid-circuit measurement, reset or if",
                        DensityMatrix.MAX_QUBITS));
            }
            ProgramRunner.Exact exact;
            try {
                exact = ProgramRunner.exact(program, model);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            double[] p = exact.probabilities();
            long printed = 0;
            for (double v : p) {
                if (v >= CUTOFF) {
                    printed++;
                }
            }
            requirePrintable(printed, n, "basis states");
            json = start(n);
            json.writeObjectFieldStart("probabilities");
            for (int i = 0; i < p.length; i++) {
                if (p[i] >= CUTOFF) {
                    json.writeNumberField(StateVector.bitstring(i, n), p[i]);
                }
            }
            json.writeEndObject();
            if (classical) {
                json.writeObjectFieldStart("classical");
                for (Map.Entry<Long, Double> e : exact.classical().entrySet()) {
                    if (e.getValue() >= CUTOFF) {
                        json.writeNumberField(Program.classicalBits(e.getKey(), program.clbits()), e.getValue());
                    }
                }
                json.writeEndObject();
            }
            if (!postselections.isEmpty()) {
                json.writeObjectFieldStart("postselection");
                json.writeNumberField("success_probability", exact.successProbability());
                json.writeEndObject();
            }
        }
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
        return 0;
    }

    /** Streamed: the output can be far larger than a tree of JSON nodes should be. */
    private static JsonGenerator start(int n) throws java.io.IOException {
        JsonGenerator json = new JsonFactory().createGenerator((OutputStream) System.out);
        json.writeStartObject();
        json.writeNumberField("qubits", n);
        return json;
    }

    private void requirePrintable(long entries, int width, String what) {
        if (entries > maxStates) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %,d %s have a probability of at "
                    + "least %s, more than --max-states %,d (about %s of JSON): raise --max-states to print them all",
                    file, entries, what, CUTOFF, maxStates, Memory.text(entries * (width + 30))));
        }
    }

    /** The --postselect options as postselections of a program on {@code qubits} qubits. */
    static List<Program.Postselect> postselections(List<String> options, int qubits) {
        List<Program.Postselect> out = new java.util.ArrayList<>();
        for (String option : options) {
            String[] parts = option.split("=", -1);
            int q;
            int v;
            try {
                q = Integer.parseInt(parts[0].trim());
                v = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
            } catch (NumberFormatException e) {
                q = -1;
                v = -1;
            }
            if (parts.length != 2 || v != 0 && v != 1 || q < 0) {
                throw new IllegalArgumentException("--postselect " + option + ": expected QUBIT=0 or QUBIT=1, e.g. 2=1");
            }
            if (q >= qubits) {
                throw new IllegalArgumentException("--postselect " + option + ": the program has qubits 0.." + (qubits - 1));
            }
            out.add(new Program.Postselect(q, v));
        }
        return out;
    }

    /** {@code base} with the --noise options' channels after its own and their readout error on every measurement. */
    static NoiseModel noiseModel(NoiseModel base, List<String> options) {
        try {
            return base.withOptions(options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--noise " + e.getMessage(), e);
        }
    }
}
