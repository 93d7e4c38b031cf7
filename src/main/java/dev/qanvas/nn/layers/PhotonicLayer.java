package dev.qanvas.nn.layers;

import dev.qanvas.photonic.FockProbabilities;
import dev.qanvas.photonic.Meshes;
import dev.qanvas.photonic.PhotonicBatch;
import dev.qanvas.photonic.PhotonicCircuit;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * DL4J configuration of a photonic layer (nn.graph.kinds.Photonic, docs/photonic.md): one photon in
 * each of the first {@code photons} modes through {@link Meshes#phaseEncoded} with the layer's
 * inputs as phases; outputs are mean occupations or photon-number outcome probabilities. Its one
 * parameter array "W" holds the circuit's weights in {@link PhotonicCircuit#weightNames()} order.
 * The circuit is rebuilt from these settings (the seed fixes the initial angles), or read from
 * {@code circuitJson} when the layer's circuit was edited (the circuit file's format). DL4J stores this
 * class's name in saved models: do not rename or move it.
 */
public class PhotonicLayer extends FixedWidthLayer {

    public static final String WEIGHTS = "W";

    private int modes;
    private int photons;
    private String readout = "OCCUPATIONS";
    private double inputScale = 1.0;
    private int seed;
    /** An edited circuit as a circuit file (PhotonicJson), or null for the generated one. */
    private String circuitJson;
    private transient PhotonicCircuit circuit;

    /** For DL4J's JSON deserialisation. */
    public PhotonicLayer() {
    }

    private PhotonicLayer(Builder b) {
        super(b);
        this.modes = b.modes;
        this.photons = b.photons;
        this.readout = b.readout;
        this.inputScale = b.inputScale;
        this.seed = b.seed;
        this.circuitJson = b.circuitJson;
        this.nIn = modes;
        this.nOut = readsProbabilities() ? PhotonicBatch.Outcomes.of(modes, photons, FockProbabilities.Detector.PNR).reported().size() : modes;
        initializeConstraints(b);
    }

    public PhotonicCircuit circuit() {
        if (circuit == null) {
            circuit = circuitJson != null
                    ? dev.qanvas.photonic.PhotonicJson.parse(circuitJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), layerName + "'s circuit")
                    : Meshes.phaseEncoded(modes, inputScale, seed);
        }
        return circuit;
    }

    public boolean readsProbabilities() {
        return "PROBABILITIES".equals(readout);
    }

    /** One photon in each of the first {@code photons} modes. */
    public int[] inputState() {
        int[] s = new int[modes];
        for (int i = 0; i < photons; i++) {
            s[i] = 1;
        }
        return s;
    }

    // Getters and setters are what DL4J's JSON serialisation reads and writes.
    public int getModes() { return modes; }
    public void setModes(int modes) { this.modes = modes; circuit = null; }
    public int getPhotons() { return photons; }
    public void setPhotons(int photons) { this.photons = photons; }
    public String getReadout() { return readout; }
    public void setReadout(String readout) { this.readout = readout; }
    public double getInputScale() { return inputScale; }
    public void setInputScale(double inputScale) { this.inputScale = inputScale; circuit = null; }
    public int getSeed() { return seed; }
    public void setSeed(int seed) { this.seed = seed; circuit = null; }
    public String getCircuitJson() { return circuitJson; }
    public void setCircuitJson(String json) { this.circuitJson = json; circuit = null; }

    @Override
    protected PhotonicLayerImpl newImplementation(NeuralNetConfiguration conf, DataType dataType) {
        return new PhotonicLayerImpl(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return Params.INSTANCE;
    }

    /** One row vector "W" of the weights, started at their initial values. */
    static final class Params extends WeightRow {
        static final Params INSTANCE = new Params();

        @Override
        long count(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return ((PhotonicLayer) layer).circuit().weightNames().size();
        }

        @Override
        double[] initial(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return ((PhotonicLayer) layer).circuit().initialWeights();
        }
    }

    /** Builds a photonic layer from its settings. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int modes;
        private int photons;
        private String readout = "OCCUPATIONS";
        private double inputScale = 1.0;
        private int seed;
        private String circuitJson;

        /** An edited circuit in place of the generated one (null: generated from the settings). */
        public Builder circuit(PhotonicCircuit c) {
            this.circuitJson = c == null ? null : dev.qanvas.photonic.PhotonicJson.write(c, null);
            return this;
        }

        public Builder modes(int m) {
            this.modes = m;
            return this;
        }

        public Builder photons(int n) {
            this.photons = n;
            return this;
        }

        /** OCCUPATIONS or PROBABILITIES. */
        public Builder readout(String r) {
            this.readout = r;
            return this;
        }

        public Builder inputScale(double s) {
            this.inputScale = s;
            return this;
        }

        public Builder seed(int s) {
            this.seed = s;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public PhotonicLayer build() {
            if (modes < 1 || photons < 1 || photons > modes || !(readout.equals("OCCUPATIONS") || readout.equals("PROBABILITIES"))) {
                throw new IllegalStateException("a photonic layer needs modes, 1..modes photons and a readout");
            }
            return new PhotonicLayer(this);
        }
    }
}
