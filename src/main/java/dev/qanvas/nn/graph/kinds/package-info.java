/**
 * One file per layer kind: a {@link dev.qanvas.nn.graph.LayerSpec} record with its
 * {@link dev.qanvas.nn.graph.LayerKind} nested as {@code Kind}.
 * {@link dev.qanvas.nn.graph.LayerKinds} finds every kind in this package, so a new file here is
 * a new layer in the palette, the analyser, the compiler and the project files.
 */
package dev.qanvas.nn.graph.kinds;
