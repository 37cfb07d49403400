package dev.apscheduler.spring.boot.actuate;

import java.util.Set;
import java.util.function.Supplier;

import dev.apscheduler.JobLookupException;
import dev.apscheduler.MaxInstancesReachedException;
import dev.apscheduler.SchedulerNotRunningException;
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
 * {@code /actuator/apscheduler/jobs/{id}}, answering an unknown id with 404, a missing or unknown action with 400 and
 * an action the job's state does not allow now with 409, each with a JSON body saying what was wrong.
 */
@EndpointWebExtension(endpoint = ApschedulerEndpoint.class)
@ImportRuntimeHints(ApschedulerEndpointWebExtensionRuntimeHints.class)
public class ApschedulerEndpointWebExtension {

    private static final String JOBS = "jobs";

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
     * Describes a job: {@code GET /actuator/apscheduler/jobs/{id}}.
     * @param securityContext who asks, to decide whether argument values are shown
     * @param jobs the path segment {@code jobs}
     * @param id the job's id
     * @return the job, or 404
     */
    @ReadOperation
    public WebEndpointResponse<Object> job(SecurityContext securityContext, @Selector String jobs,
            @Selector String id) {
        boolean showUnsanitized = this.showValues.isShown(securityContext, this.roles);
        return handle(jobs, () -> new WebEndpointResponse<>(this.delegate.job(id, showUnsanitized)));
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
        try {
            return operation.get();
        }
        catch (JobLookupException ex) {
            return error(ErrorDescriptor.NOT_FOUND, ex.getMessage());
        }
        catch (MaxInstancesReachedException | SchedulerNotRunningException ex) {
            return error(ErrorDescriptor.CONFLICT, ex.getMessage());
        }
    }

    private static WebEndpointResponse<Object> error(int status, @Nullable String message) {
        return new WebEndpointResponse<>(ErrorDescriptor.of(status, String.valueOf(message)), status);
    }

    static class ApschedulerEndpointWebExtensionRuntimeHints implements RuntimeHintsRegistrar {

        private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

        @Override
        public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
            this.bindingRegistrar.registerReflectionHints(hints.reflection(), SchedulerDescriptor.class,
                    JobDetailsDescriptor.class, JobActionDescriptor.class, ErrorDescriptor.class);
        }

    }

}
