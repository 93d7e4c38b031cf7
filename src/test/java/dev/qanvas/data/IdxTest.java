package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    @Test
    void gzippedRoundTripKeepsDimsAndBytes() throws IOException {
        byte[] data = new byte[3 * 2 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 10);
        }
        Path file = dir.resolve("x-idx3-ubyte.gz");
        Idx.writeGz(file, new int[] {3, 2, 4}, data);
        Idx.Array read = Idx.read(file);
        assertArrayEquals(new int[] {3, 2, 4}, read.dims());
        assertArrayEquals(data, read.data());
    }

    @Test
    void plainFilesAreReadToo() throws IOException {
        Path file = dir.resolve("labels-idx1-ubyte");
        Files.write(file, idx(new int[] {3}, new byte[] {7, 8, (byte) 200}));
        Idx.Array read = Idx.read(file);
        assertArrayEquals(new int[] {3}, read.dims());
        assertEquals(200, read.data()[2] & 0xff);
    }

    @Test
    void truncatedDataIsReportedWithTheFileName() throws IOException {
        Path file = dir.resolve("short-idx3-ubyte");
        byte[] full = idx(new int[] {2, 28, 28}, new byte[2 * 28 * 28]);
        Files.write(file, Arrays.copyOf(full, full.length - 100));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().contains("short-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        Path good = dir.resolve("good.gz");
        Idx.writeGz(good, new int[] {100, 28, 28}, new byte[100 * 28 * 28]);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut-idx3-ubyte.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    @Test
    void wrongMagicIsReported() throws IOException {
        Path file = dir.resolve("image.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        assertTrue(e.getMessage().contains("image.png"), e.getMessage());
    }

    @Test
    void nonByteElementTypeIsReported() throws IOException {
        Path file = dir.resolve("floats-idx1");
        Files.write(file, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(file));
        assertTrue(e.getMessage().contains("0x0d"), e.getMessage());
    }

    @Test
    void labelCountMismatchIsReported() throws IOException {
        Path folder = dir.resolve("mismatch");
        Files.createDirectories(folder);
        writeSplit(folder, "train", 5, 4);
        writeSplit(folder, "t10k", 3, 3);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFolderLoader.load(folder));
        assertTrue(e.getMessage().contains("label count mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("train-labels"), e.getMessage());
    }

    @Test
    void folderLoadsBothSplitsAndNamesClassesByNumber() throws IOException {
        Path folder = dir.resolve("ok");
        Files.createDirectories(folder);
        writeSplit(folder, "train", 6, 6);
        writeSplit(folder, "t10k", 2, 2);
        Dataset d = IdxFolderLoader.load(folder);
        assertEquals(6, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(4, d.width());
        assertEquals(3, d.height());
        assertEquals(3, d.classCount()); // labels are i % 3
        assertEquals(0f, d.train().value(0, 0));
        assertEquals(10 / 255f, d.train().value(0, 1), 1e-7);
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path folder = dir.resolve("half");
        Files.createDirectories(folder);
        writeSplit(folder, "train", 2, 2);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFolderLoader.load(folder));
        assertTrue(e.getMessage().contains("t10k-images-idx3"), e.getMessage());
    }

    /** n images of 3 rows x 4 columns with pixel p = p * 10, labels i % 3. */
    private static void writeSplit(Path folder, String prefix, int images, int labels) throws IOException {
        byte[] pixels = new byte[images * 12];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i % 12) * 10);
        }
        Idx.writeGz(folder.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {images, 3, 4}, pixels);
        byte[] labelBytes = new byte[labels];
        for (int i = 0; i < labels; i++) {
            labelBytes[i] = (byte) (i % 3);
        }
        Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), idx(new int[] {labels}, labelBytes));
    }

    private static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 0x08, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }
}
