package dev.qanvas.nn.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * "Initialise from run" (part of {@link TrainingSettings}): a run starts from the weights another
 * run left ({@code model.zip} of its folder) instead of fresh ones, as fine-tuning after
 * pre-training on random labels does (Maennel et al. 2020). The two networks must have the same
 * layers, by name and DL4J kind, with parameters of the same shapes; anything else is refused with
 * the first difference ({@link #copy}). The optimiser's state is not taken: the run starts its own.
 *
 * @param run         the run folder, as its record names it; a relative one is taken beside the project file
 * @param freshOutput keep the output layer's fresh initial weights instead of the run's (a new head)
 */
public record InitFromRun(String run, boolean freshOutput) {

    public InitFromRun {
        Objects.requireNonNull(run, "run");
        if (run.isBlank()) {
            throw new IllegalArgumentException("initialise from run: the run folder is empty");
        }
        if (run.length() > 4096) {
            throw new IllegalArgumentException("initialise from run: the run folder's path is longer than 4,096 characters");
        }
    }

    public String describe() {
        return "initialised from " + run + (freshOutput ? " (output layer fresh)" : "");
    }

    /**
     * Copies the parameters of {@code from} into {@code into} layer by layer (all of them, or all but
     * the output layers with {@code freshOutput}).
     *
     * @param source what {@code from} is, for the messages ("run-3")
     * @return how many parameters were copied
     * @throws IllegalArgumentException naming the first layer or parameter that differs
     */
    public static long copy(ComputationGraph from, ComputationGraph into, String source, boolean freshOutput) {
        List<String> problems = new ArrayList<>();
        for (Layer target : into.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            Layer origin = layer(from, name);
            if (origin == null) {
                if (target.numParams() > 0) {
                    problems.add(source + " has no layer " + name);
                }
                continue;
            }
            String kind = target.conf().getLayer().getClass().getSimpleName();
            String theirs = origin.conf().getLayer().getClass().getSimpleName();
            if (!kind.equals(theirs)) {
                problems.add("layer " + name + " is a " + kind + " here but a " + theirs + " in " + source);
                continue;
            }
            Map<String, INDArray> ours = target.paramTable();
            Map<String, INDArray> their = origin.paramTable();
            if (!ours.keySet().equals(their.keySet())) {
                problems.add("layer " + name + " has parameters " + ours.keySet() + " here but " + their.keySet() + " in " + source);
                continue;
            }
            for (var p : ours.entrySet()) {
                long[] want = p.getValue().shape();
                long[] have = their.get(p.getKey()).shape();
                if (!java.util.Arrays.equals(want, have)) {
                    problems.add("layer " + name + "'s " + p.getKey() + " is " + java.util.Arrays.toString(want) + " here but "
                            + java.util.Arrays.toString(have) + " in " + source);
                }
            }
        }
        for (Layer origin : from.getLayers()) {
            String name = origin.conf().getLayer().getLayerName();
            if (origin.numParams() > 0 && layer(into, name) == null) {
                problems.add(source + " has a layer " + name + " this model lacks");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot initialise from " + source + ": its model differs from this one: "
                    + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more differences)" : ""));
        }
        long copied = 0;
        for (Layer target : into.getLayers()) {
            if (target.numParams() == 0 || freshOutput && target.conf().getLayer() instanceof BaseOutputLayer) {
                continue;
            }
            Layer origin = layer(from, target.conf().getLayer().getLayerName());
            for (var p : origin.paramTable().entrySet()) {
                INDArray mine = target.getParam(p.getKey());
                mine.assign(p.getValue().castTo(mine.dataType())); // into the network's flattened parameter view
                copied += mine.length();
            }
        }
        return copied;
    }

    private static Layer layer(ComputationGraph net, String name) {
        for (Layer l : net.getLayers()) {
            if (name.equals(l.conf().getLayer().getLayerName())) {
                return l;
            }
        }
        return null;
    }
}
