/**
 * One file per layer kind: each implements {@link dev.qanvas.nn.graph.LayerKind} for one
 * {@link dev.qanvas.nn.graph.LayerSpec} record and is listed in
 * {@link dev.qanvas.nn.graph.LayerKinds#ALL}.
 */
package dev.qanvas.nn.graph.kinds;
