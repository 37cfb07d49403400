package com.example.sample;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the sample's HTTP tests share: the application on a random port with its own configuration and an in-memory
 * database (one context for all of them), and a JSON client for it. The retried and the timed-out jobs run once, at
 * the start, with short waits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:job-api", "spring.jpa.hibernate.ddl-auto=none",
                "sample.unreliable-jobs.first-run=0s", "sample.unreliable-jobs.interval=1h",
                "sample.unreliable-jobs.retry-backoff=100ms", "sample.unreliable-jobs.timeout=500ms" })
abstract class SampleHttpTests {

    @LocalServerPort
    int port;

    HttpJson http;

    @BeforeEach
    void client() {
        this.http = new HttpJson(this.port);
    }

}
