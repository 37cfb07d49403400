package dev.apscheduler.spring.boot.web;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.apscheduler.ConfigurationException;
import dev.apscheduler.config.ConfigValues;
import dev.apscheduler.job.InvalidJobOptionException;
import dev.apscheduler.job.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Reads the run options of a request ({@link RunOptionsRequest}): the retry policy with the core's reader, so that
 * names, accepted forms and errors are the ones used everywhere, and the timeout as a misfire grace time is read.
 */
final class RunOptions {

    private RunOptions() {
    }

    /**
     * Reads the retry options of a request; the options left out take their values from {@code base}.
     * @param request the request
     * @param base the policy the options apply to, asked for only when the request gives one
     * @return the policy, or {@code null} when the request gives no retry option
     * @throws InvalidRequestException naming the option whose value is wrong
     */
    static @Nullable RetryPolicy retryPolicy(RunOptionsRequest request, Supplier<RetryPolicy> base) {
        Map<String, Object> options = request.retryOptions();
        if (options.isEmpty()) {
            return null;
        }
        try {
            return RetryPolicy.fromOptions(options, base.get());
        }
        catch (InvalidJobOptionException ex) {
            throw new InvalidRequestException(ex.parameter(), String.valueOf(ex.getMessage()));
        }
    }

    /**
     * Reads a timeout: seconds ({@code 30}, {@code 0.5}), a duration ({@code 30s}, {@code PT1M}) or {@code "none"}
     * for no limit. The upper bound is the job options' own check.
     * @param value the value given
     * @return the timeout, or {@code null} for no limit
     * @throws InvalidRequestException naming {@code timeout} if the value is not a positive duration or none
     */
    static @Nullable Duration timeout(Object value) {
        try {
            return ConfigValues.misfireGraceTime("timeout", value).orElse(null);
        }
        catch (ConfigurationException ex) {
            throw new InvalidRequestException("timeout", String.valueOf(ex.getMessage()));
        }
    }

}
