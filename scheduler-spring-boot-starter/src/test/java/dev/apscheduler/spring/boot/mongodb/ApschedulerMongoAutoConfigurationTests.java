package dev.apscheduler.spring.boot.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;

import com.mongodb.client.MongoClient;
import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.Scheduler;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerMongoAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.MissingJobStoreDependencyException;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import dev.apscheduler.trigger.Triggers;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code mongodb} job store's auto-configuration: on the application's MongoDB client or a dedicated one, with
 * its settings from {@code apscheduler.jobstores.<alias>.*}, and a clear startup failure without its libraries.
 */
class ApschedulerMongoAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class,
                ApschedulerMongoAutoConfiguration.class, ApschedulerAutoConfiguration.class))
        .withBean(TaskRegistry.class, () -> new TaskRegistry().register("tick", () -> { }))
        .withPropertyValues("spring.mongodb.uri=" + MongoTestServer.uri(), "apscheduler.jobstores.default.type=mongodb",
                "apscheduler.jobstores.default.database=apscheduler_autoconfig");

    @Test
    void noStoreFactoryUnlessAMongodbStoreIsConfigured() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class,
                    ApschedulerMongoAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(MongoJobStoreFactory.class));
    }

    @Test
    void storesJobsInTheConfiguredCollectionOfTheApplicationsClient() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.collection=scheduled",
                "apscheduler.jobstores.default.max-wait=2s", "apscheduler.jobstores.default.look-ahead=100ms",
                "apscheduler.jobstores.default.claim-lease=30s").run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MongoJobStoreFactory.class);
                    Scheduler scheduler = context.getBean(Scheduler.class);
                    assertThat(scheduler.jobStores().get("default"))
                        .satisfies((store) -> assertThat(store.type()).isEqualTo("mongodb"))
                        .satisfies((store) -> assertThat(store.maxWait()).isEqualTo(Duration.ofSeconds(2)))
                        .satisfies((store) -> assertThat(store.lookAhead()).isEqualTo(Duration.ofMillis(100)));
                    MongoClient client = context.getBean(MongoClient.class);
                    client.getDatabase("apscheduler_autoconfig").getCollection("scheduled").drop();
                    scheduler.addJob(JobSpec.task("tick").id("later")
                        .trigger(Triggers.date(ZonedDateTime.now().plusHours(1))).build());
                    assertThat(client.getDatabase("apscheduler_autoconfig")
                        .getCollection("scheduled", BsonDocument.class)
                        .countDocuments()).isOne();
                    scheduler.removeJob("later");
                });
    }

    @Test
    void changeStreamsAreWatchedUnlessTurnedOff() {
        this.runner.run((context) -> {
            MongoJobStoreFactory factory = context.getBean(MongoJobStoreFactory.class);
            MongoJobStore watching = (MongoJobStore) factory
                .create(ComponentOptions.of("apscheduler.jobstores.other.", Map.of()));
            MongoJobStore notWatching = (MongoJobStore) factory
                .create(ComponentOptions.of("apscheduler.jobstores.other.", Map.of("change-streams", "false")));
            assertThat(watching.settings().changeStreams()).isTrue();
            assertThat(notWatching.settings().changeStreams()).isFalse();
            assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> factory
                .create(ComponentOptions.of("apscheduler.jobstores.other.", Map.of("change-streams", "sometimes"))))
                .withMessageContaining("apscheduler.jobstores.other.change-streams").withMessageContaining("sometimes");
        });
    }

    @Test
    void aDedicatedClientQualifiedForTheSchedulerIsUsedInstead() {
        this.runner.withUserConfiguration(DedicatedClientConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed();
            MongoClient dedicated = context.getBean("schedulerMongoClient", MongoClient.class);
            Scheduler scheduler = context.getBean(Scheduler.class);
            dedicated.getDatabase("apscheduler_autoconfig").getCollection("jobs").drop();
            scheduler.addJob(JobSpec.task("tick").id("dedicated")
                .trigger(Triggers.date(ZonedDateTime.now().plusHours(1))).build());
            assertThat(context.getBean(DedicatedClientConfiguration.class).client).isSameAs(dedicated);
            assertThat(dedicated.getDatabase("apscheduler_autoconfig").getCollection("jobs").countDocuments())
                .isOne();
            scheduler.removeJob("dedicated");
        });
    }

    @Test
    void aBadSettingFailsTheStartupNamingThePropertyAndTheValue() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.claim-lease=0s").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("apscheduler.jobstores.default.claim-lease")
                .hasMessageContaining("'PT0S'");
        });
        this.runner.withPropertyValues("apscheduler.jobstores.default.database=bad.name").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("apscheduler.jobstores.default.database")
                .hasMessageContaining("bad.name");
        });
    }

    @Test
    void typeMongodbWithoutTheDriverFailsTheStartupNamingTheDependency() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerMongoAutoConfiguration.class,
                    ApschedulerAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader("com.mongodb", "org.springframework.data.mongodb"))
            .withPropertyValues("apscheduler.jobstores.main.type=mongodb")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(MissingJobStoreDependencyException.class)
                    .hasMessageStartingWith("apscheduler.jobstores.main.type")
                    .hasMessageContaining("org.springframework.boot:spring-boot-starter-data-mongodb");
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("mongodb");
                assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-data-mongodb")
                    .contains("'apscheduler.jobstores.main.type'");
            });
    }

    @Test
    void typeMongodbWithoutSpringDataFailsTheStartupNamingTheDependency() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ApschedulerMongoAutoConfiguration.class,
                    ApschedulerAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader("org.springframework.data.mongodb"))
            .withPropertyValues("apscheduler.jobstores.main.type=mongodb")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(MissingJobStoreDependencyException.class)
                    .hasMessageContaining("org.springframework.data.mongodb.core.MongoTemplate");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class DedicatedClientConfiguration {

        final MongoClient client = MongoTestServer.client();

        @Bean(destroyMethod = "close")
        @ApschedulerMongoClient
        MongoClient schedulerMongoClient() {
            return this.client;
        }

    }

}
