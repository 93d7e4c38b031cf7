package dev.qanvas.nn.graph;

import java.util.Objects;

/**
 * One thing wrong with a model graph, for the canvas to mark and the user to read.
 *
 * @param nodeId  the node to mark red, or null when the problem is about the whole graph (no
 *                Input, no Output) or about an edge whose ends do not exist
 * @param edge    the edge concerned as "from -> to" (see {@link ModelGraph.Edge#toString()}), or null
 * @param message what is wrong and, where there is an obvious fix, what to do, in plain words
 */
public record GraphProblem(String nodeId, String edge, String message) {

    public GraphProblem {
        Objects.requireNonNull(message, "message");
    }

    static GraphProblem node(String nodeId, String message) {
        return new GraphProblem(nodeId, null, message);
    }

    static GraphProblem edge(String nodeId, ModelGraph.Edge edge, String message) {
        return new GraphProblem(nodeId, edge.toString(), message);
    }

    static GraphProblem graph(String message) {
        return new GraphProblem(null, null, message);
    }

    /** True if this problem is about {@code e}. */
    public boolean concerns(ModelGraph.Edge e) {
        return e.toString().equals(edge);
    }

    @Override
    public String toString() {
        return (nodeId != null ? nodeId + ": " : edge != null ? edge + ": " : "") + message;
    }
}
