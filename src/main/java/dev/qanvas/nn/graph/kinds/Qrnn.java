package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.qrnn.QrnnCell;
import dev.qanvas.quantum.QuantumNeuron;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A quantum recurrent network (docs/qrnn.md): the {@link QrnnCell} of quantum neurons reads its
 * one-channel input image as a sequence, each value binarised at {@code threshold}, one pixel a
 * step (one input lane) or one row a step (a row's width of input lanes), with the same trainable
 * weights at every step; it outputs the log of the class distribution after the last step, over
 * 2^outputLanes classes, for the model's Output layer (a softmax of them with identity weights is
 * that distribution). The input gradient is zero (the pixels are
 * binarised), so it belongs right after the Input. It has no qubit circuit the Circuit workspace
 * could edit (the cell is unrolled per image), so it overrides {@link #isQuantum()} like Photonic.
 */
public record Qrnn(Reading reading, int cellLanes, int outputLanes, int order, int degree, double threshold, int seed)
        implements LayerSpec {

    /** How the image becomes a sequence. */
    public enum Reading { PIXELS, ROWS }

    /** Most steps of a sequence: every step runs every neuron, forward and backward, for every example. */
    public static final int MAX_STEPS = 256;

    public Qrnn {
        java.util.Objects.requireNonNull(reading, "reading");
        if (cellLanes < 1 || cellLanes > 8) {
            throw new IllegalArgumentException("a QRNN has 1 to 8 cell lanes, not " + cellLanes);
        }
        if (outputLanes < 1 || outputLanes > cellLanes) {
            throw new IllegalArgumentException("a QRNN reads 1 to " + cellLanes + " of its cell lanes as the class, not " + outputLanes);
        }
        if (order < 1 || order > QuantumNeuron.MAX_ORDER) {
            throw new IllegalArgumentException("the neurons' order is 1 to " + QuantumNeuron.MAX_ORDER + ", not " + order);
        }
        if (degree < 1 || degree > 2) {
            throw new IllegalArgumentException("the neurons' degree is 1 or 2, not " + degree);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("the threshold must be finite, not " + threshold);
        }
    }

    /** Input lanes for an input of this shape: one, or a row's width. */
    public int inputLanes(Shape in) {
        return reading == Reading.PIXELS ? 1 : in.width();
    }

    /** Steps for an input of this shape: one per pixel, or one per row. */
    public int steps(Shape in) {
        return reading == Reading.PIXELS ? in.size() : in.height();
    }

    /** The cell it runs on an input of this shape (one layer of neurons); refuses one over the simulator's qubits. */
    public QrnnCell cell(Shape in) {
        return new QrnnCell(inputLanes(in), cellLanes, outputLanes, order, degree, 1);
    }

    public int classes() {
        return 1 << outputLanes;
    }

    @Override
    public boolean isQuantum() {
        return true;
    }

    @Override
    public String describe() {
        return "QRNN " + (reading == Reading.PIXELS ? "pixel by pixel" : "row by row") + ", " + cellLanes + " cell lanes, "
                + classes() + " classes";
    }

    /** A QRNN: one-channel image in, the last step's class log-probabilities out. Its twin is a softmax Dense of as many units. */
    public static final class Kind implements LayerKind<Qrnn> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Qrnn, Reading>choice("reading", "Reading", Reading.class,
                        Qrnn::reading, (s, v) -> new Qrnn(v, s.cellLanes(), s.outputLanes(), s.order(), s.degree(), s.threshold(), s.seed())),
                LayerFields.<Qrnn>integer("cellLanes", "Cell lanes", "qubits of the cell state, kept from step to step",
                        Qrnn::cellLanes, (s, v) -> new Qrnn(s.reading(), v, Math.min(s.outputLanes(), v), s.order(), s.degree(), s.threshold(), s.seed())),
                LayerFields.<Qrnn>integer("outputLanes", "Output lanes", "cell lanes read as the class: 2^lanes classes",
                        Qrnn::outputLanes, (s, v) -> new Qrnn(s.reading(), s.cellLanes(), v, s.order(), s.degree(), s.threshold(), s.seed())),
                LayerFields.<Qrnn>integer("order", "Neuron order", "repeat-until-success rounds nested: q applied k times",
                        Qrnn::order, (s, v) -> new Qrnn(s.reading(), s.cellLanes(), s.outputLanes(), v, s.degree(), s.threshold(), s.seed())),
                LayerFields.<Qrnn>integer("degree", "Degree", "1: linear in the other lanes; 2: also their pairs",
                        Qrnn::degree, (s, v) -> new Qrnn(s.reading(), s.cellLanes(), s.outputLanes(), s.order(), v, s.threshold(), s.seed())),
                LayerFields.<Qrnn>decimal("threshold", "Threshold", "a pixel is the bit 1 when at least this",
                        Qrnn::threshold, (s, v) -> new Qrnn(s.reading(), s.cellLanes(), s.outputLanes(), s.order(), s.degree(), v, s.seed())),
                LayerFields.<Qrnn>integer("seed", "Seed", "seed of the initial weights",
                        Qrnn::seed, (s, v) -> new Qrnn(s.reading(), s.cellLanes(), s.outputLanes(), s.order(), s.degree(), s.threshold(), v)));

        public String name() { return "Qrnn"; }
        public Class<Qrnn> type() { return Qrnn.class; }
        public Group group() { return Group.QUANTUM; }
        public int paletteOrder() { return 37; }
        public String description() { return "Reads pixel by pixel"; }
        public String idPrefix() { return "qrnn"; }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public Qrnn example() {
            return new Qrnn(Reading.PIXELS, 3, 1, 1, 2, 0.5, 1);
        }

        @Override
        public List<String> settingsLines(Qrnn q) {
            return List.of(q.reading() == Reading.PIXELS ? "pixel by pixel" : "row by row", Text.count(q.cellLanes(), "cell lane"),
                    Text.count(q.classes(), "class"));
        }

        @Override
        public Inferred infer(Qrnn q, LayerInputs in) throws LayerMismatch {
            Shape x = in.x();
            if (x.channels() != 1) {
                throw in.mismatch(in.label() + " reads a one-channel image but receives " + x + ": use a grey-scale dataset");
            }
            int steps = q.steps(x);
            if (steps > MAX_STEPS) {
                throw in.mismatch(String.format(Locale.ROOT, "%s would read %,d steps; at most %d: resize the images (%s)", in.label(),
                        steps, MAX_STEPS, q.reading() == Reading.PIXELS ? "16x16 is 256 pixels" : "fewer rows"));
            }
            int qubits = q.inputLanes(x) + q.cellLanes() + q.order();
            if (qubits > QrnnCell.MAX_QUBITS) {
                throw in.mismatch(in.label() + " would need " + qubits + " qubits (" + q.inputLanes(x) + " input lanes, " + q.cellLanes()
                        + " cell lanes, " + q.order() + " ancillas); at most " + QrnnCell.MAX_QUBITS
                        + (q.reading() == Reading.ROWS ? ": read pixel by pixel, or narrower images" : ""));
            }
            return new Inferred(Shape.vector(q.classes()), q.cell(x).parameterCount());
        }

        @Override
        public OptionalLong fixedParameters(Qrnn q) {
            return q.reading() == Reading.PIXELS ? OptionalLong.of(q.cell(Shape.vector(1)).parameterCount()) : OptionalLong.empty();
        }

        @Override
        public Optional<Shape> fixedShape(Qrnn q) {
            return Optional.of(Shape.vector(q.classes()));
        }

        @Override
        public String parameterFormula(Qrnn q, Shape in) {
            return "per cell lane: a bias and a weight for each other lane" + (q.degree() == 2 ? " and each pair of them" : "");
        }

        @Override
        public void toDl4j(Qrnn q, Dl4jTarget t) {
            Shape in = t.inputShape(0);
            t.builder().addLayer(t.id(), new dev.qanvas.nn.layers.QrnnLayer.Builder().inputLanes(q.inputLanes(in)).steps(q.steps(in))
                    .cellLanes(q.cellLanes()).outputLanes(q.outputLanes()).order(q.order()).degree(q.degree())
                    .threshold(q.threshold()).seed(q.seed()).build(), t.inputs());
        }

        @Override
        public Optional<LayerSpec> classicalTwin(Qrnn q, Shape input) {
            return Optional.of(new Dense(q.classes(), LayerSpec.Activation.SOFTMAX));
        }
    }
}
