package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.Scheduler;
import dev.apscheduler.spring.boot.metrics.ApschedulerMeterBinder;
import dev.apscheduler.spring.boot.metrics.ApschedulerMeters;
import dev.apscheduler.spring.boot.metrics.DefaultJobRunObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the scheduler's Micrometer meters: an
 * {@link ApschedulerMeterBinder}, which Boot binds to the meter registry.
 *
 * <p>Each run is timed once, by {@value ApschedulerMeters#EXECUTIONS}: it is recorded from the scheduler's events, so
 * it covers every executor (the process pool and the broker too, whose runs end elsewhere) and stays the same whether
 * or not runs are observed. When they are ({@link ApschedulerObservationAutoConfiguration}), the meters Boot's meter
 * observation handler would derive from the run observation ({@value DefaultJobRunObservationConvention#NAME} and its
 * {@code .active} long task timer) are denied by a {@link MeterFilter}, and the observation serves traces.
 */
@AutoConfiguration(
        after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, ApschedulerAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ Scheduler.class, MeterRegistry.class })
public final class ApschedulerMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ApschedulerMeterBinder apschedulerMeterBinder(Scheduler scheduler) {
        return new ApschedulerMeterBinder(scheduler);
    }

    @Bean
    @ConditionalOnMissingBean(name = "apschedulerObservationMeterFilter")
    MeterFilter apschedulerObservationMeterFilter() {
        String name = DefaultJobRunObservationConvention.NAME;
        return MeterFilter.deny((id) -> id.getName().equals(name) || id.getName().equals(name + ".active"));
    }

}
