package dev.qanvas.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.SerialFilter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A model zip is read only when it is exactly what Qanvas writes; everything else is refused, quickly, with its place. */
class ModelFilesTest {

    /** A hang guard only: every refusal here takes milliseconds. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeAll
    static void engine() {
        SerialFilter.install();
        NumericEngine.start();
    }

    static ComputationGraph tinyTrained() {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(0.01))
                .dataType(DataType.FLOAT).graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build());
        net.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 4);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 2);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 2, 1f);
        }
        for (int i = 0; i < 5; i++) {
            net.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
        }
        return net;
    }

    private Path saved() throws IOException {
        Path zip = dir.resolve("run-3").resolve("model.zip");
        Files.createDirectories(zip.getParent());
        ModelFiles.write(tinyTrained(), zip);
        return zip;
    }

    private static String refusal(Path zip) {
        IOException e = assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(IOException.class, () -> ModelFiles.restore(zip, true)));
        assertTrue(e.getMessage().startsWith(zip.toString() + ": "), "located: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void qanvasWritesExactlyTheEntriesItReads() throws Exception {
        Path zip = saved();
        assertEquals(Set.copyOf(HostileZips.entries(zip).keySet()), ModelFiles.WRITTEN);
        assertEquals(ModelFiles.WRITTEN, ModelFiles.check(zip).keySet());
    }

    @Test
    void aSavedModelRestoresAndPredictsIdentically() throws Exception {
        ComputationGraph net = tinyTrained();
        Path zip = dir.resolve("model.zip");
        ModelFiles.write(net, zip);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4);
        for (boolean withUpdater : new boolean[] {false, true}) {
            ComputationGraph back = ModelFiles.restore(zip, withUpdater);
            assertEquals(net.params(), back.params());
            assertEquals(net.outputSingle(false, x), back.outputSingle(false, x));
            if (withUpdater) {
                assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
            }
        }
    }

    @Test
    void trainingSavingRestoringAndCloningNeedNoJavaSerialisation() throws Exception {
        assertTrue(SerialFilter.install(), "the filter is in place for this JVM");
        ComputationGraph net = tinyTrained();
        Path zip = dir.resolve("model.zip");
        ModelFiles.write(net, zip);
        ComputationGraph back = ModelFiles.restore(zip, true);
        ComputationGraph clone = back.clone();
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4);
        assertEquals(net.outputSingle(false, x), clone.outputSingle(false, x));
        assertEquals(net.getConfiguration().getVertices(), back.getConfiguration().clone().getVertices());
        back.fit(new org.nd4j.linalg.dataset.DataSet(x, Nd4j.zeros(DataType.FLOAT, 5, 2).putScalar(0, 1, 1f)));
    }

    @Test
    void aPreprocessorEntryCarryingASerialDosPayloadIsRefusedUnread() throws Exception {
        byte[] payload = HostileZips.serialDos();
        assertTrue(payload.length < 8192, "a small payload: " + payload.length);
        Path zip = HostileZips.withEntry(saved(), dir.resolve("run-3").resolve("model.zip"), "preprocessor.bin", payload);
        assertEquals(zip + ": entry 'preprocessor.bin' is not one Qanvas writes; refusing to read it (it could run code)", refusal(zip));
        Path map = HostileZips.withEntry(saved(), dir.resolve("map.zip"), "preprocessor.bin",
                HostileZips.serialized(new HashMap<>(Map.of("k", "v"))));
        assertTrue(refusal(map).contains("'preprocessor.bin' is not one Qanvas writes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"normalizer.bin", "noParams.marker", "notes.txt", "../configuration.json", "/coefficients.bin",
            "sub/", "configuration.json/", "Configuration.json", "coefficients.bin\u0000"})
    void anyOtherEntryIsRefused(String name) throws Exception {
        Path zip = HostileZips.withEntry(saved(), dir.resolve("other.zip"), name, "x".getBytes(StandardCharsets.UTF_8));
        assertTrue(refusal(zip).contains(" is not one Qanvas writes"), refusal(zip));
    }

    @Test
    void aDuplicateEntryIsRefused() throws Exception {
        Map<String, byte[]> entries = HostileZips.entries(saved());
        entries.put("coefficients.biX", entries.get(ModelFiles.COEFFICIENTS));
        byte[] twice = HostileZips.rename(HostileZips.zipBytes(entries), "coefficients.biX", "coefficients.bin");
        Path zip = Files.write(dir.resolve("twice.zip"), twice);
        assertTrue(refusal(zip).contains("entry 'coefficients.bin' appears twice"), refusal(zip));
    }

    @Test
    void tooManyEntriesAreRefusedBeforeAnyIsRead() throws Exception {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            entries.put("e" + i, new byte[0]);
        }
        Path zip = HostileZips.zip(dir.resolve("many.zip"), entries);
        assertTrue(refusal(zip).contains("10000 entries; a Qanvas model has at most 3"), refusal(zip));
    }

    @Test
    void aConfigurationNamingAClassOutsideTheAllowlistIsRefused() throws Exception {
        Map<String, byte[]> entries = HostileZips.entries(saved());
        String json = new String(entries.get(ModelFiles.CONFIGURATION), StandardCharsets.UTF_8);
        String dense = "\"org.deeplearning4j.nn.conf.layers.DenseLayer\"";
        assertTrue(json.contains(dense));
        for (String hostile : new String[] {"java.net.URL", "org.springframework.context.support.ClassPathXmlApplicationContext",
                "org.deeplearning4j.nn.conf.layers.DenseLayer<java.net.URL>", "[Lorg.deeplearning4j.nn.conf.layers.DenseLayer;",
                "org.deeplearning4j.nn.conf.layersX.Evil", "dev.qanvas.Main"}) {
            entries.put(ModelFiles.CONFIGURATION, json.replace(dense, "\"" + hostile + "\"").getBytes(StandardCharsets.UTF_8));
            Path zip = HostileZips.zip(dir.resolve("class.zip"), entries);
            String message = refusal(zip);
            assertTrue(message.contains("entry 'configuration.json' names class '" + hostile + "', which a Qanvas model does not use"),
                    message);
            assertTrue(message.contains("/vertices/dense/layerConf/layer/@class"), "the place in the JSON: " + message);
        }
        // Other ways Jackson could be told a type: a wrapper key, a minimal-class id, a class name in any field.
        for (String[] edit : new String[][] {
                {"\"@class\" : " + dense, "\"java.net.URL\" : { }, \"@class\" : " + dense},
                {"\"@class\" : " + dense, "\"@c\" : \".Evil\", \"@class\" : " + dense},
                {"\"@class\" : " + dense, "\"note\" : \"com.sun.rowset.JdbcRowSetImpl\", \"@class\" : " + dense},
                // A tree keeps the last of duplicate keys; Jackson's type reading may use the first.
                {"\"@class\" : " + dense, "\"@class\" : \"java.net.URL\", \"@class\" : " + dense}}) {
            assertTrue(json.contains(edit[0]), edit[0]);
            entries.put(ModelFiles.CONFIGURATION, json.replace(edit[0], edit[1]).getBytes(StandardCharsets.UTF_8));
            String message = refusal(HostileZips.zip(dir.resolve("type.zip"), entries));
            assertTrue(message.contains("refusing to read it (it could run code)") || message.contains("Duplicate field '@class'"), message);
        }
        entries.put(ModelFiles.CONFIGURATION, "{ \"vertices\" : [ ".getBytes(StandardCharsets.UTF_8));
        assertTrue(refusal(HostileZips.zip(dir.resolve("json.zip"), entries)).contains("'configuration.json' is not valid JSON"));
    }

    @Test
    void theAllowlistHoldsPlainNamesInDl4jNd4jAndQanvasLayerPackagesOnly() {
        assertTrue(ModelFiles.allowedClass("org.deeplearning4j.nn.conf.layers.DenseLayer"));
        assertTrue(ModelFiles.allowedClass("dev.qanvas.nn.layers.QuantumLayer"));
        assertTrue(ModelFiles.allowedClass("org.nd4j.linalg.learning.config.Adam"));
        for (String no : new String[] {"java.net.URL", "java.util.HashMap", "org.deeplearning4j.nn.conf.layers",
                "org.deeplearning4j.util.ModelSerializer", "org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize",
                "dev.qanvas.nn.ModelFiles", " org.deeplearning4j.nn.conf.layers.DenseLayer", "", null}) {
            assertFalse(ModelFiles.allowedClass(no), no);
        }
    }

    @Test
    void zipBombsAreRefusedOnTheBytesTheyInflateTo() throws Exception {
        Map<String, byte[]> entries = HostileZips.entries(saved());
        // A configuration that inflates to 50 MB from about 50 KB, whose header says 1,000 bytes.
        byte[] huge = new byte[50 << 20];
        Arrays.fill(huge, (byte) ' ');
        entries.put(ModelFiles.CONFIGURATION, huge);
        byte[] lying = HostileZips.declareSize(HostileZips.zipBytes(entries), ModelFiles.CONFIGURATION, 1000);
        assertTrue(lying.length < 1 << 20);
        Path bomb = Files.write(dir.resolve("bomb.zip"), lying);
        assertTrue(refusal(bomb).contains("entry 'configuration.json' inflates to more than " + ModelFiles.MAX_CONFIGURATION_BYTES),
                refusal(bomb));
        // A header declaring more than a model may have is refused without inflating anything.
        Map<String, byte[]> honest = HostileZips.entries(saved());
        Path declared = Files.write(dir.resolve("declared.zip"),
                HostileZips.declareSize(HostileZips.zipBytes(honest), ModelFiles.COEFFICIENTS, 0xFFFF_FFF0L));
        assertTrue(refusal(declared).contains("entry 'coefficients.bin' declares 4294967280 bytes"), refusal(declared));
        assertTrue(ModelFiles.maxModelBytes() <= ModelFiles.MAX_MODEL_BYTES
                && ModelFiles.maxModelBytes() <= Runtime.getRuntime().maxMemory() / 4);
    }

    @Test
    void anArrayDeclaringMoreNumbersThanItHoldsIsRefused() throws Exception {
        Map<String, byte[]> entries = HostileZips.entries(saved());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(6);
        out.writeUTF("LONG");
        for (long v : new long[] {1, 1L << 40, 1, 8192, 1, 'c'}) {
            out.writeLong(v);
        }
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(1L << 40);
        out.writeUTF("FLOAT");
        out.writeFloat(1f);
        out.flush();
        entries.put(ModelFiles.COEFFICIENTS, bytes.toByteArray());
        String message = refusal(HostileZips.zip(dir.resolve("array.zip"), entries));
        assertTrue(message.contains("entry 'coefficients.bin' declares 1099511627776 numbers but holds 1"), message);
    }

    @Test
    void aTruncatedOrDamagedZipGetsALocatedError() throws Exception {
        byte[] good = Files.readAllBytes(saved());
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(good, good.length / 2));
        assertTrue(refusal(cut).contains("not a readable zip file"), refusal(cut));
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        refusal(empty);
        Map<String, byte[]> entries = HostileZips.entries(saved());
        entries.remove(ModelFiles.COEFFICIENTS);
        assertTrue(refusal(HostileZips.zip(dir.resolve("part.zip"), entries)).contains("no entry 'coefficients.bin'"));
        byte[] damaged = good.clone();
        for (int i = 200; i < 260; i++) {
            damaged[i] ^= 0x5a; // inside the first entry's compressed data
        }
        refusal(Files.write(dir.resolve("damaged.zip"), damaged));
        assertTrue(refusal(dir.resolve("missing.zip")).contains("no model file here"));
    }

    @Test
    void theChecksLeaveAValidModelByteForByte() throws Exception {
        Path zip = saved();
        Map<String, byte[]> original = HostileZips.entries(zip);
        Map<String, byte[]> checked = ModelFiles.check(zip);
        for (String name : ModelFiles.WRITTEN) {
            assertArrayEquals(original.get(name), checked.get(name), name);
        }
    }
}
