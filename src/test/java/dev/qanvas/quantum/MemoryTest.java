package dev.qanvas.quantum;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory check before allocating states: against the heap's ceiling, so garbage cannot fail it. */
class MemoryTest {

    private static final long MIB = 1L << 20;

    /** What the old check called available: the ceiling minus everything on the heap, garbage included. */
    private static long oldAvailable() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    @Test
    void aHeapFullOfGarbageDoesNotFailTheCheck() {
        // Fill the heap with reachable chunks until little is left, then drop them all: until the
        // next collection the heap is full of garbage, and "free" memory is almost nothing.
        List<long[]> chunks = new ArrayList<>();
        try {
            while (oldAvailable() > 224 * MIB && chunks.size() < 4096) {
                chunks.add(new long[(int) (16 * MIB / 8)]);
            }
        } catch (OutOfMemoryError e) {
            // as full as it gets
        }
        // measured while the chunks are still reachable: a collection between clear() and the
        // measurement (likely on a busy machine) would otherwise hide how full the heap was
        long garbageFree = oldAvailable();
        chunks.clear();
        // 24 qubits, 256 MiB: more than the old check's "free", far below the ceiling
        assertDoesNotThrow(() -> StateVector.requireMemory(24, 1), "free memory after filling: " + garbageFree);
        assertDoesNotThrow(() -> StateVector.requireMemory(10, 1));
        assertDoesNotThrow(() -> StateVector.requireMemory(12, 64), "a small batch");
        assertTrue(Memory.stateBytes(24, 1) > 0.9 * garbageFree,
                "the heap was filled so far that the old check (against free memory) would have refused: " + garbageFree);
    }

    @Test
    void aStateLargerThanTheHeapCeilingFailsNamingBytesAndXmx() {
        long max = Runtime.getRuntime().maxMemory();
        int n = 1;
        while (Memory.stateBytes(n, 1) <= max) {
            n++;
        }
        int qubits = n;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateVector.requireMemory(qubits, 1));
        String bytes = String.format(java.util.Locale.ROOT, "%,d bytes", Memory.stateBytes(qubits, 1));
        assertTrue(e.getMessage().contains(bytes), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
        assertTrue(e.getMessage().contains(qubits + " qubits"), e.getMessage());
        // and a batch: 20 qubits x 100,000 samples
        e = assertThrows(IllegalArgumentException.class, () -> StateVector.requireMemory(20, 100_000));
        assertTrue(e.getMessage().contains("100000 state vectors of 20 qubits"), e.getMessage());
    }

    @Test
    void fitsComparesWithTheCeilingAndAMargin() {
        assertTrue(Memory.fits(750 * MIB, 1000 * MIB));
        assertFalse(Memory.fits(751 * MIB, 1000 * MIB));
        assertFalse(Memory.fits(-1, 1000 * MIB));
        assertEquals(16L << 20, Memory.stateBytes(20, 1));
        assertEquals(Long.MAX_VALUE, Memory.stateBytes(30, Integer.MAX_VALUE * 8L), "saturates rather than overflows");
        assertFalse(Memory.fits(Memory.stateBytes(30, Integer.MAX_VALUE), Long.MAX_VALUE / 2));
    }

    @Test
    void sizesReadWell() {
        assertEquals("512 bytes", Memory.text(512));
        assertEquals("64 KiB", Memory.text(64 << 10));
        assertEquals("64 MiB", Memory.text(64 * MIB));
        assertEquals("2.0 GiB", Memory.text(2L << 30));
    }
}
