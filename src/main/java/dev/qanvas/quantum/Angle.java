package dev.qanvas.quantum;

import java.util.Objects;

/**
 * Where a gate's angle comes from: a constant, a trainable weight, or an input feature.
 * Angles are values with structural equality, like the circuits that hold them.
 */
public sealed interface Angle {

    /** The angle for input features {@code x} and weights {@code w} (in {@link Circuit#weightNames()} order). */
    double value(double[] x, double[] w, Circuit circuit);

    /** OpenQASM-style text: "pi/4", "theta", "0.5*x[3]". */
    String text();

    /** A fixed angle; {@code text} keeps the user's expression ("pi/3") for display and export. */
    record Constant(double value, String text) implements Angle {
        public Constant {
            Objects.requireNonNull(text);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("angle must be finite: " + text);
            }
        }

        public Constant(double value) {
            this(value, AngleText.format(value));
        }

        @Override
        public double value(double[] x, double[] w, Circuit circuit) {
            return value;
        }
    }

    /** A trainable weight, shared by every gate that names it; {@code initial} is its starting value. */
    record Weight(String name, double initial) implements Angle {
        public Weight {
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("a weight name is a letter or _ followed by letters, digits or _: " + name);
            }
        }

        @Override
        public double value(double[] x, double[] w, Circuit circuit) {
            return w[circuit.weightIndex(name)];
        }

        @Override
        public String text() {
            return name;
        }
    }

    /** Input feature {@code x[index]} times {@code scale} (e.g. pi * x[3] for pixels in [0, 1]). */
    record Input(int index, double scale) implements Angle {
        public Input {
            if (index < 0) {
                throw new IllegalArgumentException("input index must be >= 0: " + index);
            }
            if (!Double.isFinite(scale)) {
                throw new IllegalArgumentException("input scale must be finite");
            }
        }

        public Input(int index) {
            this(index, 1.0);
        }

        @Override
        public double value(double[] x, double[] w, Circuit circuit) {
            if (index >= x.length) {
                throw new IllegalArgumentException("the circuit reads x[" + index + "] but only " + x.length + " features were given");
            }
            return scale * x[index];
        }

        @Override
        public String text() {
            return scale == 1.0 ? "x[" + index + "]" : AngleText.format(scale) + "*x[" + index + "]";
        }
    }
}
