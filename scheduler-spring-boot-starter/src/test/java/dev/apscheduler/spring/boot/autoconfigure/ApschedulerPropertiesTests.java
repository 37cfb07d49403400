package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.config.SchedulerConfig;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

/**
 * Every {@code apscheduler.*} property reaches the scheduler through the core's flat configuration, and every invalid
 * value fails the startup with an analysis naming the key.
 */
class ApschedulerPropertiesTests {

    private final AtomicReference<Environment> environment = new AtomicReference<>();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withInitializer((context) -> this.environment.set(context.getEnvironment()))
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class));

    @Test
    void defaultsAreTheCoresDefaults() {
        ApschedulerProperties properties = new ApschedulerProperties();
        SchedulerConfig config = PropertiesSchedulerConfig.parse(properties);
        assertThat(config.jobDefaults()).isEqualTo(JobDefaults.DEFAULTS);
        assertThat(config.shutdownTimeout()).isEqualTo(SchedulerConfig.DEFAULT_SHUTDOWN_TIMEOUT);
        assertThat(config.jobstoreRetryInterval()).isEqualTo(SchedulerConfig.DEFAULT_JOBSTORE_RETRY_INTERVAL);
        assertThat(config.timezone()).isEmpty();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.isAutoStartup()).isTrue();
    }

    @Test
    void buildsTheFlatMapUnderThePropertyKeys() {
        Map<String, String> values = Map.of("apscheduler.timezone", "UTC", "apscheduler.jobstores.shared.type", "jpa",
                "apscheduler.jobstores.shared.max-wait", "5s", "apscheduler.jobstores.shared.options.url", "jdbc:x",
                "apscheduler.jobstores.shared.look-ahead", "100ms", "apscheduler.jobstores.shared.batch-size", "1000",
                "apscheduler.executors.pool.max-workers", "4");
        ApschedulerProperties properties = new Binder(new MapConfigurationPropertySource(values))
            .bind("apscheduler", ApschedulerProperties.class)
            .get();
        assertThat(PropertiesSchedulerConfig.flatMap(properties)).containsEntry("apscheduler.timezone", "UTC")
            .containsEntry("apscheduler.jobstores.shared.type", "jpa")
            .containsEntry("apscheduler.jobstores.shared.max-wait", Duration.ofSeconds(5))
            .containsEntry("apscheduler.jobstores.shared.look-ahead", Duration.ofMillis(100))
            .containsEntry("apscheduler.jobstores.shared.batch-size", 1000)
            .containsEntry("apscheduler.jobstores.shared.options.url", "jdbc:x")
            .containsEntry("apscheduler.executors.pool.type", "threadpool")
            .containsEntry("apscheduler.executors.pool.max-workers", 4)
            .containsEntry("apscheduler.job-defaults.misfire-grace-time", "1s");
    }

    @Test
    void timezoneIsTheSchedulersTimeZone() {
        this.contextRunner.withPropertyValues("apscheduler.timezone=Europe/Helsinki")
            .run((context) -> assertThat(context.getBean(Scheduler.class).timezone())
                .isEqualTo(ZoneId.of("Europe/Helsinki")));
    }

    @Test
    void jobDefaultsAreTheSchedulersJobDefaults() {
        this.contextRunner
            .withPropertyValues("apscheduler.job-defaults.coalesce=false", "apscheduler.job-defaults.max-instances=3",
                    "apscheduler.job-defaults.misfire-grace-time=30s")
            .run((context) -> assertThat(context.getBean(Scheduler.class).jobDefaults())
                .isEqualTo(new JobDefaults(Duration.ofSeconds(30), false, 3)));
    }

    @Test
    void misfireGraceTimeNoneMeansRunHoweverLate() {
        this.contextRunner.withPropertyValues("apscheduler.job-defaults.misfire-grace-time=none")
            .run((context) -> assertThat(context.getBean(Scheduler.class).jobDefaults().misfireGraceTime()).isNull());
    }

    @Test
    void executorsAreCreatedByTypeAndSize() {
        this.contextRunner
            .withPropertyValues("apscheduler.executors.default.max-workers=20",
                    "apscheduler.executors.inline.type=direct")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.executors().get("default")).satisfies((executor) -> {
                assertThat(executor.type()).isEqualTo("threadpool");
                assertThat(executor.maxWorkers()).isEqualTo(20);
            });
                assertThat(scheduler.executors().get("inline").type()).isEqualTo("direct");
            });
    }

    @Test
    void jobStoresAreCreatedByType() {
        this.contextRunner.withPropertyValues("apscheduler.jobstores.archive.type=memory")
            .run((context) -> assertThat(context.getBean(Scheduler.class).jobStores())
                .containsOnlyKeys("archive", "default")
                .allSatisfy((alias, store) -> assertThat(store.type()).isEqualTo("memory")));
    }

    @Test
    void shutdownTimeoutAndRetryIntervalReachTheConfiguration() {
        this.contextRunner
            .withPropertyValues("apscheduler.shutdown-timeout=2m", "apscheduler.jobstore-retry-interval=3s")
            .run((context) -> {
                SchedulerConfig config = PropertiesSchedulerConfig.parse(context.getBean(ApschedulerProperties.class));
                assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMinutes(2));
                assertThat(config.jobstoreRetryInterval()).isEqualTo(Duration.ofSeconds(3));
            });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            apscheduler.executors.default.max-workers=0      | apscheduler.executors.default.max-workers | invalid value '0': expected a number >= 1
            apscheduler.timezone=Mars/Olympus                  | apscheduler.timezone                     | invalid value 'Mars/Olympus': expected a time zone
            apscheduler.job-defaults.misfire-grace-time=soon   | apscheduler.job-defaults.misfire-grace-time | invalid value 'soon'
            apscheduler.job-defaults.misfire-grace-time=0s     | apscheduler.job-defaults.misfire-grace-time | expected a positive duration
            apscheduler.job-defaults.max-instances=0           | apscheduler.job-defaults.max-instances   | expected a number >= 1
            apscheduler.jobstore-retry-interval=0s             | apscheduler.jobstore-retry-interval      | expected a positive duration
            apscheduler.shutdown-timeout=-1s                   | apscheduler.shutdown-timeout             | expected zero or a positive duration
            apscheduler.jobstores.default.type=mongodb         | apscheduler.jobstores.default.type       | unknown job store type 'mongodb'
            apscheduler.executors.default.type=gevent          | apscheduler.executors.default.type       | unknown executor type 'gevent'
            apscheduler.executors.cpu.type=processpool,apscheduler.executors.cpu.heap=lots | apscheduler.executors.cpu.heap | invalid value 'lots'
            apscheduler.executors.cpu.type=processpool,apscheduler.executors.cpu.max-tasks-per-child=-1 | apscheduler.executors.cpu.max-tasks-per-child | expected a number >= 0
            apscheduler.jobstores.default.max-wait=5s          | apscheduler.jobstores.default.max-wait   | unknown option for job store type 'memory'
            apscheduler.jobstores.default.batch-size=0         | apscheduler.jobstores.default.batch-size | invalid value '0': expected a number >= 1
            apscheduler.jobstores.default.options.url=jdbc:h2  | apscheduler.jobstores.default.options.url | unknown option for job store type 'memory'
            apscheduler.executors.inline.type=direct,apscheduler.executors.inline.max-workers=2 | apscheduler.executors.inline.max-workers | unknown option for executor type 'direct'
            """)
    void invalidValuesFailTheStartupNamingTheKey(String properties, String key, String problem) {
        this.contextRunner.withPropertyValues(properties.split(",")).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(key + ":")
                .hasMessageContaining(problem);
            FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), this.environment.get());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("Invalid scheduler configuration: " + key + ":")
                .contains(problem);
            assertThat(analysis.getAction()).isEqualTo("Update '" + key + "' in your application's configuration.");
        });
    }

    @Test
    void failureAnalysisTellsWhereTheInvalidValueWasSet() {
        TextResourceOrigin origin = new TextResourceOrigin(new ClassPathResource("application.yml"),
                new TextResourceOrigin.Location(4, 20));
        this.contextRunner
            .withInitializer((context) -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new OriginTrackedMapPropertySource("application.yml",
                        Map.of("apscheduler.executors.default.max-workers", OriginTrackedValue.of("0", origin)))))
            .run((context) -> {
                FailureAnalysis analysis = new ApschedulerConfigurationFailureAnalyzer(this.environment.get())
                    .analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("Origin: class path resource [application.yml] - 5:21");
            });
    }

}
