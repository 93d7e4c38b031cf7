package dev.qanvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the filter installed, no ObjectInputStream in the JVM builds an object; installing twice is harmless. */
class SerialFilterTest {

    private static byte[] serialized(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @Test
    void installsOnceAndToleratesBeingCalledAgain() {
        assertTrue(SerialFilter.install());
        assertTrue(SerialFilter.install());
        assertSame(SerialFilter.REJECT_ALL, ObjectInputFilter.Config.getSerialFilter(),
                "set in code, not through -Djdk.serialFilter");
    }

    @Test
    void readingAnyObjectThrowsInvalidClassException() throws Exception {
        SerialFilter.install();
        byte[] map = serialized(new HashMap<>(Map.of("k", "v")));
        assertThrows(InvalidClassException.class, () -> read(map));
        assertThrows(InvalidClassException.class, () -> read(serialized(new int[] {1, 2})));
        assertThrows(InvalidClassException.class, () -> read(serialized(Integer.valueOf(3))));
        // The nested-HashSet payload stops at its first class, at once.
        byte[] dos = dev.qanvas.nn.HostileZips.serialDos();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> assertThrows(InvalidClassException.class, () -> read(dos)));
    }

    @Test
    void aPlainStringStillReads() throws Exception {
        SerialFilter.install();
        // What a JavaFX drag of a palette item carries under a custom DataFormat: a string, no class.
        assertEquals("H", read(serialized("H")));
    }
}
