package dev.apscheduler.spring.boot.actuate;

import java.util.Set;
import java.util.function.Supplier;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerNotRunningException;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.spring.boot.actuate.ApschedulerEndpointWebExtension.ApschedulerEndpointWebExtensionRuntimeHints;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link ApschedulerEndpoint}: the job operations under
 * {@code /actuator/apscheduler/jobs/{id}}, and the runs of the scheduler's run history under
 * {@code /actuator/apscheduler/jobs/{id}/runs}, {@code /actuator/apscheduler/runs/{runId}} and
 * {@code /actuator/apscheduler/failures}, pages chosen with {@code page} and {@code size}. An unknown job or run is
 * answered with 404 (as is every run request while the scheduler keeps no run history), a missing or unknown action or
 * a bad page with 400, an action the job's state does not allow now with 409 and a failing history store with 503,
 * each with a JSON body saying what was wrong.
 */
@EndpointWebExtension(endpoint = ApschedulerEndpoint.class)
@ImportRuntimeHints(ApschedulerEndpointWebExtensionRuntimeHints.class)
public class ApschedulerEndpointWebExtension {

    private static final String JOBS = "jobs";

    private static final String RUNS = "runs";

    private static final String FAILURES = "failures";

    private final ApschedulerEndpoint delegate;

    private final Show showValues;

    private final Set<String> roles;

    /**
     * Creates the extension.
     * @param delegate the endpoint
     * @param showValues when argument values are shown unsanitised
     * @param roles the roles allowed to see them when {@code showValues} is {@link Show#WHEN_AUTHORIZED}; empty for
     * every authenticated user
     */
    public ApschedulerEndpointWebExtension(ApschedulerEndpoint delegate, Show showValues, Set<String> roles) {
        this.delegate = delegate;
        this.showValues = showValues;
        this.roles = Set.copyOf(roles);
    }

    /**
     * Describes a job, {@code GET /actuator/apscheduler/jobs/{id}}, or a run, {@code GET
     * /actuator/apscheduler/runs/{runId}} (with the stack trace of a failure).
     * @param securityContext who asks, to decide whether argument values and results are shown
     * @param resource the path segment {@code jobs} or {@code runs}
     * @param id the job's or the run's id
     * @return the job or the run, or 404
     */
    @ReadOperation
    public WebEndpointResponse<Object> read(SecurityContext securityContext, @Selector String resource,
            @Selector String id) {
        boolean showUnsanitized = this.showValues.isShown(securityContext, this.roles);
        if (RUNS.equals(resource)) {
            return handle(() -> new WebEndpointResponse<>(this.delegate.run(id, showUnsanitized)));
        }
        if (!JOBS.equals(resource)) {
            return noSuchResource(resource);
        }
        return handle(() -> new WebEndpointResponse<>(this.delegate.job(id, showUnsanitized)));
    }

    /**
     * Lists a job's runs, newest first: {@code GET /actuator/apscheduler/jobs/{id}/runs?page=0&size=20}.
     * @param securityContext who asks, to decide whether results are shown
     * @param jobs the path segment {@code jobs}
     * @param id the job's id
     * @param runs the path segment {@code runs}
     * @param page the page number, from zero; 0 when not given
     * @param size the page size, 1 to {@value dev.apscheduler.history.RunPage#MAX_SIZE}; 20 when not given
     * @return the page, 404 or 400
     */
    @ReadOperation
    public WebEndpointResponse<Object> jobRuns(SecurityContext securityContext, @Selector String jobs,
            @Selector String id, @Selector String runs, @Nullable String page, @Nullable String size) {
        if (!JOBS.equals(jobs) || !RUNS.equals(runs)) {
            return noSuchResource(JOBS.equals(jobs) ? runs : jobs);
        }
        boolean showUnsanitized = this.showValues.isShown(securityContext, this.roles);
        return page(page, size, (pageNumber, pageSize) -> this.delegate.jobRuns(id, pageNumber, pageSize,
                showUnsanitized));
    }

    /**
     * Lists failed runs across jobs, newest first: {@code GET /actuator/apscheduler/failures?page=0&size=20}.
     * @param securityContext who asks, to decide whether results are shown
     * @param failures the path segment {@code failures}
     * @param page the page number, from zero; 0 when not given
     * @param size the page size, 1 to {@value dev.apscheduler.history.RunPage#MAX_SIZE}; 20 when not given
     * @return the page, 404 or 400
     */
    @ReadOperation
    public WebEndpointResponse<Object> failures(SecurityContext securityContext, @Selector String failures,
            @Nullable String page, @Nullable String size) {
        if (!FAILURES.equals(failures)) {
            return noSuchResource(failures);
        }
        boolean showUnsanitized = this.showValues.isShown(securityContext, this.roles);
        return page(page, size, (pageNumber, pageSize) -> this.delegate.failures(pageNumber, pageSize,
                showUnsanitized));
    }

