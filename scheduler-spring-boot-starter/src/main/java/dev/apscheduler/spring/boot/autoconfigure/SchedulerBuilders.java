package dev.apscheduler.spring.boot.autoconfigure;

import dev.apscheduler.SchedulerBuilder;
import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.trigger.TriggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.StringUtils;

/**
 * What the background scheduler and the test's manual scheduler take alike from the application: the
 * {@code apscheduler.*} configuration, the task registry, the history, the instance name, the store, executor and
 * trigger factory beans and the {@code JobStore} beans.
 */
final class SchedulerBuilders {

    private SchedulerBuilders() {
    }

    static <B extends SchedulerBuilder<B, ?>> B configure(B builder, ApschedulerProperties properties,
            TaskRegistry taskRegistry, ObjectProvider<JobStoreFactory> jobStoreFactories,
            ObjectProvider<JobExecutorFactory> executorFactories, ObjectProvider<TriggerFactory> triggerFactories,
            ListableBeanFactory beanFactory, ApschedulerHistoryProperties historyProperties,
            ObjectProvider<HistoryStore> historyStore) {
        builder.config(PropertiesSchedulerConfig.parse(properties))
            .taskRegistry(taskRegistry)
            .historyStore(historyStore.getIfAvailable())
            .historyOptions(HistorySettings.options(historyProperties))
            .refuseJobsAfterShutdown(true);
        String instanceName = properties.getInstanceName();
        if (StringUtils.hasText(instanceName)) {
            builder.instanceName(instanceName);
        }
        jobStoreFactories.orderedStream().forEach(builder::jobStoreFactory);
        executorFactories.orderedStream().forEach(builder::executorFactory);
        triggerFactories.orderedStream().forEach(builder::triggerFactory);
        ComponentBeans.jobStores(beanFactory).forEach(builder::jobStore);
        return builder;
    }

}
