package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.health.ApschedulerHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link ApschedulerHealthIndicator}, enabled by
 * {@code management.health.apscheduler.enabled} (default: {@code management.health.defaults.enabled}). The health
 * module's own condition sits on a nested configuration, evaluated only once the class-level condition has found
 * that module on the class path.
 */
@AutoConfiguration(after = ApschedulerAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
public final class ApschedulerHealthContributorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Scheduler.class)
    @ConditionalOnEnabledHealthIndicator("apscheduler")
    static class HealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "apschedulerHealthIndicator")
        ApschedulerHealthIndicator apschedulerHealthIndicator(Scheduler scheduler) {
            return new ApschedulerHealthIndicator(scheduler);
        }

    }

}
