package dev.apscheduler.benchmarks.processpool.app;

import dev.apscheduler.spring.boot.annotation.JobTask;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with one bean task, as the process pool's Spring workers start it.
 */
@SpringBootApplication
public class BenchmarkWorkerApplication {

    /**
     * Does nothing: the round trip is all there is to measure.
     */
    @JobTask("noop")
    public void noop() {
    }

    /**
     * Starts the application.
     * @param args the arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(BenchmarkWorkerApplication.class, args);
    }

}
