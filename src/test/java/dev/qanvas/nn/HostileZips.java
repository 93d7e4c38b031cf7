package dev.qanvas.nn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Model zips as an attacker would craft them, built from a real one. */
public final class HostileZips {

    private HostileZips() {
    }

    /** The entries of a zip, in order. */
    public static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(file.entries())) {
                entries.put(e.getName(), file.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    /** Writes these entries, in order, as a zip. */
    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        Files.write(file, zipBytes(entries));
        return file;
    }

    public static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** {@code model} with one more entry. */
    public static Path withEntry(Path model, Path file, String name, byte[] content) throws IOException {
        Map<String, byte[]> entries = entries(model);
        entries.put(name, content);
        return zip(file, entries);
    }

    public static byte[] serialized(Serializable object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /**
     * The "SerialDOS" payload (Wouter Coekaerts): 100 levels of HashSets, each holding two sets
     * that hold each other's children, so reading it back hashes about 2^100 sets and never
     * finishes. A few kilobytes serialised. Never deserialise it.
     */
    public static byte[] serialDos() throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo"); // makes t1 unequal to t2
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return serialized((Serializable) root);
    }

    /**
     * Sets the uncompressed size that the zip's central directory declares for {@code name}
     * (what {@code ZipFile} reports), leaving the data as it is: a header that lies.
     */
    public static byte[] declareSize(byte[] zip, String name, long size) {
        byte[] copy = zip.clone();
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < copy.length; i++) {
            if (copy[i] == 0x50 && copy[i + 1] == 0x4b && copy[i + 2] == 0x01 && copy[i + 3] == 0x02) {
                int nameLength = (copy[i + 28] & 0xff) | (copy[i + 29] & 0xff) << 8;
                if (nameLength == wanted.length && java.util.Arrays.equals(copy, i + 46, i + 46 + nameLength, wanted, 0, nameLength)) {
                    for (int b = 0; b < 4; b++) {
                        copy[i + 24 + b] = (byte) (size >>> (8 * b));
                    }
                    return copy;
                }
            }
        }
        throw new IllegalArgumentException("no central directory entry " + name);
    }

    /** Replaces every occurrence of {@code from} in the zip's bytes with {@code to} (same length): renames entries. */
    public static byte[] rename(byte[] zip, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        if (f.length != t.length) {
            throw new IllegalArgumentException("same length only");
        }
        byte[] copy = zip.clone();
        for (int i = 0; i + f.length <= copy.length; i++) {
            if (java.util.Arrays.equals(copy, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, copy, i, t.length);
            }
        }
        return copy;
    }
}
