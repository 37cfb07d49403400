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

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link ApschedulerHealthIndicator}, enabled by
 * {@code management.health.apscheduler.enabled} (default: {@code management.health.defaults.enabled}).
 */
@AutoConfiguration(afterName = "dev.apscheduler.spring.boot.autoconfigure.ApschedulerAutoConfiguration",
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Scheduler.class)
@ConditionalOnEnabledHealthIndicator("apscheduler")
public final class ApschedulerHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "apschedulerHealthIndicator")
    ApschedulerHealthIndicator apschedulerHealthIndicator(Scheduler scheduler) {
        return new ApschedulerHealthIndicator(scheduler);
    }

}
