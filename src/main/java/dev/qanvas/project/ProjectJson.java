package dev.qanvas.project;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.photonic.PhotonicJson;
import dev.qanvas.photonic.PhotonicSetup;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.CircuitText;
import dev.qanvas.quantum.PauliString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON mapper of project files. Values are written from their record components (fields),
 * never from helper methods such as {@code isQuantum()}. Model-graph layers carry a
 * {@code "type"}; circuits are written as {@code {"qubits": n, "operations": ["RY 0 - x:0:1.0", ...]}}
 * (one {@link CircuitText} line per operation, exact); Pauli measurements as text ("Z0", "X1 Y2").
 */
final class ProjectJson {

    private ProjectJson() {
    }

    static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        m.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        m.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        m.addMixIn(LayerSpec.class, LayerSpecMixin.class);
        for (LayerKind<?> kind : LayerKinds.ALL) {
            m.registerSubtypes(new NamedType(kind.type(), kind.name()));
        }
        SimpleModule module = new SimpleModule("qanvas");
        module.addSerializer(Circuit.class, new CircuitSerializer());
        module.addDeserializer(Circuit.class, new CircuitDeserializer());
        module.addSerializer(PhotonicSetup.class, new PhotonicSerializer());
        module.addSerializer(dev.qanvas.photonic.PhotonicCircuit.class, new PhotonicCircuitSerializer());
        module.addDeserializer(dev.qanvas.photonic.PhotonicCircuit.class, new PhotonicCircuitDeserializer());
        module.addDeserializer(PhotonicSetup.class, new PhotonicDeserializer());
        module.addSerializer(PauliString.class, new PauliSerializer());
        module.addDeserializer(PauliString.class, new PauliDeserializer());
        m.registerModule(module);
        return m;
    }

    /** The {@code "type"} of a layer is its kind's name; the subtypes are registered from {@link LayerKinds#ALL}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    interface LayerSpecMixin {
    }

    private static final class CircuitSerializer extends JsonSerializer<Circuit> {
        @Override
        public void serialize(Circuit c, JsonGenerator g, SerializerProvider p) throws IOException {
            String[] lines = CircuitText.write(c).split("\n");
            g.writeStartObject();
            g.writeNumberField("qubits", c.qubits());
            g.writeArrayFieldStart("operations");
            for (int i = 1; i < lines.length; i++) {
                g.writeString(lines[i]);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static final class CircuitDeserializer extends JsonDeserializer<Circuit> {
        @Override
        public Circuit deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode node = p.getCodec().readTree(p);
            if (!node.has("qubits") || !node.has("operations")) {
                throw ctx.weirdStringException(node.toString(), Circuit.class, "a circuit needs \"qubits\" and \"operations\"");
            }
            JsonNode qubits = node.get("qubits");
            if (!qubits.isIntegralNumber() || !qubits.canConvertToInt()) {
                // asInt() would quietly turn 4294967298 into 2 and "many" into 0
                throw ctx.weirdStringException(qubits.toString(), Circuit.class,
                        "a circuit's \"qubits\" is a whole number from 1 to " + Circuit.MAX_QUBITS + ", not " + qubits);
            }
            List<String> lines = new ArrayList<>();
            lines.add("qubits " + qubits.intValue());
            node.get("operations").forEach(op -> lines.add(op.asText()));
            try {
                return CircuitText.read(String.join("\n", lines));
            } catch (RuntimeException e) {
                throw ctx.weirdStringException(String.join("; ", lines), Circuit.class, e.getMessage());
            }
        }
    }

    /** A photonic circuit as the CLI's circuit file, with its input state: {"modes": m, "input": [...], "components": [...]}. */
    private static final class PhotonicSerializer extends JsonSerializer<PhotonicSetup> {
        @Override
        public void serialize(PhotonicSetup s, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeTree(new ObjectMapper().readTree(PhotonicJson.write(s.circuit(), s.input())));
        }
    }

    /** A photonic layer's edited circuit, as the CLI's circuit file. */
    private static final class PhotonicCircuitSerializer extends JsonSerializer<dev.qanvas.photonic.PhotonicCircuit> {
        @Override
        public void serialize(dev.qanvas.photonic.PhotonicCircuit c, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeTree(new ObjectMapper().readTree(PhotonicJson.write(c, null)));
        }
    }

    private static final class PhotonicCircuitDeserializer extends JsonDeserializer<dev.qanvas.photonic.PhotonicCircuit> {
        @Override
        public dev.qanvas.photonic.PhotonicCircuit deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode node = p.getCodec().readTree(p);
            try {
                return PhotonicJson.parse(node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "circuit");
            } catch (IllegalArgumentException e) {
                throw ctx.weirdStringException(node.toString().length() > 200 ? node.toString().substring(0, 200) + "..." : node.toString(),
                        dev.qanvas.photonic.PhotonicCircuit.class, e.getMessage());
            }
        }
    }

    private static final class PhotonicDeserializer extends JsonDeserializer<PhotonicSetup> {
        @Override
        public PhotonicSetup deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode node = p.getCodec().readTree(p);
            try {
                return PhotonicJson.parseSetup(node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "photonic");
            } catch (IllegalArgumentException e) {
                throw ctx.weirdStringException(node.toString().length() > 200 ? node.toString().substring(0, 200) + "..." : node.toString(),
                        PhotonicSetup.class, e.getMessage());
            }
        }
    }

    private static final class PauliSerializer extends JsonSerializer<PauliString> {
        @Override
        public void serialize(PauliString value, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(value.toString());
        }
    }

    private static final class PauliDeserializer extends JsonDeserializer<PauliString> {
        @Override
        public PauliString deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            try {
                return PauliString.parse(text);
            } catch (IllegalArgumentException e) {
                throw ctx.weirdStringException(text, PauliString.class, e.getMessage());
            }
        }
    }
}
