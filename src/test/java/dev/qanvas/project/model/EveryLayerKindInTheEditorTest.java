package dev.qanvas.project.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every layer kind shows in the editor: a palette entry, a glyph of its own, a node card, its fields in the property panel. */
class EveryLayerKindInTheEditorTest {

    @Test
    void everyKindHasAGlyphOfItsOwn() {
        for (LayerKind<?> k : LayerKinds.ALL) {
            assertTrue(LayerGlyphs.has(k.name()), k.name() + " needs a case in LayerGlyphs");
            assertFalse(LayerGlyphs.of(k.name()).isEmpty(), k.name());
        }
        assertFalse(LayerGlyphs.has("NoSuchLayer"));
        assertEquals(1, LayerGlyphs.of("NoSuchLayer").size(), "an unknown type gets a plain square");
    }

    @Test
    void everyKindIsInThePaletteWithItsCardAndFields() {
        assertEquals(LayerKinds.ALL.stream().map(LayerKind::name).toList(),
                LayerCatalog.all().stream().map(LayerCatalog.Entry::type).toList(), "the palette lists every kind, in order");
        for (LayerKind<?> k : LayerKinds.ALL) {
            LayerSpec s = LayerCatalog.find(k.name()).orElseThrow().newSpec();
            assertEquals(k.fields(), LayerFields.of(s), k.name() + ": the property panel lists the kind's fields");
            List<String> lines = NodeCard.settingsLines(s);
            for (String line : lines) {
                assertTrue(line.length() <= 20, k.name() + " card line fits the box: " + line);
            }
            assertEquals(NodeCard.height(s), NodeCard.height(s));
        }
    }
}
