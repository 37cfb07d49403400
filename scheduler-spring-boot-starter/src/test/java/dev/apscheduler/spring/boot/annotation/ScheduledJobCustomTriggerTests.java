package dev.apscheduler.spring.boot.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration;
import dev.apscheduler.spring.boot.autoconfigure.SchedulerCustomizer;
import dev.apscheduler.support.EveryTrigger;
import dev.apscheduler.support.EveryTriggerFactory;
import dev.apscheduler.trigger.TriggerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code @ScheduledJob} with a trigger kind registered as a {@link TriggerFactory} bean: the job gets the kind's
 * trigger, and a bad value or an alias no factory claims fails the startup naming the attribute, as built-in kinds
 * do.
 */
class ScheduledJobCustomTriggerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class))
        .withBean(SchedulerCustomizer.class, () -> (builder) -> builder.timezone(ZoneOffset.UTC));

    @Test
    void aJobDeclaredWithTheKindsAliasGetsItsTrigger() {
        this.contextRunner.withBean(TriggerFactory.class, EveryTriggerFactory::new)
            .withBean("jobs", EveryTenMinutes.class)
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(scheduler.getJob("tenMinutes").orElseThrow().trigger()).isEqualTo(EveryTrigger
                    .every(Duration.ofMinutes(10), ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
            });
    }

    @Test
    void aBadValueForTheKindNamesItsAttribute() {
        this.contextRunner.withBean(TriggerFactory.class, EveryTriggerFactory::new)
            .withBean("jobs", BadSeconds.class)
            .run((context) -> {
                InvalidScheduledJobException failure = ScheduledJobMisuseTests.failure(context.getStartupFailure());
                assertThat(failure.getAttribute()).isEqualTo("seconds");
                assertThat(failure.getMessage())
                    .contains("trigger 'every' parameter 'seconds': invalid value 'often': not a number");
            });
    }

    @Test
    void anAliasNoFactoryClaimsNamesTheTriggerAttributeAndHowToRegisterOne() {
        this.contextRunner.withBean("jobs", EveryTenMinutes.class).run((context) -> {
            InvalidScheduledJobException failure = ScheduledJobMisuseTests.failure(context.getStartupFailure());
            assertThat(failure.getAttribute()).isEqualTo("trigger");
            assertThat(failure.getMessage()).contains("unknown trigger alias 'every'")
                .contains("register a dev.apscheduler.trigger.TriggerFactory for it")
                .contains("with Spring Boot, as a bean");
        });
    }

    static class EveryTenMinutes {

        @ScheduledJob(id = "tenMinutes", trigger = "every", seconds = "600", startDate = "2030-01-01 00:00:00")
        void run() {
        }

    }

    static class BadSeconds {

        @ScheduledJob(trigger = "every", seconds = "often", startDate = "2030-01-01 00:00:00")
        void run() {
        }

    }

}
