package dev.qanvas.nn.graph.kinds;

import dev.qanvas.nn.graph.Dl4jTarget;
import dev.qanvas.nn.graph.Inferred;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerInputs;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerMismatch;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.photonic.FockStates;
import dev.qanvas.photonic.Meshes;
import dev.qanvas.photonic.PhotonicCircuit;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A linear-optical layer (docs/photonic.md): one photon in each of the first {@code photons} modes,
 * a trainable Clements interferometer, input feature j times {@code inputScale} as a phase on mode
 * j, a second trainable interferometer; the outputs are the mean photon number of each mode, or
 * the probability of every photon-number outcome (C(m+n-1, n) of them, in FockStates order).
 * Parameters: 2 m^2 angles; initial angles from {@code seed}. {@code edited}, when not null, is a
 * circuit edited in the Circuit workspace that the layer runs instead (same modes; its weights are
 * the parameters, features x[j] < modes its inputs); changing modes, input scale or seed drops it.
 */
public record Photonic(int modes, int photons, Readout readout, double inputScale, int seed,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                       PhotonicCircuit edited) implements LayerSpec {

    /** What the layer outputs. */
    public enum Readout { OCCUPATIONS, PROBABILITIES }

    /** Most modes in a layer: each example costs a distribution over C(m+n-1, n) outcomes, forward and backward. */
    public static final int MAX_MODES = 12;
    /** Most outputs (outcome probabilities) of a layer. */
    public static final int MAX_OUTPUTS = 4096;

    public Photonic {
        if (modes < 2 || modes > MAX_MODES) {
            throw new IllegalArgumentException("a photonic layer has 2 to " + MAX_MODES + " modes, not " + modes);
        }
        if (photons < 1 || photons > modes) {
            throw new IllegalArgumentException("a photonic layer sends 1 to " + modes + " photons (one per mode), not " + photons);
        }
        java.util.Objects.requireNonNull(readout, "readout");
        if (!Double.isFinite(inputScale)) {
            throw new IllegalArgumentException("inputScale must be finite, not " + inputScale);
        }
        if (edited != null && edited.modes() != modes) {
            throw new IllegalArgumentException("the layer's edited circuit has " + edited.modes() + " modes, the layer " + modes);
        }
        if (edited != null && edited.featureCount() > modes) {
            throw new IllegalArgumentException("the layer's edited circuit reads x[" + (edited.featureCount() - 1)
                    + "]; the layer has " + modes + " input features (x[0.." + (modes - 1) + "])");
        }
    }

    /** The generated circuit, from the settings. */
    public Photonic(int modes, int photons, Readout readout, double inputScale, int seed) {
        this(modes, photons, readout, inputScale, seed, null);
    }

    /** The circuit it runs: the edited one, else mesh, feature phases, mesh. */
    public PhotonicCircuit circuit() {
        return edited != null ? edited : Meshes.phaseEncoded(modes, inputScale, seed);
    }

    /** This layer running {@code c} (null: the generated circuit again). */
    public Photonic withCircuit(PhotonicCircuit c) {
        return new Photonic(modes, photons, readout, inputScale, seed, c);
    }

    /** One photon in each of the first {@code photons} modes. */
    public int[] inputState() {
        int[] s = new int[modes];
        for (int i = 0; i < photons; i++) {
            s[i] = 1;
        }
        return s;
    }

    /** Outputs: one per mode, or C(m+n-1, n) outcome probabilities (saturating at Integer.MAX_VALUE). */
    public int outputs() {
        if (readout == Readout.OCCUPATIONS) {
            return modes;
        }
        BigInteger c = FockStates.countExact(modes, photons);
        return c.bitLength() < 31 ? c.intValue() : Integer.MAX_VALUE;
    }

    /** Trainable angles: two meshes of m^2 each, or the edited circuit's weights. */
    public int parameters() {
        return edited != null ? edited.weightNames().size() : 2 * modes * modes;
    }

    @Override
    public boolean isQuantum() {
        return true;
    }

    @Override
    public String describe() {
        return "Photonic " + modes + " modes, " + photons + " photon" + (photons == 1 ? "" : "s") + ", " + readout.name().toLowerCase();
    }

