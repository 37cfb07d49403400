package dev.apscheduler.spring.boot.process.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application whose bean task runs on a process pool: started by the test as the scheduler's application, and by
 * the pool's workers in worker mode.
 */
@SpringBootApplication
public class WorkerTestApplication {

    @Bean
    Greeter greeter() {
        return new Greeter();
    }

    public static void main(String[] args) {
        SpringApplication.run(WorkerTestApplication.class, args);
    }

}
