package com.example.sample.api;

import java.util.ArrayList;
import java.util.List;

import dev.apscheduler.job.JobSpec;
import dev.apscheduler.spring.boot.web.InvalidRequestException;
import dev.apscheduler.spring.boot.web.JobRequest;
import dev.apscheduler.spring.boot.web.JobRequests;
import org.jspecify.annotations.Nullable;

/**
 * Reads the jobs of a batch request: at most {@code sample.api.max-batch-size} of them, each checked as a single add
 * checks it, an error naming the element by its index ({@code [3].trigger}), so that a batch answered with an error
 * has stored nothing.
 */
final class JobBatchRequests {

    private final JobRequests requests;

    private final int maxBatchSize;

    JobBatchRequests(JobRequests requests, int maxBatchSize) {
        this.requests = requests;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Reads every element of the batch.
     * @param batch the elements, as read from the JSON array
     * @return the jobs' specifications, in the order given
     * @throws TooLargeException if the batch holds more jobs than allowed
     * @throws ElementException naming the first bad element and its field
     */
    List<JobSpec> specs(List<@Nullable JobRequest> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("the batch holds no jobs; send a JSON array of at least one job");
        }
        if (batch.size() > this.maxBatchSize) {
            throw new TooLargeException("the batch holds " + batch.size() + " jobs, more than "
                    + this.maxBatchSize + " (sample.api.max-batch-size); send it in several requests");
        }
        List<JobSpec> specs = new ArrayList<>(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            JobRequest request = batch.get(index);
            if (request == null) {
                throw new ElementException(index, null, "jobs[" + index + "] must be a job object, not null");
            }
            try {
                specs.add(this.requests.spec(request));
            }
            catch (InvalidRequestException ex) {
                throw new ElementException(index, ex.field(), "jobs[" + index + "]: " + ex.getMessage());
            }
        }
        return specs;
    }

    /**
     * A batch with more jobs than {@code sample.api.max-batch-size}: answered with 413.
     */
    static final class TooLargeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }

    }

    /**
     * A bad element of a batch: its index, and the field at fault within it, if one is.
     */
    static final class ElementException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int index;

        private final @Nullable String field;

        ElementException(int index, @Nullable String field, String message) {
            super(message);
            this.index = index;
            this.field = field;
        }

        int index() {
            return this.index;
        }

        /** The field as a path from the request's array: {@code [3].trigger}, or {@code [3]} for the element. */
        String path() {
            return "[" + this.index + "]" + ((this.field != null && !this.field.isEmpty()) ? "." + this.field : "");
        }

    }

}
