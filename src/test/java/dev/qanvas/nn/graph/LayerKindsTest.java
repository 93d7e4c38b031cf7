package dev.qanvas.nn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry finds the kinds by itself, from the classes folder in tests and from the app's jar. */
class LayerKindsTest {

    @Test
    void findsEveryKindInPaletteOrderWithoutAList() {
        assertEquals(List.of("Quantum", "Quanvolution", "ParallelQuantum", "Photonic", "Qrnn", "Input", "Dense", "Rnn", "Conv2D", "MaxPool", "Flatten",
                "Output", "Dropout", "BatchNorm", "Activation", "AvgPool", "Concat", "Add", "Slice", "Autoencoder"),
                LayerKinds.ALL.stream().map(LayerKind::name).toList());
        assertEquals(LayerKinds.ALL.size(), LayerKinds.records().size());
    }

    @Test
    void aJarListsTheSameClassesAsTheFolder(@TempDir Path tmp) throws IOException {
        Path classes = Path.of(LayerKinds.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String folder = LayerKinds.KINDS.replace('.', '/') + "/";
        Path jar = tmp.resolve("app.jar");
        // Like the shaded jar: entries of other packages around the kinds, including a sub-folder.
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.list(classes.resolve(folder))) {
            out.putNextEntry(new JarEntry("dev/qanvas/nn/graph/LayerKinds.class"));
            out.putNextEntry(new JarEntry(folder + "sub/Elsewhere.class"));
            for (Path f : files.toList()) {
                out.putNextEntry(new JarEntry(folder + f.getFileName()));
                copy(f, out);
            }
        }
        List<String> fromFolder = LayerKinds.classNamesIn(classes, LayerKinds.KINDS);
        assertEquals(fromFolder, LayerKinds.classNamesIn(jar, LayerKinds.KINDS));
        assertTrue(fromFolder.contains(LayerKinds.KINDS + ".Dense$Kind"), fromFolder.toString());
        assertTrue(fromFolder.stream().noneMatch(n -> n.endsWith("package-info") || n.contains("Elsewhere")), fromFolder.toString());
    }

    private static void copy(Path f, OutputStream out) throws IOException {
        out.write(Files.readAllBytes(f));
    }
}
