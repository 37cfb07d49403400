package dev.apscheduler.spring.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Schedules a bean method as a job: the counterpart of APScheduler's {@code scheduled_job} decorator.
 *
 * <p>The trigger is given by its alias and its parameters under APScheduler's names, each a string attribute so that
 * {@code ${...}} placeholders can be used:
 * <pre class="code">
 * &#64;ScheduledJob(seconds = "2")                                  // interval
 * &#64;ScheduledJob(cron = "0 3 * * mon-fri")                       // crontab string
 * &#64;ScheduledJob(trigger = "cron", dayOfWeek = "mon-fri", hour = "9")
 * &#64;ScheduledJob(runDate = "2030-01-01 12:00:00")                // once
 * &#64;ScheduledJob(id = "report", minutes = "${report.every:15}", misfireGraceTime = "none")
 * </pre>
 * {@link #trigger()} may be left out when the attributes imply it: {@link #cron()} alone means a crontab, only
 * interval units mean {@code interval}, only {@link #runDate()} means {@code date}. Attributes left empty are not
 * set, so the trigger's and the scheduler's defaults apply.
 *
 * <p>The method takes no parameter or one {@link dev.apscheduler.job.JobContext}; its return value is reported in
 * the job-executed event. The annotation is repeatable and may be used as a meta-annotation. The default job id is
 * {@code beanName.methodName}; ids must be unique in the application. The method is registered as a task named by
 * its {@link JobTask} annotation if it has one, else {@code beanName.methodName}, and is called through the bean's
 * proxy, if any. A job declared in a persistent job store keeps its schedule state across restarts while its
 * declaration is unchanged, and is replaced when it changes.
 *
 * <p>Failed runs are retried when {@link #maxAttempts()} is above one, and runs are bounded by {@link #timeout()}:
 * <pre class="code">
 * &#64;ScheduledJob(cron = "0 3 * * *", maxAttempts = "5", retryBackoff = "30s", retryOn = IOException.class,
 *         timeout = "10m")
 * </pre>
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ScheduledJobs.class)
@Reflective(ScheduledJobReflectiveProcessor.class)
public @interface ScheduledJob {

    /** Job id; defaults to {@code beanName.methodName}. */
    String id() default "";

    /** Job name; defaults to the job id. */
    String name() default "";

    /** Trigger alias: {@code cron}, {@code interval}, {@code date}, {@code calendarinterval}; inferred if empty. */
    String trigger() default "";

    /** A crontab string (five fields, POSIX meaning), for example {@code 0 3 * * *} or {@code @daily}. */
    String cron() default "";

    /** Interval: weeks between runs. */
    String weeks() default "";

    /** Interval: days between runs (calendar interval: days to add). */
    String days() default "";

    /** Interval: hours between runs. */
    String hours() default "";

    /** Interval: minutes between runs. */
    String minutes() default "";

    /** Interval: seconds between runs. */
    String seconds() default "";

    /** Calendar interval: years to add. */
    String years() default "";

    /** Calendar interval: months to add. */
    String months() default "";

    /** Cron field: 4-digit year. */
    String year() default "";

    /** Cron field: month (1-12 or jan-dec). */
    String month() default "";

    /** Cron field: day of the month (1-31, {@code last}, {@code 2nd fri}, {@code last sun}). */
    String day() default "";

    /** Cron field: ISO week (1-53). */
    String week() default "";

    /** Cron field: day of the week (0-6 with 0 = Monday, or mon-sun). */
    String dayOfWeek() default "";

    /** Cron field (calendar interval: the wall time's hour): hour (0-23). */
    String hour() default "";

    /** Cron field (calendar interval: the wall time's minute): minute (0-59). */
    String minute() default "";

    /** Cron field (calendar interval: the wall time's second): second (0-59). */
    String second() default "";

    /** Date trigger: when to run, for example {@code 2030-01-01 12:00:00}. */
    String runDate() default "";

    /** Earliest possible fire time. */
    String startDate() default "";

    /** Latest possible fire time. */
    String endDate() default "";

    /** Time zone of the trigger, for example {@code Europe/Helsinki}; defaults to the scheduler's. */
    String timezone() default "";

    /** Largest random delay added to each fire time, in seconds. */
    String jitter() default "";

    /** How late a run may start and still run: seconds, a duration such as {@code 30s}, or {@code none}. */
    String misfireGraceTime() default "";

    /** Whether to run once instead of several times when several runs are due at once: {@code true}/{@code false}. */
    String coalesce() default "";

    /** Largest number of concurrently running instances of the job. */
    String maxInstances() default "";

    /**
     * Where {@link #maxInstances()} is counted: {@code instance} (by each scheduler instance, the default) or
     * {@code cluster} (across every scheduler instance sharing the job's store, which must support run slots).
     */
    String maxInstancesScope() default "";

    /** Alias of the executor that runs the job; defaults to {@code default}. */
    String executor() default "";

    /** Alias of the job store that keeps the job; defaults to {@code default}. */
    String jobstore() default "";

    /**
     * How many times one fire time runs at most, counting the first run: {@code 1} (no retry, the default) to
     * {@code 1000}. A run that fails (throws, or exceeds its {@link #timeout()}) is tried again after a backoff.
     */
    String maxAttempts() default "";

    /** Wait before the first retry: seconds, a duration such as {@code 30s}, or ISO-8601; defaults to one second. */
    String retryBackoff() default "";

    /** How much each further wait grows, from {@code 1} (every wait the same) to {@code 100}; defaults to {@code 2}. */
    String retryMultiplier() default "";

    /** Longest wait between two attempts, as a duration; defaults to one hour (at least {@link #retryBackoff()}). */
    String retryMaxBackoff() default "";

    /** Largest random time added to each wait, as a duration of up to one day; defaults to none. */
    String retryJitter() default "";

    /** The exceptions that are retried, with their subclasses; any exception when empty (the default). */
    Class<? extends Throwable>[] retryOn() default {};

    /**
     * How long a run may take: a duration (seconds, {@code 30s}, {@code PT5M}) of up to 365 days, or {@code none}
     * (the default). A run that takes longer is interrupted and reported as timed out ({@code JOB_TIMED_OUT}); it
     * counts as a failure for {@link #maxAttempts()}.
     */
    String timeout() default "";

}
