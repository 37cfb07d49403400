package dev.apscheduler.spring.boot.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.jmx.annotation.EndpointJmxExtension;

/**
 * {@link EndpointJmxExtension @EndpointJmxExtension} for the {@link ApschedulerEndpoint}: the job operations as
 * MBean operations taking the job's id, and the run history's as operations taking a job's or a run's id and a page.
 * Errors (an unknown id or action, a bad page, no run history) surface as the operation's exception, whose message
 * says what was wrong. JMX has no security context: argument values and results are shown unless
 * {@code show-values} is {@link Show#NEVER}, as Boot's other endpoints do over JMX.
 */
@EndpointJmxExtension(endpoint = ApschedulerEndpoint.class)
public class ApschedulerEndpointJmxExtension {

    private final ApschedulerEndpoint delegate;

    private final Show showValues;

    /**
     * Creates the extension.
     * @param delegate the endpoint
     * @param showValues when argument values are shown unsanitised
     */
    public ApschedulerEndpointJmxExtension(ApschedulerEndpoint delegate, Show showValues) {
        this.delegate = delegate;
        this.showValues = showValues;
    }

    /**
     * Describes a job.
     * @param id the job's id
     * @return the job
     * @throws dev.apscheduler.JobLookupException if there is no such job
     */
    @ReadOperation
    public JobDetailsDescriptor job(String id) {
        return this.delegate.job(id, shown());
    }

    /**
     * Lists a job's runs, newest first.
     * @param id the job's id
     * @param page the page number, from zero; 0 when {@code null}
     * @param size the page size, 1 to {@value dev.apscheduler.history.RunPage#MAX_SIZE}; 20 when {@code null}
     * @return the page
     * @throws IllegalArgumentException if the page or size is out of range
     * @throws RunHistoryOffException if the scheduler keeps no run history
     * @throws dev.apscheduler.JobLookupException if there is no such job and no run of it is recorded
     */
    @ReadOperation
    public RunPageDescriptor jobRuns(String id, @Nullable Integer page, @Nullable Integer size) {
        return this.delegate.jobRuns(id, pageNumber(page), pageSize(size), shown());
    }

    /**
     * Describes a run, with the stack trace of a failure.
     * @param runId the run's id
     * @return the run
     * @throws RunHistoryOffException if the scheduler keeps no run history
     * @throws RunLookupException if there is no such run
     */
    @ReadOperation
    public RunDescriptor run(String runId) {
        return this.delegate.run(runId, shown());
    }

    /**
     * Lists failed runs across jobs, newest first.
     * @param page the page number, from zero; 0 when {@code null}
     * @param size the page size, 1 to {@value dev.apscheduler.history.RunPage#MAX_SIZE}; 20 when {@code null}
     * @return the page
     * @throws IllegalArgumentException if the page or size is out of range
     * @throws RunHistoryOffException if the scheduler keeps no run history
     */
    @ReadOperation
    public RunPageDescriptor failures(@Nullable Integer page, @Nullable Integer size) {
        return this.delegate.failures(pageNumber(page), pageSize(size), shown());
    }

    /**
     * Pauses, resumes or runs a job.
     * @param id the job's id
     * @param action {@code pause}, {@code resume} or {@code run}
     * @return the job after the action
     * @throws IllegalArgumentException if the action is missing or unknown
     * @throws dev.apscheduler.JobLookupException if there is no such job
     */
    @WriteOperation
    public JobActionDescriptor changeJob(String id, String action) {
        return this.delegate.perform(id, JobAction.from(action));
    }

    /**
     * Removes a job.
     * @param id the job's id
     * @throws dev.apscheduler.JobLookupException if there is no such job
     */
    @DeleteOperation
    public void removeJob(String id) {
        this.delegate.removeJob(id);
    }

    private boolean shown() {
        return this.showValues.isShown(true);
    }

    private static int pageNumber(@Nullable Integer page) {
        return (page != null) ? page : 0;
    }

    private static int pageSize(@Nullable Integer size) {
        return (size != null) ? size : ApschedulerEndpoint.DEFAULT_PAGE_SIZE;
    }

}
