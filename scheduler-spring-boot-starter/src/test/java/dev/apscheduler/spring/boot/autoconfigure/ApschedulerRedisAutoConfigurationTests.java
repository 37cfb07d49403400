package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import dev.apscheduler.Scheduler;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.redis.RedisJobStoreFactory;
import dev.apscheduler.spring.boot.support.FailureAnalyses;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.Triggers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@code redis} job store's auto-configuration, on the machine's Redis server (127.0.0.1:6379).
 */
class ApschedulerRedisAutoConfigurationTests {

    private final String prefix = "apscheduler-test-" + UUID.randomUUID();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                ApschedulerRedisAutoConfiguration.class, ApschedulerAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379",
                "spring.data.redis.timeout=2s", "apscheduler.auto-startup=false");

    private void cleanUp(RedisConnectionFactory connectionFactory) {
        StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
        redis.delete(redis.keys("{" + this.prefix + "}*"));
    }

    @Test
    void aRedisStoreKeepsTheSchedulersJobsOnTheApplicationsConnection() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(RedisJobStoreFactory.class);
            MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
            StringBuilder ran = new StringBuilder();
            ManualScheduler scheduler = ManualScheduler.builder().clock(clock).timezone(ZoneOffset.UTC)
                .taskRegistry(new TaskRegistry().register("greet", () -> ran.append("hello")))
                .jobStoreFactory(context.getBean(RedisJobStoreFactory.class))
                .config(Map.of("apscheduler.jobstores.default.type", "redis",
                        "apscheduler.jobstores.default.jobs-key", this.prefix + ".jobs",
                        "apscheduler.jobstores.default.run-times-key", this.prefix + ".run_times",
                        "apscheduler.jobstores.default.max-wait", "500ms",
                        "apscheduler.jobstores.default.look-ahead", "0"))
                .build();
            RedisConnectionFactory connectionFactory = context.getBean(RedisConnectionFactory.class);
            try {
                scheduler.start();
                scheduler.addJob(JobSpec.task("greet").id("greet").trigger(Triggers.date(clock.now().plusSeconds(1)))
                    .build());
                assertThat(scheduler.jobStores().get("default"))
                    .satisfies((store) -> assertThat(store.type()).isEqualTo("redis"))
                    .satisfies((store) -> assertThat(store.maxWait()).isEqualTo(Duration.ofMillis(500)));
                assertThat(new StringRedisTemplate(connectionFactory).opsForHash()
                    .hasKey("{" + this.prefix + "}.jobs", "greet")).isTrue();
                scheduler.advance(Duration.ofSeconds(1));
                assertThat(ran).hasToString("hello");
                scheduler.shutdown();
            }
            finally {
                cleanUp(connectionFactory);
            }
        });
    }

    @Test
    void aConnectionFactoryQualifiedForTheSchedulerIsUsedInsteadOfTheApplicationsOne() {
        this.runner.withUserConfiguration(DedicatedConnection.class)
            .withPropertyValues("apscheduler.auto-startup=true", "apscheduler.jobstores.default.type=redis",
                    "apscheduler.jobstores.default.jobs-key=" + this.prefix + ".jobs",
                    "apscheduler.jobstores.default.run-times-key=" + this.prefix + ".run_times")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                RedisConnectionFactory dedicated = context.getBean("schedulerRedis", RedisConnectionFactory.class);
                RedisConnectionFactory application = context.getBean("redisConnectionFactory",
                        RedisConnectionFactory.class);
                try {
                    scheduler.addJob(JobSpec.task("greet").id("greet").trigger(Triggers.interval().hours(1).build())
                        .build());
                    assertThat(new StringRedisTemplate(dedicated).opsForHash().hasKey("{" + this.prefix + "}.jobs",
                            "greet")).isTrue();
                    assertThat(new StringRedisTemplate(application).opsForHash()
                        .hasKey("{" + this.prefix + "}.jobs", "greet")).isFalse();
                }
                finally {
                    cleanUp(dedicated);
                }
            });
    }

    @Test
    void keysWithDifferentHashTagsFailTheStartupNamingTheProperty() {
        this.runner.withPropertyValues("apscheduler.jobstores.default.type=redis",
                "apscheduler.jobstores.default.jobs-key=orders.jobs",
                "apscheduler.jobstores.default.run-times-key=billing.run_times")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("apscheduler.jobstores.default.run-times-key")
                    .contains("billing.run_times").contains("hash tag");
            });
    }

    @Test
    void aRedisStoreWithoutSpringDataRedisFailsTheStartupNamingTheDependency() {
        this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
            .withPropertyValues("apscheduler.jobstores.default.type=redis")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = FailureAnalyses.analyze(context.getStartupFailure(), null);
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("apscheduler.jobstores.default.type")
                    .contains("'redis'");
                assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-data-redis");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class DedicatedConnection {

        @Bean(defaultCandidate = false)
        @ApschedulerRedisConnectionFactory
        LettuceConnectionFactory schedulerRedis() {
            RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration("127.0.0.1", 6379);
            configuration.setDatabase(1);
            return new LettuceConnectionFactory(configuration);
        }

    }

}
