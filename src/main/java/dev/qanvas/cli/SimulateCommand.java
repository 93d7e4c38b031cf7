package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateVector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas simulate FILE.qasm}: the probability of every basis state of the final state
 * (measurements are not simulated), as JSON other tools read:
 * {@code {"qubits": n, "probabilities": {"<bitstring>": p, ...}}}. Character i of a bitstring
 * is qubit i (registers joined in declaration order), qubit 0 leftmost; probabilities below
 * 1e-12 are left out.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate an OpenQASM 2.0 file and print the basis-state probabilities as JSON.")
final class SimulateCommand implements Callable<Integer> {

    static final double CUTOFF = 1e-12;

    @Parameters(paramLabel = "FILE", description = "An OpenQASM 2.0 file.")
    Path file;

    @Override
    public Integer call() throws Exception {
        Circuit c = QasmInput.read(file);
        StateVector s = Simulator.run(c);
        double[] p = s.probabilities();
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("qubits", c.qubits());
        ObjectNode probabilities = out.putObject("probabilities");
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= CUTOFF) {
                probabilities.put(StateVector.bitstring(i, c.qubits()), p[i]);
            }
        }
        System.out.println(json.writeValueAsString(out));
        return 0;
    }
}
