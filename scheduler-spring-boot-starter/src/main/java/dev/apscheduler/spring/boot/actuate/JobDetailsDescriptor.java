package dev.apscheduler.spring.boot.actuate;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

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
 * @param args the positional arguments, sanitised unless values are shown
 * @param kwargs the keyword arguments, sanitised unless values are shown
 * @param lastExecution the last run, or {@code null} when it has not run since the application started
 * @param runningInstances how many runs of the job are in progress
 */
public record JobDetailsDescriptor(String id, String name, String task, String jobstore, String executor,
        boolean paused, @Nullable ZonedDateTime nextRunTime, Map<String, @Nullable Object> trigger,
        List<ZonedDateTime> nextFireTimes, Options options, List<@Nullable Object> args,
        Map<String, @Nullable Object> kwargs, @Nullable LastExecution lastExecution, int runningInstances)
        implements OperationResponseBody {

    /**
     * A job's run options, under APScheduler's meaning.
     *
     * @param misfireGraceTime how late a run may start and still run, or {@code null} when runs happen however late
     * @param coalesce whether several due runs are rolled into one
     * @param maxInstances how many runs may execute at once
     */
    public record Options(@Nullable Duration misfireGraceTime, boolean coalesce, int maxInstances) {
    }

}
