package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.apscheduler.Scheduler;
import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.Job;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.test.AutoConfigureManualScheduler;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import dev.apscheduler.trigger.TriggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Test auto-configuration imported by {@link AutoConfigureManualScheduler}: replaces the background scheduler with a
 * {@link ManualScheduler} on a {@link MutableClock} bean, so that a test moves time on and sees the declared jobs run
 * at once, on its own thread. The scheduler is configured from the {@code apscheduler.*} properties as the background
 * one is (job stores, history, trigger, store and executor factories, {@code JobStore} beans), except that every
 * executor (the configured ones, the {@code JobExecutor} beans and {@code default}) is a {@code direct} executor.
 * {@link SchedulerCustomizer} beans, written for the background scheduler's builder, are not applied.
 */
@AutoConfiguration(before = ApschedulerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ ApschedulerProperties.class, ApschedulerHistoryProperties.class })
public final class ManualSchedulerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MutableClock apschedulerMutableClock() {
        return MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Bean
    @ConditionalOnMissingBean
    TaskRegistry apschedulerTaskRegistry() {
        return new TaskRegistry();
    }

    @Bean
    @ConditionalOnMissingBean(Scheduler.class)
    ManualScheduler apscheduler(ApschedulerProperties properties, MutableClock clock, TaskRegistry taskRegistry,
            ObjectProvider<JobStoreFactory> jobStoreFactories, ObjectProvider<JobExecutorFactory> executorFactories,
            ObjectProvider<TriggerFactory> triggerFactories, ListableBeanFactory beanFactory,
            ApschedulerHistoryProperties historyProperties, ObjectProvider<HistoryStore> historyStore) {
        ManualScheduler.Builder builder = SchedulerBuilders.configure(ManualScheduler.builder().clock(clock),
                properties, taskRegistry, jobStoreFactories, executorFactories, triggerFactories, beanFactory,
                historyProperties, historyStore);
        Set<String> executors = new LinkedHashSet<>();
        executors.add(Job.DEFAULT_ALIAS);
        executors.addAll(properties.getExecutors().keySet());
        executors.addAll(ComponentBeans.executors(beanFactory).keySet());
        executors.forEach((alias) -> builder.executor(alias, new DirectJobExecutor()));
        return builder.build();
    }

}
