package dev.apscheduler.benchmarks.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.apscheduler.store.MemoryJobStore;

/**
 * The systems the benchmark program knows, by the name given on its command line. A JPA job store runner is added
 * here as {@code apscheduler-jpa-h2} and {@code apscheduler-jpa-postgres} once that store exists: an
 * {@link ApschedulerRunner} given the store and the resources to close.
 */
public final class Systems {

    private static final Map<String, Function<RunnerEnvironment, SchedulerRunner>> FACTORIES = factories();

    private Systems() {
    }

    private static Map<String, Function<RunnerEnvironment, SchedulerRunner>> factories() {
        Map<String, Function<RunnerEnvironment, SchedulerRunner>> factories = new LinkedHashMap<>();
        factories.put("apscheduler-memory", (environment) -> new ApschedulerRunner(environment, new MemoryJobStore(),
                Map.of("store", "memory"), () -> { }));
        factories.put("quartz-ram", QuartzRunner::ram);
        factories.put("quartz-jdbc-postgres", QuartzRunner::jdbcPostgres);
        factories.put("db-scheduler-postgres", DbSchedulerRunner::new);
        factories.put("spring-tpts", SpringTaskSchedulerRunner::new);
        return factories;
    }

    /**
     * Returns the names of the known systems, in the order of the results table.
     * @return the names
     */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * Creates a runner.
     * @param name the system's name
     * @param environment the shared settings
     * @return a runner, holding the system back until released
     * @throws IllegalArgumentException naming the known systems if {@code name} is not one
     */
    public static SchedulerRunner create(String name, RunnerEnvironment environment) {
        Function<RunnerEnvironment, SchedulerRunner> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown system '" + name + "', expected one of " + names());
        }
        return factory.apply(environment);
    }

}
