package dev.qanvas;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties, META-INF/services): the whole suite
 * runs with the JVM-wide filter that {@link Main} installs, so any Qanvas path that needed Java
 * deserialisation (training, saving, restoring, the UI) would fail its tests.
 */
public final class SerialFilterExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!SerialFilter.install()) {
            throw new IllegalStateException("could not install the deserialisation filter");
        }
    }
}
