package dev.apscheduler.spring.boot.actuate;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The scheduler as {@code GET /actuator/apscheduler} shows it: state, time zone, job stores and executors by alias,
 * and a summary of every job.
 *
 * @param state {@code RUNNING}, {@code PAUSED} or {@code STOPPED}
 * @param timezone the scheduler's default time zone
 * @param jobstores the job stores by alias, in the order they were added
 * @param executors the executors by alias, in the order they were added
 * @param jobs every job of the stores that answered, store by store, each store's by next run time
 */
public record SchedulerDescriptor(String state, String timezone, Map<String, JobStoreDescriptor> jobstores,
        Map<String, ExecutorDescriptor> executors, List<JobSummaryDescriptor> jobs) implements OperationResponseBody {
}
