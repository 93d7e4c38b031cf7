package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Synthetic#sequence}: the toy tasks as labelled prefixes, checked against their definitions by hand. */
class SequenceDatasetTest {

    @Test
    void memorisePointsAreTheCuedPrefixesLabelledWithTheNextSymbol() throws DatasetException {
        Dataset d = Datasets.loadUncached(new DatasetSpec.Sequence("memorise", 1));
        assertEquals(3, d.width(), "a leading 1 and the 2 bits of tokens 0..2");
        assertEquals(6, d.height(), "the sequences' 6 steps");
        assertEquals(12, d.train().size(), "2 sequences x 6 steps, every one scored");
        assertEquals(12, d.test().size(), "memorisation: test = train");
        // sequence 1 (cue 1 = bits 01), step 0: five blank rows, then the cue; next symbol 0
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1}, d.train().image(0));
        assertEquals(0, d.train().label(0));
        // step 1: the cue, then the blank token 0 (a row 1 0 0, not the empty row); next symbol 1
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0}, d.train().image(1));
        assertEquals(1, d.train().label(1));
        // sequence 2 (cue 2 = bits 10), step 0 -> 3; its last step (all six rows) -> 0
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0}, d.train().image(6));
        assertEquals(3, d.train().label(6));
        assertArrayEquals(new float[] {1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0}, d.train().image(11));
        assertEquals(0, d.train().label(11));
    }

    @Test
    void xorPointsEndAtATriplesSecondBitAndAreLabelledAXorB() throws DatasetException {
        Dataset d = Datasets.loadUncached(new DatasetSpec.Sequence("xor", 5));
        assertEquals(2, d.width());
        assertEquals(11, d.height(), "12-bit streams, 11 inputs");
        assertEquals(64, d.train().size(), "16 streams x 4 predictable steps");
        assertEquals(64, d.test().size());
        for (ImageSet set : new ImageSet[] {d.train(), d.test()}) {
            for (int i = 0; i < set.size(); i++) {
                float[] image = set.image(i);
                int length = 0;
                while (length < 11 && image[2 * (10 - length)] == 1) {
                    length++;
                }
                for (int row = 0; row < 11 - length; row++) {
                    assertEquals(0f, image[2 * row], "blank rows come first, then the prefix");
                    assertEquals(0f, image[2 * row + 1]);
                }
                assertEquals(2, length % 3, "a prefix ends at a triple's second bit (a, b)");
                int a = (int) image[2 * 9 + 1], b = (int) image[2 * 10 + 1];
                assertEquals(a ^ b, set.label(i), "the label is a xor b");
            }
        }
        assertNotEquals(java.util.Arrays.toString(d.train().toFloatArray()), java.util.Arrays.toString(d.test().toFloatArray()),
                "test streams are drawn after, not equal to, the training ones");
    }

    @Test
    void lettersAreLabelledWithAVowelAndRowsHoldThreeBits() throws DatasetException {
        Dataset d = Datasets.loadUncached(new DatasetSpec.Sequence("letters", 1));
        assertEquals(4, d.width());
        assertEquals(java.util.List.of("b", "d", "g", "a", "i", "u"), d.classNames());
        for (int i = 0; i < d.train().size(); i++) {
            assertTrue(d.train().label(i) >= 3, "scored steps predict a vowel");
        }
        assertEquals(1, Synthetic.tokenBits(2));
        assertEquals(2, Synthetic.tokenBits(3));
        assertEquals(2, Synthetic.tokenBits(4));
        assertEquals(3, Synthetic.tokenBits(6));
    }

    @Test
    void anUnknownTaskIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DatasetSpec.Sequence("parity", 1));
        assertTrue(e.getMessage().contains("memorise, xor, letters"), e.getMessage());
    }
}
