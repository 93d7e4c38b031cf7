package dev.qanvas.quantum;

import java.util.List;
import java.util.Objects;

/**
 * Where a gate's angle comes from: a constant, a trainable weight, an input feature, or the
 * product of input features that Qiskit's Pauli feature maps use for multi-qubit terms.
 * Angles are values with structural equality, like the circuits that hold them.
 */
public sealed interface Angle {

    /** The angle for input features {@code x} and weights {@code w} (in {@link Circuit#weightNames()} order). */
    double value(double[] x, double[] w, Circuit circuit);

    /** OpenQASM-style text: "pi/4", "theta", "0.5*x[3]". */
    String text();

    /**
     * A fixed angle; {@code text} keeps the user's expression ("pi/3") for display and export. A
     * constant made from a number formats its text when first asked: circuits built in a loop (a
     * QRNN unrolls its cell for every pixel of every image) spent half their time printing numbers.
     * Equal when value and text are, as a record would be.
     */
    final class Constant implements Angle {
        private final double value;
        private volatile String text; // null until first asked, for a constant made from a number

        public Constant(double value, String text) {
            Objects.requireNonNull(text);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("angle must be finite: " + text);
            }
            this.value = value;
            this.text = text;
        }

        public Constant(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("angle must be finite: " + AngleText.format(value));
            }
            this.value = value;
        }

        public double value() {
            return value;
        }

        @Override
        public String text() {
            String t = text;
            if (t == null) {
                t = AngleText.format(value);
                text = t;
            }
            return t;
        }

        @Override
        public double value(double[] x, double[] w, Circuit circuit) {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Constant c && Double.compare(value, c.value) == 0 && text().equals(c.text());
        }

        @Override
        public int hashCode() {
            return 31 * Double.hashCode(value) + text().hashCode();
        }

        @Override
        public String toString() {
            return "Constant[value=" + value + ", text=" + text() + "]";
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

    /**
     * {@code scale} times the product over {@code indices} of (pi - x[i]): with scale 2 and two
     * indices, the angle 2 (pi - x_i)(pi - x_j) of a ZZ term in Qiskit's {@code ZZFeatureMap} and
     * {@code PauliFeatureMap} (their default data map for a term on two or more qubits; see
     * docs/kernels.md). Written in OpenQASM 3.0 as {@code 2*(pi - x[0])*(pi - x[1])}.
     */
    record Product(List<Integer> indices, double scale) implements Angle {
        public Product {
            indices = List.copyOf(indices);
            if (indices.size() < 2) {
                throw new IllegalArgumentException("a product of inputs needs at least two indices: " + indices);
            }
            for (int i : indices) {
                if (i < 0) {
                    throw new IllegalArgumentException("input index must be >= 0: " + i);
                }
            }
            if (!Double.isFinite(scale)) {
                throw new IllegalArgumentException("input scale must be finite");
            }
        }

        @Override
        public double value(double[] x, double[] w, Circuit circuit) {
            double v = scale;
            for (int i : indices) {
                if (i >= x.length) {
                    throw new IllegalArgumentException("the circuit reads x[" + i + "] but only " + x.length + " features were given");
                }
                v *= Math.PI - x[i];
            }
            return v;
        }

        /** d value / d x[indices.get(k)] = -scale * the product of (pi - x[i]) over the other indices. */
        public double derivative(int k, double[] x) {
            double v = -scale;
            for (int m = 0; m < indices.size(); m++) {
                if (m != k) {
                    v *= Math.PI - x[indices.get(m)];
                }
            }
            return v;
        }

        /** The largest index it reads. */
        public int maxIndex() {
            int max = 0;
            for (int i : indices) {
                max = Math.max(max, i);
            }
            return max;
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder(scale == 1.0 ? "" : AngleText.format(scale) + "*");
            for (int k = 0; k < indices.size(); k++) {
                sb.append(k > 0 ? "*" : "").append("(pi - x[").append(indices.get(k)).append("])");
            }
            return sb.toString();
        }
    }
}
