package dev.apscheduler.spring.boot.metrics;

/**
 * The names and tags of the scheduler's meters. Meters are tagged by task, executor, job store, outcome and state,
 * never by job id, which has no bound.
 */
public final class ApschedulerMeters {

    /** Timer of job runs that started: how long the task ran. Tags {@link #TASK}, {@link #EXECUTOR},
     * {@link #OUTCOME}. */
    public static final String EXECUTIONS = "apscheduler.job.executions";

    /** Timer of how late runs started: start time minus scheduled fire time. Tags {@link #TASK}, {@link #EXECUTOR}. */
    public static final String LATENESS = "apscheduler.job.lateness";

    /** Counter of runs not started because they were later than the misfire grace time. Tags {@link #TASK},
     * {@link #EXECUTOR}. */
    public static final String MISSED = "apscheduler.job.missed";

    /** Counter of run times dropped because the job already ran {@code max_instances} times. Tags {@link #TASK},
     * {@link #EXECUTOR}. */
    public static final String DROPPED = "apscheduler.job.dropped";

    /** Gauge of the jobs in each job store. Tags {@link #JOBSTORE}, {@link #STATE}. */
    public static final String JOBS = "apscheduler.jobs";

    /** Gauge of each executor's submissions in progress (running or queued). Tag {@link #EXECUTOR}. */
    public static final String ACTIVE_EXECUTIONS = "apscheduler.executor.active";

    /** Tag: the name of the job's task. */
    public static final String TASK = "task";

    /** Tag: the executor's alias. */
    public static final String EXECUTOR = "executor";

    /** Tag: the job store's alias. */
    public static final String JOBSTORE = "jobstore";

    /** Tag: how a run ended, {@link #SUCCESS} or {@link #ERROR}. */
    public static final String OUTCOME = "outcome";

    /** Tag: whether jobs are {@link #SCHEDULED} or {@link #PAUSED}. */
    public static final String STATE = "state";

    /** Outcome of a run whose task returned. */
    public static final String SUCCESS = "success";

    /** Outcome of a run whose task threw, or could not run. */
    public static final String ERROR = "error";

    /** State of jobs that have a next run time. */
    public static final String SCHEDULED = "scheduled";

    /** State of paused jobs. */
    public static final String PAUSED = "paused";

    private ApschedulerMeters() {
    }

}
