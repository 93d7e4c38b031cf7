package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile IDX files: each must end in a located error (the file name and what is
 * wrong) without allocating what the header claims. Timeouts are generous hang guards only.
 */
class HostileIdxTest {

    /** Far below any claimed size in these tests, far above what reading a header needs. */
    private static final long ALLOCATION_BOUND = 64L << 20;
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void dimensionsWhoseProductWrapsToZeroAsIntAreRefused() throws IOException {
        // 65536 x 65536 = 2^32: 0 in int arithmetic.
        Path file = write("wrap32-idx3-ubyte", header(65536, 65536, 1));
        String m = refused(file);
        assertTrue(m.contains("65,536 x 65,536 x 1"), m);
        assertTrue(m.contains("4,294,967,296 values"), m);
        assertTrue(m.contains("at most 1,073,741,824 values"), m);
    }

    @Test
    void dimensionsWhoseProductWrapsToZeroAsLongAreRefused() throws IOException {
        // 65536^4 = 2^64: 0 in long arithmetic, which the old reader accepted as an empty file.
        Path file = write("wrap64-idx4-ubyte", header(65536, 65536, 65536, 65536));
        String m = refused(file);
        assertTrue(m.contains("65,536 x 65,536 x 65,536 x 65,536"), m);
        assertTrue(m.contains("multiply past"), m);
    }

    @Test
    void billionValuesClaimedByA16ByteFileAreRefusedBeforeAllocating() throws IOException {
        byte[] bytes = header(1000, 1000, 1000);
        assertTrue(bytes.length == 16);
        Path file = write("claims-a-billion-idx3-ubyte", bytes);
        String m = refusedWithin(() -> Idx.read(file));
        assertTrue(m.contains(file.toString()), m);
        assertTrue(m.contains("truncated"), m);
        assertTrue(m.contains("1,000,000,000 values"), m);
        assertTrue(m.contains("954 MiB"), m);
        assertTrue(m.contains("only 0 bytes after its header"), m);
    }

    @Test
    void billionValuesClaimedByAStreamOfUnknownLengthAreNotAllocatedUpFront() {
        byte[] bytes = concat(header(1000, 1000, 1000), new byte[100]);
        String m = refusedWithin(() -> Idx.read("resource/claims-a-billion", new ByteArrayInputStream(bytes)));
        assertTrue(m.startsWith("resource/claims-a-billion: "), m);
        assertTrue(m.contains("declares 1,000,000,000 values but the data ends after 100"), m);
    }

    @Test
    void tinyGzipClaimingABillionValuesIsNotAllocatedUpFront() throws IOException {
        Path file = dir.resolve("claims-a-billion-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(header(1000, 1000, 1000));
            out.write(new byte[100]);
        }
        String m = refusedWithin(() -> Idx.read(file));
        assertTrue(m.contains(file.toString()), m);
        assertTrue(m.contains("declares 1,000,000,000 values but the gzip data ends after 100"), m);
    }

