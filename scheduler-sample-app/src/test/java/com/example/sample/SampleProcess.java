package com.example.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample application ({@code java -jar}) running as a child process on a database file of the test's,
 * on a random port read from its log, which goes to a file the test reads.
 */
final class SampleProcess {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;

    private final Path log;

    private SampleProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the application and waits until it has started.
     * @param jar the packaged application
     * @param database the H2 database file's path, without its extension
     * @param log where the application's output goes
     */
    static SampleProcess start(Path jar, Path database, Path log) {
        return start(jar, log, List.of(), "--spring.datasource.url=jdbc:h2:file:" + database);
    }

    /**
     * Starts the application on the context its ahead-of-time processing generated
     * ({@code -Dspring.aot.enabled=true}; the jar must have been built with {@code process-aot}), and waits until it
     * has started.
     * @param jar the packaged application
     * @param database the H2 database file's path, without its extension
     * @param log where the application's output goes
     */
    static SampleProcess startAheadOfTime(Path jar, Path database, Path log) {
        return start(jar, log, List.of("-Dspring.aot.enabled=true"),
                "--spring.datasource.url=jdbc:h2:file:" + database);
    }

    /**
     * Starts the application on its own database settings ({@code application.yml}), so with its database file
     * under {@code data/} of the log's directory, and waits until it has started.
     * @param jar the packaged application
     * @param log where the application's output goes; its directory is the application's working directory
     */
    static SampleProcess startOnItsOwnDatabaseSettings(Path jar, Path log) {
        return start(jar, log, List.of());
    }

    private static SampleProcess start(Path jar, Path log, List<String> jvmArguments, String... arguments) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmArguments);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=0"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        try {
            SampleProcess sample = new SampleProcess(builder.start(), log);
            sample.awaitStarted();
            return sample;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + command, ex);
        }
    }

    private void awaitStarted() {
        await("the application to start (log: " + this.log + ")").atMost(STARTUP_TIMEOUT)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> {
                assertThat(this.process.isAlive()).as("the application stopped while starting:%n%s", log()).isTrue();
                return log().contains("Started SampleApplication");
            });
    }

    /** The port the application listens on, read from its log. */
    int port() {
        Matcher port = PORT.matcher(log());
        assertThat(port.find()).as("the port in the log:%n%s", log()).isTrue();
        return Integer.parseInt(port.group(1));
    }

    /** Everything the application has logged so far. */
    String log() {
        try {
            return Files.readString(this.log, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** How many lines of the log contain {@code text}. */
    long lines(String text) {
        return log().lines().filter((line) -> line.contains(text)).count();
    }

    /**
     * Stops the application as a service manager does, with SIGTERM, and waits for it to exit.
     * @return whether it exited within the shutdown timeout (else it is killed)
     */
    boolean stop() {
        if (!this.process.isAlive()) {
            return true;
        }
        this.process.destroy();
        try {
            if (this.process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            this.process.destroyForcibly().waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Kills the application as {@code kill -9} does (SIGKILL: no shutdown hook, no flush) and waits for it to exit.
     */
    void kill() {
        try {
            this.process.destroyForcibly().waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        assertThat(this.process.isAlive()).as("the application after SIGKILL").isFalse();
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

}
