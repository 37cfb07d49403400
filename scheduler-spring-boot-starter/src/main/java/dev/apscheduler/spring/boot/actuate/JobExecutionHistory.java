package dev.apscheduler.spring.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobEvent;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerListener;
import dev.apscheduler.event.SchedulerStateEvent;

/**
 * Keeps the last execution of each job, learnt from the scheduler's events: a listener to register with
 * {@link #EVENT_MASK}, for a scheduler that keeps no run history (one that does answers from its history instead).
 * Bounded: beyond its capacity the least recently updated job is forgotten, so a scheduler that
 * creates jobs without end cannot make it grow without end. A removed job is forgotten.
 */
public final class JobExecutionHistory implements SchedulerListener {

    /** How many jobs are remembered by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /** The events this listener needs. */
    public static final int EVENT_MASK = EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR | EventCodes.JOB_MISSED
            | EventCodes.JOB_TIMED_OUT | EventCodes.JOB_REMOVED | EventCodes.ALL_JOBS_REMOVED;

    private final Map<Key, LastExecution> executions;

    /**
     * Creates a history of {@link #DEFAULT_CAPACITY} jobs.
     */
    public JobExecutionHistory() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * Creates a history.
     * @param capacity how many jobs to remember, at least one
     */
    public JobExecutionHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.executions = new LinkedHashMap<>() {

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, LastExecution> eldest) {
                return size() > capacity;
            }

        };
    }

    @Override
    public synchronized void onEvent(SchedulerEvent event) {
        if (event instanceof JobExecutionEvent execution) {
            record(execution);
        }
        else if (event instanceof JobEvent job && job.code() == EventCodes.JOB_REMOVED) {
            this.executions.remove(new Key(job.jobstore(), job.jobId()));
        }
        else if (event instanceof SchedulerStateEvent state && state.code() == EventCodes.ALL_JOBS_REMOVED) {
            this.executions.keySet().removeIf((key) -> state.alias() == null || key.jobstore().equals(state.alias()));
        }
    }

    private void record(JobExecutionEvent event) {
        if (event.code() != EventCodes.JOB_EXECUTED && event.code() != EventCodes.JOB_ERROR
                && event.code() != EventCodes.JOB_MISSED && event.code() != EventCodes.JOB_TIMED_OUT) {
            return;
        }
        LastExecution execution = LastExecution.of(event);
        Key key = new Key(event.jobstore(), event.jobId());
        // Removed and put again, so that the map's order is the order of updates and the eldest is evicted first.
        LastExecution previous = this.executions.remove(key);
        // Concurrent instances may finish out of order: the run that started last is the last execution.
        boolean older = previous != null && execution.startTime().isBefore(previous.startTime());
        this.executions.put(key, older ? previous : execution);
    }

    /**
     * Returns the last execution of a job.
     * @param jobstore the alias of the job's store
     * @param jobId the job's id
     * @return the last execution, or empty when the job has not run since it was remembered
     */
    public synchronized Optional<LastExecution> lastExecution(String jobstore, String jobId) {
        return Optional.ofNullable(this.executions.get(new Key(jobstore, jobId)));
    }

    /**
     * Returns how many jobs are remembered.
     * @return the number of jobs
     */
    public synchronized int size() {
        return this.executions.size();
    }

    private record Key(String jobstore, String jobId) {
    }

}
