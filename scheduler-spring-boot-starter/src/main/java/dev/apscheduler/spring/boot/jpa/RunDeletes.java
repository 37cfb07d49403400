package dev.apscheduler.spring.boot.jpa;

import java.util.List;
import java.util.StringJoiner;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The history store's {@code DELETE} statements, each run in the caller's transaction.
 */
final class RunDeletes {

    private RunDeletes() {
    }

    /**
     * Deletes rows by run id.
     * @return how many rows were deleted
     */
    static int byRunIds(EntityManager entityManager, List<String> runIds) {
        if (runIds.isEmpty()) {
            return 0;
        }
        Query delete = entityManager.createNativeQuery("DELETE FROM " + RunRows.TABLE + " WHERE run_id IN "
                + SqlPlaceholders.list(runIds.size()));
        for (int i = 0; i < runIds.size(); i++) {
            delete.setParameter(i + 1, runIds.get(i));
        }
        return delete.executeUpdate();
    }

    /**
     * Deletes, for each job, its rows up to a run id: one range of the {@code (job_id, run_id)} index per job.
     * @return how many rows were deleted
     */
    static int upTo(EntityManager entityManager, List<RunPruning.Cut> cuts) {
        if (cuts.isEmpty()) {
            return 0;
        }
        StringJoiner ranges = new StringJoiner(" OR ");
        cuts.forEach((cut) -> ranges.add("(job_id = ? AND run_id <= ?)"));
        Query delete = entityManager.createNativeQuery("DELETE FROM " + RunRows.TABLE + " WHERE " + ranges);
        int position = 1;
        for (RunPruning.Cut cut : cuts) {
            delete.setParameter(position++, cut.jobId());
            delete.setParameter(position++, cut.runId());
        }
        return delete.executeUpdate();
    }

}
