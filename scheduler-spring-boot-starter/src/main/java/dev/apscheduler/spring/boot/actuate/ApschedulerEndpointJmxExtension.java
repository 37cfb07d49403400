package dev.apscheduler.spring.boot.actuate;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.jmx.annotation.EndpointJmxExtension;

/**
 * {@link EndpointJmxExtension @EndpointJmxExtension} for the {@link ApschedulerEndpoint}: the job operations as
 * MBean operations taking the job's id. Errors (an unknown id or action) surface as the operation's exception, whose
 * message says what was wrong. JMX has no security context: argument values are shown unless
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
        return this.delegate.job(id, this.showValues.isShown(true));
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

}
