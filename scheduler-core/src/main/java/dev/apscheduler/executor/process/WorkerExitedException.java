package dev.apscheduler.executor.process;

import dev.apscheduler.SchedulerException;

/**
 * A worker process ended while it ran a job: it crashed, was killed, ran out of memory or its task called
 * {@code System.exit}. The run fails with this exception as its {@code JOB_ERROR}; the pool replaces the worker.
 */
public final class WorkerExitedException extends SchedulerException {

    private static final long serialVersionUID = 1L;

    private final long pid;

    private final int exitCode;

    WorkerExitedException(String message, long pid, int exitCode) {
        super(message);
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /**
     * Returns the worker's process id.
     * @return the process id
     */
    public long pid() {
        return this.pid;
    }

    /**
     * Returns the worker's exit code: on Unix 128 plus the signal number when it was killed by a signal
     * ({@code 137} for {@code kill -9}), {@code 3} when it ran out of memory.
     * @return the exit code
     */
    public int exitCode() {
        return this.exitCode;
    }

}
