package dev.qanvas.nn.graph;

/** An input a layer cannot take; the message is the problem shown to the user. */
public final class LayerMismatch extends Exception {
    public LayerMismatch(String message) {
        super(message, null, false, false);
    }
}
