package dev.qanvas;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Quiet by default, verbose on request. Must run before any library creates a logger: slf4j-simple
 * (used by ND4J, DL4J and JavaCPP) reads its level once, from system properties.
 */
public final class Logging {

    private Logging() {
    }

    public static void configure(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        // JavaCPP prints "Loading ..." lines unless told otherwise.
        setIfAbsent("org.bytedeco.javacpp.logger.debug", verbose ? "true" : "false");
        // JavaFX logs through java.util.logging, e.g. a warning that it runs from the class path,
        // which is how Qanvas is meant to run (docs/architecture.md, facts about the libraries); keep that out of a normal start.
        Logger.getLogger("javafx").setLevel(verbose ? Level.INFO : Level.SEVERE);
        Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.WARNING);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
