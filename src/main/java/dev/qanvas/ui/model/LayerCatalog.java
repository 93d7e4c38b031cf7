package dev.qanvas.ui.model;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.LayerSpec.OutputKind;
import dev.qanvas.nn.graph.LayerSpec.Padding;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The layers the Model workspace's palette offers, declared once as data: type name (as
 * {@link LayerSpec#typeName()} spells it), group, a one-line description, the prefix of new node
 * ids, and a factory for the layer with sensible first settings. Pure: the palette, the canvas and
 * the tests read this one table.
 */
public final class LayerCatalog {

    /** The palette's sections. */
    public enum Group {
        QUANTUM("Quantum"), CLASSICAL("Classical");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** One palette entry. {@code create} makes a fresh spec each call. */
    public record Entry(String type, Group group, String description, String idPrefix, Supplier<LayerSpec> create) {
        public LayerSpec newSpec() {
            return create.get();
        }
    }

    /** Weights of the default circuits come from this seed, so a new layer is the same every time. */
    private static final long SEED = 7;

    /** Palette order: the quantum layers (the point of the app) first, then classical ones by how often they are used. */
    private static final List<Entry> ENTRIES = List.of(
            quantum("Quantum", "4 qubits: 4 features in, 4 out", "quantum",
                    () -> new LayerSpec.Quantum(variational(4), zOnEach(4), Math.PI / 2, false)),
            quantum("Quanvolution", "A circuit on every 2x2 patch", "quanv",
                    () -> new LayerSpec.Quanvolution(new Circuit(4, Templates.quanvolutionFilter(8, false, "w", SEED)), 2, 2, false)),
            quantum("ParallelQuantum", "One circuit per feature group", "pq",
                    () -> LayerSpec.ParallelQuantum.of(variational(4), 2)),
            classical("Input", "Where the images come in", "input", () -> new LayerSpec.Input(1, 28, 28)),
            classical("Dense", "Every input to every output", "dense", () -> new LayerSpec.Dense(16, Activation.RELU)),
            classical("Conv2D", "Learned filters slide over it", "conv",
                    () -> new LayerSpec.Conv2D(8, 3, 1, Padding.SAME, Activation.RELU)),
            classical("MaxPool", "Largest value per 2x2 window", "pool", () -> new LayerSpec.MaxPool(2, 2)),
            classical("Flatten", "An image to one long vector", "flatten", LayerSpec.Flatten::new),
            classical("Output", "The classifier: class scores", "output", () -> new LayerSpec.Output(10, OutputKind.SOFTMAX)),
            classical("Dropout", "Drops values while training", "dropout", () -> new LayerSpec.Dropout(0.2)),
            classical("BatchNorm", "Normalises over the batch", "bn", LayerSpec.BatchNorm::new),
            classical("Activation", "A function on every value", "act", () -> new LayerSpec.ActivationLayer(Activation.RELU)),
            classical("AvgPool", "Average of each 2x2 window", "avgpool", () -> new LayerSpec.AvgPool(2, 2)),
            classical("Concat", "Joins branches end to end", "concat", LayerSpec.Concat::new),
            classical("Add", "Sums branches (residual link)", "add", LayerSpec.Add::new),
            classical("Slice", "Keeps a range of features", "slice", () -> new LayerSpec.Slice(0, 4)),
            classical("Autoencoder", "Pretrained encoder to a code", "ae", () -> new LayerSpec.Autoencoder(8, 5, false)));

    private LayerCatalog() {
    }

    /** Every entry, in palette order. */
    public static List<Entry> all() {
        return ENTRIES;
    }

    public static List<Entry> group(Group g) {
        return ENTRIES.stream().filter(e -> e.group() == g).toList();
    }

    /** The entry for a type name ("Dense", "Quantum"). */
    public static Optional<Entry> find(String type) {
        return ENTRIES.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    /** The entry a spec belongs to (for its id prefix when it is pasted). */
    public static Optional<Entry> of(LayerSpec spec) {
        return find(spec.typeName());
    }

    /** RY(x[i]) on each qubit, then two layers of trainable RY and a ring of CNOTs (as the samples use). */
    private static Circuit variational(int qubits) {
        List<Operation> ops = new ArrayList<>(Templates.angleEmbedding(qubits, Gate.RY, 1.0));
        ops.addAll(Templates.basicEntanglerLayers(qubits, 2, Gate.RY, "w", SEED));
        return new Circuit(qubits, ops);
    }

    private static List<PauliString> zOnEach(int qubits) {
        List<PauliString> z = new ArrayList<>();
        for (int q = 0; q < qubits; q++) {
            z.add(PauliString.z(q));
        }
        return z;
    }

    private static Entry classical(String type, String description, String prefix, Supplier<LayerSpec> create) {
        return new Entry(type, Group.CLASSICAL, description, prefix, create);
    }

    private static Entry quantum(String type, String description, String prefix, Supplier<LayerSpec> create) {
        return new Entry(type, Group.QUANTUM, description, prefix, create);
    }
}
