package dev.apscheduler.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.apscheduler.job.Job;
import dev.apscheduler.job.PendingRetry;
import dev.apscheduler.store.DueJobDecider;
import dev.apscheduler.store.JobDecision;
import dev.apscheduler.trigger.DateTimes;
import dev.apscheduler.trigger.Trigger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's decision for due jobs, APScheduler's {@code _get_run_times} and coalescing: every fire time from the
 * job's next run time up to {@code now}; with {@code coalesce} only the latest; then the trigger's next fire time
 * after the last run time, or removal when the trigger is finished.
 *
 * <p>Guarded against a clock jump: at most {@code maxComputed} fire times are computed per job and acquisition
 * (beyond that the trigger skips ahead to its first fire time from {@code now}) and at most {@code maxSubmitted},
 * the latest, are submitted; both are logged with counts. A trigger that throws, or goes backwards, pauses the job
 * (kept, reported) instead of breaking the store's acquire step.
 */
final class RunTimeCalculator implements DueJobDecider {

    /** How many fire times are computed for one job in one acquisition, at most. */
    public static final int DEFAULT_MAX_COMPUTED = 10_000;

    /** How many run times of one job are submitted at once, at most. */
    public static final int DEFAULT_MAX_SUBMITTED = 1_000;

    private static final Logger logger = LoggerFactory.getLogger(RunTimeCalculator.class);

    private final ZonedDateTime now;

    /** {@link #now} as seconds since the epoch. */
    private final long nowSeconds;

    private final int maxComputed;

    private final int maxSubmitted;

    private final List<Failure> failures = new ArrayList<>();

    /**
     * Creates the calculator for one acquisition with the default limits.
     * @param now the acquisition's time
     */
    public RunTimeCalculator(ZonedDateTime now) {
        this(now, DEFAULT_MAX_COMPUTED, DEFAULT_MAX_SUBMITTED);
    }

    /**
     * Creates the calculator for one acquisition.
     * @param now the acquisition's time
     * @param maxComputed how many fire times to compute per job at most
     * @param maxSubmitted how many run times to submit per job at most
     */
    public RunTimeCalculator(ZonedDateTime now, int maxComputed, int maxSubmitted) {
        this.now = now;
        this.nowSeconds = now.toEpochSecond();
        this.maxComputed = maxComputed;
        this.maxSubmitted = maxSubmitted;
    }

    @Override
    public JobDecision decide(Job job) {
        try {
            // A job claimed ahead (its due time is after now) is decided as it will be at its due time.
            ZonedDateTime due = job.dueTime().orElse(null);
            ZonedDateTime at = (due != null && isAfter(due, this.now)) ? due : this.now;
            if (job.pendingRetries().isEmpty()) {
                return compute(job, at);
            }
            return withRetries(job, at);
        }
        catch (RuntimeException ex) {
            logger.error("Trigger of job \"{}\" failed; the job is paused until it is rescheduled", job, ex);
            synchronized (this.failures) {
                this.failures.add(new Failure(job, ex));
            }
            return new JobDecision(List.of(), null, false, List.of(), job.pendingRetries());
        }
    }

    /**
     * Splits the retries due at {@code at} from those still waiting, and decides the trigger's runs only if the job's
     * next run time is due too (a job claimed for a retry keeps its next run time).
     */
    private JobDecision withRetries(Job job, ZonedDateTime at) {
        List<PendingRetry> due = new ArrayList<>();
        List<PendingRetry> waiting = new ArrayList<>();
        for (PendingRetry retry : job.pendingRetries()) {
            (retry.dueAt().isAfter(at) ? waiting : due).add(retry);
        }
        ZonedDateTime next = job.nextRunTime().orElse(null);
        if (next == null || next.isAfter(at)) {
            return new JobDecision(List.of(), next, job.triggerFinished(), due, waiting);
        }
        JobDecision runs = compute(job, at);
        return new JobDecision(runs.runTimes(), runs.nextRunTime(), runs.triggerFinished(), due, waiting);
    }

