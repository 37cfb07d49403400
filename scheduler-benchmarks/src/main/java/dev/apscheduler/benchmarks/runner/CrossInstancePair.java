package dev.apscheduler.benchmarks.runner;

import java.util.Map;

/**
 * Two instances of a persistent scheduler on one database, as two application instances sharing it are: one only
 * adds jobs (it runs none), the other runs them. For the cross-instance wake-up workload: how soon a job due now,
 * added on the first instance, starts on the second.
 */
public interface CrossInstancePair extends AutoCloseable {

    /**
     * Describes both instances' setup, for the output: how the running instance learns of a new job.
     * @return the settings
     */
    Map<String, Object> settings();

    /**
     * Adds job {@code i}, due now, through the adding instance; the running instance calls the pair's callback when
     * the job starts.
     * @param i the job's number (negative for warm-ups), unique within the pair
     * @return when the add returned (its transaction committed), in {@link System#nanoTime()}
     * @throws Exception if the add fails
     */
    long addDueNow(int i) throws Exception;

    /**
     * Shuts both instances down and drops what they stored.
     */
    @Override
    void close();

}
