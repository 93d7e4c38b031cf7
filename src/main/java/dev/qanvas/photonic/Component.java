package dev.qanvas.photonic;

/**
 * A linear-optical component: a beam splitter on two modes or a phase shifter on one. Its matrix
 * acts on {@link #modes()} in that order (row and column 0 are the first mode); conventions in
 * docs/photonic.md.
 */
public sealed interface Component {

    /** The modes it acts on: two for a beam splitter, one for a phase shifter. */
    int[] modes();

    OpticalAngle angle();

    /** The same component on the same modes with angle {@code a}. */
    default Component withAngle(OpticalAngle a) {
        return this instanceof BeamSplitter bs ? new BeamSplitter(bs.i(), bs.j(), a) : new PhaseShifter(((PhaseShifter) this).mode(), a);
    }

    /** Its matrix at angle {@code a} on {@link #modes()}, row-major: {@code re} and {@code im} of length k*k. */
    void matrix(double a, double[] re, double[] im);

    /** d matrix / d a, in the layout of {@link #matrix}. */
    void derivative(double a, double[] re, double[] im);

    /**
     * BS(theta) on modes (i, j): [[cos(theta/2), i sin(theta/2)], [i sin(theta/2), cos(theta/2)]],
     * so theta = pi/2 is a 50:50 splitter.
     */
    record BeamSplitter(int i, int j, OpticalAngle theta) implements Component {
        public BeamSplitter {
            if (i < 0 || j < 0) {
                throw new IllegalArgumentException("a mode is >= 0, not " + Math.min(i, j));
            }
            if (i == j) {
                throw new IllegalArgumentException("a beam splitter needs two different modes, not " + i + " and " + j);
            }
            java.util.Objects.requireNonNull(theta);
        }

        @Override
        public int[] modes() {
            return new int[] {i, j};
        }

        @Override
        public OpticalAngle angle() {
            return theta;
        }

        @Override
        public void matrix(double a, double[] re, double[] im) {
            double c = Math.cos(a / 2), s = Math.sin(a / 2);
            re[0] = c;
            re[1] = 0;
            re[2] = 0;
            re[3] = c;
            im[0] = 0;
            im[1] = s;
            im[2] = s;
            im[3] = 0;
        }

        @Override
        public void derivative(double a, double[] re, double[] im) {
            double c = Math.cos(a / 2) / 2, s = Math.sin(a / 2) / 2;
            re[0] = -s;
            re[1] = 0;
            re[2] = 0;
            re[3] = -s;
            im[0] = 0;
            im[1] = c;
            im[2] = c;
            im[3] = 0;
        }
    }

    /** PS(phi) on a mode: multiplies its amplitude by e^{i phi}. */
    record PhaseShifter(int mode, OpticalAngle phi) implements Component {
        public PhaseShifter {
            if (mode < 0) {
                throw new IllegalArgumentException("a mode is >= 0, not " + mode);
            }
            java.util.Objects.requireNonNull(phi);
        }

        @Override
        public int[] modes() {
            return new int[] {mode};
        }

        @Override
        public OpticalAngle angle() {
            return phi;
        }

        @Override
        public void matrix(double a, double[] re, double[] im) {
            re[0] = Math.cos(a);
            im[0] = Math.sin(a);
        }

        @Override
        public void derivative(double a, double[] re, double[] im) {
            re[0] = -Math.sin(a);
            im[0] = Math.cos(a);
        }
    }
}
