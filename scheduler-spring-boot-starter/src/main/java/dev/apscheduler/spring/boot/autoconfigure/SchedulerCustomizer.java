package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.BackgroundScheduler;

/**
 * Callback that customizes the auto-configured scheduler before it is built: add job stores, executors, listeners or
 * store and executor factories, or change any other builder setting. Every {@code SchedulerCustomizer} bean is
 * applied, in {@link org.springframework.core.Ordered order}, after the {@code apscheduler.*} properties.
 */
@FunctionalInterface
public interface SchedulerCustomizer {

    /**
     * Customizes the builder of the auto-configured scheduler.
     * @param builder the builder, already configured from the {@code apscheduler.*} properties
     */
    void customize(BackgroundScheduler.Builder builder);

}
