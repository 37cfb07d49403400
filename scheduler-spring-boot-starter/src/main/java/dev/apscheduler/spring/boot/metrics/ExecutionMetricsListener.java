package dev.apscheduler.spring.boot.metrics;

import dev.apscheduler.event.EventCodes;
import dev.apscheduler.event.JobExecutionEvent;
import dev.apscheduler.event.JobSubmissionEvent;
import dev.apscheduler.event.SchedulerEvent;
import dev.apscheduler.event.SchedulerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Records each run's meters from the scheduler's events: {@link ApschedulerMeters#EXECUTIONS} and
 * {@link ApschedulerMeters#LATENESS} for runs that started, {@link ApschedulerMeters#MISSED} for missed runs and
 * {@link ApschedulerMeters#DROPPED} for run times dropped at {@code max_instances}.
 */
final class ExecutionMetricsListener implements SchedulerListener {

    /** The events this listener needs. */
    static final int EVENT_MASK = EventCodes.JOB_EXECUTED | EventCodes.JOB_ERROR | EventCodes.JOB_MISSED
            | EventCodes.JOB_MAX_INSTANCES;

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
            Counter.builder(ApschedulerMeters.DROPPED)
                .description("Run times dropped because the job already ran max_instances times")
                .tags(tags(submission.taskName(), submission.executor()))
                .register(this.registry)
                .increment(submission.scheduledRunTimes().size());
        }
    }

    private void onExecution(JobExecutionEvent event) {
        Tags tags = tags(event.taskName(), event.executor());
        if (event.code() == EventCodes.JOB_MISSED) {
            Counter.builder(ApschedulerMeters.MISSED)
                .description("Runs not started because they were later than the misfire grace time")
                .tags(tags)
                .register(this.registry)
                .increment();
            return;
        }
        boolean success = event.code() == EventCodes.JOB_EXECUTED;
        String outcome = success ? ApschedulerMeters.SUCCESS : ApschedulerMeters.ERROR;
        Timer.builder(ApschedulerMeters.EXECUTIONS)
            .description("Job runs: how long the task ran")
            .tags(tags.and(ApschedulerMeters.OUTCOME, outcome))
            .register(this.registry)
            .record(event.duration());
        Timer.builder(ApschedulerMeters.LATENESS)
            .description("How late job runs started after their scheduled fire time")
            .tags(tags)
            .register(this.registry)
            .record(event.delay());
    }

    private static Tags tags(String task, String executor) {
        return Tags.of(ApschedulerMeters.TASK, task, ApschedulerMeters.EXECUTOR, executor);
    }

}
