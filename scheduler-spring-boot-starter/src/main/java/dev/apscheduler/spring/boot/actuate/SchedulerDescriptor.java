package dev.apscheduler.spring.boot.actuate;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The scheduler as {@code GET /actuator/apscheduler} shows it: state, time zone, job stores and executors by alias,
 * the run history store, and a summary of the first jobs of each store.
 *
 * @param state {@code RUNNING}, {@code PAUSED} or {@code STOPPED}
 * @param timezone the scheduler's default time zone
 * @param jobstores the job stores by alias, in the order they were added
 * @param executors the executors by alias, in the order they were added
 * @param history the run history store, or {@code null} (then left out) when the scheduler keeps no run history
 * @param jobs the first jobs of each store that answered by next run time (at most
 * {@code management.endpoint.apscheduler.jobs-limit} per store), store by store; how many each store holds is in
 * {@code jobstores}
 */
public record SchedulerDescriptor(String state, String timezone, Map<String, JobStoreDescriptor> jobstores,
        Map<String, ExecutorDescriptor> executors, @Nullable HistoryDescriptor history,
        List<JobSummaryDescriptor> jobs) implements OperationResponseBody {
}
