package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.metrics.JobRunObservationConvention;
import dev.apscheduler.spring.boot.metrics.ObservationJobRunInterceptor;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that observes every job run with Micrometer's
 * {@link ObservationRegistry}: a {@link SchedulerCustomizer} adds an {@link ObservationJobRunInterceptor} to the
 * auto-configured scheduler's builder. A {@link JobRunObservationConvention} bean replaces the default convention.
 * A scheduler bean defined by the application is not built by the auto-configuration: it gets the interceptor only
 * if it applies the {@code SchedulerCustomizer} beans itself.
 */
@AutoConfiguration(
        after = ApschedulerAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ Scheduler.class, ObservationRegistry.class })
public final class ApschedulerObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "apschedulerObservationCustomizer")
    SchedulerCustomizer apschedulerObservationCustomizer(ObservationRegistry registry,
            ObjectProvider<JobRunObservationConvention> convention) {
        return (builder) -> builder
            .jobRunInterceptor(new ObservationJobRunInterceptor(registry, convention.getIfAvailable()));
    }

}
