package dev.apscheduler.spring.boot.autoconfigure;

import java.util.Locale;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.health.ApschedulerHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link ApschedulerHealthIndicator}, enabled by
 * {@code management.health.apscheduler.enabled} (default: {@code management.health.defaults.enabled}), its
 * failed-runs check set by {@link ApschedulerHealthProperties}. The health module's own condition sits on a nested
 * configuration, evaluated only once the class-level condition has found that module on the class path.
 */
@AutoConfiguration(after = ApschedulerAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
public final class ApschedulerHealthContributorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Scheduler.class)
    @ConditionalOnEnabledHealthIndicator("apscheduler")
    @EnableConfigurationProperties(ApschedulerHealthProperties.class)
    static class HealthIndicatorConfiguration {

        private static final String PREFIX = "apscheduler.health.";

        @Bean
        @ConditionalOnMissingBean(name = "apschedulerHealthIndicator")
        ApschedulerHealthIndicator apschedulerHealthIndicator(Scheduler scheduler,
                ApschedulerHealthProperties properties) {
            return new ApschedulerHealthIndicator(scheduler, failedRunsThreshold(properties),
                    failedRunsStatus(properties));
        }

        private static int failedRunsThreshold(ApschedulerHealthProperties properties) {
            int threshold = properties.getFailedRunsThreshold();
            if (threshold < 0) {
                throw new ConfigurationException(PREFIX + "failed-runs-threshold", threshold,
                        "expected a number of runs >= 1, or 0 to turn the check off");
            }
            return threshold;
        }

        private static Status failedRunsStatus(ApschedulerHealthProperties properties) {
            String code = properties.getFailedRunsStatus();
            if (code == null || code.isBlank()) {
                throw new ConfigurationException(PREFIX + "failed-runs-status", code,
                        "expected a health status such as UP, DOWN or OUT_OF_SERVICE");
            }
            return new Status(code.trim().toUpperCase(Locale.ROOT));
        }

    }

}
