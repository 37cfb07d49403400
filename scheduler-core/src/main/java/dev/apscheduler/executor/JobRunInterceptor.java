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
 * <p>What the thread that hands a run to its executor holds (a logging context, the current trace) is taken along
 * by {@link #capture()}, called on that thread: the caller's thread for {@code runJob}, the scheduler's own thread for
 * runs that fall due by their trigger (a job added to run at once included).
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
     * Called on the thread that hands a submission to its executor, before the submission is queued: returns the
     * interceptor that wraps the submission's runs on the worker thread. An interceptor that carries context from the
     * submitting thread to the run (a logging context, the current trace, what a {@code TaskDecorator} captures)
     * captures it here. A failure here does not lose the run: it is logged and the run goes through this interceptor
     * as it is.
     * @return the interceptor for the runs of one submission, this one by default
     */
    default JobRunInterceptor capture() {
        return this;
    }

    /**
     * Returns the interceptor that runs the task and nothing else.
     * @return the pass-through interceptor
     */
    static JobRunInterceptor none() {
        return (context, task) -> task.run(context);
    }

    /**
     * Chains interceptors: the first is outermost, the last calls the task. The chain captures by capturing each.
     * @param interceptors the interceptors, in order
     * @return one interceptor applying them all ({@link #none()} when there are none)
     */
    static JobRunInterceptor chain(List<JobRunInterceptor> interceptors) {
        interceptors.forEach((interceptor) -> Objects.requireNonNull(interceptor, "interceptor"));
        List<JobRunInterceptor> chain = List.copyOf(interceptors);
        if (chain.isEmpty()) {
            return none();
        }
        return (chain.size() == 1) ? chain.get(0) : new InterceptorChain(chain);
    }

}
