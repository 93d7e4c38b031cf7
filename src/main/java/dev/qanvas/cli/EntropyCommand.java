package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Entanglement;
import dev.qanvas.quantum.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas entropy FILE.qasm --subsystem 0,2}: the von Neumann entropy in bits of the
 * reduced state of the listed qubits in the circuit's final pure state, as JSON:
 * {@code {"subsystem": [0, 2], "entropy_bits": x}}. The cost grows exponentially with the qubits
 * on the smaller side of the cut: cuts beyond {@link Entanglement#requireTractableCut} are refused
 * before simulating, with the largest subsystem that would do.
 */
@Command(name = "entropy", mixinStandardHelpOptions = true,
        description = "Von Neumann entanglement entropy (bits) of a subsystem of an OpenQASM 2.0 circuit's final state, as JSON.")
final class EntropyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "An OpenQASM 2.0 file.")
    Path file;

    @Option(names = "--subsystem", split = ",", paramLabel = "QUBIT",
            description = "Qubits of the subsystem, e.g. 0,2 (default: the first half, 0..floor(n/2)-1).")
    List<Integer> subsystem;

    @Override
    public Integer call() throws Exception {
        Circuit c = QasmInput.read(file);
        int[] qubits;
        if (subsystem == null) {
            qubits = java.util.stream.IntStream.range(0, c.qubits() / 2).toArray();
        } else {
            qubits = subsystem.stream().mapToInt(Integer::intValue).toArray();
            for (int q : qubits) {
                if (q < 0 || q >= c.qubits()) {
                    throw new IllegalArgumentException("--subsystem: qubit " + q + " does not exist; " + file
                            + " has qubits 0.." + (c.qubits() - 1));
                }
            }
        }
        // Before simulating: a cut too costly (or a state too large) fails at once, saying why.
        Entanglement.requireTractableCut(c.qubits(), qubits);
        double entropy = Simulator.run(c).entropy(qubits);
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        var array = out.putArray("subsystem");
        for (int q : qubits) {
            array.add(q);
        }
        out.put("entropy_bits", entropy);
        System.out.println(json.writeValueAsString(out));
        return 0;
    }
}
