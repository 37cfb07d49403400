package dev.apscheduler.spring.boot.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The answer to {@code POST /actuator/apscheduler/jobs/{id}}.
 *
 * @param id the job's id
 * @param action the action performed: {@code pause}, {@code resume} or {@code run}
 * @param job the job after the action, or {@code null} when resuming removed it because its trigger has no fire
 * time left
 */
public record JobActionDescriptor(String id, String action, @Nullable JobSummaryDescriptor job)
        implements OperationResponseBody {
}
