package dev.qanvas.ui.common;

import javafx.scene.Node;

/** One of the main window's workspaces (Home, Data, ...): a view with an id and a title. */
public interface Workspace {

    /** Stable id, remembered between runs, e.g. "data". */
    String id();

    /** What the workspace bar and View menu show. */
    String title();

    Node view();
}
