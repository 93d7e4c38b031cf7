package dev.qanvas.project;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A project initialised from a seed, as {@code qanvas train --seed}, {@code qanvas reproduce} and
 * sweeps seed a run: the training seed (classical weights, batch order, shots) and every circuit
 * weight of every quantum layer drawn uniformly from [0, 2π) with a generator seeded from it (a
 * photonic layer: a new layer seed, or its edited circuit's angles redrawn; a QRNN: a new seed).
 * The data stay the same.
 */
public final class SeededStart {

    private SeededStart() {
    }

    /** The project initialised from {@code seed}. */
    public static Project of(Project p, long seed) {
        TrainingSettings t = p.training();
        TrainingSettings seeded = t.withSeed(seed).withExecution(t.execution().withSeed(seed)); // and the shots, if any
        Random random = new Random(seed);
        ModelGraph model = p.model();
        for (ModelGraph.Node n : p.model().nodes()) {
            if (n.spec() instanceof LayerSpec.QuantumLayer q) {
                model = model.replaced(n.id(), q.withCircuit(reinitialised(q.circuit(), random)));
            } else if (n.spec() instanceof dev.qanvas.nn.graph.kinds.Photonic ph) {
                // a photonic layer's angles: from a new layer seed, or redrawn in its edited circuit
                model = model.replaced(n.id(), ph.edited() != null ? ph.withCircuit(reinitialised(ph.edited(), random))
                        : new dev.qanvas.nn.graph.kinds.Photonic(ph.modes(), ph.photons(), ph.readout(), ph.inputScale(), random.nextInt()));
            } else if (n.spec() instanceof dev.qanvas.nn.graph.kinds.Qrnn r) { // a QRNN's weights come from its own seed
                model = model.replaced(n.id(), new dev.qanvas.nn.graph.kinds.Qrnn(r.reading(), r.cellLanes(), r.outputLanes(),
                        r.order(), r.degree(), r.threshold(), random.nextInt()));
            }
        }
        return p.withTraining(seeded).withModel(model);
    }

    /** The photonic circuit with fresh initial values for its weights, uniform in [0, 2 pi) (a weight used twice gets one value). */
    public static dev.qanvas.photonic.PhotonicCircuit reinitialised(dev.qanvas.photonic.PhotonicCircuit c, Random random) {
        Map<String, Double> fresh = new HashMap<>();
        List<dev.qanvas.photonic.Component> out = new ArrayList<>();
        for (dev.qanvas.photonic.Component comp : c.components()) {
            dev.qanvas.photonic.OpticalAngle a = comp.angle() instanceof dev.qanvas.photonic.OpticalAngle.Weight w
                    ? new dev.qanvas.photonic.OpticalAngle.Weight(w.name(), fresh.computeIfAbsent(w.name(), k -> random.nextDouble() * 2 * Math.PI))
                    : comp.angle();
            out.add(comp.withAngle(a));
        }
        return new dev.qanvas.photonic.PhotonicCircuit(c.modes(), out);
    }

    /** The circuit with fresh initial values for its weights (a weight used twice gets one value). */
    public static Circuit reinitialised(Circuit c, Random random) {
        Map<String, Double> fresh = new HashMap<>();
        List<Operation> ops = new ArrayList<>();
        for (Operation op : c.operations()) {
            ops.add(op.withAngles(op.angles().stream().map(a -> a instanceof Angle.Weight w
                    ? (Angle) new Angle.Weight(w.name(), fresh.computeIfAbsent(w.name(), k -> random.nextDouble() * 2 * Math.PI))
                    : a).toList()));
        }
        return new Circuit(c.qubits(), ops);
    }
}
