package dev.apscheduler.spring.boot.metrics;

/**
 * The names and tags of the scheduler's meters. Meters are tagged by task, executor, job store, outcome and state,
 * never by job id, which has no bound.
 */
public final class ApschedulerMeters {

    /**
     * Timer of job runs that started, each attempt of a retried run included: how long the task ran, or ran until
     * it timed out. Tags {@link #TASK}, {@link #EXECUTOR}, {@link #OUTCOME}.
     */
    public static final String EXECUTIONS = "apscheduler.job.executions";

    /**
     * Timer of how late runs started: start time minus scheduled fire time. Only first attempts: a retry starts
     * after its backoff by design. Tags {@link #TASK}, {@link #EXECUTOR}.
     */
    public static final String LATENESS = "apscheduler.job.lateness";

    /** Counter of runs not started because they were later than the misfire grace time. Tags {@link #TASK},
     * {@link #EXECUTOR}. */
    public static final String MISSED = "apscheduler.job.missed";

    /** Counter of run times dropped because the job already ran {@code max_instances} times. Tags {@link #TASK},
     * {@link #EXECUTOR}. */
    public static final String DROPPED = "apscheduler.job.dropped";

    /**
     * Counter of failed runs that will run again after a backoff, per the job's retry policy
     * ({@code JOB_RETRY_SCHEDULED}). Tags {@link #TASK}, {@link #EXECUTOR}.
     */
    public static final String RETRIES_SCHEDULED = "apscheduler.job.retries.scheduled";

    /**
     * Counter of runs given up because their last allowed attempt failed ({@code JOB_RETRIES_EXHAUSTED}). Tags
     * {@link #TASK}, {@link #EXECUTOR}.
     */
    public static final String RETRIES_EXHAUSTED = "apscheduler.job.retries.exhausted";

    /**
     * Counter of runs interrupted because they exceeded their job's timeout ({@code JOB_TIMED_OUT}). Tags
     * {@link #TASK}, {@link #EXECUTOR}.
     */
    public static final String TIMEOUTS = "apscheduler.job.timeouts";

    /** Gauge of the jobs in each job store. Tags {@link #JOBSTORE}, {@link #STATE}. */
    public static final String JOBS = "apscheduler.jobs";

    /** Gauge of each executor's submissions in progress (running or queued). Tag {@link #EXECUTOR}. */
    public static final String ACTIVE_EXECUTIONS = "apscheduler.executor.active";

    /**
     * Gauge of each executor's runs that timed out but still run, their task having ignored the interruption; they
     * no longer count towards {@code max_instances} nor {@link #ACTIVE_EXECUTIONS}. Tag {@link #EXECUTOR}.
     */
    public static final String TIMED_OUT_RUNNING = "apscheduler.executor.timed.out.running";

    /**
     * Counter of run history outages: each time writing run records starts failing ({@code HISTORY_FAILED}). Only
     * when the scheduler keeps a history.
     */
    public static final String HISTORY_FAILURES = "apscheduler.history.failures";

    /**
     * Gauge of the run history's health: {@code 1} while writing run records fails (they wait and are retried),
     * {@code 0} otherwise. Only when the scheduler keeps a history.
     */
    public static final String HISTORY_FAILING = "apscheduler.history.failing";

    /** Tag: the name of the job's task. */
    public static final String TASK = "task";

    /** Tag: the executor's alias. */
    public static final String EXECUTOR = "executor";

    /** Tag: the job store's alias. */
    public static final String JOBSTORE = "jobstore";

    /**
     * Tag: how a run ended, {@link #SUCCESS}, {@link #ERROR} or {@link #TIMED_OUT}, upper case like the outcome of
     * Spring's {@code tasks.scheduled.execution} and the run history's outcome names. The run observation's outcome is
     * {@link #SUCCESS}, {@link #ERROR} or, for a run that ended without returning or throwing, {@link #UNKNOWN}.
     */
    public static final String OUTCOME = "outcome";

    /** Tag: whether jobs are {@link #SCHEDULED} or {@link #PAUSED}. */
    public static final String STATE = "state";

    /** Outcome of a run whose task returned. */
    public static final String SUCCESS = "SUCCESS";

    /** Outcome of a run whose task threw, or could not run. */
    public static final String ERROR = "ERROR";

    /** Outcome of a run that exceeded its job's timeout and was interrupted. */
    public static final String TIMED_OUT = "TIMED_OUT";

    /** Outcome of an observed run that ended neither by returning nor by throwing (observations only). */
    public static final String UNKNOWN = "UNKNOWN";

    /** Tag of the run observation: the simple name of the exception a failed run threw, {@code none} otherwise. */
    public static final String EXCEPTION = "exception";

    /** State of jobs that have a next run time. */
    public static final String SCHEDULED = "scheduled";

    /** State of paused jobs. */
    public static final String PAUSED = "paused";

    private ApschedulerMeters() {
    }

}
