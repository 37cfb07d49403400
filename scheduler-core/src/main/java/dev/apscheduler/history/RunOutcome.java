package dev.apscheduler.history;

import java.util.Locale;

/**
 * How a run ended, or that it has not yet.
 */
public enum RunOutcome {

    /** Started and not finished yet. */
    RUNNING,

    /** The task returned. */
    SUCCESS,

    /** The task threw (or could not be found or submitted). */
    ERROR,

    /** The run started later than {@code misfire_grace_time} allows and was not run. */
    MISSED,

    /** The job already ran {@code max_instances} times, so this run was dropped. */
    SKIPPED,

    /** The run exceeded the job's {@code timeout} and was interrupted; it may still be running if it ignored that. */
    TIMED_OUT,

    /** The scheduler shut down before the run started, or interrupted it while stopping; or the run was revoked. */
    CANCELLED,

    /**
     * The attempt failed and the run was handed over again for its next attempt, under the same run id: how a run
     * executed by a broker's worker records a failure its retry policy retries.
     */
    RETRY;

    /**
     * Tells whether this outcome is a failure: what retries, failure listings and health look at.
     * @return whether the run failed ({@link #ERROR} or {@link #TIMED_OUT})
     */
    public boolean isFailure() {
        return this == ERROR || this == TIMED_OUT;
    }

    /**
     * Tells whether the run executed the task and is over (success or failure), as opposed to running, or not run.
     * @return whether this is {@link #SUCCESS}, {@link #ERROR} or {@link #TIMED_OUT}
     */
    public boolean isCompletedRun() {
        return this == SUCCESS || isFailure();
    }

    /**
     * Returns the outcome's name in lower case. The starter's meters tag runs with {@link #name()} instead, upper case
     * as Spring's scheduled-task observations spell outcomes.
     * @return the name in lower case, for example {@code timed_out}
     */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

}
