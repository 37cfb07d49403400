package dev.apscheduler.spring.boot.metrics;

import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.Task;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobRunInterceptor} that runs each task inside an {@link Observation}, opened on the worker thread, so that
 * traces show job runs and the task's own instrumented calls (HTTP, JDBC) join the run's span. A failed run's
 * exception is the observation's error.
 */
public class ObservationJobRunInterceptor implements JobRunInterceptor {

    private static final JobRunObservationConvention DEFAULT_CONVENTION = new DefaultJobRunObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable JobRunObservationConvention convention;

    /**
     * Creates the interceptor with the default convention.
     * @param registry the observation registry
     */
    public ObservationJobRunInterceptor(ObservationRegistry registry) {
        this(registry, null);
    }

    /**
     * Creates the interceptor.
     * @param registry the observation registry
     * @param convention the convention to use instead of the default one, or {@code null}
     */
    public ObservationJobRunInterceptor(ObservationRegistry registry,
            @Nullable JobRunObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    @SuppressWarnings("NullAway") // Micrometer's CheckedCallable declares no nullness: a task may return null
    public @Nullable Object intercept(JobContext context, Task task) throws Exception {
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION,
                () -> new JobRunObservationContext(context), this.registry);
        return observation.observeChecked(() -> task.run(context));
    }

}
