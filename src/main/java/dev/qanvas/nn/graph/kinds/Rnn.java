package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.layers.PixelRnnLayer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;

/**
 * A classical recurrent network that reads a one-channel image pixel by pixel, as {@link Qrnn}
 * does: a SimpleRnn (tanh: DL4J's model, computed in plain loops by {@link PixelRnnLayer}) or
 * DL4J's {@code LSTM} over the pixels in row order, one grey level a step, outputting its hidden
 * state after the last pixel ({@code units} values). It is the
 * classical baseline of the QRNN sample (docs/qrnn.md); unlike the QRNN it reads grey levels, not
 * bits, unless the data are binarised first. Parameters: SimpleRnn h(1 + h + 1), LSTM 4h(1 + h + 1).
 */
public record Rnn(Cell cell, int units) implements LayerSpec {

    /** Which DL4J recurrent layer. */
    public enum Cell { SIMPLE_RNN, LSTM }

    public Rnn {
        Objects.requireNonNull(cell, "cell");
        Text.positive("units", units);
    }

    /** Parameters of the recurrent layer on one input value a step: per gate a weight from the input, h recurrent and a bias. */
    public long parameters() {
        long perGate = (long) units * (1 + units + 1);
        return cell == Cell.LSTM ? 4 * perGate : perGate;
    }

    @Override
    public String describe() {
        return (cell == Cell.LSTM ? "LSTM " : "SimpleRnn ") + units + " pixel by pixel";
    }

    /** Reads a one-channel image pixel by pixel; outputs the hidden state after the last pixel. */
    public static final class Kind implements LayerKind<Rnn> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Rnn, Cell>choice("cell", "Cell", Cell.class, Rnn::cell, (s, v) -> new Rnn(v, s.units())),
                LayerFields.<Rnn>integer("units", "Units", "hidden units, the layer's output after the last pixel",
                        Rnn::units, (s, v) -> new Rnn(s.cell(), v)));

        public String name() { return "Rnn"; }
        public Class<Rnn> type() { return Rnn.class; }
        public Group group() { return Group.CLASSICAL; }
        public int paletteOrder() { return 55; }
        public String description() { return "Classical RNN, pixel by pixel"; }
        public String idPrefix() { return "rnn"; }
        public Rnn example() { return new Rnn(Cell.SIMPLE_RNN, 4); }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public List<String> settingsLines(Rnn r) {
            return List.of(r.cell() == Cell.LSTM ? "LSTM" : "SimpleRnn, tanh", Text.count(r.units(), "unit"), "pixel by pixel");
        }

        @Override
        public Inferred infer(Rnn r, LayerInputs in) throws LayerMismatch {
            Shape x = in.x();
            if (x.channels() != 1) {
                throw in.mismatch(in.label() + " reads a one-channel image but receives " + x + ": use a grey-scale dataset");
            }
            if (x.size() > Qrnn.MAX_STEPS) {
                throw in.mismatch(String.format(Locale.ROOT, "%s would read %,d steps; at most %d, as a Qrnn: resize the images",
                        in.label(), x.size(), Qrnn.MAX_STEPS));
            }
            return new Inferred(Shape.vector(r.units()), r.parameters());
        }

        @Override
        public OptionalLong fixedParameters(Rnn r) {
            return OptionalLong.of(r.parameters());
        }

        @Override
        public String parameterFormula(Rnn r, Shape in) {
            return (r.cell() == Cell.LSTM ? "4 gates x " : "") + "units x (1 input + units recurrent + 1 bias)";
        }

        @Override
        public void toDl4j(Rnn r, Dl4jTarget t) {
            int steps = t.inputShape(0).size();
            if (r.cell() == Cell.SIMPLE_RNN) { // DL4J's SimpleRnn in plain loops: its parameters and initial values, 20x faster
                t.builder().addLayer(t.id(), new PixelRnnLayer.Builder().steps(steps).units(r.units()).build(), t.inputs());
                return;
            }
            // [batch, 1, h, w] in row order is [batch, 1 feature, h*w steps]: DL4J's recurrent layout, one pixel a step
            String sequence = t.id() + "_pixels";
            t.builder().addVertex(sequence, new ReshapeVertex(-1, 1, steps), t.inputs());
            LSTM layer = new LSTM.Builder().nIn(1).nOut(r.units()).activation(org.nd4j.linalg.activations.Activation.TANH).build();
            t.builder().addLayer(t.id(), new LastTimeStep(layer), sequence);
        }
    }
}
