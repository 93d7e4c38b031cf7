package dev.qanvas.project;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Undo and redo over immutable versions of a document. Every edit pushes the previous version;
 * undo and redo move between versions. Nothing here knows what the document is.
 */
public final class EditHistory<T> {

    private static final int LIMIT = 500;

    private final Deque<T> undo = new ArrayDeque<>();
    private final Deque<T> redo = new ArrayDeque<>();
    private T current;

    public EditHistory(T initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public T current() {
        return current;
    }

    /** Makes {@code next} current; returns false (and records nothing) when it equals the current version. */
    public boolean edit(T next) {
        Objects.requireNonNull(next);
        if (next.equals(current)) {
            return false;
        }
        undo.push(current);
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        current = next;
        return true;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public T undo() {
        if (undo.isEmpty()) {
            return current;
        }
        redo.push(current);
        current = undo.pop();
        return current;
    }

    public T redo() {
        if (redo.isEmpty()) {
            return current;
        }
        undo.push(current);
        current = redo.pop();
        return current;
    }

    /** Starts over from {@code document} with no history (after New or Open). */
    public void reset(T document) {
        undo.clear();
        redo.clear();
        current = Objects.requireNonNull(document);
    }
}
