package dev.qanvas.ui.shell;

import dev.qanvas.nn.ClassicalTwin;
import dev.qanvas.project.EditHistory;
import dev.qanvas.project.Project;
import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The open document as observable properties: the current project version, its file, whether it
 * has unsaved edits, and whether undo/redo are possible. Views bind to these; every edit goes
 * through {@link #edit(Project)} so it can be undone.
 */
public final class DocumentModel {

    private final EditHistory<Project> history;
    private final ObjectProperty<Project> project;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final BooleanProperty modified = new SimpleBooleanProperty(false);
    private final BooleanProperty canUndo = new SimpleBooleanProperty(false);
    private final BooleanProperty canRedo = new SimpleBooleanProperty(false);
    private Project savedVersion;
    /** Counts the documents opened (New, Open, Open Sample): workspaces reset their per-project state when it changes. */
    private final IntegerProperty opened = new SimpleIntegerProperty(0);

    /** The quantum originals of nodes swapped for their twins in this document (forgotten when another opens). */
    private final ClassicalTwin.Originals twins = new ClassicalTwin.Originals();

    public DocumentModel(Project initial) {
        history = new EditHistory<>(initial);
        project = new SimpleObjectProperty<>(initial);
        savedVersion = initial;
    }

    public ReadOnlyObjectProperty<Project> projectProperty() { return project; }
    public Project project() { return project.get(); }
    public ReadOnlyObjectProperty<Path> fileProperty() { return file; }
    public Path file() { return file.get(); }
    public ReadOnlyBooleanProperty modifiedProperty() { return modified; }
    public boolean isModified() { return modified.get(); }
    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo; }
    public ReadOnlyBooleanProperty canRedoProperty() { return canRedo; }
    /** Changes, after {@link #projectProperty()}, each time another document is opened (not on edits, undo or save). */
    public ReadOnlyIntegerProperty openedProperty() { return opened; }
    public ClassicalTwin.Originals twins() { return twins; }

    /** Applies an edit (a new version of the project); equal versions are ignored. */
    public void edit(Project next) {
        if (history.edit(next)) {
            sync();
        }
    }

    public void undo() {
        history.undo();
        sync();
    }

    public void redo() {
        history.redo();
        sync();
    }

    /** Replaces the document (New, Open, Open Sample); {@code from} is null for an unsaved document. */
    public void replace(Project document, Path from) {
        history.reset(document);
        twins.clear();
        savedVersion = document;
        file.set(from);
        sync();
        opened.set(opened.get() + 1);
    }

    /** Records that the current version was written to {@code to}. */
    public void saved(Project version, Path to) {
        savedVersion = version;
        file.set(to);
        sync();
    }

    private void sync() {
        project.set(history.current());
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        modified.set(!history.current().equals(savedVersion));
    }
}
