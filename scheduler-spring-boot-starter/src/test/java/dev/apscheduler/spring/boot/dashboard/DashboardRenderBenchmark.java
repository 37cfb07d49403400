package dev.apscheduler.spring.boot.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskReference;
import dev.apscheduler.spring.boot.annotation.JobTask;
import dev.apscheduler.store.JobCodec;
import dev.apscheduler.trigger.Triggers;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Time to first render of the dashboard's jobs page, unfiltered and filtered, with 100,000 jobs in the JPA store on
 * the local PostgreSQL, in headless Chromium: from the navigation to the first rows of the table on screen (the
 * page's shell, its modules, the session, the catalog and the page of jobs), one warm-up load and then five measured
 * ones of each page. Also the server's time for the JSON page of jobs alone. Prints the machine's load averages
 * with the figures, since other work on the machine changes them.
 */
public final class DashboardRenderBenchmark {

    private static final int JOBS = 100_000;

    private static final String SCHEMA = System.getProperty("apscheduler.test.schema", "dashboard_benchmark")
        .replace('-', '_');

    private DashboardRenderBenchmark() {
    }

    /**
     * Runs the measurement.
     * @param args ignored
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres",
                ""); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApplication.class)
            .web(WebApplicationType.SERVLET)
            .properties(Map.of("server.port", "0", "spring.datasource.url", url, "spring.datasource.username",
                    "postgres", "spring.datasource.password", "", "apscheduler.jobstores.default.type", "jpa",
                    "apscheduler.jpa.initialize-schema", "always", "apscheduler.dashboard.enabled", "true",
                    "spring.jpa.open-in-view", "false", "spring.main.banner-mode", "off"))
            .run()) {
            insertJobs(url);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://localhost:" + port + "/apscheduler";
            report("JSON page of 25 jobs, unfiltered", json(base + "/api/jobs?size=25"));
            report("JSON page of 25 jobs, filtered (q=7, paused=true)",
                    json(base + "/api/jobs?size=25&q=7&paused=true"));
            try (Browser browser = Browser.start()) {
                report("jobs page, first render, unfiltered", render(browser.driver, base + "/jobs"));
                report("jobs page, first render, filtered (q=7, paused=true)",
                        render(browser.driver, base + "/jobs?q=7&paused=true"));
            }
        }
        System.out.println("load averages (1, 5, 15 min): " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors());
    }

    /**
     * Writes the jobs with the store's own JSON encoding in batches: one in a hundred paused, the others due far in
     * the future so that none runs while the pages are measured.
     */
    private static void insertJobs(String url) throws Exception {
        JobCodec codec = new JobCodec(ZoneOffset.UTC, Clock.systemUTC());
        ZonedDateTime start = ZonedDateTime.of(2090, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        long began = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO apscheduler_jobs "
                        + "(id, next_run_time, job_state, version) VALUES (?, ?, ?, 0)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < JOBS; i++) {
                ZonedDateTime due = start.plusMinutes(i);
                boolean paused = i % 100 == 0;
                Job job = Job.builder().id("job-%06d".formatted(i)).name("Report " + i).jobstore("default")
                    .task(TaskReference.named("report")).trigger(Triggers.date(due))
                    .nextRunTime(paused ? null : due).build();
                insert.setString(1, job.id());
                if (paused) {
                    insert.setNull(2, java.sql.Types.BIGINT);
                }
                else {
                    insert.setLong(2, due.toInstant().getEpochSecond() * 1_000_000L);
                }
                insert.setString(3, codec.encode(job));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE apscheduler_jobs");
        }
        System.out.printf("inserted %,d jobs in %.1f s%n", JOBS, (System.nanoTime() - began) / 1e9);
    }

    private static double[] json(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        http.send(request, BodyHandlers.ofString());
        double[] millis = new double[5];
        for (int i = 0; i < millis.length; i++) {
            long began = System.nanoTime();
            int status = http.send(request, BodyHandlers.ofString()).statusCode();
            millis[i] = (System.nanoTime() - began) / 1e6;
            if (status != 200) {
                throw new IllegalStateException(url + " answered " + status);
            }
        }
        return millis;
    }

    private static double[] render(WebDriver driver, String url) {
        load(driver, url);
        double[] millis = new double[5];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = load(driver, url);
        }
        return millis;
    }

    private static double load(WebDriver driver, String url) {
        driver.get("about:blank");
        long began = System.nanoTime();
        driver.get(url);
        while (driver.findElements(By.cssSelector("#jobs-table tbody tr")).isEmpty()) {
            if (System.nanoTime() - began > 60_000_000_000L) {
                throw new IllegalStateException(url + " showed no job within a minute");
            }
            Thread.onSpinWait();
        }
        return (System.nanoTime() - began) / 1e6;
    }

    private static void report(String what, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        List<String> each = new ArrayList<>();
        for (double value : millis) {
            each.add("%.0f".formatted(value));
        }
        System.out.printf("%s: median %.0f ms (runs: %s ms)%n", what, sorted[sorted.length / 2],
                String.join(", ", each));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BenchmarkApplication {

        @JobTask("report")
        void report() {
            // the jobs are due in the future: never run while measured
        }

    }

}
