package dev.apscheduler.spring.boot.amqp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAmqpAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A worker in a JVM of its own, started by a test from the test class path: consumes the queue given as first
 * argument with one consumer; its task {@code slow} writes the run id to the file given as second argument when it
 * starts, then works for a minute, long enough to be killed mid-run.
 */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    /**
     * Starts the worker.
     * @param args the queue, the file started runs are written to
     */
    public static void main(String[] args) {
        new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
            .properties("spring.rabbitmq.host=" + TestRabbit.HOST, "spring.rabbitmq.port=" + TestRabbit.PORT,
                    "spring.rabbitmq.username=guest", "spring.rabbitmq.password=guest",
                    "apscheduler.auto-startup=false", "apscheduler.worker.enabled=true",
                    "apscheduler.worker.queues=" + args[0], "apscheduler.worker.concurrency=1",
                    "apscheduler.worker.prefetch=1", "apscheduler.worker.name=worker-process",
                    "started.file=" + args[1])
            .run();
    }

    /**
     * Starts a worker process and waits until it has started consuming.
     */
    static Process start(String queue, Path started, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                WorkerProcess.class.getName(), queue, started.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ RabbitAutoConfiguration.class, ApschedulerAmqpAutoConfiguration.class,
            ApschedulerAutoConfiguration.class })
    static class Application {

        @Bean
        SlowTasks slowTasks(org.springframework.core.env.Environment environment) {
            return new SlowTasks(Path.of(environment.getRequiredProperty("started.file")));
        }

    }

    /**
     * The worker's tasks.
     */
    public static class SlowTasks {

        private final Path started;

        SlowTasks(Path started) {
            this.started = started;
        }

        /**
         * Notes its start, then works for a minute.
         * @param context the run
         * @throws InterruptedException if interrupted
         */
        @JobTask("slow")
        public void slow(JobContext context) throws InterruptedException {
            try {
                Files.writeString(this.started, context.runId() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            Thread.sleep(60_000);
        }

    }

}
