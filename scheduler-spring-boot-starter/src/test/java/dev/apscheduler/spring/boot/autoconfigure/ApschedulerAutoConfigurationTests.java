package dev.apscheduler.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.BackgroundScheduler;
import dev.apscheduler.Scheduler;
import dev.apscheduler.SchedulerState;
import dev.apscheduler.config.ComponentOptions;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.executor.DirectJobExecutor;
import dev.apscheduler.executor.JobExecutor;
import dev.apscheduler.executor.JobExecutorFactory;
import dev.apscheduler.job.JobSpec;
import dev.apscheduler.job.TaskRegistry;
import dev.apscheduler.spring.boot.SchedulerEventPublisher;
import dev.apscheduler.spring.boot.SchedulerLifecycle;
import dev.apscheduler.spring.boot.annotation.ScheduledJobAnnotationBeanPostProcessor;
import dev.apscheduler.spring.boot.support.RecordedEvents;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The auto-configuration's conditions and back-offs, and what it feeds the scheduler: factories, store and executor
 * beans, customizers, the task registry, the lifecycle and Spring events.
 */
class ApschedulerAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApschedulerAutoConfiguration.class));

    @Test
    void createsABackgroundSchedulerThatRunsWithTheContext() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(Scheduler.class).hasSingleBean(BackgroundScheduler.class);
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
            assertThat(context).hasSingleBean(SchedulerLifecycle.class)
                .hasSingleBean(ScheduledJobAnnotationBeanPostProcessor.class)
                .hasSingleBean(SchedulerEventPublisher.class)
                .hasSingleBean(LazyInitializationExcludeFilter.class);
            assertThat(context.getBean(TaskRegistry.class)).isSameAs(scheduler.taskRegistry());
            context.close();
            assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
        });
    }

    @Test
    void backsOffWhenDisabled() {
        this.contextRunner.withPropertyValues("apscheduler.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(Scheduler.class)
                .doesNotHaveBean(SchedulerLifecycle.class)
                .doesNotHaveBean(ScheduledJobAnnotationBeanPostProcessor.class)
                .doesNotHaveBean(ApschedulerProperties.class));
    }

    @Test
    void isOnWhenExplicitlyEnabled() {
        this.contextRunner.withPropertyValues("apscheduler.enabled=true")
            .run((context) -> assertThat(context).hasSingleBean(Scheduler.class));
    }

    @Test
    void backsOffWhenTheCoreIsAbsent() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Scheduler.class))
            .run((context) -> assertThat(context).doesNotHaveBean(SchedulerLifecycle.class)
                .doesNotHaveBean(ApschedulerProperties.class));
    }

    @Test
    void schedulerBacksOffWhenTheApplicationDefinesOneAndTheLifecycleRunsThatOne() {
        this.contextRunner.withUserConfiguration(UserSchedulerConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(Scheduler.class).doesNotHaveBean(BackgroundScheduler.class);
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler).isInstanceOf(ManualScheduler.class);
            assertThat(scheduler.isRunning()).isTrue();
            assertThat(context.getBean(TaskRegistry.class)).isSameAs(scheduler.taskRegistry());
        });
    }

    @Test
    void lifecycleBacksOffWhenThereAreSeveralSchedulers() {
        this.contextRunner.withUserConfiguration(TwoSchedulersConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(SchedulerLifecycle.class)
                .doesNotHaveBean(SchedulerEventPublisher.class)
                .doesNotHaveBean(TaskRegistry.class));
    }

    @Test
    void schedulerUsesTheApplicationsTaskRegistry() {
        this.contextRunner.withUserConfiguration(TaskRegistryConfiguration.class).run((context) -> {
            TaskRegistry registry = context.getBean(TaskRegistry.class);
            assertThat(context.getBean(Scheduler.class).taskRegistry()).isSameAs(registry);
            assertThat(registry.names()).contains("greet");
        });
    }

    @Test
    void autoStartupFalseLeavesTheSchedulerStoppedUntilTheContextIsStarted() {
        this.contextRunner.withPropertyValues("apscheduler.auto-startup=false").run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            assertThat(scheduler.state()).isEqualTo(SchedulerState.STOPPED);
            context.start();
            assertThat(scheduler.state()).isEqualTo(SchedulerState.RUNNING);
        });
    }

    @Test
    void jobStoreAndExecutorBeansAreAddedUnderAnAliasTakenFromTheBeanName() {
        this.contextRunner.withUserConfiguration(ComponentBeansConfiguration.class).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            // the bean stores are told apart by their look-ahead windows
            assertThat(scheduler.jobStores()).containsOnlyKeys("default", "archive");
            assertThat(scheduler.jobStores().get("default").lookAhead()).isEqualTo(Duration.ofMillis(11));
            assertThat(scheduler.jobStores().get("archive").lookAhead()).isEqualTo(Duration.ofMillis(22));
            assertThat(scheduler.executors()).containsOnlyKeys("inline", "reports", "default");
            assertThat(scheduler.executors().get("inline").type()).isEqualTo("direct");
            assertThat(scheduler.executors().get("reports").type()).isEqualTo("direct");
        });
    }

    @Test
    void jobStoreBeansReplaceConfiguredStoresOfTheSameAlias() {
        this.contextRunner.withUserConfiguration(ComponentBeansConfiguration.class)
            .withPropertyValues("apscheduler.jobstores.default.type=memory")
            .run((context) -> assertThat(context.getBean(Scheduler.class).jobStores().get("default").lookAhead())
                .isEqualTo(Duration.ofMillis(11)));
    }

    @Test
    void factoryBeansProvideConfiguredTypes() {
        this.contextRunner.withUserConfiguration(FactoryBeansConfiguration.class)
            .withPropertyValues("apscheduler.jobstores.default.type=custom",
                    "apscheduler.jobstores.default.max-wait=5s",
                    "apscheduler.jobstores.default.options.table-name=jobs",
                    "apscheduler.executors.default.type=inline")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                RecordingStoreFactory stores = context.getBean(RecordingStoreFactory.class);
                assertThat(stores.created).hasSize(1);
                assertThat(scheduler.jobStores().get("default").type()).isEqualTo(stores.created.get(0).type());
                ComponentOptions options = stores.options.get(0);
                assertThat(options.duration("max_wait")).contains(Duration.ofSeconds(5));
                assertThat(options.string("table_name")).contains("jobs");
                assertThat(options.keyFor("table_name"))
                    .isEqualTo("apscheduler.jobstores.default.options.table-name");
                assertThat(scheduler.executors().get("default").type()).isEqualTo("direct");
            });
    }

    @Test
    void customizersAreAppliedInOrderAfterTheProperties() {
        this.contextRunner.withUserConfiguration(CustomizersConfiguration.class)
            .withPropertyValues("apscheduler.executors.default.type=threadpool")
            .run((context) -> {
                Scheduler scheduler = context.getBean(Scheduler.class);
                assertThat(context.getBean(CustomizersConfiguration.class).order).containsExactly("first", "second");
                assertThat(scheduler.executors().get("default").type()).isEqualTo("direct");
            });
    }

    @Test
    void publishesTheSchedulersEventsAsApplicationEvents() {
        this.contextRunner.withBean(RecordedEvents.class).run((context) -> {
            Scheduler scheduler = context.getBean(Scheduler.class);
            RecordedEvents events = context.getBean(RecordedEvents.class);
            assertThat(events.codeNames()).contains("SCHEDULER_STARTED");
            scheduler.taskRegistry().register("hello", () -> { });
            scheduler.addJob(JobSpec.task("hello").id("now"));
            await().until(() -> events.executions("now").stream()
                .anyMatch((event) -> event.code() == EventCodes.JOB_EXECUTED));
        });
    }

    @Test
    void schedulerAndLifecycleWaitForDatabaseInitialization() {
        this.contextRunner
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceInitializationAutoConfiguration.class))
            .withPropertyValues("spring.datasource.generate-unique-name=true", "spring.sql.init.mode=always")
            .run((context) -> {
                String[] initializers = context.getBeanNamesForType(DataSourceScriptDatabaseInitializer.class);
                assertThat(initializers).isNotEmpty();
                ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
                assertThat(beanFactory.getBeanDefinition("apscheduler").getDependsOn()).contains(initializers);
                assertThat(beanFactory.getBeanDefinition("apschedulerLifecycle").getDependsOn())
                    .contains(initializers);
            });
    }

    @Test
    void worksWithoutSpringBootsSqlSupport() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(DatabaseInitializationDependencyConfigurer.class))
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Scheduler.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserSchedulerConfiguration {

        @Bean
        ManualScheduler manualScheduler() {
            return ManualScheduler.builder().clock(MutableClock.at("2030-01-01T00:00:00Z")).build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TwoSchedulersConfiguration {

        @Bean
        BackgroundScheduler one() {
            return BackgroundScheduler.builder().build();
        }

        @Bean
        BackgroundScheduler two() {
            return BackgroundScheduler.builder().build();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TaskRegistryConfiguration {

        @Bean
        TaskRegistry taskRegistry() {
            return new TaskRegistry().register("greet", () -> { });
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ComponentBeansConfiguration {

        @Bean
        JobStore defaultJobStore() {
            return new MemoryJobStore(Duration.ofMillis(11));
        }

        @Bean
        JobStore archive() {
            return new MemoryJobStore(Duration.ofMillis(22));
        }

        @Bean
        JobExecutor inlineExecutor() {
            return new DirectJobExecutor();
        }

        @Bean
        JobExecutor reportsJobExecutor() {
            return new DirectJobExecutor();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class FactoryBeansConfiguration {

        @Bean
        RecordingStoreFactory customStoreFactory() {
            return new RecordingStoreFactory();
        }

        @Bean
        JobExecutorFactory inlineExecutorFactory() {
            return new JobExecutorFactory() {

                @Override
                public String type() {
                    return "inline";
                }

                @Override
                public JobExecutor create(ComponentOptions options) {
                    return new DirectJobExecutor();
                }

            };
        }

    }

    static class RecordingStoreFactory implements JobStoreFactory {

        final List<JobStore> created = new ArrayList<>();

        final List<ComponentOptions> options = new ArrayList<>();

        @Override
        public String type() {
            return "custom";
        }

        @Override
        public JobStore create(ComponentOptions options) {
            this.options.add(options);
            JobStore store = new MemoryJobStore();
            this.created.add(store);
            return store;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizersConfiguration {

        final List<String> order = new ArrayList<>();

        @Bean
        @Order(2)
        SchedulerCustomizer second() {
            return (builder) -> {
                this.order.add("second");
                builder.executor("default", new DirectJobExecutor());
            };
        }

        @Bean
        @Order(1)
        SchedulerCustomizer first() {
            return (builder) -> this.order.add("first");
        }

    }

}
