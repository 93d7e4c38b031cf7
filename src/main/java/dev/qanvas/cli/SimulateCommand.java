package dev.qanvas.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.Memory;
import dev.qanvas.quantum.StateVector;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas simulate FILE.qasm}: the probability of every basis state of the final state
 * (measurements are not simulated), as JSON other tools read:
 * {@code {"qubits": n, "probabilities": {"<bitstring>": p, ...}}}. Character i of a bitstring
 * is qubit i (registers joined in declaration order), qubit 0 leftmost; probabilities below
 * 1e-12 are left out. More than {@code --max-states} (default 2^20) such states are refused with
 * their count rather than printed: a uniform 27-qubit state alone would be 6 GB of JSON.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate an OpenQASM 2.0 file and print the basis-state probabilities as JSON.")
final class SimulateCommand implements Callable<Integer> {

    static final double CUTOFF = 1e-12;

    /** Default of --max-states: 2^20 entries, about 50 MB of JSON. */
    static final int MAX_STATES = 1 << 20;

    @Parameters(paramLabel = "FILE", description = "An OpenQASM 2.0 file.")
    Path file;

    @Option(names = "--max-states", paramLabel = "N", defaultValue = "" + MAX_STATES,
            description = "Refuse to print more than N probabilities (default: ${DEFAULT-VALUE}, about 50 MB of JSON).")
    int maxStates;

    @Override
    public Integer call() throws Exception {
        Circuit c = QasmInput.read(file);
        StateVector s = Simulator.run(c); // fails at once when the state does not fit the heap, saying what it needs
        int n = c.qubits();
        long printed = 0;
        for (int i = 0; i < 1 << n; i++) {
            if (probability(s, i) >= CUTOFF) {
                printed++;
            }
        }
        if (printed > maxStates) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %,d basis states have a probability of at "
                    + "least %s, more than --max-states %,d (about %s of JSON): raise --max-states to print them all",
                    file, printed, CUTOFF, maxStates, Memory.text(printed * (n + 30))));
        }
        // Streamed: the output can be far larger than a tree of JSON nodes should be.
        JsonGenerator json = new JsonFactory().createGenerator((OutputStream) System.out);
        json.writeStartObject();
        json.writeNumberField("qubits", n);
        json.writeObjectFieldStart("probabilities");
        for (int i = 0; i < 1 << n; i++) {
            double p = probability(s, i);
            if (p >= CUTOFF) {
                json.writeNumberField(StateVector.bitstring(i, n), p);
            }
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
        return 0;
    }

    private static double probability(StateVector s, int i) {
        return s.re(i) * s.re(i) + s.im(i) * s.im(i);
    }
}
