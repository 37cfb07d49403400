package dev.apscheduler.spring.boot.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import dev.apscheduler.history.HistoryOptions;
import dev.apscheduler.history.MemoryHistoryStore;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;

/**
 * Run history of the auto-configured scheduler ({@code apscheduler.history.*}): where run records are kept, for how
 * long, and how they wait for the store. A {@link dev.apscheduler.history.HistoryStore} bean of the application's
 * replaces the store the {@code type} picks; the retention and buffer settings apply to it too.
 */
@ConfigurationProperties("apscheduler.history")
public class ApschedulerHistoryProperties {

    /**
     * Where run records are kept: 'memory' (the newest runs of each job, lost on restart), 'jpa' (the
     * 'apscheduler_runs' table of the application's database) or 'none' (no history). A HistoryStore bean replaces
     * it.
     */
    private Type type = Type.MEMORY;

    /**
     * How old a run record may get, by its fire time, before the background prune removes it: a duration ('7d',
     * '12h', 'PT72H', or seconds), or 'none' to keep records of any age.
     */
    private String maxAge = DurationStyle.SIMPLE.print(Objects.requireNonNull(HistoryOptions.DEFAULTS.maxAge()),
            ChronoUnit.DAYS);

    /**
     * How many run records to keep per job, the newest; older ones are removed as records arrive (memory) or by the
     * background prune (jpa).
     */
    private int maxRunsPerJob = MemoryHistoryStore.DEFAULT_MAX_RUNS_PER_JOB;

    /**
     * How often the background prune removes records beyond the age and count limits.
     */
    private Duration pruneInterval = HistoryOptions.DEFAULTS.pruneInterval();

    /**
     * How many run records wait at most for a slow or unavailable history store; beyond that the oldest are dropped.
     */
    private int bufferSize = HistoryOptions.DEFAULTS.bufferSize();

    /**
     * Returns where run records are kept.
     * @return the history type
     */
    public Type getType() {
        return this.type;
    }

    /**
     * Sets where run records are kept.
     * @param type the history type
     */
    public void setType(Type type) {
        this.type = type;
    }

    /**
     * Returns how old a run record may get.
     * @return a duration, or {@code none}
     */
    public String getMaxAge() {
        return this.maxAge;
    }

    /**
     * Sets how old a run record may get.
     * @param maxAge a duration, or {@code none} to keep records of any age
     */
    public void setMaxAge(String maxAge) {
        this.maxAge = maxAge;
    }

    /**
     * Returns how many run records are kept per job.
     * @return the limit
     */
    public int getMaxRunsPerJob() {
        return this.maxRunsPerJob;
    }

    /**
     * Sets how many run records are kept per job.
     * @param maxRunsPerJob the limit, at least one
     */
    public void setMaxRunsPerJob(int maxRunsPerJob) {
        this.maxRunsPerJob = maxRunsPerJob;
    }

    /**
     * Returns how often the background prune runs.
     * @return the interval
     */
    public Duration getPruneInterval() {
        return this.pruneInterval;
    }

    /**
     * Sets how often the background prune runs.
     * @param pruneInterval a positive interval
     */
    public void setPruneInterval(Duration pruneInterval) {
        this.pruneInterval = pruneInterval;
    }

    /**
     * Returns how many run records wait at most for the history store.
     * @return the buffer size
     */
    public int getBufferSize() {
        return this.bufferSize;
    }

    /**
     * Sets how many run records wait at most for the history store.
     * @param bufferSize the buffer size, at least one
     */
    public void setBufferSize(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    /**
     * Where run records are kept.
     */
    public enum Type {

        /** In memory, the newest {@code max-runs-per-job} runs of each job, lost when the application stops. */
        MEMORY,

        /** In the {@code apscheduler_runs} table of the application's database, through its JPA setup. */
        JPA,

        /** Nowhere: the scheduler keeps no history. */
        NONE

    }

}
