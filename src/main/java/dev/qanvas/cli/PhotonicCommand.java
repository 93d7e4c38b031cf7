package dev.qanvas.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.qanvas.photonic.ComplexMatrix;
import dev.qanvas.photonic.FockProbabilities;
import dev.qanvas.photonic.FockProbabilities.Detector;
import dev.qanvas.photonic.FockProbabilities.Photons;
import dev.qanvas.photonic.PhotonicCircuit;
import dev.qanvas.photonic.PhotonicJson;
import dev.qanvas.photonic.PhotonicLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas photonic CIRCUIT.json --input 1,1,0,0 [--detector pnr|threshold] [--distinguishable]}:
 * the output distribution of a Fock input through a linear-optical circuit, as
 * {@code {"modes": m, "photons": n, "probabilities": {"1,1,0,0": p, ...}}} (occupations mode 0
 * first, entries below 1e-12 left out). Conventions and limits in docs/photonic.md.
 */
@Command(name = "photonic", mixinStandardHelpOptions = true,
        description = "Output distribution of photons through a linear-optical circuit (beam splitters, phase shifters), as JSON"
                + " {\"modes\": m, \"photons\": n, \"probabilities\": {\"1,1,0,0\": p}}.")
final class PhotonicCommand implements Callable<Integer> {

    /** Probabilities below this are left out of the output. */
    static final double OMIT_BELOW = 1e-12;

    @Parameters(index = "0", paramLabel = "CIRCUIT.json",
            description = "{\"modes\": m, \"components\": [{\"type\": \"bs\", \"modes\": [i, j], \"theta\": t}, {\"type\": \"ps\", \"mode\": i, \"phi\": p}]}")
    Path circuit;

    @Option(names = "--input", required = true, paramLabel = "N0,N1,...",
            description = "Photons in each mode, mode 0 first, e.g. 1,1,0,0.")
    String input;

    @Option(names = "--detector", defaultValue = "pnr", paramLabel = "pnr|threshold",
            description = "Photon-number-resolving (default) or threshold detectors (1 where a mode holds any photon).")
    String detector;

    @Option(names = "--distinguishable", description = "Photons that do not interfere: probabilities from permanents of |U|^2.")
    boolean distinguishable;

    @Override
    public Integer call() throws IOException {
        Detector d = Detector.parse(detector);
        PhotonicCircuit c = PhotonicJson.read(circuit);
        if (c.featureCount() > 0) {
            throw new IllegalArgumentException(circuit + ": the circuit reads input features x[0.." + (c.featureCount() - 1)
                    + "]; this command takes none (make those angles constants)");
        }
        int[] counts = parseInput(input, c.modes());
        int photons = FockProbabilities.photons(counts, c.modes());
        ComplexMatrix u = c.unitary();
        Map<String, Double> p = FockProbabilities.distribution(u, counts,
                distinguishable ? Photons.DISTINGUISHABLE : Photons.INDISTINGUISHABLE, d, OMIT_BELOW);
        write(c.modes(), photons, p, System.out);
        return 0;
    }

    /** "1,1,0,0": one non-negative count per mode; every error names the entry. */
    static int[] parseInput(String text, int modes) {
        String[] parts = text.split(",", -1);
        if (parts.length != modes) {
            throw new IllegalArgumentException("--input has " + parts.length + " count" + (parts.length == 1 ? "" : "s")
                    + " but the circuit has " + modes + " modes; give one photon count per mode, e.g. "
                    + "1,".repeat(Math.min(modes, 8) - 1) + "0" + (modes > 8 ? ",..." : ""));
        }
        int[] counts = new int[modes];
        for (int i = 0; i < modes; i++) {
            String s = parts[i].strip();
            if (s.matches("-\\d+")) {
                throw new IllegalArgumentException("--input: the count of mode " + i + " is " + s + "; photon counts are >= 0");
            }
            if (!s.matches("\\d{1,9}")) {
                throw new IllegalArgumentException("--input: '" + (s.length() <= 20 ? s : s.substring(0, 17) + "...")
                        + "' (mode " + i + ") is not a photon count; expected a whole number >= 0");
            }
            counts[i] = Integer.parseInt(s);
            if (counts[i] > PhotonicLimits.MAX_PHOTONS) {
                throw new IllegalArgumentException("--input: " + counts[i] + " photons in mode " + i + "; at most "
                        + PhotonicLimits.MAX_PHOTONS + " photons in all");
            }
        }
        return counts;
    }

    static void write(int modes, int photons, Map<String, Double> probabilities, PrintStream out) throws IOException {
        // the generator flushes System.out on close but leaves it open
        try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("modes", modes);
            g.writeNumberField("photons", photons);
            g.writeObjectFieldStart("probabilities");
            for (Map.Entry<String, Double> e : probabilities.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
