package dev.qanvas.photonic;

import java.util.Objects;

/**
 * Where a beam splitter's or phase shifter's angle comes from: a constant, a trainable weight
 * (shared by every component that names it) or an input feature times a scale, as qubit
 * circuits' angles are (docs/photonic.md).
 */
public sealed interface OpticalAngle {

    /** The angle for input features {@code x} and weights {@code w}; {@code weightIndex} is this weight's place in {@code w}. */
    double value(double[] x, double[] w, int weightIndex);

    /** A fixed angle. */
    record Constant(double value) implements OpticalAngle {
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("an angle must be finite, not " + value);
            }
        }

        @Override
        public double value(double[] x, double[] w, int weightIndex) {
            return value;
        }
    }

    /** A trainable weight; {@code initial} is its starting value. */
    record Weight(String name, double initial) implements OpticalAngle {
        public Weight {
            Objects.requireNonNull(name);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("a weight name is a letter or _ followed by letters, digits or _: " + name);
            }
            if (!Double.isFinite(initial)) {
                throw new IllegalArgumentException("weight " + name + " needs a finite initial value, not " + initial);
            }
        }

        @Override
        public double value(double[] x, double[] w, int weightIndex) {
            return w[weightIndex];
        }
    }

    /** Input feature {@code x[index]} times {@code scale} (pi * x for pixels in [0, 1]). */
    record Input(int index, double scale) implements OpticalAngle {
        public Input {
            if (index < 0) {
                throw new IllegalArgumentException("an input index must be >= 0, not " + index);
            }
            if (!Double.isFinite(scale)) {
                throw new IllegalArgumentException("an input scale must be finite, not " + scale);
            }
        }

        @Override
        public double value(double[] x, double[] w, int weightIndex) {
            if (index >= x.length) {
                throw new IllegalArgumentException("the circuit reads x[" + index + "] but only " + x.length + " features were given");
            }
            return scale * x[index];
        }
    }
}
