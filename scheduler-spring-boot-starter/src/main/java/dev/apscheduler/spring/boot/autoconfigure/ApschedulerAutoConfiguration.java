package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.Scheduler;
import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.DeclaredJobRegistrar;
import dev.apscheduler.spring.boot.JobDeclarations;
import dev.apscheduler.spring.boot.SchedulerEventPublisher;
import dev.apscheduler.spring.boot.SchedulerLifecycle;
import dev.apscheduler.spring.boot.annotation.ScheduledJobAnnotationBeanPostProcessor;
import dev.apscheduler.spring.boot.annotation.ScheduledJobLazyInitializationExcludeFilter;
import dev.apscheduler.spring.boot.context.MdcJobRunInterceptor;
import dev.apscheduler.spring.boot.context.TaskDecoratorJobRunInterceptor;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.trigger.TriggerFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the APScheduler scheduler: a {@link BackgroundScheduler}
 * configured from the {@code apscheduler.*} properties (unless the application defines its own {@link Scheduler}),
 * started and stopped with the context, running the jobs declared with {@code @ScheduledJob} and in
 * {@code apscheduler.jobs.*}, and publishing its events as Spring application events.
 *
 * <p>The run history is kept by the {@link HistoryStore} bean: the one {@code apscheduler.history.type} picks
 * ({@code memory}, the default, or {@code jpa}; {@code none} keeps no history), or the application's own, which
 * replaces it whatever the type says.
 *
 * <p>The auto-configured scheduler gets, in this order: the configuration from the properties, with the history
 * store, the {@code apscheduler.history.*} retention and buffer settings and the instance name; every
 * {@link JobStoreFactory} and {@link JobExecutorFactory} bean (store and executor types beyond the core's); every
 * {@link TriggerFactory} bean (trigger kinds beyond the built-in ones, usable by alias in {@code @ScheduledJob},
 * {@code apscheduler.jobs.*} and every job store, and replacing one of the same alias listed in
 * {@code META-INF/services}); every
 * {@code JobStore} and {@code JobExecutor} bean, under an alias taken from its bean name ({@code defaultJobStore} is
 * the {@code default} store, {@code reportsExecutor} the {@code reports} executor), replacing a configured one of the
 * same alias; and every {@link SchedulerCustomizer} bean, in order.
 *
 * <p>Job runs take along the logging context (MDC) of the thread that hands them to their executor, and the
 * application's {@link TaskDecorator} beans apply to them as Boot applies them to its task executor (several are
 * composed in order); a run now ({@code runJob}) is handed over by the caller's thread, a run that falls due by its
 * trigger by the scheduler's own thread. With {@code spring.threads.virtual.enabled} on Java 21 or newer, the
 * {@code default} executor, when a thread pool, runs its jobs on virtual threads, at most {@code max_workers} at
 * once.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration" })
