/**
 * The Model workspace's headless parts, testable without a toolkit: the palette catalogue
 * ({@link dev.qanvas.project.model.LayerCatalog}, read from the layer kinds), node cards, glyphs as
 * data, graph edits, auto-layout, the summary bar's numbers and the SVG export. The ui package
 * draws and edits with them; nothing here imports JavaFX.
 */
package dev.qanvas.project.model;
