package dev.qanvas.project;

/**
 * Qanvas's version: from the jar manifest, or "dev" when run from classes. Here rather than in
 * {@code cli} so the app's About box and the benchmarks read it without the command line;
 * picocli's {@code --version} reads it through {@code cli.VersionProvider}.
 */
public final class Version {

    private Version() {}

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** What {@code qanvas --version} prints: the Qanvas version, then the Java runtime. */
    public static String[] lines() {
        return new String[] {"Qanvas " + current(), "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
