package dev.qanvas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile image folders: each must end in a located error (the file or folder
 * and what is wrong) or load correctly; never a crash, a hang or an allocation of what a header
 * claims. Timeouts are generous hang guards only.
 */
class HostileImageFolderTest {

    private static final long ALLOCATION_BOUND = 64L << 20;
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final ImageFolderLoader.Options SMALL = new ImageFolderLoader.Options(4, 4, true, 0.5, 1);

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void pngWhoseHeaderClaims100000By100000IsRefusedFromTheHeader() throws IOException {
        writeImages(dir.resolve("cats"), 2);
        Path huge = dir.resolve("cats/huge.png");
        Files.write(huge, png(100_000, 100_000));
        String m = refused(dir, SMALL);
        assertTrue(m.contains(huge.toString()), m);
        assertTrue(m.contains("image too large"), m);
        assertTrue(m.contains("100,000 x 100,000 = 10,000,000,000 pixels"), m);
        assertTrue(m.contains("at most 16,777,216 pixels"), m);
    }

    @Test
    void pngJustOverTheLimitIsRefusedEvenWhenJavaCouldDecodeIt() throws IOException {
        writeImages(dir.resolve("cats"), 2);
        Path big = dir.resolve("cats/big.png");
        Files.write(big, png(5000, 5000)); // 25 megapixels: 100 MB decoded, under Java's own limits
        String m = refused(dir, SMALL);
        assertTrue(m.contains("big.png"), m);
        assertTrue(m.contains("5,000 x 5,000 = 25,000,000 pixels"), m);
    }

    @Test
    void manyLargeImagesWhoseTotalWouldOverflowAreRefusedBeforeDecoding() throws IOException {
        // 200 images of 4000 x 4000 x 3 = 9.6e9 bytes; in int arithmetic that is a negative size
        // (the old "error: -1894967296"). The files hold only headers: nothing may be decoded.
        Path cats = dir.resolve("cats");
        Files.createDirectories(cats);
        byte[] header = png(4000, 4000);
        for (int i = 0; i < 200; i++) {
            Files.write(cats.resolve(String.format("img%03d.png", i)), header);
        }
        String m = refused(dir, new ImageFolderLoader.Options(0, 0, false, 0.2, 1));
        assertTrue(m.startsWith(dir.toString() + ": "), m);
        assertTrue(m.contains("200 images of 4,000 x 4,000 x 3 take 9,155 MiB"), m);
        assertFalse(m.contains("-"), m);
    }

    @Test
    void targetSizeOverTheLimitIsRefused() throws IOException {
        writeImages(dir.resolve("cats"), 2);
        String m = refused(dir, new ImageFolderLoader.Options(100_000, 100_000, true, 0.2, 1));
        assertTrue(m.contains(dir.toString()), m);
        assertTrue(m.contains("100,000 x 100,000 is over 16,777,216 pixels"), m);
        String negative = refused(dir, new ImageFolderLoader.Options(-5, 28, true, 0.2, 1));
        assertTrue(negative.contains("negative"), negative);
    }

    @Test
    void fileThatIsNotAnImageIsNamed() throws IOException {
        writeImages(dir.resolve("cats"), 2);
        Path fake = dir.resolve("cats/fake.jpg");
        byte[] noise = new byte[4096];
        new java.util.Random(1).nextBytes(noise);
        Files.write(fake, noise);
        String m = refused(dir, SMALL);
        assertTrue(m.contains(fake.toString()), m);
        assertTrue(m.contains("not a PNG, JPEG, BMP or GIF file"), m);
    }

    @Test
    void zeroByteFileIsNamed() throws IOException {
        writeImages(dir.resolve("cats"), 2);
        Path empty = dir.resolve("cats/empty.png");
        Files.write(empty, new byte[0]);
        String m = refused(dir, SMALL);
        assertTrue(m.contains(empty.toString()), m);
        assertTrue(m.contains("empty file (0 bytes)"), m);
    }