@ConditionalOnClass(Scheduler.class)
@ConditionalOnBooleanProperty(name = "apscheduler.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ ApschedulerProperties.class, ApschedulerHistoryProperties.class })
public final class ApschedulerAutoConfiguration {

    /** Boot's wait for each lifecycle phase to stop, which bounds the scheduler's shutdown wait. */
    private static final String PHASE_TIMEOUT_PROPERTY = "spring.lifecycle.timeout-per-shutdown-phase";

    /** The default of {@link #PHASE_TIMEOUT_PROPERTY}, as Boot's {@code LifecycleProperties} has it. */
    private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean(HistoryStore.class)
    @ConditionalOnProperty(name = HistorySettings.TYPE, havingValue = "memory", matchIfMissing = true)
    MemoryHistoryStore apschedulerHistoryStore(ApschedulerHistoryProperties properties) {
        return new MemoryHistoryStore(HistorySettings.maxRunsPerJob(properties));
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static JobDeclarations apschedulerJobDeclarations() {
        return new JobDeclarations();
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static ScheduledJobAnnotationBeanPostProcessor apschedulerScheduledJobAnnotationBeanPostProcessor(
            JobDeclarations apschedulerJobDeclarations) {
        return new ScheduledJobAnnotationBeanPostProcessor(apschedulerJobDeclarations);
    }

    @Bean
    static LazyInitializationExcludeFilter apschedulerLazyInitializationExcludeFilter() {
        return new ScheduledJobLazyInitializationExcludeFilter();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(Scheduler.class)
    TaskRegistry apschedulerSchedulerTaskRegistry(Scheduler scheduler) {
        return scheduler.taskRegistry();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(Scheduler.class)
    SchedulerLifecycle apschedulerLifecycle(Scheduler scheduler, JobDeclarations declarations,
            ApschedulerProperties properties, Environment environment) {
        ConfiguredJobs.declare(properties.getJobs(), declarations, scheduler.triggerRegistry());
        Duration phaseTimeout = Binder.get(environment)
            .bind(PHASE_TIMEOUT_PROPERTY, Duration.class)
            .orElse(DEFAULT_PHASE_TIMEOUT);
        return new SchedulerLifecycle(scheduler, new DeclaredJobRegistrar(declarations), properties.isAutoStartup(),
                SchedulerLifecycle.shutdownWait(properties.getShutdownTimeout(), phaseTimeout));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(Scheduler.class)
    SchedulerEventPublisher apschedulerEventPublisher(Scheduler scheduler, ApplicationEventPublisher publisher) {
        return new SchedulerEventPublisher(scheduler, publisher);
    }

    /**
     * The scheduler itself, unless the application defines one.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Scheduler.class)
    static class SchedulerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TaskRegistry apschedulerTaskRegistry() {
            return new TaskRegistry();
        }

        @Bean
        BackgroundScheduler apscheduler(ApschedulerProperties properties, TaskRegistry taskRegistry,
                ObjectProvider<JobStoreFactory> jobStoreFactories,
                ObjectProvider<JobExecutorFactory> executorFactories, ObjectProvider<TriggerFactory> triggerFactories,
                ObjectProvider<SchedulerCustomizer> customizers, ListableBeanFactory beanFactory,
                ApschedulerHistoryProperties historyProperties, ObjectProvider<HistoryStore> historyStore,
                ObjectProvider<TaskDecorator> taskDecorators, Environment environment) {
            BackgroundScheduler.Builder builder = SchedulerBuilders.configure(BackgroundScheduler.builder(), properties,
                    taskRegistry, jobStoreFactories, executorFactories, triggerFactories, beanFactory,
                    historyProperties, historyStore);
            VirtualThreadsDefaultExecutor.of(properties, environment)
                .ifPresent((executor) -> builder.executor(VirtualThreadsDefaultExecutor.ALIAS, executor));
            builder.jobRunInterceptor(new MdcJobRunInterceptor());
            TaskDecorator taskDecorator = taskDecorator(taskDecorators);
            if (taskDecorator != null) {
                builder.jobRunInterceptor(new TaskDecoratorJobRunInterceptor(taskDecorator));
            }
            ComponentBeans.executors(beanFactory).forEach(builder::executor);
            customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
            return builder.build();
        }

        private static @Nullable TaskDecorator taskDecorator(ObjectProvider<TaskDecorator> taskDecorators) {
            List<TaskDecorator> decorators = taskDecorators.orderedStream().toList();
            if (decorators.isEmpty()) {
                return null;
            }
            return (decorators.size() == 1) ? decorators.get(0) : new CompositeTaskDecorator(decorators);
        }

    }

    /**
     * Stops the startup when the {@code jpa} history is asked for and could not be configured, JPA being absent, and
     * the application defines no history store of its own.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = HistorySettings.TYPE, havingValue = "jpa")
    static class UnavailableJpaHistoryConfiguration {

        @Bean
        @ConditionalOnMissingBean(HistoryStore.class)
        HistoryStore apschedulerHistoryStore(ResourceLoader resourceLoader) {
            throw HistorySettings.jpaUnavailable(resourceLoader.getClassLoader());
        }

    }

    /**
     * Makes the scheduler wait for database initialisation when Boot's SQL support is present.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DatabaseInitializationDependencyConfigurer.class)
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class DatabaseInitializationDependencyConfiguration {

    }

}
