package dev.apscheduler.spring.boot.actuate;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import dev.apscheduler.job.MaxInstancesScope;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.job.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * A job as {@code GET /actuator/apscheduler/jobs/{id}} shows it.
 *
 * @param id the job's id
 * @param name its name
 * @param task the name of the task it runs
 * @param jobstore the alias of its store
 * @param executor the alias of its executor
 * @param paused whether it is paused
 * @param nextRunTime when it runs next, or {@code null} when paused
 * @param trigger the trigger: its {@code type}, {@code description} and, under the type's name, its parameters; with
 * {@code error} when it cannot describe itself or give JSON parameters
 * @param nextFireTimes the next fire times from the next run time on, at most five; none when paused
 * @param options the job's run options
 * @param pendingRetries the retries of failed runs waiting to run, earliest first
 * @param args the positional arguments, sanitised unless values are shown
 * @param kwargs the keyword arguments, sanitised unless values are shown
 * @param lastExecution the last run that ended: from the run history when the scheduler keeps one, else learnt from
 * events since the application started; {@code null} when there is none
 * @param runningInstances how many runs of the job are in progress
 */
public record JobDetailsDescriptor(String id, String name, String task, String jobstore, String executor,
        boolean paused, @Nullable ZonedDateTime nextRunTime, Map<String, @Nullable Object> trigger,
        List<ZonedDateTime> nextFireTimes, Options options, List<PendingRetry> pendingRetries,
        List<@Nullable Object> args, Map<String, @Nullable Object> kwargs, @Nullable LastExecution lastExecution,
        int runningInstances) implements OperationResponseBody {

    /**
     * A job's run options, under APScheduler's meaning.
     *
     * @param misfireGraceTime how late a run may start and still run, or {@code null} when runs happen however late
     * @param coalesce whether several due runs are rolled into one
     * @param maxInstances how many runs may execute at once
     * @param timeout how long a run may take before it is interrupted, or {@code null} for no limit
     * @param retry when failed runs are tried again
     * @param maxInstancesScope where {@code maxInstances} is counted: {@code instance} (by each scheduler instance)
     * or {@code cluster} (across every instance sharing the job's store)
     */
    public record Options(@Nullable Duration misfireGraceTime, boolean coalesce, int maxInstances,
            @Nullable Duration timeout, Retry retry, String maxInstancesScope) {

        /**
         * Creates the options of a job whose {@code maxInstances} is counted by each scheduler instance.
         * @param misfireGraceTime how late a run may start and still run, or {@code null}
         * @param coalesce whether several due runs are rolled into one
         * @param maxInstances how many runs may execute at once
         * @param timeout how long a run may take before it is interrupted, or {@code null}
         * @param retry when failed runs are tried again
         */
        public Options(@Nullable Duration misfireGraceTime, boolean coalesce, int maxInstances,
                @Nullable Duration timeout, Retry retry) {
            this(misfireGraceTime, coalesce, maxInstances, timeout, retry, MaxInstancesScope.DEFAULT.value());
        }

    }

    /**
     * A job's retry policy: {@code max_attempts} attempts of one fire time at most, the n-th retry waiting
     * {@code backoff × multiplier^(n-1)}, at most {@code maxBackoff}, plus up to {@code jitter}, for the exceptions
     * named in {@code retryOn} (any when empty).
     *
     * @param maxAttempts how many times one fire time runs at most; 1 for no retry
     * @param backoff the wait before the first retry
     * @param multiplier how much each further wait grows
     * @param maxBackoff the longest wait
     * @param jitter the most random time added to a wait
     * @param retryOn the exception class names that are retried, empty for any
     */
    public record Retry(int maxAttempts, Duration backoff, double multiplier, Duration maxBackoff, Duration jitter,
            List<String> retryOn) {

        static Retry of(RetryPolicy policy) {
            return new Retry(policy.maxAttempts(), policy.backoff(), policy.multiplier(), policy.maxBackoff(),
                    policy.jitter(), policy.retryOn());
        }

    }

}
