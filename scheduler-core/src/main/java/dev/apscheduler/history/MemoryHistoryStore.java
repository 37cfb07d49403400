package dev.apscheduler.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The default history store: records in memory, bounded per job (the newest {@code maxRunsPerJob} of each job are
 * kept as records arrive, older ones dropped at once), lost when the process ends.
 */
public final class MemoryHistoryStore implements HistoryStore {

    /** How many records per job the store keeps unless told otherwise. */
    public static final int DEFAULT_MAX_RUNS_PER_JOB = 100;

    private final int maxRunsPerJob;

    /** Per job, its records in run id order. */
    private final Map<String, JobRuns> byJob = new HashMap<>();

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
            JobRuns runs = this.byJob.get(record.jobId());
            if (runs == null) {
                runs = new JobRuns();
                this.byJob.put(record.jobId(), runs);
            }
            runs.put(record);
            while (runs.size() > this.maxRunsPerJob) {
                this.byRunId.remove(runs.removeOldest().runId());
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
        JobRuns runs = this.byJob.get(jobId);
        if (runs == null) {
            return new RunPage(List.of(), page, size, 0);
        }
        return page(runs.newestFirst(), page, size);
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
            for (int i = 0; i < records.size(); i++) {
                RunRecord record = records.newest(i);
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
        for (Iterator<JobRuns> jobs = this.byJob.values().iterator(); jobs.hasNext();) {
            JobRuns runs = jobs.next();
            List<RunRecord> pruned = runs.prune(olderThan, maxRunsPerJob);
            for (RunRecord record : pruned) {
                this.byRunId.remove(record.runId());
            }
            removed += pruned.size();
            if (runs.size() == 0) {
                jobs.remove();
            }
        }
        return removed;
    }

    private void remove(RunRecord record) {
        JobRuns runs = this.byJob.get(record.jobId());
        if (runs != null) {
            runs.remove(record.runId());
            if (runs.size() == 0) {
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

    /**
     * One job's records, oldest run id first, in one array: a record newer than the job's others (nearly every one,
     * run ids growing with time) is appended and the oldest taken from the front, with one comparison of run ids and
     * no node per record. Records out of order are placed by binary search; the same run id again replaces its record.
     */
    private static final class JobRuns {

        private RunRecord[] records = new RunRecord[4];

        /** Where the oldest record is; the places before it are empty. */
        private int head;

        private int size;

        int size() {
            return this.size;
        }

        /** The record {@code i} places from the newest. */
        RunRecord newest(int i) {
            return this.records[this.head + this.size - 1 - i];
        }

        List<RunRecord> newestFirst() {
            List<RunRecord> runs = new ArrayList<>(this.size);
            for (int i = 0; i < this.size; i++) {
                runs.add(newest(i));
            }
            return runs;
        }

        /** Puts a record in run id order, in the place of the one with the same run id if there is one. */
        void put(RunRecord record) {
            String runId = record.runId();
            if (this.size == 0 || runId.compareTo(newest(0).runId()) > 0) {
                insert(this.size, record);
                return;
            }
            int index = indexOf(runId);
            if (index >= 0) {
                this.records[this.head + index] = record;
            }
            else {
                insert(-index - 1, record);
            }
        }

        RunRecord removeOldest() {
            RunRecord oldest = this.records[this.head];
            this.records[this.head] = null;
            this.size--;
            this.head = (this.size == 0) ? 0 : this.head + 1;
            return oldest;
        }

        void remove(String runId) {
            int index = indexOf(runId);
            if (index < 0) {
                return;
            }
            int at = this.head + index;
            System.arraycopy(this.records, at + 1, this.records, at, this.size - index - 1);
            this.size--;
            this.records[this.head + this.size] = null;
            if (this.size == 0) {
                this.head = 0;
            }
        }

        /**
         * Removes the records scheduled before {@code olderThan} and those beyond the newest {@code maxRuns}: the
         * records kept move up towards the newest, in place, and the places they leave are cleared.
         * @return the records removed
         */
        List<RunRecord> prune(@Nullable Instant olderThan, int maxRuns) {
            List<RunRecord> removed = new ArrayList<>();
            int end = this.head + this.size;
            // the records kept are [kept, end): written from the newest down, never past the one being read
            int kept = end;
            for (int read = end - 1; read >= this.head; read--) {
                RunRecord record = this.records[read];
                boolean tooOld = olderThan != null && record.scheduledAt().isBefore(olderThan);
                boolean tooMany = maxRuns > 0 && end - kept >= maxRuns;
                if (tooOld || tooMany) {
                    removed.add(record);
                }
                else {
                    this.records[--kept] = record;
                }
            }
            Arrays.fill(this.records, this.head, kept, null);
            this.size = end - kept;
            this.head = (this.size == 0) ? 0 : kept;
            return removed;
        }

        /** Binary search by run id: the index from the oldest, or {@code -(insertion point) - 1}. */
        private int indexOf(String runId) {
            int low = 0;
            int high = this.size - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int order = this.records[this.head + middle].runId().compareTo(runId);
                if (order < 0) {
                    low = middle + 1;
                }
                else if (order > 0) {
                    high = middle - 1;
                }
                else {
                    return middle;
                }
            }
            return -(low + 1);
        }

        /** Inserts at {@code index} from the oldest, making room at the end first. */
        private void insert(int index, RunRecord record) {
            if (this.head + this.size == this.records.length) {
                if (this.head >= this.records.length / 2) {
                    // at least half the array is free in front: the records move back to its start
                    System.arraycopy(this.records, this.head, this.records, 0, this.size);
                    Arrays.fill(this.records, this.size, this.head + this.size, null);
                    this.head = 0;
                }
                else {
                    RunRecord[] grown = new RunRecord[this.records.length * 2];
                    System.arraycopy(this.records, this.head, grown, 0, this.size);
                    this.records = grown;
                    this.head = 0;
                }
            }
            int at = this.head + index;
            System.arraycopy(this.records, at, this.records, at + 1, this.size - index);
            this.records[at] = record;
            this.size++;
        }

    }

}
