package dev.apscheduler.spring.boot;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.apscheduler.Scheduler;
import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerListener;

/**
 * Keeps the runs in progress, by run id, from the submission events to the events that end them, so that a shutdown
 * that stops waiting can name the jobs it left running.
 */
final class RunningJobs implements SchedulerListener {

    /** The events this listener needs. */
    static final int MASK = EventCodes.JOB_SUBMITTED | EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR
            | EventCodes.JOB_MISSED | EventCodes.JOB_TIMED_OUT;

    /** Job ids by run id. */
    private final Map<String, String> runs = new ConcurrentHashMap<>();

    @Override
    public void onEvent(SchedulerEvent event) {
        if (event instanceof JobSubmissionEvent submission && event.code() == EventCodes.JOB_SUBMITTED) {
            submission.runIds().forEach((runId) -> this.runs.put(runId, submission.jobId()));
        }
        else if (event instanceof JobExecutionEvent execution) {
            this.runs.remove(execution.runId());
        }
    }

    /**
     * Returns the ids of the jobs whose runs the scheduler still counts as in progress, sorted.
     * @param scheduler the scheduler that ran them
     * @return the job ids
     */
    List<String> stillRunning(Scheduler scheduler) {
        return this.runs.values()
            .stream()
            .distinct()
            .filter((id) -> scheduler.runningInstances(id) > 0)
            .sorted()
            .toList();
    }

}
