package dev.qanvas.nn.graph;

import dev.qanvas.nn.graph.kinds.ActivationKind;
import dev.qanvas.nn.graph.kinds.AddKind;
import dev.qanvas.nn.graph.kinds.AutoencoderKind;
import dev.qanvas.nn.graph.kinds.AvgPoolKind;
import dev.qanvas.nn.graph.kinds.BatchNormKind;
import dev.qanvas.nn.graph.kinds.ConcatKind;
import dev.qanvas.nn.graph.kinds.Conv2DKind;
import dev.qanvas.nn.graph.kinds.DenseKind;
import dev.qanvas.nn.graph.kinds.DropoutKind;
import dev.qanvas.nn.graph.kinds.FlattenKind;
import dev.qanvas.nn.graph.kinds.InputKind;
import dev.qanvas.nn.graph.kinds.MaxPoolKind;
import dev.qanvas.nn.graph.kinds.OutputLayerKind;
import dev.qanvas.nn.graph.kinds.ParallelQuantumKind;
import dev.qanvas.nn.graph.kinds.QuantumKind;
import dev.qanvas.nn.graph.kinds.QuanvolutionKind;
import dev.qanvas.nn.graph.kinds.SliceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of layer kinds: one {@link LayerKind} per {@link LayerSpec} record, in palette order
 * (the quantum layers, the point of the app, first; then classical ones by how often they are
 * used). Loading this class checks that every record of the sealed {@link LayerSpec} has exactly one
 * kind, so a record without one fails the first analysis, not a user's file.
 */
public final class LayerKinds {

    public static final List<LayerKind<?>> ALL = List.of(
            new QuantumKind(), new QuanvolutionKind(), new ParallelQuantumKind(),
            new InputKind(), new DenseKind(), new Conv2DKind(), new MaxPoolKind(), new FlattenKind(), new OutputLayerKind(),
            new DropoutKind(), new BatchNormKind(), new ActivationKind(), new AvgPoolKind(), new ConcatKind(), new AddKind(),
            new SliceKind(), new AutoencoderKind());

    private static final Map<Class<?>, LayerKind<?>> BY_TYPE = new HashMap<>();

    static {
        for (LayerKind<?> k : ALL) {
            if (BY_TYPE.put(k.type(), k) != null) {
                throw new IllegalStateException("two layer kinds for " + k.type().getSimpleName());
            }
        }
        for (Class<?> record : records()) {
            if (!BY_TYPE.containsKey(record)) {
                throw new IllegalStateException("the layer " + record.getSimpleName() + " has no LayerKind in LayerKinds.ALL");
            }
        }
    }

    private LayerKinds() {
    }

    /** The kind of {@code spec}, typed for calling its methods with {@code spec}. */
    @SuppressWarnings("unchecked")
    public static LayerKind<LayerSpec> of(LayerSpec spec) {
        return (LayerKind<LayerSpec>) BY_TYPE.get(spec.getClass());
    }

    /** The kind named {@code name} ("Dense", "Activation"), as the JSON {@code "type"} spells it. */
    public static Optional<LayerKind<?>> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** Every concrete record of the sealed {@link LayerSpec}, found through its permitted subclasses. */
    public static List<Class<?>> records() {
        List<Class<?>> out = new ArrayList<>();
        addRecords(LayerSpec.class, out);
        return out;
    }

    private static void addRecords(Class<?> type, List<Class<?>> out) {
        if (type.isRecord()) {
            out.add(type);
        } else if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                addRecords(sub, out);
            }
        }
    }
}
