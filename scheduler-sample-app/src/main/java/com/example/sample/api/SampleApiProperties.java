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
     * Returns the limits the job requests are checked against, named by this class's properties.
     * @return the limits
     */
    public RequestLimits requestLimits() {
        return new RequestLimits(this.maxNameLength, this.maxArgumentsSize, "sample.api");
    }

}
