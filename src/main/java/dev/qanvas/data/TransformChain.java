package dev.qanvas.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Transforms applied in order. At most one of each kind: the chain is a list of settings, not a program. */
public record TransformChain(List<Transform> steps) {

    public static final TransformChain EMPTY = new TransformChain(List.of());

    @JsonCreator
    public TransformChain {
        steps = List.copyOf(steps);
    }

    @JsonValue
    public List<Transform> steps() {
        return steps;
    }

    public Dataset apply(Dataset dataset) {
        Dataset out = dataset;
        for (Transform t : steps) {
            out = t.apply(out);
        }
        return out;
    }

    public <T extends Transform> Optional<T> find(Class<T> kind) {
        return steps.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /**
     * This chain with the step of {@code kind} replaced by {@code step}, or removed when step is
     * null. Order is kept: class subset first, then resize, then normalise (so normalisation
     * statistics describe exactly the images that are used), then the training-split-only steps
     * (docs/data-centric.md): class imbalance, label noise, random labels. They come after
     * normalise so its statistics, and what a new image goes through, stay those of the whole
     * training split; label noise comes after imbalance so its flipped indices are final indices.
     */
    public TransformChain with(Class<? extends Transform> kind, Transform step) {
        List<Transform> out = new ArrayList<>();
        for (Transform t : steps) {
            if (!kind.isInstance(t)) {
                out.add(t);
            }
        }
        if (step != null) {
            out.add(step);
        }
        out.sort(java.util.Comparator.comparingInt(TransformChain::order));
        return new TransformChain(out);
    }

    private static int order(Transform t) {
        if (t instanceof Transform.ClassSubset) {
            return 0;
        }
        if (t instanceof Transform.Resize) {
            return 1;
        }
        if (t instanceof Transform.Normalise) {
            return 2;
        }
        if (t instanceof ClassImbalance) {
            return 3;
        }
        if (t instanceof LabelNoise) {
            return 4;
        }
        return 5;
    }
}
