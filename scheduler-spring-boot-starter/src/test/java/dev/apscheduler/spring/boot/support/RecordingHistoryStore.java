package dev.apscheduler.spring.boot.support;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apscheduler.history.HistoryStore;
import dev.apscheduler.history.MemoryHistoryStore;
import dev.apscheduler.history.RunPage;
import dev.apscheduler.history.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * A memory history that also keeps every record written to it, in the order written: what a test reads to see not
 * only a run's last state but each state it went through.
 */
public final class RecordingHistoryStore implements HistoryStore {

    private final MemoryHistoryStore delegate = new MemoryHistoryStore();

    private final List<RunRecord> saved = new CopyOnWriteArrayList<>();

    /**
     * Returns the records written for a run, in the order written.
     * @param runId the run's id
     * @return its records
     */
    public List<RunRecord> savedFor(String runId) {
        return this.saved.stream().filter((record) -> record.runId().equals(runId)).toList();
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public void save(List<RunRecord> records) {
        this.saved.addAll(records);
        this.delegate.save(records);
    }

    @Override
    public Optional<RunRecord> findRun(String runId) {
        return this.delegate.findRun(runId);
    }

    @Override
    public RunPage findRuns(String jobId, int page, int size) {
        return this.delegate.findRuns(jobId, page, size);
    }

    @Override
    public RunPage findFailures(int page, int size) {
        return this.delegate.findFailures(page, size);
    }

    @Override
    public List<String> findFailingJobs(int runs) {
        return this.delegate.findFailingJobs(runs);
    }

    @Override
    public long prune(@Nullable Instant olderThan, int maxRunsPerJob) {
        return this.delegate.prune(olderThan, maxRunsPerJob);
    }

}
