package dev.qanvas.nn.graph;

/** What a layer gives on its inputs: the output shape and the exact number of parameters. */
public record Inferred(Shape shape, long parameters) {
}
