package dev.qanvas.data;

import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files (the MNIST format): a 4-byte magic {@code 0 0 type rank}, one
 * big-endian int per dimension, then the data. Only unsigned bytes (type 0x08) are supported,
 * which is what MNIST, Fashion-MNIST, EMNIST and KMNIST use. Gzipped files are detected by
 * their first bytes, not their name.
 */
public final class Idx {

    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {
    }

    /** The dimensions and unsigned-byte data of one IDX file. */
    public record Array(int[] dims, byte[] data) {
    }

    /** Values read (or buffer growth) per step when the data length is not known in advance. */
    private static final int CHUNK = 1 << 20;

    /**
     * Reads a whole IDX file, gzipped or not. The declared size is checked against the file's
     * length (uncompressed files), {@link Limits#MAX_DATA_BYTES} and {@link Limits#heapBudget()}
     * before anything is allocated; gzipped data is read in chunks and refused as soon as it
     * expands past the declared size.
     */
    public static Array read(Path file) throws DatasetException {
        long size = regularFileSize(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, size);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read (" + Limits.describe(e) + ")", e);
        }
    }

    /**
     * Reads a whole IDX stream of unknown length, gzipped or not; {@code location} names it in
     * error messages. Data is read in chunks as it arrives, never allocated from the declared
     * size up front. The stream is not closed.
     */
    public static Array read(String location, InputStream raw) throws DatasetException {
        return read(location, raw, -1);
    }

    /** The dimensions an IDX file declares, read from its header only (a few bytes, gzipped or not). */
    public static int[] readDims(Path file) throws DatasetException {
        long size = regularFileSize(file);
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 12);
            boolean gz = isGzip(buffered);
            InputStream in = gz ? new GZIPInputStream(buffered, 1 << 12) : buffered;
            int[] dims = readHeader(in, file.toString());
            long total = valueCount(dims, file.toString());
            if (!gz) {
                checkLength(file.toString(), dims, total, size);
            }
            return dims;
        } catch (DatasetException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw new DatasetException(file, "corrupt or truncated gzip data (" + Limits.describe(e) + ")", e);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read (" + Limits.describe(e) + ")", e);
        }
    }

    /** @param rawLength the length of {@code raw} in bytes, or -1 when unknown */
    private static Array read(String location, InputStream raw, long rawLength) throws DatasetException {
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            boolean gz = isGzip(buffered);
            InputStream in = gz ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
            int[] dims = readHeader(in, location);
            long total = valueCount(dims, location);
            byte[] data;
            if (!gz && rawLength >= 0) {
                checkLength(location, dims, total, rawLength);
                Limits.requireMemory(location, total, "its " + Limits.count(total) + " values");
                data = in.readNBytes((int) total);
                if (data.length < total) {
                    throw new DatasetException(location, "truncated: the header declares " + Limits.count(total)
                            + " values but the data ends after " + Limits.count(data.length));
                }
            } else {
                Limits.requireMemory(location, total, "its " + Limits.count(total) + " values");
                data = readChunked(in, (int) total, location, gz);
            }
            if (in.read() >= 0) {
                throw new DatasetException(location, (gz ? "gzip data expands" : "the data runs") + " past the declared "
                        + Limits.count(total) + " values (" + Limits.dims(dims) + "): the header does not match the data");
            }
            return new Array(dims, data);
        } catch (DatasetException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw new DatasetException(location, "corrupt or truncated gzip data (" + Limits.describe(e) + ")");
        } catch (IOException e) {
            throw new DatasetException(location, "cannot be read (" + Limits.describe(e) + ")");
        }
    }

    private static long regularFileSize(Path file) throws DatasetException {
        if (!Files.exists(file)) {
            throw new DatasetException(file, "file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "not a regular file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read (" + Limits.describe(e) + ")", e);
        }
        if (size == 0) {
            throw new DatasetException(file, "empty file (0 bytes): not an IDX file");
        }
        return size;
    }

    /** Reads the magic number and the dimensions; checks the type, the rank and the signs. */
    private static int[] readHeader(InputStream in, String location) throws IOException {
        byte[] header = readFully(in, 4, location, "the 4-byte header");
        if (header[0] != 0 || header[1] != 0) {
            throw new DatasetException(location, String.format(
                    "not an IDX file (magic number starts 0x%02x%02x, expected 0x0000)", header[0], header[1]));
        }
        int type = header[2] & 0xff;
        int rank = header[3] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new DatasetException(location, String.format(
                    "IDX element type 0x%02x is not supported (only unsigned bytes, 0x08)", type));
        }
        if (rank < 1 || rank > 4) {
            throw new DatasetException(location, "IDX rank " + rank + " is not supported (1 to 4)");
        }
        byte[] dimBytes = readFully(in, 4 * rank, location, "the dimension sizes");
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = ((dimBytes[4 * d] & 0xff) << 24) | ((dimBytes[4 * d + 1] & 0xff) << 16)
                    | ((dimBytes[4 * d + 2] & 0xff) << 8) | (dimBytes[4 * d + 3] & 0xff);
            if (dims[d] < 0) {
                throw new DatasetException(location, "dimension " + d + " has a negative size (" + dims[d]
                        + ", header bytes " + (4 + 4 * d) + " to " + (7 + 4 * d) + ")");
            }
        }
        return dims;
    }

    /** The exact product of the dimensions, refused when it overflows or passes {@link Limits#MAX_DATA_BYTES}. */
    private static long valueCount(int[] dims, String location) throws DatasetException {
        long total = 1;
        try {
            for (int d : dims) {
                total = Math.multiplyExact(total, d);
            }
        } catch (ArithmeticException e) {
            throw new DatasetException(location, "dimensions " + Limits.dims(dims)
                    + " multiply past the largest 64-bit number: not a real IDX file");
        }
        if (total > Limits.MAX_DATA_BYTES) {
            throw new DatasetException(location, "dimensions " + Limits.dims(dims) + " declare " + Limits.count(total)
                    + " values (" + Limits.mib(total) + "); Qanvas reads at most " + Limits.count(Limits.MAX_DATA_BYTES)
                    + " values (" + Limits.mib(Limits.MAX_DATA_BYTES) + ") from one IDX file");
        }
        return total;
    }

    /** For an uncompressed file of {@code fileLength} bytes: the data after the header must be exactly {@code total}. */
    private static void checkLength(String location, int[] dims, long total, long fileLength) throws DatasetException {
        long after = fileLength - 4 - 4L * dims.length;
        if (after < total) {
            throw new DatasetException(location, "truncated: the header declares " + Limits.count(total) + " values ("
                    + Limits.dims(dims) + ", " + Limits.mib(total) + ") but the file holds only " + Limits.count(after)
                    + " bytes after its header");
        }
        if (after > total) {
            throw new DatasetException(location, "the header declares " + Limits.count(total) + " values ("
                    + Limits.dims(dims) + ") but the file holds " + Limits.count(after)
                    + " bytes after its header: the header does not match the data");
        }
    }

    /**
     * Reads {@code declared} bytes into a buffer that grows (doubling, from 1 MiB) only as data
     * actually arrives, so a short stream claiming a huge size costs no more than its real data.
     */
    private static byte[] readChunked(InputStream in, int declared, String location, boolean gz) throws IOException {
        byte[] buf = new byte[Math.min(declared, CHUNK)];
        int n = 0;
        while (n < declared) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(declared, 2L * buf.length));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                throw new DatasetException(location, "truncated: the header declares " + Limits.count(declared)
                        + " values but the " + (gz ? "gzip " : "") + "data ends after " + Limits.count(n));
            }
            n += r;
        }
        return buf;
    }

    /**
     * Reads images: rank 3 (n, rows, cols) or rank 4 (n, rows, cols, channels), with their labels.
     * Both headers are checked against each other before either file's data is read.
     */
    public static ImageSet readImages(Path imagesFile, Path labelsFile, float scale) throws DatasetException {
        checkPair(readDims(imagesFile), imagesFile.toString(), readDims(labelsFile), labelsFile.toString());
        return toImageSet(read(imagesFile), imagesFile.toString(), read(labelsFile), labelsFile.toString(), scale);
    }

    /**
     * Checks that an image header (rank 3 or 4, no empty image dimension, at least one image) and
     * a label header (rank 1) describe the same number of images.
     */
    public static void checkPair(int[] imageDims, String imagesLocation, int[] labelDims, String labelsLocation)
            throws DatasetException {
        if (imageDims.length != 3 && imageDims.length != 4) {
            throw new DatasetException(imagesLocation, "expected an image file of rank 3 or 4, found rank " + imageDims.length);
        }
        if (labelDims.length != 1) {
            throw new DatasetException(labelsLocation, "expected a label file of rank 1, found rank " + labelDims.length);
        }
        int n = imageDims[0];
        if (labelDims[0] != n) {
            throw new DatasetException(labelsLocation, "label count mismatch: " + labelDims[0]
                    + " labels for " + n + " images in " + imagesLocation);
        }
        if (n == 0) {
            throw new DatasetException(imagesLocation, "holds no images (the header declares 0)");
        }
        int rows = imageDims[1];
        int cols = imageDims[2];
        int channels = imageDims.length == 4 ? imageDims[3] : 1;
        if (rows == 0 || cols == 0 || channels == 0) {
            throw new DatasetException(imagesLocation, "images have an empty dimension: " + rows + "x" + cols + "x" + channels);
        }
    }

    /** Pairs an image array with a label array; the locations name them in error messages. */
    public static ImageSet toImageSet(Array images, String imagesLocation, Array labels, String labelsLocation,
                                      float scale) throws DatasetException {
        checkPair(images.dims(), imagesLocation, labels.dims(), labelsLocation);
        int n = images.dims()[0];
        int rows = images.dims()[1];
        int cols = images.dims()[2];
        int channels = images.dims().length == 4 ? images.dims()[3] : 1;
        int[] labelInts = new int[n];
        for (int i = 0; i < n; i++) {
            labelInts[i] = labels.data()[i] & 0xff;
        }
        return ImageSet.ofBytes(cols, rows, channels, images.data(), scale, labelInts);
    }

    /** Writes unsigned bytes as a gzipped IDX file. */
    public static void writeGz(Path file, int[] dims, byte[] data) throws IOException {
        long total = 1;
        for (int d : dims) {
            total = Math.multiplyExact(total, d);
        }
        if (total != data.length) {
            throw new IllegalArgumentException("dims promise " + total + " values, got " + data.length);
        }
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw, 1 << 16))) {
            out.writeByte(0);
            out.writeByte(0);
            out.writeByte(UNSIGNED_BYTE);
            out.writeByte(dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
    }

    /** True when the stream starts with the gzip magic number; the stream is left where it was. */
    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static byte[] readFully(InputStream in, int n, String location, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new DatasetException(location, "truncated: the file ends inside " + what);
        }
        return bytes;
    }
}