    @Test
    void gzipBombIsRefusedWithoutReadingItAll() throws IOException {
        // A header declaring 10 values, then 1 GiB of zeros: about 1 MiB on disk.
        Path file = dir.resolve("bomb-idx1-ubyte.gz");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header(10));
            for (int i = 0; i < 1024; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(file) < 4 << 20, "bomb is " + Files.size(file) + " bytes");
        String m = refusedWithin(() -> Idx.read(file));
        assertTrue(m.contains(file.toString()), m);
        assertTrue(m.contains("gzip data expands past the declared 10 values"), m);
    }

    @Test
    void gzipBombBehindAFolderIsRefusedToo() throws IOException {
        Path folder = dir.resolve("bombed");
        Files.createDirectories(folder);
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("train-images-idx3-ubyte.gz")))) {
            out.write(header(2, 2, 2));
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        Files.write(folder.resolve("train-labels-idx1-ubyte"), concat(header(2), new byte[2]));
        Files.write(folder.resolve("t10k-images-idx3-ubyte"), concat(header(1, 2, 2), new byte[4]));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte"), concat(header(1), new byte[1]));
        String m = refusedWithin(() -> IdxFolderLoader.load(folder));
        assertTrue(m.contains("train-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("gzip data expands past the declared 8 values"), m);
    }

    @Test
    void negativeDimensionIsRefused() throws IOException {
        Path file = write("negative-idx3-ubyte", header(3, -28, 28));
        String m = refused(file);
        assertTrue(m.contains("dimension 1 has a negative size (-28"), m);
    }

    @Test
    void rankZeroAndRankFiveAreRefused() throws IOException {
        Path zero = write("rank0-idx", new byte[] {0, 0, 0x08, 0, 1, 2, 3, 4});
        String m0 = refused(zero);
        assertTrue(m0.contains("IDX rank 0 is not supported"), m0);
        Path five = write("rank5-idx", header(1, 1, 1, 1, 1));
        String m5 = refused(five);
        assertTrue(m5.contains("IDX rank 5 is not supported"), m5);
    }

    @Test
    void fileEndingInsideTheHeaderIsRefused() throws IOException {
        Path file = write("cut-header-idx3-ubyte", Arrays.copyOf(header(2, 28, 28), 9));
        String m = refused(file);
        assertTrue(m.contains("truncated: the file ends inside the dimension sizes"), m);
    }

    @Test
    void truncatedDataSaysHowMuchWasDeclaredAndFound() throws IOException {
        Path file = write("short-idx3-ubyte", concat(header(2, 28, 28), new byte[1000]));
        String m = refused(file);
        assertTrue(m.contains("declares 1,568 values"), m);
        assertTrue(m.contains("only 1,000 bytes after its header"), m);
    }

    @Test
    void trailingDataIsRefusedAsAMismatchedHeader() throws IOException {
        Path file = write("long-idx1-ubyte", concat(header(3), new byte[5]));
        String m = refused(file);
        assertTrue(m.contains("declares 3 values"), m);
        assertTrue(m.contains("5 bytes after its header"), m);
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path file = write("empty-idx1-ubyte", new byte[0]);
        String m = refused(file);
        assertTrue(m.contains("empty file (0 bytes)"), m);
    }

    @Test
    void headerWithNoImagesIsRefusedByTheFolderLoader() throws IOException {
        Path folder = dir.resolve("none");
        Files.createDirectories(folder);
        Files.write(folder.resolve("train-images-idx3-ubyte"), header(0, 28, 28));
        Files.write(folder.resolve("train-labels-idx1-ubyte"), header(0));
        Files.write(folder.resolve("t10k-images-idx3-ubyte"), header(0, 28, 28));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte"), header(0));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFolderLoader.load(folder));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte: holds no images"), e.getMessage());
    }

    @Test
    void mismatchedLabelCountIsFoundFromTheHeadersAlone() throws IOException {
        Path folder = dir.resolve("mismatch");
        Files.createDirectories(folder);
        // The gzipped image file holds only its header: reading its data would fail, so the
        // mismatch must be found from the headers before any data is read.
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("train-images-idx3-ubyte.gz")))) {
            out.write(header(5, 2, 2));
        }
        Files.write(folder.resolve("train-labels-idx1-ubyte"), concat(header(4), new byte[4]));
        Files.write(folder.resolve("t10k-images-idx3-ubyte"), concat(header(1, 2, 2), new byte[4]));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte"), concat(header(1), new byte[1]));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFolderLoader.load(folder));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte: label count mismatch: 4 labels for 5 images"),
                e.getMessage());
    }

    @Test
    void wellFormedFilesStillReadExactly() throws IOException {
        byte[] data = new byte[2 * 3 * 4];
        Arrays.fill(data, (byte) 7);
        Path plain = write("ok-idx3-ubyte", concat(header(2, 3, 4), data));
        assertArrayEquals(data, Idx.read(plain).data());
        assertArrayEquals(new int[] {2, 3, 4}, Idx.readDims(plain));
        Idx.Array fromStream = Idx.read("stream", new ByteArrayInputStream(concat(header(2, 3, 4), data)));
        assertArrayEquals(data, fromStream.data());
    }

    // --- helpers ---

    private interface Load {
        Object run() throws IOException;
    }

    /** Runs {@code load}, expects a DatasetException and checks it allocated far less than claimed. */
    private static String refusedWithin(Load load) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            long before = allocatedBytes();
            DatasetException e = assertThrows(DatasetException.class, load::run);
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < ALLOCATION_BOUND, "allocated " + allocated + " bytes: " + e.getMessage());
            return e.getMessage();
        });
    }

    private static String refused(Path file) {
        String m = refusedWithin(() -> Idx.read(file));
        assertTrue(m.contains(file.getFileName().toString()), m);
        return m;
    }

    /** Bytes allocated by this thread so far (HotSpot). */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** An unsigned-byte IDX header with these dimensions (no data). */
    static byte[] header(int... dims) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {0, 0, 0x08, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
