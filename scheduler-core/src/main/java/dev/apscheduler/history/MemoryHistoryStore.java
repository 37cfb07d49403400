package dev.apscheduler.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The default history store: records in memory, bounded per job (the newest {@code maxRunsPerJob} of each job are
 * kept as records arrive, older ones dropped at once), lost when the process ends.
 */
public final class MemoryHistoryStore implements HistoryStore {

    /** How many records per job the store keeps unless told otherwise. */
    public static final int DEFAULT_MAX_RUNS_PER_JOB = 100;

    private final int maxRunsPerJob;

    /** Per job, its records by run id, highest (newest) first. */
    private final Map<String, NavigableMap<String, RunRecord>> byJob = new HashMap<>();

    private final Map<String, RunRecord> byRunId = new HashMap<>();

    /**
     * Creates a store keeping {@value #DEFAULT_MAX_RUNS_PER_JOB} records per job.
     */
    public MemoryHistoryStore() {
        this(DEFAULT_MAX_RUNS_PER_JOB);
    }

    /**
     * Creates a store.
     * @param maxRunsPerJob how many records to keep per job, at least one
     * @throws IllegalArgumentException if {@code maxRunsPerJob} is below one
     */
    public MemoryHistoryStore(int maxRunsPerJob) {
        if (maxRunsPerJob < 1) {
            throw new IllegalArgumentException("max_runs_per_job must be >= 1 for the memory history, was "
                    + maxRunsPerJob);
        }
        this.maxRunsPerJob = maxRunsPerJob;
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public synchronized void save(List<RunRecord> records) {
        for (RunRecord record : records) {
            RunRecord previous = this.byRunId.put(record.runId(), record);
            if (previous != null && !previous.jobId().equals(record.jobId())) {
                remove(previous);
            }
            NavigableMap<String, RunRecord> runs = this.byJob.computeIfAbsent(record.jobId(),
                    (id) -> new TreeMap<>(Comparator.reverseOrder()));
            runs.put(record.runId(), record);
            while (runs.size() > this.maxRunsPerJob) {
                this.byRunId.remove(runs.pollLastEntry().getKey());
            }
        }
    }

    @Override
    public synchronized Optional<RunRecord> findRun(String runId) {
        return Optional.ofNullable(this.byRunId.get(runId));
    }

    @Override
    public synchronized RunPage findRuns(String jobId, int page, int size) {
        RunPage.check(page, size);
        NavigableMap<String, RunRecord> runs = this.byJob.get(jobId);
        if (runs == null) {
            return new RunPage(List.of(), page, size, 0);
        }
        return page(new ArrayList<>(runs.values()), page, size);
    }

    @Override
    public synchronized RunPage findFailures(int page, int size) {
        RunPage.check(page, size);
        List<RunRecord> failures = new ArrayList<>();
        for (RunRecord record : this.byRunId.values()) {
            if (record.outcome().isFailure()) {
                failures.add(record);
            }
        }
        failures.sort(Comparator.comparing(RunRecord::runId).reversed());
        return page(failures, page, size);
    }

    @Override
    public synchronized List<String> findFailingJobs(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, was " + runs);
        }
        List<String> failing = new ArrayList<>();
        this.byJob.forEach((jobId, records) -> {
            int seen = 0;
            for (RunRecord record : records.values()) {
                if (!record.outcome().isCompletedRun()) {
                    continue;
                }
                if (!record.outcome().isFailure()) {
                    return;
                }
                if (++seen == runs) {
                    failing.add(jobId);
                    return;
                }
            }
        });
        failing.sort(null);
        return failing;
    }

    @Override
    public synchronized long prune(@Nullable Instant olderThan, int maxRunsPerJob) {
        long removed = 0;
        for (Iterator<NavigableMap<String, RunRecord>> jobs = this.byJob.values().iterator(); jobs.hasNext();) {
            NavigableMap<String, RunRecord> runs = jobs.next();
            int kept = 0;
            for (Iterator<RunRecord> records = runs.values().iterator(); records.hasNext();) {
                RunRecord record = records.next();
                boolean tooOld = olderThan != null && record.scheduledAt().isBefore(olderThan);
                boolean tooMany = maxRunsPerJob > 0 && kept >= maxRunsPerJob;
                if (tooOld || tooMany) {
                    records.remove();
                    this.byRunId.remove(record.runId());
                    removed++;
                }
                else {
                    kept++;
                }
            }
            if (runs.isEmpty()) {
                jobs.remove();
            }
        }
        return removed;
    }

    private void remove(RunRecord record) {
        NavigableMap<String, RunRecord> runs = this.byJob.get(record.jobId());
        if (runs != null) {
            runs.remove(record.runId());
            if (runs.isEmpty()) {
                this.byJob.remove(record.jobId());
            }
        }
    }

    private static RunPage page(List<RunRecord> all, int page, int size) {
        long from = (long) page * size;
        if (from >= all.size()) {
            return new RunPage(List.of(), page, size, all.size());
        }
        int to = (int) Math.min(all.size(), from + size);
        return new RunPage(all.subList((int) from, to), page, size, all.size());
    }

}
