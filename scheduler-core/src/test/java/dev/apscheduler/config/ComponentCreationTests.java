package dev.apscheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.SchedulerAlreadyRunningException;
import dev.apscheduler.executor.ExecutorInfo;
import dev.apscheduler.executor.VirtualThreadJobExecutor;
import dev.apscheduler.job.JobDefaults;
import dev.apscheduler.store.JobCounts;
import dev.apscheduler.store.JobStore;
import dev.apscheduler.store.JobStoreFactory;
import dev.apscheduler.store.MemoryJobStore;
import dev.apscheduler.support.DelegatingJobStore;
import dev.apscheduler.testing.ManualScheduler;
import dev.apscheduler.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Schedulers built and reconfigured from configuration: types from the registry, classes, options, and errors.
 */
class ComponentCreationTests {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static ManualScheduler.Builder builder() {
        return ManualScheduler.builder().clock(MutableClock.at("2030-01-01T00:00:00Z"));
    }

    @Test
    void schedulerIsBuiltFromTheFlatForm() {
        ManualScheduler scheduler = builder().config(map(
                "apscheduler.timezone", "Europe/Helsinki",
                "apscheduler.executors.default.type", "threadpool",
                "apscheduler.executors.default.max_workers", "20",
                "apscheduler.executors.tests.type", "debug",
                "apscheduler.jobstores.default.type", "memory",
                "apscheduler.job_defaults.coalesce", "false",
                "apscheduler.jobstore_retry_interval", "30")).build();
        assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("Europe/Helsinki"));
        assertThat(scheduler.executors().get("default"))
            .isEqualTo(new ExecutorInfo("default", "threadpool", 20, 0, 0));
        assertThat(scheduler.executors().get("tests").type()).isEqualTo("direct");
        assertThat(scheduler.jobStores().get("default").type()).isEqualTo("memory");
        assertThat(scheduler.jobDefaults().coalesce()).isFalse();
    }

    @Test
    void componentWithoutTypeOrClassGetsTheDefaultType() {
        ManualScheduler scheduler = builder().config(map("apscheduler.executors.default.max_workers", "20")).build();
        assertThat(scheduler.executors().get("default"))
            .isEqualTo(new ExecutorInfo("default", "threadpool", 20, 0, 0));
    }

    @Test
    void classNamesPythonReferencesAndFactoriesAreAccepted() {
        ManualScheduler scheduler = builder().config(map(
                "apscheduler.executors.default.class", "dev.apscheduler.executor.ThreadPoolJobExecutor",
                "apscheduler.executors.python.class", "apscheduler.executors.pool:ThreadPoolExecutor",
                "apscheduler.executors.python.max_workers", "4",
                "apscheduler.executors.factory.class", "dev.apscheduler.executor.DirectJobExecutorFactory",
                "apscheduler.jobstores.default.class", "apscheduler.jobstores.memory:MemoryJobStore",
                "apscheduler.jobstores.options.class", OptionsStore.class.getName(),
                "apscheduler.jobstores.options.table", "jobs")).build();
        assertThat(scheduler.executors().get("default").type()).isEqualTo("threadpool");
        assertThat(scheduler.executors().get("python").maxWorkers()).isEqualTo(4);
        assertThat(scheduler.executors().get("factory").type()).isEqualTo("direct");
        assertThat(scheduler.jobStores().get("default").type()).isEqualTo("memory");
        assertThat(scheduler.jobStores().get("options").type()).isEqualTo("optionsstore");
        assertThat(OptionsStore.CREATED.get(OptionsStore.CREATED.size() - 1).table).isEqualTo("jobs");
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.jobstores.default.type", "mongodb")).build())
            .withMessage("apscheduler.jobstores.default.type: unknown job store type 'mongodb' (known: memory)");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.executors.default.type", "gevent")).build())
            .withMessage("apscheduler.executors.default.type: unknown executor type 'gevent' (known: debug, "
                    + "direct, process_pool, processpool, thread_pool, threadpool, virtual, virtual_threads)");
    }

    @Test
    void factoriesGivenToTheBuilderAddTypes() {
        JobStoreFactory jpa = new JobStoreFactory() {
            @Override
            public String type() {
                return "jpa";
            }

            @Override
            public List<String> aliases() {
                return List.of("sqlalchemy");
            }

            @Override
            public JobStore create(ComponentOptions options) {
                return new OptionsStore(options);
            }
        };
        ManualScheduler scheduler = builder().jobStoreFactory(jpa).config(map(
                "apscheduler.jobstores.default.type", "sqlalchemy",
                "apscheduler.jobstores.default.table", "apscheduler_jobs")).build();
        assertThat(scheduler.jobStores().get("default").type()).isEqualTo("optionsstore");
        assertThat(OptionsStore.CREATED.get(OptionsStore.CREATED.size() - 1).table).isEqualTo("apscheduler_jobs");
    }

    @Test
    void badClassesAndOptionsNameTheKey() {
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.executors.default.class", "com.example.Nope")).build())
            .withMessage("apscheduler.executors.default.class: invalid value 'com.example.Nope': no such class on "
                    + "the class path");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.executors.default.class", "java.lang.String")).build())
            .withMessageStartingWith("apscheduler.executors.default.class: invalid value 'java.lang.String': "
                    + "expected a class implementing dev.apscheduler.executor.JobExecutor");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.executors.default.class",
                    "apscheduler.executors.gevent:GeventExecutor")).build())
            .withMessageContaining("a Python reference this scheduler does not know");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.jobstores.default.class",
                    MemoryJobStore.class.getName(), "apscheduler.jobstores.default.url", "x")).build())
            .withMessage("apscheduler.jobstores.default.url: dev.apscheduler.store.MemoryJobStore takes no options "
                    + "(it has no public constructor taking ComponentOptions)");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.executors.default.type", "threadpool",
                    "apscheduler.executors.default.pool_size", "3")).build())
            .withMessage("apscheduler.executors.default.pool_size: unknown option for executor type 'threadpool' "
                    + "(known: max_workers)");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.executors.default.max_workers", "ten")).build())
            .withMessage("apscheduler.executors.default.max_workers: invalid value 'ten': expected a whole number");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> builder().config(map("apscheduler.executors.default.max-workers", "0")).build())
            .withMessage("apscheduler.executors.default.max-workers: invalid value '0': expected a number >= 1");
    }

    @Test
    void virtualExecutorNeedsJava21() {
        Map<String, Object> config = map("apscheduler.executors.default.type", "virtual");
        if (VirtualThreadJobExecutor.isSupported()) {
            assertThat(builder().config(config).build().executors().get("default").type())
                .isEqualTo(new VirtualThreadJobExecutor().type());
        }
        else {
            assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> builder().config(config).build())
                .withMessage("executor type 'virtual' needs Java 21 or newer; running on "
                        + System.getProperty("java.version"));
        }
    }

    @Test
    void builderSettingsWinOverTheConfiguration() {
        // the builder's store is told apart from the configured one by its look-ahead window
        MemoryJobStore store = new MemoryJobStore(Duration.ofMillis(250));
        ManualScheduler scheduler = builder().config(map("apscheduler.timezone", "Europe/Helsinki",
                "apscheduler.job_defaults.max_instances", "3", "apscheduler.jobstores.default.type", "memory"))
            .timezone(ZoneId.of("UTC")).jobStore("default", store).build();
        assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(scheduler.jobStores().get("default").lookAhead()).isEqualTo(Duration.ofMillis(250));
        assertThat(scheduler.jobDefaults().maxInstances()).isEqualTo(3);
    }

    @Test
    void configureReplacesSettingsStoresAndExecutorsAsAPSchedulerDoes() {
        ManualScheduler scheduler = builder().timezone(ZoneId.of("Europe/Helsinki"))
            .jobDefaults(new JobDefaults(null, false, 5)).jobStore("old", new MemoryJobStore()).build();
        scheduler.configure(map("apscheduler.timezone", "UTC", "apscheduler.executors.pool.max_workers", "2",
                "apscheduler.shutdown_timeout", "1"));
        assertThat(scheduler.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(scheduler.jobDefaults()).isEqualTo(JobDefaults.DEFAULTS);
        assertThat(scheduler.jobStores()).isEmpty();
        assertThat(scheduler.executors()).containsOnlyKeys("pool");
        scheduler.start();
        assertThat(scheduler.jobStores()).containsOnlyKeys("default");
        assertThatExceptionOfType(SchedulerAlreadyRunningException.class)
            .isThrownBy(() -> scheduler.configure(SchedulerConfig.builder().build()));
        assertThat(scheduler.shutdown(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void componentsAddedByTypeAtRunTimeAreConfiguredAndStarted() {
        ManualScheduler scheduler = builder().build();
        scheduler.start();
        scheduler.addExecutor("threadpool", "pool", Map.of("max-workers", 3));
        scheduler.addJobStore("memory", "second", Map.of());
        assertThat(scheduler.executors().get("pool").maxWorkers()).isEqualTo(3);
        assertThat(scheduler.jobStores().get("second").counts()).contains(JobCounts.NONE);
        assertThat(scheduler.jobStoreAliases()).containsExactly("default", "second");
        assertThatExceptionOfType(ConfigurationException.class)
            .isThrownBy(() -> scheduler.addExecutor("threadpool", "bad", Map.of("workers", 3)))
            .withMessage("executors.bad.workers: unknown option for executor type 'threadpool' (known: max_workers)");
        scheduler.shutdown(Duration.ZERO);
    }

    /**
     * A store that takes options: a configured class may declare a constructor taking {@link ComponentOptions}.
     */
    public static final class OptionsStore extends DelegatingJobStore {

        /** Every store created, latest last: the scheduler keeps its stores to itself. */
        static final List<OptionsStore> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

        final String table;

        public OptionsStore(ComponentOptions options) {
            super(new MemoryJobStore());
            CREATED.add(this);
            options.requireOnly("store " + OptionsStore.class.getSimpleName(), List.of("table"));
            this.table = options.string("table").orElse("default");
        }

    }

}
