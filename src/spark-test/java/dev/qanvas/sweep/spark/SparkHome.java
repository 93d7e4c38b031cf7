package dev.qanvas.sweep.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark "distribution" made of the Spark jars from Maven Central (the profile copies them to
 * target/spark/spark-home/jars) and the JVMs started from it as child processes: standalone
 * master, worker and spark-submit, exactly as Spark's scripts start them (sbin/start-master.sh,
 * sbin/start-worker.sh, bin/spark-submit), so the submit jar runs on a classpath that holds only
 * Spark and its own classes.
 */
final class SparkHome {

    final Path home;

    SparkHome(Path home) {
        this.home = home;
    }

    /** The build's Spark home beside target/qanvas-spark.jar; its RELEASE file tells Spark's launcher to use jars/. */
    static SparkHome ofBuild() throws IOException {
        Path home = Path.of("target/spark/spark-home").toAbsolutePath();
        if (!Files.isDirectory(home.resolve("jars"))) {
            throw new IllegalStateException(home + "/jars is missing: build with mvn -Pspark package first");
        }
        Path release = home.resolve("RELEASE");
        if (!Files.exists(release)) {
            Files.writeString(release, "Spark from Maven Central jars (Qanvas build)\n");
        }
        return new SparkHome(home);
    }

    /** The submit jar built by the profile (failsafe passes its path). */
    static Path submitJar() {
        Path jar = Path.of(System.getProperty("qanvas.spark.jar", "target/qanvas-spark.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn -Pspark package first");
        }
        return jar;
    }

    /** Starts {@code java <Spark's JDK 17 flags> -cp jars/* MAIN args...} with SPARK_HOME set, output to {@code log}. */
    Process start(String mainClass, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.addAll(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray()));
        command.add("-cp");
        command.add(home.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    /** A free TCP port on 127.0.0.1 (closed again at once; the child binds it next). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code log} contains {@code text} (the daemon's own "started" line), or fails with the log. */
    static void awaitLog(Path log, String text, Process process, long seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no \"" + text + "\" within " + seconds + " s; log " + log + ":\n"
                + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }

    /** Copies the daemons' and the driver's logs to target/spark/spark-it-logs (the test's folder is deleted), to read after a CI run. */
    static void keepLogs(Path dir, String... names) throws IOException {
        Path keep = Files.createDirectories(Path.of("target/spark/spark-it-logs"));
        for (String name : names) {
            if (Files.exists(dir.resolve(name))) {
                Files.copy(dir.resolve(name), keep.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Stops a child JVM: SIGTERM (Spark's shutdown hooks run), then kill after 20 s. */
    static void stop(Process process) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
