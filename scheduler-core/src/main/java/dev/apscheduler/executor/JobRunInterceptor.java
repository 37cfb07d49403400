package dev.apscheduler.executor;

import java.util.List;
import java.util.Objects;

import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.Task;
import org.jspecify.annotations.Nullable;

/**
 * Wraps every run of a job's task, on the thread that runs it: the place for work that must surround the task
 * itself rather than follow from events, such as opening a tracing span or a logging context that the task's code
 * sees. Registered with {@code SchedulerBuilder.jobRunInterceptor(...)} and applied by every executor that extends
 * {@link AbstractJobExecutor}.
 *
 * <p>An interceptor runs only for runs that start: a run found later than the misfire grace time is reported as
 * missed without reaching it. It must call {@code task.run(context)} once and return its result; what it throws is
 * reported as the run's {@code JOB_ERROR}, exactly as an exception of the task.
 *
 * <pre>{@code
 * BackgroundScheduler.builder()
 *     .jobRunInterceptor((context, task) -> {
 *         MDC.put("job", context.jobId());
 *         try {
 *             return task.run(context);
 *         }
 *         finally {
 *             MDC.remove("job");
 *         }
 *     })
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface JobRunInterceptor {

    /**
     * Runs one run of a job's task.
     * @param context the job, its arguments and the fire time of this run
     * @param task the task, or the next interceptor in the chain
     * @return what {@code task} returned: the {@code JOB_EXECUTED} event's return value
     * @throws Exception what {@code task} threw, or a failure of the interceptor: the {@code JOB_ERROR} event's
     * exception
     */
    @Nullable Object intercept(JobContext context, Task task) throws Exception;

    /**
     * Returns the interceptor that runs the task and nothing else.
     * @return the pass-through interceptor
     */
    static JobRunInterceptor none() {
        return (context, task) -> task.run(context);
    }

    /**
     * Chains interceptors: the first is outermost, the last calls the task.
     * @param interceptors the interceptors, in order
     * @return one interceptor applying them all ({@link #none()} when there are none)
     */
    static JobRunInterceptor chain(List<JobRunInterceptor> interceptors) {
        JobRunInterceptor chained = none();
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            JobRunInterceptor outer = Objects.requireNonNull(interceptors.get(i), "interceptor");
            JobRunInterceptor inner = chained;
            chained = (context, task) -> outer.intercept(context, (innerContext) -> inner.intercept(innerContext,
                    task));
        }
        return chained;
    }

}