    @Test
    void truncatedPngIsNamed() throws IOException {
        writeImages(dir.resolve("cats"), 2);
        Path whole = dir.resolve("cats/img0.png");
        BufferedImage noisy = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noisy.setRGB(x, y, random.nextInt());
            }
        }
        ImageIO.write(noisy, "png", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cats/cut.png");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        String m = refused(dir, SMALL);
        assertTrue(m.contains(cut.toString()), m);
        assertTrue(m.contains("unreadable image"), m);
    }

    @Test
    void tensOfThousandsOfTinyImagesLoad() throws IOException {
        byte[] black = pngBytes(0x000000);
        byte[] white = pngBytes(0xffffff);
        for (String c : List.of("black", "white")) {
            Path folder = dir.resolve(c);
            Files.createDirectories(folder);
            for (int i = 0; i < 10_000; i++) {
                Files.write(folder.resolve("i" + i + ".png"), c.equals("black") ? black : white);
            }
        }
        Dataset d = assertTimeoutPreemptively(HANG_GUARD,
                () -> ImageFolderLoader.load(dir, new ImageFolderLoader.Options(2, 2, true, 0.1, 1)));
        assertEquals(18_000, d.train().size());
        assertEquals(2_000, d.test().size());
        assertEquals(List.of("black", "white"), d.classNames());
    }

    @Test
    void symbolicLinkLoopsDoNotHangAndLinksOutOfTheFolderAreRefused() throws IOException {
        writeImages(dir.resolve("cats"), 2);
        writeImages(dir.resolve("dogs"), 2);
        // Loops: a class folder linking to the folder itself, a link to itself, an image linking to itself.
        Files.createSymbolicLink(dir.resolve("cats/loop.png"), dir.resolve("cats/loop.png"));
        Files.createSymbolicLink(dir.resolve("spin"), dir.resolve("spin"));
        Dataset d = assertTimeoutPreemptively(HANG_GUARD, () -> ImageFolderLoader.load(dir, SMALL));
        assertEquals(List.of("cats", "dogs"), d.classNames());

        writeImages(elsewhere.resolve("birds"), 2);
        Path link = dir.resolve("birds");
        Files.createSymbolicLink(link, elsewhere.resolve("birds"));
        String m = refused(dir, SMALL);
        assertTrue(m.contains(link.toString()), m);
        assertTrue(m.contains("outside the image folder"), m);
    }

    @Test
    void oddClassNamesAreKeptAndControlCharactersAreRefused() throws IOException {
        writeImages(dir.resolve("chats é 🐱"), 2);
        writeImages(dir.resolve("-- dogs; rm -rf"), 2);
        Dataset d = ImageFolderLoader.load(dir, SMALL);
        assertEquals(List.of("-- dogs; rm -rf", "chats é 🐱"), d.classNames());

        Path bad = dir.resolve("two\nlines");
        writeImages(bad, 2);
        String m = refused(dir, SMALL);
        assertTrue(m.contains("control characters"), m);
        assertTrue(m.contains("two\nlines"), m);
    }

    @Test
    void moreThan255ClassFoldersAreRefused() throws IOException {
        for (int c = 0; c < 256; c++) {
            Files.createDirectories(dir.resolve("c" + c));
        }
        String m = refused(dir, SMALL);
        assertTrue(m.contains("more than 255 class folders"), m);
    }

    // --- helpers ---

    private static String refused(Path folder, ImageFolderLoader.Options options) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            long before = HostileIdxTest.allocatedBytes();
            DatasetException e = assertThrows(DatasetException.class, () -> ImageFolderLoader.load(folder, options));
            long allocated = HostileIdxTest.allocatedBytes() - before;
            assertTrue(allocated < ALLOCATION_BOUND, "allocated " + allocated + " bytes: " + e.getMessage());
            return e.getMessage();
        });
    }

    private static void writeImages(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < count; i++) {
            Files.write(folder.resolve("img" + i + ".png"), pngBytes(0x808080));
        }
    }

    private static byte[] pngBytes(int rgb) throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /**
     * A PNG whose IHDR declares {@code width x height} 8-bit RGB, with valid CRCs, followed by a
     * tiny IDAT and IEND: its header is well formed, its pixels are nowhere near there.
     */
    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 2, 0, 0, 0}); // bit depth 8, colour type RGB, deflate, adaptive filter, no interlace
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[16]);
        deflater.finish();
        byte[] idat = new byte[64];
        int n = deflater.deflate(idat);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
