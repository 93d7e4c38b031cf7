package dev.qanvas.ui.common;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** Tells the user what went wrong, without blocking the UI thread: error dialogs and transient status text. */
public final class Alerts {

    private final Supplier<Window> owner;
    private final Consumer<String> statusSink;

    public Alerts(Supplier<Window> owner, Consumer<String> statusSink) {
        this.owner = owner;
        this.statusSink = statusSink;
    }

    /** Shows an error dialog (not modal-blocking: returns at once). */
    public void error(String title, Throwable error) {
        error(title, messageOf(error));
    }

    public void error(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner.get());
        alert.setTitle("Qanvas");
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setId("error-dialog");
        alert.getDialogPane().setMinWidth(480);
        alert.show();
        statusSink.accept(title + ": " + message);
    }

    /** A short message in the status bar. */
    public void status(String message) {
        statusSink.accept(message);
    }

    /** The most useful message of an exception chain: the first cause with a message of its own. */
    public static String messageOf(Throwable error) {
        Throwable t = error;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
            t = t.getCause();
        }
        return error == null ? "unknown error" : error.getClass().getSimpleName();
    }
}
