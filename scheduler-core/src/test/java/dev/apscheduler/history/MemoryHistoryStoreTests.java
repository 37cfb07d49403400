package dev.apscheduler.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class MemoryHistoryStoreTests extends HistoryStoreContractTests {

    @Override
    protected HistoryStore createStore() {
        return new MemoryHistoryStore(1000);
    }

    @Test
    void keepsOnlyTheNewestRunsOfEachJobAsRecordsArrive() {
        MemoryHistoryStore bounded = new MemoryHistoryStore(3);
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(record("job", RunOutcome.SUCCESS, T0.plusSeconds(i)));
        }
        bounded.save(records);
        assertThat(bounded.findRuns("job", 0, 10).runs()).extracting(RunRecord::runId)
            .containsExactly(records.get(4).runId(), records.get(3).runId(), records.get(2).runId());
        assertThat(bounded.findRun(records.get(0).runId())).isEmpty();
        assertThat(bounded.type()).isEqualTo("memory");
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MemoryHistoryStore(0))
            .withMessageContaining("max_runs_per_job").withMessageContaining("0");
    }

    @Test
    void recordsArrivingOutOfOrderAreKeptInRunIdOrder() {
        MemoryHistoryStore bounded = new MemoryHistoryStore(3);
        bounded.save(List.of(run("r-05", "job", RunOutcome.SUCCESS, 5), run("r-02", "job", RunOutcome.SUCCESS, 2),
                run("r-07", "job", RunOutcome.ERROR, 7), run("r-03", "job", RunOutcome.SUCCESS, 3)));
        assertThat(bounded.findRuns("job", 0, 10).runs()).extracting(RunRecord::runId)
            .containsExactly("r-07", "r-05", "r-03");
        // older than every record kept: saved and dropped at once, as the newest three are what is kept
        bounded.save(List.of(run("r-01", "job", RunOutcome.SUCCESS, 1)));
        assertThat(bounded.findRun("r-01")).isEmpty();
        assertThat(bounded.findRun("r-02")).isEmpty();
        // the same run id again replaces its record in its place
        bounded.save(List.of(run("r-05", "job", RunOutcome.ERROR, 5)));
        assertThat(bounded.findRuns("job", 0, 10).runs()).extracting(RunRecord::runId, RunRecord::outcome)
            .containsExactly(tuple("r-07", RunOutcome.ERROR), tuple("r-05", RunOutcome.ERROR),
                    tuple("r-03", RunOutcome.SUCCESS));
        // a run id saved again for another job leaves the first one's records
        bounded.save(List.of(run("r-05", "other", RunOutcome.SUCCESS, 5)));
        assertThat(bounded.findRuns("job", 0, 10).runs()).extracting(RunRecord::runId)
            .containsExactly("r-07", "r-03");
        assertThat(bounded.findRuns("other", 0, 10).runs()).extracting(RunRecord::runId).containsExactly("r-05");
    }

    /**
     * Saves, prunes and queries at random, in both this store and a model of its rules (each job's records in a
     * sorted map, the newest {@code maxRunsPerJob} kept): every answer agrees, over run ids mostly rising, some older
     * than the rest, some between two others, some saved again, some moving to another job.
     */
    @Test
    void agreesWithASortedModelOverRandomSavesAndPrunes() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            int maxRunsPerJob = 1 + random.nextInt(6);
            MemoryHistoryStore store = new MemoryHistoryStore(maxRunsPerJob);
            Model model = new Model(maxRunsPerJob);
            List<String> runIds = new ArrayList<>();
            // run ids of one width, so that their order is their number's: rising from 10000, older ones below it,
            // and some placed between two made before
            int nextRun = 10_000;
            int olderRun = 9_999;
            for (int step = 0; step < 300; step++) {
                int action = random.nextInt(20);
                if (action == 0) {
                    Instant olderThan = random.nextBoolean() ? null : T0.plusSeconds(900 + random.nextInt(200));
                    int maxRuns = random.nextInt(5);
                    assertThat(store.prune(olderThan, maxRuns)).as("seed %d step %d: pruned", seed, step)
                        .isEqualTo(model.prune(olderThan, maxRuns));
                    continue;
                }
                List<RunRecord> batch = new ArrayList<>();
                int size = 1 + random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    String runId;
                    int kind = random.nextInt(10);
                    if (kind < 5 || runIds.isEmpty()) {
                        runId = String.format("run-%05d", nextRun++);
                        runIds.add(runId);
                    }
                    else if (kind < 7) {
                        runId = String.format("run-%05d", olderRun--);
                        runIds.add(runId);
                    }
                    else if (kind < 8) {
                        // between two run ids made before: right after the one of that number
                        int after = olderRun + random.nextInt(nextRun - olderRun);
                        runId = String.format("run-%05d-%d", after, runIds.size());
                        runIds.add(runId);
                    }
                    else {
                        runId = runIds.get(random.nextInt(runIds.size()));
                    }
                    RunOutcome outcome = switch (random.nextInt(4)) {
                        case 0 -> RunOutcome.ERROR;
                        case 1 -> RunOutcome.RUNNING;
                        case 2 -> RunOutcome.MISSED;
                        default -> RunOutcome.SUCCESS;
                    };
                    batch.add(run(runId, "job-" + random.nextInt(4), outcome, random.nextInt(300) + 800));
                }
                store.save(batch);
                model.save(batch);
                String description = "seed " + seed + " step " + step;
                for (int job = 0; job < 4; job++) {
                    assertThat(store.findRuns("job-" + job, 0, 100).runs()).as(description)
                        .isEqualTo(model.runs("job-" + job));
                }
                for (String runId : runIds) {
                    assertThat(store.findRun(runId)).as(description).isEqualTo(model.find(runId));
                }
                assertThat(store.findFailures(0, 1000).runs()).as(description).isEqualTo(model.failures());
                int failingRuns = 1 + random.nextInt(3);
                assertThat(store.findFailingJobs(failingRuns)).as(description).isEqualTo(model.failing(failingRuns));
            }
        }
    }

    private static RunRecord run(String runId, String jobId, RunOutcome outcome, int second) {
        Instant scheduledAt = T0.plusSeconds(second);
        RunRecord running = RunRecord.running(runId, jobId, "default", "default", "task", scheduledAt, 1,
                scheduledAt, "host-1");
        return switch (outcome) {
            case RUNNING -> running;
            case ERROR -> running.failed(outcome, scheduledAt.plusMillis(20), new IllegalStateException("boom"));
            default -> running.ended(outcome, scheduledAt.plusMillis(20));
        };
    }

    /** The store's rules, kept in sorted maps: each job's records by run id, newest first. */
    private static final class Model {

        private final int maxRunsPerJob;

        private final Map<String, NavigableMap<String, RunRecord>> byJob = new HashMap<>();

        private final Map<String, RunRecord> byRunId = new HashMap<>();

        Model(int maxRunsPerJob) {
            this.maxRunsPerJob = maxRunsPerJob;
        }

        void save(List<RunRecord> records) {
            for (RunRecord record : records) {
                RunRecord previous = this.byRunId.put(record.runId(), record);
                if (previous != null && !previous.jobId().equals(record.jobId())) {
                    NavigableMap<String, RunRecord> runs = this.byJob.get(previous.jobId());
                    runs.remove(previous.runId());
                    if (runs.isEmpty()) {
                        this.byJob.remove(previous.jobId());
                    }
                }
                NavigableMap<String, RunRecord> runs = this.byJob.computeIfAbsent(record.jobId(),
                        (id) -> new TreeMap<>(Comparator.reverseOrder()));
                runs.put(record.runId(), record);
                while (runs.size() > this.maxRunsPerJob) {
                    this.byRunId.remove(runs.pollLastEntry().getKey());
                }
            }
        }

        long prune(Instant olderThan, int maxRuns) {
            long removed = 0;
            for (Iterator<NavigableMap<String, RunRecord>> jobs = this.byJob.values().iterator(); jobs.hasNext();) {
                NavigableMap<String, RunRecord> runs = jobs.next();
                int kept = 0;
                for (Iterator<RunRecord> records = runs.values().iterator(); records.hasNext();) {
                    RunRecord record = records.next();
                    if ((olderThan != null && record.scheduledAt().isBefore(olderThan))
                            || (maxRuns > 0 && kept >= maxRuns)) {
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

        List<RunRecord> runs(String jobId) {
            NavigableMap<String, RunRecord> runs = this.byJob.get(jobId);
            return (runs != null) ? new ArrayList<>(runs.values()) : List.of();
        }

        Optional<RunRecord> find(String runId) {
            return Optional.ofNullable(this.byRunId.get(runId));
        }

        List<RunRecord> failures() {
            return this.byRunId.values().stream().filter((record) -> record.outcome().isFailure())
                .sorted(Comparator.comparing(RunRecord::runId).reversed()).toList();
        }

        List<String> failing(int runs) {
            List<String> failing = new ArrayList<>();
            this.byJob.forEach((jobId, records) -> {
                List<RunRecord> completed = records.values().stream()
                    .filter((record) -> record.outcome().isCompletedRun()).limit(runs).toList();
                if (completed.size() == runs && completed.stream().allMatch((record) -> record.outcome().isFailure())) {
                    failing.add(jobId);
                }
            });
            failing.sort(null);
            return failing;
        }

    }

}
