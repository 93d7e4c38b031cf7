package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sizes a project file can ask for (synthetic sets, resize targets) are checked before allocating. */
class HostileSpecTest {

    @Test
    void syntheticSetTooLargeForTheHeapIsRefusedWithItsLabel() {
        // 1,000,000 images of 32 x 32 floats, twice: 8 GB.
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.loadUncached(new DatasetSpec.BarsAndStripes(32, 1_000_000, 0.1, 1)));
        assertTrue(e.getMessage().startsWith("Bars and stripes (32x32): 1,000,000 samples of 1,024 values would need"),
                e.getMessage());
    }

    @Test
    void resizeWhoseResultWouldNotFitIsRefusedBeforeAllocating() {
        Dataset small = Synthetic.barsAndStripes(4, 11_000, 0.0, 1);
        // 8,800 training images of 512 x 512: more values than a Java array holds, whatever the heap.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Transform.Resize(512, 512).apply(small));
        assertTrue(e.getMessage().startsWith("resizing 8,800 images to 512 x 512 x 1 would need 8,800 MiB"), e.getMessage());
    }
}
