package dev.qanvas.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The only way Qanvas reads (and writes) a {@code model.zip} (a run's model or a training checkpoint). A run
 * folder is something users share, and DL4J's {@link ModelSerializer} would Java-deserialise a
 * {@code preprocessor.bin} entry and instantiate any class a {@code configuration.json} names. So
 * before DL4J sees a model, this class opens the zip itself and refuses it unless:
 * <ul>
 *   <li>it holds only the entries Qanvas's own {@code ModelSerializer.writeModel(net, file, true)}
 *       writes ({@link #WRITTEN}), each once, and the first two of them;</li>
 *   <li>it has at most {@link #MAX_ENTRIES} entries, {@code configuration.json} is at most
 *       {@link #MAX_CONFIGURATION_BYTES} and all entries together at most {@link #maxModelBytes()}
 *       uncompressed, counted on the bytes actually inflated, not the sizes the zip declares;</li>
 *   <li>every class {@code configuration.json} names (its {@code "@class"} values, and any other
 *       string shaped like a class name) is in {@link #ALLOWED_CLASS_PREFIXES}, and it has no other
 *       kind of type id (keys with '@', '.' or '$');</li>
 *   <li>each array entry declares no more numbers than it holds, in the one layout ND4J writes.</li>
 * </ul>
 * Only then are exactly the checked bytes (re-zipped in memory, so the file cannot change in
 * between) handed to {@link ModelSerializer}. Every refusal is an {@link IOException} whose message
 * starts with the zip's path and names the entry.
 */
public final class ModelFiles {

    public static final String CONFIGURATION = "configuration.json";
    public static final String COEFFICIENTS = "coefficients.bin";
    public static final String UPDATER = "updaterState.bin";

    /** What {@code ModelSerializer.writeModel(net, file, true)} writes for a Qanvas model; nothing else is read. */
    public static final Set<String> WRITTEN = Set.of(CONFIGURATION, COEFFICIENTS, UPDATER);

    /** Entries a zip may have at all, before any is looked at (Qanvas writes three). */
    public static final int MAX_ENTRIES = 16;

    /** Largest {@code configuration.json} read (the research samples' are under 20 KB). */
    public static final long MAX_CONFIGURATION_BYTES = 4L << 20;

    /** Upper bound of {@link #maxModelBytes()}, whatever the heap. */
    public static final long MAX_MODEL_BYTES = 1L << 30;

    /**
     * Packages (and the one class outside them) whose classes a Qanvas model's configuration may
     * name: DL4J's layer, vertex, preprocessor and regularisation configurations, ND4J's
     * activations, losses, updaters and schedules, and Qanvas's own layers.
     * {@code ModelFilesSamplesTest} checks that it covers every research sample's model.
     */
    public static final List<String> ALLOWED_CLASS_PREFIXES = List.of(
            "org.deeplearning4j.nn.conf.graph.",
            "org.deeplearning4j.nn.conf.layers.",
            "org.deeplearning4j.nn.conf.preprocessor.",
            "org.deeplearning4j.nn.conf.dropout.",
            "org.deeplearning4j.nn.conf.constraint.",
            "org.deeplearning4j.nn.conf.distribution.",
            "org.deeplearning4j.nn.conf.weightnoise.",
            "org.deeplearning4j.nn.weights.",
            "org.nd4j.linalg.activations.impl.",
            "org.nd4j.linalg.lossfunctions.impl.",
            "org.nd4j.linalg.learning.config.",
            "org.nd4j.linalg.learning.regularization.",
            "org.nd4j.linalg.schedule.",
            "dev.qanvas.nn.layers.");

    /** A plain binary class name: no generics, arrays or anything else Jackson's type parser would read. */
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");

    /** A string value that reads like a class name (lower-case packages, upper-case class), wherever it is. */
    private static final Pattern CLASS_LIKE = Pattern.compile("[a-z_$][A-Za-z0-9_$]*(\\.[a-z_$][A-Za-z0-9_$]*)*\\.[A-Z][A-Za-z0-9_$]*");

    /** The allocation mode and data types ND4J writes in a Qanvas model's arrays, with their sizes in bytes. */
    private static final String ALLOCATION_MODE = "MIXED_DATA_TYPES";
    private static final Map<String, Integer> DATA_TYPES = Map.of("FLOAT", 4, "DOUBLE", 8, "HALF", 2, "BFLOAT16", 2);
    private static final int MAX_RANK = 32;

    private ModelFiles() {
    }

    /** Total uncompressed bytes a model may have: a quarter of the heap, at most {@link #MAX_MODEL_BYTES}. */
    public static long maxModelBytes() {
        return Math.min(MAX_MODEL_BYTES, Runtime.getRuntime().maxMemory() / 4);
    }

    /** Whether {@code className} is one a Qanvas model's configuration may name. */
    public static boolean allowedClass(String className) {
        if (className == null || !CLASS_NAME.matcher(className).matches()) {
            return false;
        }
        for (String prefix : ALLOWED_CLASS_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code net} with its updater's state: exactly the entries {@link #restore} accepts. */
    public static void write(ComputationGraph net, Path zip) throws IOException {
        ModelSerializer.writeModel(net, zip.toFile(), true);
    }

    /**
     * Checks {@code zip} and restores the network in it.
     *
     * @param withUpdater also restore the updater's state (to continue training)
     * @throws IOException naming the zip (and the entry) when it is not a model Qanvas wrote or cannot be read
     */
    public static ComputationGraph restore(Path zip, boolean withUpdater) throws IOException {
        Map<String, byte[]> entries = check(zip);
        ByteArrayOutputStream clean = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(clean)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (!withUpdater && e.getKey().equals(UPDATER)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        entries.clear();
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(clean.toByteArray()), withUpdater);
        } catch (IOException | RuntimeException e) {
            throw new IOException(zip + ": not a model Qanvas can read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks {@code zip} as {@link #restore} does without restoring it, and returns its entries'
     * bytes by name ({@code configuration.json} first).
     */
    public static Map<String, byte[]> check(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IOException(zip + ": no model file here");
        }
        long limit = maxModelBytes();
        // Stored entries are as large in the file as inflated: a larger file cannot be within the limit.
        if (Files.size(zip) > limit + (64L << 10)) {
            throw new IOException(zip + ": " + Files.size(zip) + " bytes, more than a model may have (" + limit + "); refusing to read it");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > MAX_ENTRIES) {
                throw new IOException(zip + ": " + file.size() + " entries; a Qanvas model has at most " + WRITTEN.size()
                        + "; refusing to read it");
            }
            Enumeration<? extends ZipEntry> all = file.entries();
            long total = 0;
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                if (!WRITTEN.contains(name)) {
                    throw new IOException(zip + ": entry '" + printable(name) + "' is not one Qanvas writes; refusing to read it"
                            + " (it could run code)");
                }
                if (entries.containsKey(name)) {
                    throw new IOException(zip + ": entry '" + name + "' appears twice; refusing to read it");
                }
                long entryLimit = Math.min(limit - total, name.equals(CONFIGURATION) ? MAX_CONFIGURATION_BYTES : limit);
                byte[] bytes = read(zip, file, entry, entryLimit);
                total += bytes.length;
                entries.put(name, bytes);
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw new IOException(zip + ": not a readable zip file (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IOException(zip + ": the zip file is cut short (" + e.getMessage() + ")", e);
        }
        for (String needed : List.of(CONFIGURATION, COEFFICIENTS)) {
            if (!entries.containsKey(needed)) {
                throw new IOException(zip + ": no entry '" + needed + "'; not a model Qanvas wrote");
            }
        }
        checkConfiguration(zip, entries.get(CONFIGURATION));
        checkArray(zip, COEFFICIENTS, entries.get(COEFFICIENTS));
        if (entries.containsKey(UPDATER)) {
            checkArray(zip, UPDATER, entries.get(UPDATER));
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (String name : List.of(CONFIGURATION, COEFFICIENTS, UPDATER)) {
            if (entries.containsKey(name)) {
                ordered.put(name, entries.get(name));
            }
        }
        return ordered;
    }

    /** The entry's bytes, counting what is actually inflated against {@code limit}. */
    private static byte[] read(Path zip, ZipFile file, ZipEntry entry, long limit) throws IOException {
        String name = entry.getName();
        if (entry.getSize() > limit) {
            throw new IOException(zip + ": entry '" + name + "' declares " + entry.getSize() + " bytes, more than a model may have ("
                    + limit + "); refusing to read it");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(entry.getSize(), 1 << 20)));
        byte[] buffer = new byte[64 << 10];
        long count = 0;
        try (InputStream in = file.getInputStream(entry)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                count += n;
                if (count > limit) {
                    throw new IOException(zip + ": entry '" + name + "' inflates to more than " + limit
                            + " bytes, more than a model may have; refusing to read it");
                }
                out.write(buffer, 0, n);
            }
        } catch (ZipException | EOFException e) {
            throw new IOException(zip + ": entry '" + name + "' is damaged (" + e.getMessage() + ")", e);
        }
        return out.toByteArray();
    }

    /** Refuses a configuration that is not JSON or names a class outside the allowlist, or any other type id. */
    private static void checkConfiguration(Path zip, byte[] json) throws IOException {
        JsonNode root;
        try {
            root = strictJson().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException(zip + ": entry '" + CONFIGURATION + "' is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(zip + ": entry '" + CONFIGURATION + "' is not a DL4J configuration");
        }
        visitClassNames(root, "", (where, problem) -> {
            throw new ClassRefused(zip + ": entry '" + CONFIGURATION + "' " + problem + " at " + where
                    + "; refusing to read it (it could run code)");
        }, name -> { });
    }

    /**
     * Collects every class name {@code configuration} holds (its {@code "@class"} values and any
     * other class-shaped string), as {@code ModelFilesSamplesTest} needs to derive the allowlist.
     * Throws if it holds one outside the allowlist.
     */
    public static Set<String> classNames(byte[] configuration) throws IOException {
        Set<String> names = new java.util.TreeSet<>();
        JsonNode root = strictJson().readTree(configuration);
        visitClassNames(root, "", (where, problem) -> {
            throw new ClassRefused(problem + " at " + where);
        }, names::add);
        return names;
    }

    /**
     * A mapper that refuses duplicate keys: a tree keeps the last of two {@code "@class"} keys,
     * while Jackson's polymorphic reading in DL4J may act on the first, unchecked.
     */
    private static ObjectMapper strictJson() {
        return JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    private static final class ClassRefused extends IOException {
        ClassRefused(String message) {
            super(message);
        }
    }

    private interface Refusal {
        void refuse(String where, String problem) throws IOException;
    }

    private static void visitClassNames(JsonNode node, String where, Refusal refusal, Consumer<String> seen) throws IOException {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                String at = where + "/" + key;
                JsonNode value = field.getValue();
                if (key.equals("@class")) {
                    if (!value.isTextual()) {
                        refusal.refuse(at, "has a non-text class name");
                    } else if (!allowedClass(value.asText())) {
                        refusal.refuse(at, "names class '" + printable(value.asText()) + "', which a Qanvas model does not use");
                    } else {
                        seen.accept(value.asText());
                    }
                    continue;
                }
                if (key.indexOf('@') >= 0 || key.indexOf('.') >= 0 || key.indexOf('$') >= 0) {
                    refusal.refuse(at, "has key '" + printable(key) + "', which a Qanvas model does not write");
                }
                visitClassNames(value, at, refusal, seen);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visitClassNames(node.get(i), where + "/" + i, refusal, seen);
            }
        } else if (node.isTextual() && CLASS_LIKE.matcher(node.asText()).matches()) {
            if (!allowedClass(node.asText())) {
                refusal.refuse(where, "names class '" + printable(node.asText()) + "', which a Qanvas model does not use");
            }
            seen.accept(node.asText());
        }
    }

    /**
     * Refuses an array entry unless it is the layout {@code Nd4j.write} gives a Qanvas model's
     * flat parameter or updater view: a shape buffer (longs) then a data buffer of floating-point
     * numbers, each declaring no more numbers than follow it, and a shape whose elements all lie
     * inside the data. ND4J allocates what the header declares before reading, so a few bytes
     * declaring billions of numbers would otherwise exhaust memory.
     */
    private static void checkArray(Path zip, String name, byte[] bytes) throws IOException {
        String where = zip + ": entry '" + name + "' ";
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            long[] shapeInfo = readLongBuffer(in, where, bytes.length);
            int rank = (int) shapeInfo[0];
            if (shapeInfo[0] < 0 || shapeInfo[0] > MAX_RANK || shapeInfo.length != 2 * rank + 4) {
                throw new IOException(where + "has a malformed array shape; refusing to read it");
            }
            long elements = 1;
            long lastOffset = 0;
            for (int d = 0; d < rank; d++) {
                long size = shapeInfo[1 + d];
                long stride = shapeInfo[1 + rank + d];
                if (size < 0 || stride < 0 || (size > 0 && elements > Long.MAX_VALUE / size)) {
                    throw new IOException(where + "has a malformed array shape; refusing to read it");
                }
                elements *= size;
                if (size > 0) {
                    lastOffset = Math.addExact(lastOffset, Math.multiplyExact(size - 1, stride));
                }
            }
            char order = (char) shapeInfo[2 * rank + 3];
            if (order != 'c' && order != 'f') {
                throw new IOException(where + "has a malformed array shape; refusing to read it");
            }
            String mode = in.readUTF();
            long length = in.readLong();
            String type = in.readUTF();
            Integer width = DATA_TYPES.get(type);
            if (!mode.equals(ALLOCATION_MODE) || width == null) {
                throw new IOException(where + "is not an array layout Qanvas writes (" + printable(mode) + ", " + printable(type)
                        + "); refusing to read it");
            }
            if (length < 0 || length > in.available() / width || length * width != in.available()) {
                throw new IOException(where + "declares " + length + " numbers but holds " + in.available() / width
                        + "; refusing to read it");
            }
            if (elements > 0 && lastOffset >= length || elements > length) {
                throw new IOException(where + "has a shape reaching past its " + length + " numbers; refusing to read it");
            }
        } catch (EOFException | ArithmeticException e) {
            throw new IOException(where + "is cut short or malformed; refusing to read it", e);
        }
    }

    private static long[] readLongBuffer(DataInputStream in, String where, int total) throws IOException {
        String mode = in.readUTF();
        long length = in.readLong();
        String type = in.readUTF();
        if (!mode.equals(ALLOCATION_MODE) || !type.equals("LONG")) {
            throw new IOException(where + "is not an array layout Qanvas writes (" + printable(mode) + ", " + printable(type)
                    + "); refusing to read it");
        }
        if (length < 4 || length > 2 * MAX_RANK + 4 || length * 8 > total) {
            throw new IOException(where + "has a malformed array shape; refusing to read it");
        }
        long[] values = new long[(int) length];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    /** A name from the file as it may be shown in a message: control characters escaped, at most 200 characters. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 200 ? b + "..." : b.toString();
    }
}
