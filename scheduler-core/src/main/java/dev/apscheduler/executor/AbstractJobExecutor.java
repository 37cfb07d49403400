package dev.apscheduler.executor;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerException;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.job.Job;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared part of every executor: APScheduler's {@code BaseExecutor.submit_job} and {@code run_job}. Counts
 * instances per job (refusing a submission at {@code max_instances}), publishes {@code JOB_SUBMITTED}, runs each
 * run time with the misfire check made when it is about to start, and publishes the execution events once the
 * submission's runs are done and its instance is released. Subclasses say only how work is executed.
 */
public abstract class AbstractJobExecutor implements JobExecutor {

    /** The executor's logger, named after the executor class. */
    protected final Logger logger = LoggerFactory.getLogger(getClass());

    /**
     * Running instances per job id. A concurrent map rather than one lock: the loop's submissions and every worker's
     * releases would all contend for that lock, and a holder descheduled on a busy machine stalls them all.
     */
    private final ConcurrentHashMap<String, Integer> instances = new ConcurrentHashMap<>();

    private final AtomicInteger active = new AtomicInteger();

    private volatile @Nullable ExecutorContext context;

    @Override
    public void start(ExecutorContext context) {
        this.context = context;
    }

    /**
     * Returns the context given at start.
     * @return the context
     * @throws SchedulerException if the executor has not been started
     */
    protected ExecutorContext context() {
        ExecutorContext context = this.context;
        if (context == null) {
            throw new SchedulerException("Executor " + getClass().getSimpleName() + " has not been started");
        }
        return context;
    }

    @Override
    public final void submit(Job job, List<ZonedDateTime> runTimes) {
        ExecutorContext context = context();
        int[] runningBefore = new int[1];
        this.instances.compute(job.id(), (id, running) -> {
            int count = (running != null) ? running : 0;
            runningBefore[0] = count;
            return (count < job.maxInstances()) ? Integer.valueOf(count + 1) : running;
        });
        if (runningBefore[0] >= job.maxInstances()) {
            throw new MaxInstancesReachedException(job.id(), job.maxInstances());
        }
        this.active.incrementAndGet();
        context.dispatch(new JobSubmissionEvent(EventCodes.JOB_SUBMITTED, job.id(), job.jobstore(), context.alias(),
                job.task().name(), runTimes));
        try {
            execute(() -> runJob(context, job, runTimes));
        }
        catch (RejectedExecutionException ex) {
            release(job.id());
            throw new SchedulerException("Executor '" + context.alias() + "' refused job '" + job.id()
                    + "': it is shut down", ex);
        }
        catch (RuntimeException ex) {
            release(job.id());
            throw ex;
        }
    }

    private void runJob(ExecutorContext context, Job job, List<ZonedDateTime> runTimes) {
        List<SchedulerEvent> events;
        try {
            events = new JobRunner(context, this.logger).run(job, runTimes);
        }
        finally {
            release(job.id());
        }
        events.forEach(context::dispatch);
    }

    private void release(String jobId) {
        this.instances.computeIfPresent(jobId, (id, count) -> (count > 1) ? Integer.valueOf(count - 1) : null);
        this.active.decrementAndGet();
    }

    /**
     * Executes one submission's work: on a worker thread, or on the caller's thread.
     * @param work the work, which never throws
     * @throws RejectedExecutionException if the executor is shut down
     */
    protected abstract void execute(Runnable work);

    @Override
    public int activeCount() {
        return this.active.get();
    }

    @Override
    public int runningInstances(String jobId) {
        return this.instances.getOrDefault(jobId, 0);
    }

}
