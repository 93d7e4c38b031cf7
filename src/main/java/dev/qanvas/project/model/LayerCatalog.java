package dev.qanvas.project.model;

import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The layers the Model workspace's palette offers: one entry per {@link LayerKind} of
 * {@link LayerKinds#ALL}, with its type name (as {@link LayerSpec#typeName()} spells it), group, a
 * one-line description, the prefix of new node ids, and a factory for the layer with sensible
 * first settings. Pure: the palette, the canvas and the tests read this one table.
 */
public final class LayerCatalog {

    /** The palette's sections. */
    public enum Group {
        QUANTUM("Quantum"), CLASSICAL("Classical");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** One palette entry. {@code create} makes a fresh spec each call. */
    public record Entry(String type, Group group, String description, String idPrefix, Supplier<LayerSpec> create) {
        public LayerSpec newSpec() {
            return create.get();
        }
    }

    /** Palette order: the order of {@link LayerKinds#ALL}. */
    private static final List<Entry> ENTRIES = LayerKinds.ALL.stream()
            .map(k -> new Entry(k.name(), Group.valueOf(k.group().name()), k.description(), k.idPrefix(), k::example))
            .toList();

    private LayerCatalog() {
    }

    /** Every entry, in palette order. */
    public static List<Entry> all() {
        return ENTRIES;
    }

    public static List<Entry> group(Group g) {
        return ENTRIES.stream().filter(e -> e.group() == g).toList();
    }

    /** The entry for a type name ("Dense", "Quantum"). */
    public static Optional<Entry> find(String type) {
        return ENTRIES.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    /** The entry a spec belongs to (for its id prefix when it is pasted). */
    public static Optional<Entry> of(LayerSpec spec) {
        return find(spec.typeName());
    }
}
