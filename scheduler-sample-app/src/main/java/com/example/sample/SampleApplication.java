package com.example.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application: a Spring Boot service whose jobs are scheduled by APScheduler for Spring Boot, kept in an
 * H2 database file under {@code ./data}, and managed over a REST API ({@code /api/jobs}) and the actuator.
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * Starts the application.
     * @param args the command line, for example {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

}