    /**
     * Pauses, resumes or runs a job: {@code POST /actuator/apscheduler/jobs/{id}} with
     * {@code {"action": "pause" | "resume" | "run"}}.
     * @param jobs the path segment {@code jobs}
     * @param id the job's id
     * @param action what to do
     * @return the job after the action, 404, 400 or 409
     */
    @WriteOperation
    public WebEndpointResponse<Object> changeJob(@Selector String jobs, @Selector String id,
            @Nullable String action) {
        return handle(jobs, () -> {
            JobAction parsed;
            try {
                parsed = JobAction.from(action);
            }
            catch (IllegalArgumentException ex) {
                return error(ErrorDescriptor.BAD_REQUEST, ex.getMessage());
            }
            return new WebEndpointResponse<>(this.delegate.perform(id, parsed));
        });
    }

    /**
     * Removes a job: {@code DELETE /actuator/apscheduler/jobs/{id}}.
     * @param jobs the path segment {@code jobs}
     * @param id the job's id
     * @return 204, or 404
     */
    @DeleteOperation
    public WebEndpointResponse<Object> removeJob(@Selector String jobs, @Selector String id) {
        return handle(jobs, () -> {
            this.delegate.removeJob(id);
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NO_CONTENT);
        });
    }

    private WebEndpointResponse<Object> handle(String jobs, Supplier<WebEndpointResponse<Object>> operation) {
        if (!JOBS.equals(jobs)) {
            return error(ErrorDescriptor.NOT_FOUND, "No such resource '" + jobs + "'; jobs are under 'jobs/{id}'");
        }
        return handle(operation);
    }

    private WebEndpointResponse<Object> handle(Supplier<WebEndpointResponse<Object>> operation) {
        try {
            return operation.get();
        }
        catch (JobLookupException | RunLookupException | RunHistoryOffException ex) {
            return error(ErrorDescriptor.NOT_FOUND, ex.getMessage());
        }
        catch (MaxInstancesReachedException | SchedulerNotRunningException ex) {
            return error(ErrorDescriptor.CONFLICT, ex.getMessage());
        }
        catch (RunHistoryUnavailableException ex) {
            return error(ErrorDescriptor.SERVICE_UNAVAILABLE, ex.getMessage());
        }
    }

    /**
     * Answers a page of runs; a page or size that is not a whole number or out of range is a bad request, naming it.
     */
    private WebEndpointResponse<Object> page(@Nullable String page, @Nullable String size, PageQuery query) {
        return handle(() -> {
            int pageNumber;
            int pageSize;
            try {
                pageNumber = number("page", page, 0);
                pageSize = number("size", size, ApschedulerEndpoint.DEFAULT_PAGE_SIZE);
                RunPage.check(pageNumber, pageSize);
            }
            catch (IllegalArgumentException ex) {
                return error(ErrorDescriptor.BAD_REQUEST, ex.getMessage());
            }
            return new WebEndpointResponse<>(query.find(pageNumber, pageSize));
        });
    }

    private static WebEndpointResponse<Object> noSuchResource(String resource) {
        return error(ErrorDescriptor.NOT_FOUND, "No such resource '" + resource + "'; jobs are under 'jobs/{id}', "
                + "their runs under 'jobs/{id}/runs', runs under 'runs/{runId}' and failed runs under 'failures'");
    }

    /**
     * Reads a query parameter that is a whole number; the page rule itself ({@code RunPage.check}) is the history's.
     */
    private static int number(String name, @Nullable String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static WebEndpointResponse<Object> error(int status, @Nullable String message) {
        return new WebEndpointResponse<>(ErrorDescriptor.of(status, String.valueOf(message)), status);
    }

    @FunctionalInterface
    private interface PageQuery {

        RunPageDescriptor find(int page, int size);

    }

    static class ApschedulerEndpointWebExtensionRuntimeHints implements RuntimeHintsRegistrar {

        private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

        @Override
        public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
            this.bindingRegistrar.registerReflectionHints(hints.reflection(), SchedulerDescriptor.class,
                    JobDetailsDescriptor.class, JobActionDescriptor.class, ErrorDescriptor.class,
                    RunDescriptor.class, RunPageDescriptor.class);
        }

    }

}