    /**
     * Works out the run times due at {@code now} and the next run time after them.
     * @param now the time decided at: never before the job's next run time ({@link #decide} decides at the job's due
     * time or later, {@link #withRetries} only once the next run time is due)
     */
    private JobDecision compute(Job job, ZonedDateTime now) {
        Trigger trigger = job.trigger();
        @Nullable ZonedDateTime next = job.nextRunTime().orElse(null);
        if (next != null && this.maxComputed > 0) {
            // The usual case, one run time due (next is not after now, see above), without the bookkeeping of
            // several: this runs for every job the loop hands over. With several due, the loop below starts over
            // from the first.
            ZonedDateTime following = following(trigger, next, now);
            if (following == null || isAfter(following, now)) {
                List<ZonedDateTime> single = List.of(next);
                return (following != null) ? JobDecision.reschedule(single, following) : JobDecision.remove(single);
            }
        }
        int keep = job.coalesce() ? 1 : this.maxSubmitted;
        Deque<ZonedDateTime> runTimes = new ArrayDeque<>();
        int computed = 0;
        long dropped = 0;
        while (next != null && !next.isAfter(now)) {
            if (computed == this.maxComputed) {
                next = skipAhead(job, next, runTimes.peekLast(), now);
                break;
            }
            if (runTimes.size() == keep) {
                runTimes.removeFirst();
                dropped++;
            }
            runTimes.addLast(next);
            computed++;
            next = following(trigger, next, now);
        }
        if (dropped > 0 && !job.coalesce()) {
            logger.warn("Job \"{}\": {} run times were due; only the latest {} are submitted", job,
                    dropped + runTimes.size(), runTimes.size());
        }
        List<ZonedDateTime> submitted = List.copyOf(runTimes);
        return (next != null) ? JobDecision.reschedule(submitted, next) : JobDecision.remove(submitted);
    }

    /**
     * Whether {@code time} is after {@code reference}, as {@link ZonedDateTime#isAfter} tells, comparing with the
     * acquisition's time without working out its epoch second again for every job.
     */
    private boolean isAfter(ZonedDateTime time, ZonedDateTime reference) {
        if (reference != this.now) {
            return time.isAfter(reference);
        }
        long seconds = time.toEpochSecond();
        return seconds > this.nowSeconds || (seconds == this.nowSeconds && time.getNano() > this.now.getNano());
    }

    private static @Nullable ZonedDateTime following(Trigger trigger, ZonedDateTime previous, ZonedDateTime now) {
        ZonedDateTime following = trigger.nextFireTime(previous, now).orElse(null);
        if (following != null && !following.isAfter(previous)) {
            throw new IllegalStateException("trigger " + trigger.describe() + " returned the fire time "
                    + following + ", which is not after the previous one, " + previous);
        }
        return following;
    }

    private @Nullable ZonedDateTime skipAhead(Job job, ZonedDateTime firstSkipped, @Nullable ZonedDateTime last,
            ZonedDateTime now) {
        ZonedDateTime resumed = job.trigger().nextFireTime(null, now).orElse(null);
        if (resumed == null) {
            logger.warn("Job \"{}\": more than {} run times were due (was the clock moved forward?); the trigger has "
                    + "no fire time from {} on", job, this.maxComputed, DateTimes.describe(now));
            return null;
        }
        if (last == null || !resumed.isAfter(last)) {
            return firstSkipped;
        }
        logger.warn("Job \"{}\": more than {} run times were due (was the clock moved forward?); skipped {} run times "
                + "from {} to {}", job, this.maxComputed, estimate(job, firstSkipped, resumed),
                DateTimes.describe(firstSkipped), DateTimes.describe(resumed));
        return resumed;
    }

    private String estimate(Job job, ZonedDateTime from, ZonedDateTime to) {
        ZonedDateTime start = job.nextRunTime().orElse(from);
        Duration computedSpan = Duration.between(start, from);
        if (computedSpan.isZero()) {
            return "some";
        }
        double perRun = (double) computedSpan.toNanos() / this.maxComputed;
        return "about " + Math.round(Duration.between(from, to).toNanos() / perRun);
    }

    /**
     * Returns the jobs whose trigger failed in this acquisition.
     * @return the failures
     */
    public List<Failure> failures() {
        synchronized (this.failures) {
            return List.copyOf(this.failures);
        }
    }

    /**
     * A job whose trigger failed.
     *
     * @param job the job
     * @param exception the trigger's failure
     */
    record Failure(Job job, RuntimeException exception) {
    }

}
