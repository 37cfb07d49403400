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
 *
 * <p>The observation current on the thread that hands the run to its executor is the run's parent: a job run now
 * ({@code runJob}) while a request is being observed belongs to that request's trace. Runs that fall due by their
 * trigger (a job added to run at once included) are handed over by the scheduler's own thread, where no observation is
 * current: each starts a trace of its own.
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
    public @Nullable Object intercept(JobContext context, Task task) throws Exception {
        return observe(context, task, null);
    }

    @Override
    public JobRunInterceptor capture() {
        Observation parent = this.registry.getCurrentObservation();
        return (parent != null) ? (context, task) -> observe(context, task, parent) : this;
    }

    @SuppressWarnings("NullAway") // Micrometer's CheckedCallable declares no nullness: a task may return null
    private @Nullable Object observe(JobContext context, Task task, @Nullable Observation parent) throws Exception {
        JobRunObservationContext observationContext = new JobRunObservationContext(context);
        Observation observation = Observation.createNotStarted(this.convention, DEFAULT_CONVENTION,
                () -> observationContext, this.registry);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return observation.observeChecked(() -> {
            Object result = task.run(context);
            observationContext.setComplete(true);
            return result;
        });
    }

}
