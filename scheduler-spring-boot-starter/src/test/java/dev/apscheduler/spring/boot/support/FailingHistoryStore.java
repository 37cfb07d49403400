package dev.apscheduler.spring.boot.support;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * A memory history that fails every call while {@link #failing} is set, as a database that went away would: the
 * scheduler keeps the records waiting, reports the outage, and writes them once it answers again. Its type is
 * {@code failing}.
 */
public final class FailingHistoryStore implements HistoryStore {

    /** Whether every call fails. */
    public volatile boolean failing;

    private final MemoryHistoryStore delegate = new MemoryHistoryStore();

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public void save(List<RunRecord> records) {
        check();
        this.delegate.save(records);
    }

    @Override
    public Optional<RunRecord> findRun(String runId) {
        check();
        return this.delegate.findRun(runId);
    }

    @Override
    public RunPage findRuns(String jobId, int page, int size) {
        check();
        return this.delegate.findRuns(jobId, page, size);
    }

    @Override
    public RunPage findFailures(int page, int size) {
        check();
        return this.delegate.findFailures(page, size);
    }

    @Override
    public List<String> findFailingJobs(int runs) {
        check();
        return this.delegate.findFailingJobs(runs);
    }

    @Override
    public long prune(@Nullable Instant olderThan, int maxRunsPerJob) {
        check();
        return this.delegate.prune(olderThan, maxRunsPerJob);
    }

    private void check() {
        if (this.failing) {
            throw new IllegalStateException("history database is down");
        }
    }

}
