package com.example.sample.api;

import dev.apscheduler.spring.boot.web.RequestLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the REST API ({@code sample.api.*}): a request beyond them is refused before anything is stored.
 */
@ConfigurationProperties("sample.api")
public class SampleApiProperties {

    /** The default largest request body: 1 MB. */
    public static final DataSize DEFAULT_MAX_REQUEST_SIZE = DataSize.ofMegabytes(1);

    /** The default longest job name: 200 characters. */
    public static final int DEFAULT_MAX_NAME_LENGTH = RequestLimits.DEFAULT_MAX_NAME_LENGTH;

    /** The default largest {@code args} and {@code kwargs}, each written as JSON: 64 KB. */
    public static final DataSize DEFAULT_MAX_ARGUMENTS_SIZE = RequestLimits.DEFAULT_MAX_ARGUMENTS_SIZE;

    /**
     * The default largest number of jobs one batch request adds: 500, a job store's default batch size, so that a
     * batch is stored in one transaction, whole or not at all.
     */
    public static final int DEFAULT_MAX_BATCH_SIZE = 500;

    /** The default largest page of runs: 100. */
    public static final int DEFAULT_MAX_PAGE_SIZE = 100;

    /**
     * The largest request body; a larger one is answered with 413 before it is read to the end.
     */
    private DataSize maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;

    /**
     * The longest job name, in characters.
     */
    private int maxNameLength = DEFAULT_MAX_NAME_LENGTH;

    /**
     * The largest positional ({@code args}) and keyword ({@code kwargs}) arguments of a job, each written as JSON.
     */
    private DataSize maxArgumentsSize = DEFAULT_MAX_ARGUMENTS_SIZE;

    /**
     * The largest page of runs a request may ask for ({@code size}); at most the run history's own limit, 1000.
     */
    private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;

    /**
     * The most jobs one request to POST /api/jobs/batch may add; a larger batch is answered with 413.
     */
    private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;

    /**
     * Returns the largest request body.
     * @return the size
     */
    public DataSize getMaxRequestSize() {
        return this.maxRequestSize;
    }

    /**
     * Sets the largest request body.
     * @param maxRequestSize the size
     */
    public void setMaxRequestSize(DataSize maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    /**
     * Returns the longest job name.
     * @return the number of characters
     */
    public int getMaxNameLength() {
        return this.maxNameLength;
    }

    /**
     * Sets the longest job name.
     * @param maxNameLength the number of characters
     */
    public void setMaxNameLength(int maxNameLength) {
        this.maxNameLength = maxNameLength;
    }

    /**
     * Returns the largest {@code args} and {@code kwargs}, each written as JSON.
     * @return the size
     */
    public DataSize getMaxArgumentsSize() {
        return this.maxArgumentsSize;
    }

    /**
     * Sets the largest {@code args} and {@code kwargs}, each written as JSON.
     * @param maxArgumentsSize the size
     */
    public void setMaxArgumentsSize(DataSize maxArgumentsSize) {
        this.maxArgumentsSize = maxArgumentsSize;
    }

    /**
     * Returns the largest page of runs.
     * @return the number of runs
     */
    public int getMaxPageSize() {
        return this.maxPageSize;
    }

    /**
     * Sets the largest page of runs.
     * @param maxPageSize the number of runs, 1 to 1000
     */
    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    /**
     * Returns the most jobs one batch request may add.
     * @return the number of jobs
     */
    public int getMaxBatchSize() {
        return this.maxBatchSize;
    }

    /**
     * Sets the most jobs one batch request may add.
     * @param maxBatchSize the number of jobs, at least one
     */
    public void setMaxBatchSize(int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("sample.api.max-batch-size must be >= 1, was " + maxBatchSize);
        }
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Returns the limits the job requests are checked against, named by this class's properties.
     * @return the limits
     */
    public RequestLimits requestLimits() {
        return new RequestLimits(this.maxNameLength, this.maxArgumentsSize, "sample.api");
    }

}
