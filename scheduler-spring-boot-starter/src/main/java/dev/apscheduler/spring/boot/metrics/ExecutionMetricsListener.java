package dev.apscheduler.spring.boot.metrics;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerListener;
import dev.apscheduler.history.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Records each run's meters from the scheduler's events: {@link ApschedulerMeters#EXECUTIONS} for runs that ended
 * or timed out, {@link ApschedulerMeters#LATENESS} for first attempts that started, {@link ApschedulerMeters#MISSED}
 * for missed runs, {@link ApschedulerMeters#DROPPED} for run times dropped at {@code max_instances}, and the counters
 * of retries, give-ups and timeouts.
 */
final class ExecutionMetricsListener implements SchedulerListener {

    /** The events this listener needs. */
    static final int EVENT_MASK = EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR | EventCodes.JOB_MISSED
            | EventCodes.JOB_MAX_INSTANCES | EventCodes.JOB_TIMED_OUT | EventCodes.JOB_RETRY_SCHEDULED
            | EventCodes.JOB_RETRIES_EXHAUSTED;

    private final MeterRegistry registry;

    ExecutionMetricsListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        if (event instanceof JobExecutionEvent execution) {
            onExecution(execution);
        }
        else if (event instanceof JobSubmissionEvent submission && event.code() == EventCodes.JOB_MAX_INSTANCES) {
            count(ApschedulerMeters.DROPPED, "Run times dropped because the job already ran max_instances times",
                    tags(submission.taskName(), submission.executor()), submission.scheduledRunTimes().size());
        }
    }

    private void onExecution(JobExecutionEvent event) {
        Tags tags = tags(event.taskName(), event.executor());
        switch (event.code()) {
            case EventCodes.JOB_MISSED -> count(ApschedulerMeters.MISSED,
                    "Runs not started because they were later than the misfire grace time", tags, 1);
            case EventCodes.JOB_RETRY_SCHEDULED -> count(ApschedulerMeters.RETRIES_SCHEDULED,
                    "Failed runs that will run again after a backoff", tags, 1);
            case EventCodes.JOB_RETRIES_EXHAUSTED -> count(ApschedulerMeters.RETRIES_EXHAUSTED,
                    "Runs given up because their last allowed attempt failed", tags, 1);
            case EventCodes.JOB_TIMED_OUT -> {
                count(ApschedulerMeters.TIMEOUTS, "Runs interrupted because they exceeded their job's timeout", tags,
                        1);
                onRun(event, tags, RunOutcome.TIMED_OUT);
            }
            case EventCodes.JOB_EXECUTED -> onRun(event, tags, RunOutcome.SUCCESS);
            default -> onRun(event, tags, RunOutcome.ERROR);
        }
    }

    private void onRun(JobExecutionEvent event, Tags tags, RunOutcome outcome) {
        Timer.builder(ApschedulerMeters.EXECUTIONS)
            .description("Job runs: how long the task ran")
            .tags(tags.and(ApschedulerMeters.OUTCOME, outcome.name()))
            .register(this.registry)
            .record(event.duration());
        if (event.attempt() == 1) {
            Timer.builder(ApschedulerMeters.LATENESS)
                .description("How late job runs started after their scheduled fire time")
                .tags(tags)
                .register(this.registry)
                .record(event.delay());
        }
    }

    private void count(String name, String description, Tags tags, int amount) {
        Counter.builder(name).description(description).tags(tags).register(this.registry).increment(amount);
    }

    private static Tags tags(String task, String executor) {
        return Tags.of(ApschedulerMeters.TASK, task, ApschedulerMeters.EXECUTOR, executor);
    }

}
