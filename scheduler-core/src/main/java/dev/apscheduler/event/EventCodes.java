package dev.apscheduler.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event codes, as bit masks with APScheduler's values ({@code EVENT_SCHEDULER_STARTED = 1} ...
 * {@code EVENT_JOB_MAX_INSTANCES = 65536}), so that listener masks combine with {@code |} as in Python.
 *
 * <p>Three codes go beyond APScheduler, in the bits above its seventeen: {@link #JOBSTORE_FAILED} and
 * {@link #JOBSTORE_RECOVERED}, which report a job store the scheduler could not reach and the first success after
 * that, and {@link #JOB_RESTORE_FAILED}, which reports a stored job that cannot be restored (kept, not deleted).
 * {@link #ALL} includes them.
 */
public final class EventCodes {

    /** The scheduler was started. */
    public static final int SCHEDULER_STARTED = 1;

    /** APScheduler's older name of {@link #SCHEDULER_STARTED}. */
    public static final int SCHEDULER_START = SCHEDULER_STARTED;

    /** The scheduler was shut down. */
    public static final int SCHEDULER_SHUTDOWN = 1 << 1;

    /** Job processing was paused. */
    public static final int SCHEDULER_PAUSED = 1 << 2;

    /** Job processing was resumed. */
    public static final int SCHEDULER_RESUMED = 1 << 3;

    /** An executor was added. */
    public static final int EXECUTOR_ADDED = 1 << 4;

    /** An executor was removed. */
    public static final int EXECUTOR_REMOVED = 1 << 5;

    /** A job store was added. */
    public static final int JOBSTORE_ADDED = 1 << 6;

    /** A job store was removed. */
    public static final int JOBSTORE_REMOVED = 1 << 7;

    /** All jobs were removed from one or all job stores. */
    public static final int ALL_JOBS_REMOVED = 1 << 8;

    /** A job was added. */
    public static final int JOB_ADDED = 1 << 9;

    /** A job was removed. */
    public static final int JOB_REMOVED = 1 << 10;

    /** A job was modified (including paused, resumed, rescheduled). */
    public static final int JOB_MODIFIED = 1 << 11;

    /** A job ran and returned. */
    public static final int JOB_EXECUTED = 1 << 12;

    /** A job ran and threw, or could not run (its task is not registered). */
    public static final int JOB_ERROR = 1 << 13;

    /** A run was not started because it was later than the job's misfire grace time. */
    public static final int JOB_MISSED = 1 << 14;

    /** A job's runs were handed to its executor. */
    public static final int JOB_SUBMITTED = 1 << 15;

    /** A job's runs were dropped because the job already ran {@code max_instances} times. */
    public static final int JOB_MAX_INSTANCES = 1 << 16;

    /** Beyond APScheduler: a job store call failed; the scheduler retries with backoff. */
    public static final int JOBSTORE_FAILED = 1 << 17;

    /** Beyond APScheduler: a job store that had failed answered again. */
    public static final int JOBSTORE_RECOVERED = 1 << 18;

    /** Beyond APScheduler: a stored job cannot be restored; it is kept in its store and skipped. */
    public static final int JOB_RESTORE_FAILED = 1 << 19;

    /** Beyond APScheduler: a run exceeded its job's {@code timeout} and was interrupted. */
    public static final int JOB_TIMED_OUT = 1 << 20;

    /** Beyond APScheduler: a failed run will run again after a backoff (the job's retry policy). */
    public static final int JOB_RETRY_SCHEDULED = 1 << 21;

    /** Beyond APScheduler: the last attempt the job's retry policy allows failed; the run is given up. */
    public static final int JOB_RETRIES_EXHAUSTED = 1 << 22;

    /** Beyond APScheduler: writing run records to the history store failed; records wait and are retried. */
    public static final int HISTORY_FAILED = 1 << 23;

    /** Beyond APScheduler: the history store that had failed took records again. */
    public static final int HISTORY_RECOVERED = 1 << 24;

    /** APScheduler's seventeen codes. */
    public static final int ALL_APSCHEDULER = (1 << 17) - 1;

    /** Every code. */
    public static final int ALL = (1 << 25) - 1;

    private static final Map<Integer, String> NAMES = names();

    private EventCodes() {
    }

    /**
     * Returns the constant name of a single code, for example {@code JOB_EXECUTED}.
     * @param code one code
     * @return the name, or the number when it is not a single known code
     */
    public static String name(int code) {
        return NAMES.getOrDefault(code, Integer.toString(code));
    }

    /**
     * Returns the names of the codes in a mask.
     * @param mask a combination of codes
     * @return the names, lowest bit first
     */
    public static List<String> names(int mask) {
        List<String> result = new ArrayList<>();
        NAMES.forEach((code, name) -> {
            if ((mask & code) != 0) {
                result.add(name);
            }
        });
        return result;
    }

    private static Map<Integer, String> names() {
        String[] names = { "SCHEDULER_STARTED", "SCHEDULER_SHUTDOWN", "SCHEDULER_PAUSED", "SCHEDULER_RESUMED",
                "EXECUTOR_ADDED", "EXECUTOR_REMOVED", "JOBSTORE_ADDED", "JOBSTORE_REMOVED", "ALL_JOBS_REMOVED",
                "JOB_ADDED", "JOB_REMOVED", "JOB_MODIFIED", "JOB_EXECUTED", "JOB_ERROR", "JOB_MISSED",
                "JOB_SUBMITTED", "JOB_MAX_INSTANCES", "JOBSTORE_FAILED", "JOBSTORE_RECOVERED", "JOB_RESTORE_FAILED",
                "JOB_TIMED_OUT", "JOB_RETRY_SCHEDULED", "JOB_RETRIES_EXHAUSTED", "HISTORY_FAILED",
                "HISTORY_RECOVERED" };
        Map<Integer, String> result = new LinkedHashMap<>();
        for (int bit = 0; bit < names.length; bit++) {
            result.put(1 << bit, names[bit]);
        }
        return result;
    }

}
