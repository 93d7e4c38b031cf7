package dev.qanvas.project;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Qrnn;
import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.nn.qrnn.QrnnTraining;
import dev.qanvas.quantum.Circuit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which circuit of a project the Circuit workspace edits: the project's own circuit, a kernel
 * project's feature map, the circuit inside one quantum node of the model, or (shown, not edited)
 * a QRNN node's cell. Reading and writing go through here, so an edit
 * in the circuit editor becomes an ordinary project edit (with undo) wherever the circuit lives.
 */
public sealed interface CircuitTarget {

    /** The circuit as it is in {@code project}; empty when the target no longer exists (node deleted). */
    Optional<Circuit> circuit(Project project);

    /** {@code project} with the target's circuit replaced. */
    Project with(Project project, Circuit circuit);

    /** What a picker shows. */
    String label(Project project);

    /** Whether {@link #with} takes an edited circuit; false for a circuit derived from other settings. */
    default boolean editable() {
        return true;
    }

    /** The circuit drawn in the Circuit workspace, not part of any model node. */
    record Own() implements CircuitTarget {
        @Override
        public Optional<Circuit> circuit(Project project) {
            return Optional.of(project.circuit());
        }

        @Override
        public Project with(Project project, Circuit circuit) {
            return project.withCircuit(circuit);
        }

        @Override
        public String label(Project project) {
            return "Workspace circuit";
        }
    }

    /** The circuit of quantum node {@code nodeId} (for quanvolution, the patch circuit). */
    record Node(String nodeId) implements CircuitTarget {
        @Override
        public Optional<Circuit> circuit(Project project) {
            return layer(project.model()).map(LayerSpec.QuantumLayer::circuit);
        }

        @Override
        public Project with(Project project, Circuit circuit) {
            LayerSpec.QuantumLayer layer = layer(project.model())
                    .orElseThrow(() -> new IllegalStateException("the model has no quantum node " + nodeId));
            return project.withModel(project.model().replaced(nodeId, layer.withCircuit(circuit)));
        }

        @Override
        public String label(Project project) {
            String type = layer(project.model()).map(l -> l.getClass().getSimpleName()).orElse("deleted");
            return "Model node " + nodeId + " (" + type + ")";
        }

        private Optional<LayerSpec.QuantumLayer> layer(ModelGraph model) {
            return model.node(nodeId).map(ModelGraph.Node::spec)
                    .filter(LayerSpec.QuantumLayer.class::isInstance).map(LayerSpec.QuantumLayer.class::cast);
        }
    }

    /**
     * The feature map of a kernel project (issue 17): its built-in map drawn on {@code features}
     * features (one qubit each), or its custom circuit. An edit stores the edited circuit as the
     * kernel's custom map ({@code "map": "custom"}), which training then uses; choosing a built-in
     * map in the Model workspace drops it again.
     */
    record FeatureMap(int features) implements CircuitTarget {
        @Override
        public Optional<Circuit> circuit(Project project) {
            KernelSpec k = project.kernel();
            if (k == null) {
                return Optional.empty();
            }
            if (k.circuit() != null) {
                return Optional.of(k.circuit());
            }
            try {
                return Optional.of(k.featureMap(features));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // more features than a feature map may have qubits
            }
        }

        @Override
        public Project with(Project project, Circuit circuit) {
            if (project.kernel() == null) {
                throw new IllegalStateException(project.name() + " has no kernel model");
            }
            return project.withKernel(project.kernel().withCustomMap(circuit));
        }

        @Override
        public String label(Project project) {
            KernelSpec k = project.kernel();
            String which = k == null ? "none" : k.circuit() != null ? "custom circuit" : k.map().toUpperCase(java.util.Locale.ROOT) + " map";
            return "Kernel feature map (" + which + ")";
        }

        /** The feature map of {@code project} when its feature count is known without reading data (pca, or a custom circuit). */
        public static Optional<FeatureMap> known(Project project) {
            KernelSpec k = project.kernel();
            if (k == null) {
                return Optional.empty();
            }
            if (k.circuit() != null) {
                return Optional.of(new FeatureMap(k.circuit().inputCount()));
            }
            return k.knownFeatures().isPresent() ? Optional.of(new FeatureMap(k.knownFeatures().getAsInt())) : Optional.empty();
        }
    }

    /**
     * The cell of QRNN node {@code nodeId} (issue 23, docs/qrnn.md): one step of its circuit (input
     * lanes, cell lanes, the neurons' ancillas postselected on 0), built from the node's settings,
     * its input's shape and the initial weights its Seed draws, by the code that trains it
     * ({@link dev.qanvas.nn.qrnn.QrnnCell#stepCircuit}). It is derived, not stored: changing the
     * node's settings in the Model workspace redraws it, and an edit here is refused with the reason.
     * Empty when the node is gone or its input shape is not known (an unconnected node).
     */
    record QrnnNode(String nodeId) implements CircuitTarget {
        @Override
        public Optional<Circuit> circuit(Project project) {
            return cell(project).map(c -> c.cell().stepCircuit(QrnnTraining.initialParameters(c.cell(), c.layer().seed())));
        }

        @Override
        public Project with(Project project, Circuit circuit) {
            throw new IllegalArgumentException("the QRNN cell is drawn from layer " + nodeId + "'s settings and the initial weights"
                    + " of its Seed; change those in the Model workspace (edits here are not kept)");
        }

        @Override
        public String label(Project project) {
            return "QRNN cell of node " + nodeId + " (read-only)";
        }

        @Override
        public boolean editable() {
            return false;
        }

        /** The node's settings and the cell they give on its input. */
        public record Cell(Qrnn layer, dev.qanvas.nn.qrnn.QrnnCell cell) {}

        public Optional<Cell> cell(Project project) {
            ModelGraph g = project.model();
            Optional<Qrnn> layer = g.node(nodeId).map(ModelGraph.Node::spec).filter(Qrnn.class::isInstance).map(Qrnn.class::cast);
            List<String> inputs = g.inputsOf(nodeId);
            if (layer.isEmpty() || inputs.size() != 1) {
                return Optional.empty();
            }
            try {
                return g.analyse().shape(inputs.get(0)).map(in -> new Cell(layer.get(), layer.get().cell(in)));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // more qubits than the cell simulates: the Model workspace says so
            }
        }
    }

    /** The project's own circuit, a kernel project's feature map (when its size is known), then every quantum node in model order. */
    static List<CircuitTarget> all(Project project) {
        List<CircuitTarget> out = new ArrayList<>();
        out.add(new Own());
        FeatureMap.known(project).ifPresent(out::add);
        for (ModelGraph.Node n : project.model().nodes()) {
            if (n.spec() instanceof LayerSpec.QuantumLayer) {
                out.add(new Node(n.id()));
            } else if (n.spec() instanceof Qrnn) {
                QrnnNode cell = new QrnnNode(n.id());
                if (cell.cell(project).isPresent()) {
                    out.add(cell);
                }
            }
        }
        return out;
    }
}
