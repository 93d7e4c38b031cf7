package dev.qanvas.photonic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A photonic circuit with the Fock state sent into it: what the Circuit workspace's photonic
 * editor edits and a project saves (docs/photonic.md). A value: every edit returns a new setup,
 * so undo is the project's stack of versions.
 *
 * @param circuit the components, applied in list order
 * @param input   photons entering each mode, one count per mode (mode 0 first)
 */
public record PhotonicSetup(PhotonicCircuit circuit, int[] input) {

    /** Most modes the editor offers: each live update enumerates every outcome of the input. */
    public static final int MAX_MODES = 12;
    /** Most photons the editor sends in (as many as a Photonic layer may: one per mode). */
    public static final int MAX_PHOTONS = 12;

    public PhotonicSetup {
        java.util.Objects.requireNonNull(circuit, "circuit");
        input = input.clone();
        if (input.length != circuit.modes()) {
            throw new IllegalArgumentException("the input has " + input.length + " counts but the circuit has " + circuit.modes() + " modes");
        }
        int n = 0;
        for (int i = 0; i < input.length; i++) {
            if (input[i] < 0) {
                throw new IllegalArgumentException("mode " + i + " has " + input[i] + " photons; counts are >= 0");
            }
            n += input[i];
        }
        if (n > MAX_PHOTONS) {
            throw new IllegalArgumentException(n + " photons; the editor sends at most " + MAX_PHOTONS);
        }
    }

    /** Hong-Ou-Mandel: one photon in each of two modes, one 50:50 beam splitter. */
    public static PhotonicSetup hongOuMandel() {
        return new PhotonicSetup(new PhotonicCircuit(2, List.of(
                new Component.BeamSplitter(0, 1, new OpticalAngle.Constant(Math.PI / 2)))), new int[] {1, 1});
    }

    @Override
    public int[] input() {
        return input.clone();
    }

    public int modes() {
        return circuit.modes();
    }

    public int photons() {
        return Arrays.stream(input).sum();
    }

    /** The same input (cut or padded with empty modes) into {@code next}. */
    public PhotonicSetup withCircuit(PhotonicCircuit next) {
        return new PhotonicSetup(next, Arrays.copyOf(input, next.modes()));
    }

    /** {@code count} photons into {@code mode}. */
    public PhotonicSetup withInput(int mode, int count) {
        int[] s = input.clone();
        s[mode] = count;
        return new PhotonicSetup(circuit, s);
    }

    /** {@code c} inserted before component {@code index} (0 .. size). */
    public PhotonicSetup inserted(int index, Component c) {
        List<Component> list = new ArrayList<>(circuit.components());
        list.add(Math.max(0, Math.min(index, list.size())), c);
        return withCircuit(new PhotonicCircuit(modes(), list));
    }

    /** Component {@code index} removed. */
    public PhotonicSetup removed(int index) {
        List<Component> list = new ArrayList<>(circuit.components());
        list.remove(index);
        return withCircuit(new PhotonicCircuit(modes(), list));
    }

    /** Component {@code index} with angle {@code angle}. */
    public PhotonicSetup withAngle(int index, OpticalAngle angle) {
        List<Component> list = new ArrayList<>(circuit.components());
        list.set(index, list.get(index).withAngle(angle));
        return withCircuit(new PhotonicCircuit(modes(), list));
    }

    /** One more, empty mode at the bottom. */
    public PhotonicSetup withModeAdded() {
        if (modes() >= MAX_MODES) {
            throw new IllegalArgumentException("the editor has at most " + MAX_MODES + " modes");
        }
        return withCircuit(new PhotonicCircuit(modes() + 1, circuit.components()));
    }

    /** Mode {@code mode} removed with every component on it; the modes below move up by one. */
    public PhotonicSetup withModeRemoved(int mode) {
        if (modes() <= 1) {
            throw new IllegalArgumentException("a circuit keeps at least one mode");
        }
        List<Component> list = new ArrayList<>();
        for (Component c : circuit.components()) {
            if (c instanceof Component.BeamSplitter bs && bs.i() != mode && bs.j() != mode) {
                list.add(new Component.BeamSplitter(shift(bs.i(), mode), shift(bs.j(), mode), bs.theta()));
            } else if (c instanceof Component.PhaseShifter ps && ps.mode() != mode) {
                list.add(new Component.PhaseShifter(shift(ps.mode(), mode), ps.phi()));
            }
        }
        int[] s = new int[modes() - 1];
        for (int i = 0, k = 0; i < modes(); i++) {
            if (i != mode) {
                s[k++] = input[i];
            }
        }
        return new PhotonicSetup(new PhotonicCircuit(modes() - 1, list), s);
    }

    private static int shift(int m, int removed) {
        return m > removed ? m - 1 : m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhotonicSetup s && s.circuit.equals(circuit) && Arrays.equals(s.input, input);
    }

    @Override
    public int hashCode() {
        return circuit.hashCode() * 31 + Arrays.hashCode(input);
    }

    @Override
    public String toString() {
        return "PhotonicSetup" + Arrays.toString(input) + " " + circuit;
    }

    /** The templates the editor offers, each on {@code m} modes. */
    public enum Template {
        /** A random unitary (the trainable unitary's starting point) decomposed into a Clements rectangle, constant angles. */
        CLEMENTS("Clements mesh (random unitary)"),
        /** The same unitary decomposed into a Reck triangle, constant angles. */
        RECK("Reck mesh (random unitary)"),
        /** Every angle of a Clements rectangle a trainable weight (m^2 of them). */
        TRAINABLE_UNITARY("Trainable m x m unitary");

        private final String label;

        Template(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The template's circuit on {@code m} modes; the random unitary comes from {@code seed}. */
        public PhotonicCircuit circuit(int m, long seed) {
            PhotonicCircuit trainable = Meshes.trainableUnitary(m, seed);
            return switch (this) {
                case CLEMENTS -> Meshes.clements(trainable.unitary()).circuit();
                case RECK -> Meshes.reck(trainable.unitary()).circuit();
                case TRAINABLE_UNITARY -> trainable;
            };
        }
    }
}
