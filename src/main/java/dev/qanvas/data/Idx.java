package dev.qanvas.data;

import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Reads a whole IDX file, gzipped or not. */
    public static Array read(Path file) throws DatasetException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file, "file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a whole IDX stream, gzipped or not; {@code location} names it in error messages.
     * The stream is not closed.
     */
    public static Array read(String location, InputStream raw) throws DatasetException {
        try {
            InputStream in = maybeGunzip(raw);
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
            long total = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = ((dimBytes[4 * d] & 0xff) << 24) | ((dimBytes[4 * d + 1] & 0xff) << 16)
                        | ((dimBytes[4 * d + 2] & 0xff) << 8) | (dimBytes[4 * d + 3] & 0xff);
                if (dims[d] < 0) {
                    throw new DatasetException(location, "dimension " + d + " has a negative size");
                }
                total *= dims[d];
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new DatasetException(location, "too large: " + total + " values");
            }
            byte[] data = new byte[(int) total];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new DatasetException(location, "truncated: the header promises " + total
                        + " values but the file holds " + read);
            }
            return new Array(dims, data);
        } catch (DatasetException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw new DatasetException(location, "corrupt or truncated gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new DatasetException(location, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Reads images: rank 3 (n, rows, cols) or rank 4 (n, rows, cols, channels), with their labels. */
    public static ImageSet readImages(Path imagesFile, Path labelsFile, float scale) throws DatasetException {
        return toImageSet(read(imagesFile), imagesFile.toString(), read(labelsFile), labelsFile.toString(), scale);
    }

    /** Pairs an image array with a label array; the locations name them in error messages. */
    public static ImageSet toImageSet(Array images, String imagesLocation, Array labels, String labelsLocation,
                                      float scale) throws DatasetException {
        if (images.dims().length != 3 && images.dims().length != 4) {
            throw new DatasetException(imagesLocation, "expected an image file of rank 3 or 4, found rank " + images.dims().length);
        }
        if (labels.dims().length != 1) {
            throw new DatasetException(labelsLocation, "expected a label file of rank 1, found rank " + labels.dims().length);
        }
        int n = images.dims()[0];
        if (labels.dims()[0] != n) {
            throw new DatasetException(labelsLocation, "label count mismatch: " + labels.dims()[0]
                    + " labels for " + n + " images in " + imagesLocation);
        }
        int rows = images.dims()[1];
        int cols = images.dims()[2];
        int channels = images.dims().length == 4 ? images.dims()[3] : 1;
        if (rows == 0 || cols == 0 || channels == 0) {
            throw new DatasetException(imagesLocation, "images have an empty dimension: " + rows + "x" + cols + "x" + channels);
        }
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
            total *= d;
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

    private static InputStream maybeGunzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static byte[] readFully(InputStream in, int n, String location, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new DatasetException(location, "truncated: the file ends inside " + what);
        }
        return bytes;
    }
}
