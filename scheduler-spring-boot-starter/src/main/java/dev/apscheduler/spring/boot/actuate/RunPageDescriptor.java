package dev.apscheduler.spring.boot.actuate;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A page of runs, newest first, as {@code GET /actuator/apscheduler/jobs/{id}/runs} and
 * {@code GET /actuator/apscheduler/failures} show it.
 *
 * @param runs the runs on this page, without stack traces
 * @param page the page number, from zero
 * @param size the page size asked for
 * @param total how many runs match in all
 */
public record RunPageDescriptor(List<RunDescriptor> runs, int page, int size, long total)
        implements OperationResponseBody {
}