    /**
     * A photonic layer: input feature j is a phase on mode j, so the input size must equal the modes;
     * outputs as its readout says. Its twin is a sigmoid Dense of as many units.
     */
    public static final class Kind implements LayerKind<Photonic> {

        private static final List<LayerFields.Field> FIELDS = List.of(
                LayerFields.<Photonic>integer("modes", "Modes", "optical modes; one input feature each, as a phase",
                        Photonic::modes, (s, v) -> new Photonic(v, Math.min(s.photons(), v), s.readout(), s.inputScale(), s.seed())),
                LayerFields.<Photonic>integer("photons", "Photons", "one photon in each of the first modes",
                        Photonic::photons, (s, v) -> new Photonic(s.modes(), v, s.readout(), s.inputScale(), s.seed(), s.edited())),
                LayerFields.<Photonic, Readout>choice("readout", "Readout", Readout.class,
                        Photonic::readout, (s, v) -> new Photonic(s.modes(), s.photons(), v, s.inputScale(), s.seed(), s.edited())),
                LayerFields.<Photonic>decimal("inputScale", "Input scale", "each input feature times this is its phase",
                        Photonic::inputScale, (s, v) -> new Photonic(s.modes(), s.photons(), s.readout(), v, s.seed())),
                LayerFields.<Photonic>integer("seed", "Seed", "seed of the initial angles",
                        Photonic::seed, (s, v) -> new Photonic(s.modes(), s.photons(), s.readout(), s.inputScale(), v)));

        public String name() { return "Photonic"; }
        public Class<Photonic> type() { return Photonic.class; }
        public Group group() { return Group.QUANTUM; }
        public int paletteOrder() { return 35; }
        public String description() { return "Photons through beam splitters"; }
        public String idPrefix() { return "photonic"; }
        public List<LayerFields.Field> fields() { return FIELDS; }

        @Override
        public Photonic example() {
            return new Photonic(4, 2, Readout.PROBABILITIES, Math.PI, 1);
        }

        @Override
        public List<String> settingsLines(Photonic p) {
            return List.of(Text.count(p.modes(), "mode"), Text.count(p.photons(), "photon"), p.readout().name().toLowerCase()
                    + (p.edited() != null ? ", edited" : ""));
        }

        @Override
        public List<String> settingsProblems(Photonic p, String label) {
            List<String> problems = new ArrayList<>();
            if (p.outputs() > MAX_OUTPUTS) {
                problems.add(label + " has " + FockStates.countExact(p.modes(), p.photons()) + " outcome probabilities; at most "
                        + MAX_OUTPUTS + " (use fewer photons or modes, or read out occupations)");
            }
            return problems;
        }

        @Override
        public Inferred infer(Photonic p, LayerInputs in) throws LayerMismatch {
            int n = in.x().size();
            if (n != p.modes()) {
                throw in.mismatch(in.label() + " encodes " + LayerInputs.features(p.modes()) + " but receives " + n + ": put a Dense("
                        + p.modes() + ") before it" + (n < p.modes() && n >= 2 ? ", or use " + n + " modes" : ""));
            }
            return new Inferred(Shape.vector(p.outputs()), p.parameters());
        }

        @Override
        public OptionalLong fixedParameters(Photonic p) {
            return OptionalLong.of(p.parameters());
        }

        @Override
        public Optional<Shape> fixedShape(Photonic p) {
            return Optional.of(Shape.vector(p.outputs()));
        }

        @Override
        public void toDl4j(Photonic p, Dl4jTarget t) {
            t.builder().addLayer(t.id(), new dev.qanvas.nn.layers.PhotonicLayer.Builder().modes(p.modes()).photons(p.photons())
                    .readout(p.readout().name()).inputScale(p.inputScale()).seed(p.seed()).circuit(p.edited()).build(), t.inputs());
        }

        @Override
        public Optional<LayerSpec> classicalTwin(Photonic p, Shape input) {
            return Optional.of(new Dense(p.outputs(), LayerSpec.Activation.SIGMOID));
        }
    }
}
