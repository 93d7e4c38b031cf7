package dev.qanvas.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.quantum.QuantumNeuron;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qanvas neuron --theta T [--order K] [--amplify]}: simulates the repeat-until-success
 * quantum neuron's circuit ({@link QuantumNeuron}) and prints
 * {@code {"theta":T,"order":K,"output_angle":a,"success_probability":p}}: a is half the output
 * qubit's RY angle on success, p the probability that one run of the order-K circuit succeeds
 * (every one of its 2^K - 1 measurements reads 0), or with {@code --amplify} the probability after
 * exact amplitude amplification. docs/qrnn.md.
 */
@Command(name = "neuron", mixinStandardHelpOptions = true,
        description = "Simulates the repeat-until-success quantum neuron (Cao et al. 2017) for an input angle, as JSON.")
final class NeuronCommand implements Callable<Integer> {

    @Option(names = "--theta", required = true, paramLabel = "T", description = "The input angle theta (radians).")
    double theta;

    @Option(names = "--order", defaultValue = "1", paramLabel = "K",
            description = "Nesting order 1.." + QuantumNeuron.MAX_ORDER + ": the output angle is q applied K times (default 1).")
    int order;

    @Option(names = "--amplify", description = "Add amplitude amplification; report the raised success probability.")
    boolean amplify;

    @Override
    public Integer call() throws Exception {
        if (!Double.isFinite(theta)) {
            throw new IllegalArgumentException("--theta must be a finite number of radians, not " + theta);
        }
        if (order < 1 || order > QuantumNeuron.MAX_ORDER) {
            throw new IllegalArgumentException("--order is 1.." + QuantumNeuron.MAX_ORDER + ", not " + order);
        }
        QuantumNeuron.Outcome o = amplify ? QuantumNeuron.simulateAmplified(theta, order) : QuantumNeuron.simulate(theta, order);
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("theta", theta);
        out.put("order", order);
        out.put("output_angle", o.outputAngle());
        out.put("success_probability", o.successProbability());
        System.out.println(new ObjectMapper().writeValueAsString(out));
        return 0;
    }
}
