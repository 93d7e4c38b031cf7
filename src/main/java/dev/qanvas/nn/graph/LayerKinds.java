package dev.qanvas.nn.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The registry of layer kinds, found rather than listed: every class in {@value #KINDS} that
 * implements {@link LayerKind} (each record's nested {@code Kind}), so adding a layer kind is one
 * new file there (plus its glyph). Kept in palette order ({@link LayerKind#paletteOrder()}).
 * Loading this class also checks that every {@link LayerSpec} record in that package has exactly
 * one kind, so a record without one fails the first analysis, not a user's file.
 */
public final class LayerKinds {

    /** The package that holds one file per layer kind. */
    public static final String KINDS = "dev.qanvas.nn.graph.kinds";

    /** Every kind, in palette order. */
    public static final List<LayerKind<?>> ALL;

    private static final List<Class<?>> RECORDS = new ArrayList<>();

    private static final Map<Class<?>, LayerKind<?>> BY_TYPE = new HashMap<>();

    static {
        List<LayerKind<?>> kinds = new ArrayList<>();
        for (Class<?> c : classesIn(KINDS)) {
            if (c.isRecord() && LayerSpec.class.isAssignableFrom(c)) {
                RECORDS.add(c);
            } else if (LayerKind.class.isAssignableFrom(c) && !c.isInterface()) {
                kinds.add(instantiate(c));
            }
        }
        kinds.sort(Comparator.comparingInt((LayerKind<?> k) -> k.paletteOrder()).thenComparing(LayerKind::name));
        ALL = List.copyOf(kinds);
        for (LayerKind<?> k : ALL) {
            if (BY_TYPE.put(k.type(), k) != null) {
                throw new IllegalStateException("two layer kinds for " + k.type().getSimpleName());
            }
        }
        for (Class<?> record : RECORDS) {
            if (!BY_TYPE.containsKey(record)) {
                throw new IllegalStateException("the layer " + record.getSimpleName() + " has no nested LayerKind");
            }
        }
    }

    private LayerKinds() {
    }

    /** The kind of {@code spec}, typed for calling its methods with {@code spec}. */
    @SuppressWarnings("unchecked")
    public static LayerKind<LayerSpec> of(LayerSpec spec) {
        return (LayerKind<LayerSpec>) BY_TYPE.get(spec.getClass());
    }

    /** The kind named {@code name} ("Dense", "Activation"), as the JSON {@code "type"} spells it. */
    public static Optional<LayerKind<?>> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** Every {@link LayerSpec} record in {@value #KINDS}. */
    public static List<Class<?>> records() {
        return List.copyOf(RECORDS);
    }

    private static LayerKind<?> instantiate(Class<?> kind) {
        try {
            return (LayerKind<?>) kind.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("the layer kind " + kind.getName() + " needs a public no-argument constructor", e);
        }
    }

    /**
     * The classes of {@code pkg} (nested ones included) in the folder or jar this class was
     * loaded from: {@code target/classes} in tests, {@code qanvas.jar} in the app.
     */
    private static List<Class<?>> classesIn(String pkg) {
        List<Class<?>> classes = new ArrayList<>();
        try {
            Path from = Path.of(LayerKinds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (String name : classNamesIn(from, pkg)) {
                classes.add(Class.forName(name, false, LayerKinds.class.getClassLoader()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the layer kinds in " + pkg, e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the layer kinds in " + pkg, e);
        }
        return classes;
    }

    /** The names of the classes directly in {@code pkg} (with their nested ones) in a classes folder or a jar, sorted. */
    static List<String> classNamesIn(Path classesFolderOrJar, String pkg) throws IOException {
        String prefix = pkg.replace('.', '/') + "/";
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(classesFolderOrJar)) {
            try (Stream<Path> files = Files.list(classesFolderOrJar.resolve(prefix))) {
                files.map(p -> prefix + p.getFileName()).forEach(entries::add);
            }
        } else {
            try (JarFile jar = new JarFile(classesFolderOrJar.toFile())) {
                jar.stream().map(JarEntry::getName).filter(n -> n.startsWith(prefix)).forEach(entries::add);
            }
        }
        List<String> names = new ArrayList<>();
        for (String entry : entries) {
            String rest = entry.substring(prefix.length());
            if (rest.endsWith(".class") && !rest.contains("/") && !rest.equals("package-info.class")) {
                names.add(pkg + "." + rest.substring(0, rest.length() - ".class".length()));
            }
        }
        names.sort(null);
        return names;
    }
}
