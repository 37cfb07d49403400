package dev.apscheduler.spring.boot.context;

import java.util.Map;

import dev.apscheduler.executor.JobRunInterceptor;
import dev.apscheduler.job.JobContext;
import dev.apscheduler.job.Task;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Carries the logging context (MDC) of the thread that hands a run to its executor into the run: a job run now
 * ({@code runJob}) from a request thread logs with the request's MDC entries (a correlation id, a user), beside the
 * run's own {@link JobContext#MDC_JOB_ID} and {@link JobContext#MDC_RUN_ID}, which win over entries of the same name.
 * Runs that fall due by their trigger are handed over by the scheduler's own thread, which holds no MDC entries: they
 * log with the run's entries only. The worker thread's MDC is restored when the run ends.
 */
public class MdcJobRunInterceptor implements JobRunInterceptor {

    /**
     * Runs a run that was not captured on its submitting thread, with the worker thread's MDC as it is.
     */
    @Override
    public @Nullable Object intercept(JobContext context, Task task) throws Exception {
        return task.run(context);
    }

    @Override
    public JobRunInterceptor capture() {
        Map<String, String> submitting = MDC.getCopyOfContextMap();
        if (submitting == null || submitting.isEmpty()) {
            return this;
        }
        return (context, task) -> runWith(submitting, context, task);
    }

    private static @Nullable Object runWith(Map<String, String> submitting, JobContext context, Task task)
            throws Exception {
        Map<String, String> worker = MDC.getCopyOfContextMap();
        submitting.forEach(MDC::put);
        if (worker != null) {
            worker.forEach(MDC::put);
        }
        try {
            return task.run(context);
        }
        finally {
            if (worker != null) {
                MDC.setContextMap(worker);
            }
            else {
                MDC.clear();
            }
        }
    }

}
