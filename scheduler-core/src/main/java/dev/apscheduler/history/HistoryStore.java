package dev.apscheduler.history;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Keeps run records: the service provider interface behind the {@code memory} history, the starter's {@code jpa}
 * history and any other. Separate from the job store: a job store holds what is scheduled, a history store what
 * ran.
 *
 * <p>The scheduler writes records from one background thread, in batches ({@link #save}); a record is saved when a
 * run starts and again when it ends, so {@code save} inserts a record or replaces the one with the same run id. It
 * reads through the query methods from any thread. Implementations are thread-safe; their failures surface as
 * runtime exceptions, which the scheduler reports and retries without ever holding up a run.
 *
 * <p>Every store must pass the contract tests {@code HistoryStoreContractTests} from the core's test jar.
 */
public interface HistoryStore {

    /**
     * Starts the store: called by the scheduler when it starts.
     */
    default void start() {
    }

    /**
     * Releases the store's resources; called when the scheduler shuts down.
     */
    default void shutdown() {
    }

    /**
     * Returns the store's type name, as configured under {@code apscheduler.history.type}, for monitoring.
     * @return the type; by default the class name without its {@code HistoryStore} suffix, in lower case
     */
    default String type() {
        String name = getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
        String suffix = "HistoryStore";
        String base = (name.endsWith(suffix) && name.length() > suffix.length())
                ? name.substring(0, name.length() - suffix.length()) : name;
        return base.toLowerCase(Locale.ROOT);
    }

    /**
     * Tells whether records outlive the process.
     * @return whether the store is persistent
     */
    boolean isPersistent();

    /**
     * Saves records, each inserted or replacing the stored one with the same run id, all in one step where the store
     * can (one transaction).
     * @param records the records, at most one per run id
     */
    void save(List<RunRecord> records);

    /**
     * Finds one run.
     * @param runId the run's id
     * @return the record, or empty when the store holds none with that id
     */
    Optional<RunRecord> findRun(String runId);

    /**
     * Lists a job's runs, newest first (highest run id first).
     * @param jobId the job's id
     * @param page the page number, from zero
     * @param size the page size, 1 to {@link RunPage#MAX_SIZE}
     * @return the page
     * @throws IllegalArgumentException if the page or size is out of range
     */
    RunPage findRuns(String jobId, int page, int size);

    /**
     * Lists failed runs ({@link RunOutcome#isFailure()}) across jobs, newest first.
     * @param page the page number, from zero
     * @param size the page size, 1 to {@link RunPage#MAX_SIZE}
     * @return the page
     * @throws IllegalArgumentException if the page or size is out of range
     */
    RunPage findFailures(int page, int size);

    /**
     * Finds the jobs whose last {@code runs} completed runs ({@link RunOutcome#isCompletedRun()}) all failed.
     * @param runs how many completed runs to look at, at least one
     * @return the job ids, sorted
     */
    List<String> findFailingJobs(int runs);

    /**
     * Removes records older than a time (by their fire time) and, per job, all but the newest {@code maxRunsPerJob}.
     * @param olderThan records scheduled before this time go, or {@code null} to keep any age
     * @param maxRunsPerJob how many records to keep per job, or {@code 0} for any number
     * @return how many records were removed
     */
    long prune(@Nullable Instant olderThan, int maxRunsPerJob);

}
